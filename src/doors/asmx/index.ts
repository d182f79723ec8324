import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import type { DoorRoute } from '../../http/routes';
import { renderDisco } from './discoDocument';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { renderHelpPage, renderOperationPage } from './helpPages';
import { httpBindingHandler } from './httpBinding';
import { answerErrorPage } from './errorPages';
import { soapBindingHandler } from './soap/soapBinding';
import { undecodablePathGuard } from './undecodablePath';
import { renderWsdl } from './wsdlDocument';

/** The WSDL's addresses name the host the client used, as ASMX does. */
function serviceUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/srv.asmx`;
}

/** ?wsdl, ?WSDL and ?disco are flags without a value; ?op=Name picks an operation page. */
function queryFlags(req: Request): Map<string, string> {
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const flags = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) flags.set(key.toLowerCase(), value);
  return flags;
}

/** The path as sent, without the query. */
function pathOf(req: Request): string {
  const q = req.url.indexOf('?');
  return q < 0 ? req.url : req.url.slice(0, q);
}

function serviceDocuments(req: Request, res: Response): void {
  res.locals.door = 'asmx-docs';
  // ASMX's documentation handler serves GET only; Express hands HEAD to the GET route.
  if (req.method === 'HEAD') return serviceMethodNotAllowed(req, res);
  // Express matches /srv.asmx/ here too; ASMX reads it as an empty method name.
  if (pathOf(req).endsWith('/')) return answerErrorPage(res, ASMX_DOOR_ERRORS.UNRECOGNIZED_URL, '/');
  const url = serviceUrlOf(req);
  const flags = queryFlags(req);
  if (flags.has('wsdl')) {
    res.type('text/xml; charset=utf-8').send(renderWsdl(url));
    return;
  }
  if (flags.has('disco')) {
    res.type('text/xml; charset=utf-8').send(renderDisco(url));
    return;
  }
  const op = flags.get('op');
  const page = op === undefined ? renderHelpPage(url) : (renderOperationPage(url, op) ?? renderHelpPage(url));
  res.type('text/html; charset=utf-8').send(page);
}

/** PUT, DELETE, OPTIONS and HEAD on /srv.asmx: 405 with ASP.NET's small HTML error. */
function serviceMethodNotAllowed(req: Request, res: Response): void {
  req.resume();
  res.set('Allow', 'GET, POST');
  answerErrorPage(res, ASMX_DOOR_ERRORS.METHOD_NOT_ALLOWED);
}

/** Other verbs on /srv.asmx/<Method>: no protocol of ASMX claims them, so ASP.NET's 500 error page. */
function methodVerbUnrecognized(req: Request, res: Response): void {
  req.resume();
  answerErrorPage(res, ASMX_DOOR_ERRORS.UNRECOGNIZED_URL, `/${String(req.params.method)}`);
}

/**
 * infoRouter's srv.asmx: SOAP 1.1/1.2 on POST, HTTP GET and form POST per method, and its
 * documents. The routes that carry status changes are fast.
 */
export function asmxRoutes(deps: DoorDeps): DoorRoute[] {
  const soap = soapBindingHandler(deps);
  const http = httpBindingHandler(deps);
  return [
    // First: a path Express cannot decode would otherwise fail before the routes below run.
    { prefix: '/srv.asmx', router: undecodablePathGuard() },
    { path: '/srv.asmx', methods: { GET: serviceDocuments, POST: soap }, fast: ['POST'], otherMethods: serviceMethodNotAllowed },
    { path: '/srv.asmx/:method', methods: { GET: http, POST: http }, fast: ['GET', 'POST'], otherMethods: methodVerbUnrecognized },
  ];
}
