import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import type { PathRoute } from '../../http/routes';
import { renderDisco } from './discoDocument';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { renderHelpPage, renderOperationPage } from './helpPages';
import { httpBindingHandler } from './httpBinding';
import { answerEmpty } from './refusals';
import { soapBindingHandler } from './soap/soapBinding';
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

function serviceDocuments(req: Request, res: Response): void {
  res.locals.door = 'asmx-docs';
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

function methodNotAllowed(_req: Request, res: Response): void {
  res.set('Allow', 'GET, POST');
  answerEmpty(res, ASMX_DOOR_ERRORS.METHOD_NOT_ALLOWED);
}

/**
 * infoRouter's srv.asmx: SOAP 1.1/1.2 on POST, HTTP GET and form POST per method, and its
 * documents. The routes that carry status changes are fast.
 */
export function asmxRoutes(deps: DoorDeps): PathRoute[] {
  const soap = soapBindingHandler(deps);
  const http = httpBindingHandler(deps);
  return [
    { path: '/srv.asmx', methods: { GET: serviceDocuments, POST: soap }, fast: ['POST'], otherMethods: methodNotAllowed },
    { path: '/srv.asmx/:method', methods: { GET: http, POST: http }, fast: ['GET', 'POST'], otherMethods: methodNotAllowed },
  ];
}
