import type { Request } from 'express';
import type { DoorRoute, FastMethod, RouteHandler } from './routes';

/** One hot route: a method and an exact path, or a prefix whose one remaining segment is a parameter. */
interface FastEntry {
  method: FastMethod;
  /** The exact path, or a prefix ending in '/' whose one remaining segment becomes params[param]. */
  path: string;
  param?: string;
  /** The declared path, the route's label in the metrics. */
  route: string;
  handler: RouteHandler;
}

export interface FastMatch {
  handler: RouteHandler;
  route: string;
  params: Request['params'];
}

/** Returns the hot route for a request's method and raw URL, or null for Express to decide. */
export type FastLookup = (method: string | undefined, url: string) => FastMatch | null;

/** Segments Express would decode or treat specially (%, dots, slashes) go the long way round. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_]+$/;
const PLAIN_PATH = /^\/[A-Za-z0-9_./-]*$/;
const NO_PARAMS: Request['params'] = Object.freeze({}) as Request['params'];

/** The fast entry of a declared path: only spellings whose meaning Express would not change. */
function entryFor(method: FastMethod, path: string, handler: RouteHandler): FastEntry {
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  const prefix = path.slice(0, slash + 1);
  if (PLAIN_PATH.test(path)) return { method, path, route: path, handler };
  if (last.startsWith(':') && PLAIN_SEGMENT.test(last.slice(1)) && PLAIN_PATH.test(prefix)) {
    return { method, path: prefix, param: last.slice(1), route: path, handler };
  }
  throw new Error(`The fast table serves plain paths with at most one final parameter, not ${path}`);
}

/** The fast entries of every declared path that names fast methods, in declaration order. */
export function fastEntries(routes: readonly DoorRoute[]): FastEntry[] {
  const entries: FastEntry[] = [];
  for (const route of routes) {
    if (!('path' in route)) continue;
    for (const method of route.fast ?? []) {
      const handler = route.methods[method];
      if (!handler) throw new Error(`${route.path} is fast for ${method} but has no ${method} handler`);
      entries.push(entryFor(method, route.path, handler));
    }
  }
  return entries;
}

/**
 * Matches the exact spellings only: every other spelling Express would also match (case,
 * trailing slash, percent-encoding, HEAD) goes through Express to the same handler.
 */
export function fastLookup(routes: readonly DoorRoute[]): FastLookup {
  const entries = fastEntries(routes);
  return (method, url) => {
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    for (const entry of entries) {
      if (entry.method !== method) continue;
      if (entry.param === undefined) {
        if (path === entry.path) return { handler: entry.handler, route: entry.route, params: NO_PARAMS };
      } else if (path.startsWith(entry.path)) {
        const segment = path.slice(entry.path.length);
        if (PLAIN_SEGMENT.test(segment)) return { handler: entry.handler, route: entry.route, params: { [entry.param]: segment } };
      }
    }
    return null;
  };
}
