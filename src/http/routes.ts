import type { Request, Response, Router } from 'express';

/** Answers one request; a rejected promise ends in the front door's last-resort handler. */
export type RouteHandler = (req: Request, res: Response) => void | Promise<void>;

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The methods the fast table serves; every other one (HEAD included) goes through Express. */
export type FastMethod = 'GET' | 'POST';

/**
 * One path of a door, declared once: its handler per method, which of those the fast table also
 * serves, and what answers every other method (a 405 belongs to the path it refuses).
 */
export interface PathRoute {
  /** Express path syntax. A fast path is plain ('/srv.asmx') or ends in one parameter ('/srv.asmx/:method'). */
  path: string;
  methods: Partial<Record<RouteMethod, RouteHandler>>;
  /** Methods also served without Express's router: only the measured hot routes. */
  fast?: readonly FastMethod[];
  /** Every method not in `methods`; without it, such requests fall through to the 404. */
  otherMethods?: RouteHandler;
}

/** A prefix a door routes itself with an Express router, for its own middleware and error renderer. */
export interface RouterMount {
  prefix: string;
  router: Router;
}

export type DoorRoute = PathRoute | RouterMount;

/**
 * A shared per-request step (request id, access log, metrics, throttling): the front door runs
 * every step, in order, once for every request before any route is chosen. A step that has
 * answered the request itself (a throttle's 429) returns 'answered' and nothing else runs.
 */
export type RequestStep = (req: Request, res: Response) => void | 'answered';
