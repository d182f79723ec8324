import type { Request, Response } from 'express';
import { BodyTooLargeError, readRawBody } from '../../http/rawBody';
import { requestIdOf } from '../../http/requestId';
import { sendBody } from '../../http/sendBody';
import type { DoorDeps } from '../doorDeps';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { lookupMethod } from './methodLookup';
import { OPERATIONS, type OperationArgs } from './operations';
import { XML_DECLARATION } from './xml';

const INT = /^\s*[+-]?\d+\s*$/;

class BindingError extends Error {}

function format(template: string, ...values: string[]): string {
  return values.reduce((text, value, i) => text.replace(`{${i}}`, value), template);
}

/** Parameter names are case-insensitive in ASMX's GET and form bindings; the first value wins. */
function lowerCaseParams(pairs: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of pairs) {
    const name = key.trim().toLowerCase();
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

/**
 * Values are trimmed: the seed's form example puts each pair on its own line, and a client
 * sending it verbatim must not have a line break inside its ticket.
 */
function readArgs(method: string, params: Map<string, string>): OperationArgs {
  const spec = lookupMethod(method);
  if (!('found' in spec)) throw new BindingError('unreachable');
  const args: OperationArgs = {};
  for (const param of spec.found.params) {
    const raw = params.get(param.name.toLowerCase());
    if (raw === undefined) throw new BindingError(format(ASMX_DOOR_ERRORS.MISSING_PARAMETER.message, param.name));
    const value = raw.trim();
    if (param.type === 'int') {
      if (!INT.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new BindingError(format(ASMX_DOOR_ERRORS.NOT_AN_INT.message, value));
      }
      args[param.name] = Number(value);
    } else {
      args[param.name] = value;
    }
  }
  return args;
}

function plainError(res: Response, status: number, message: string): void {
  sendBody(res, status, 'text/plain; charset=utf-8', message);
}

/** GET /srv.asmx/<Method>?a=.. and POST /srv.asmx/<Method> with a form body. */
export function httpBindingHandler(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const method = String(req.params.method);
    const isGet = req.method === 'GET';
    res.locals.door = isGet ? 'asmx-get' : 'asmx-post';
    const lookup = lookupMethod(method);
    if ('unknown' in lookup) return plainError(res, 500, format(ASMX_DOOR_ERRORS.UNKNOWN_METHOD.message, method));
    if ('wrongCase' in lookup) return plainError(res, 500, format(ASMX_DOOR_ERRORS.METHOD_CASE.message, method, lookup.wrongCase.name));

    let params: URLSearchParams;
    if (isGet) {
      params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
    } else {
      const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        req.resume();
        return plainError(res, 500, format(ASMX_DOOR_ERRORS.FORM_CONTENT_TYPE.message, type || '(none)'));
      }
      try {
        params = new URLSearchParams((await readRawBody(req, deps.config.maxBodyBytes)).toString('utf8'));
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          res.status(413).set('Connection', 'close').end();
          return;
        }
        throw err;
      }
    }
    let args: OperationArgs;
    try {
      args = readArgs(method, lowerCaseParams(params));
    } catch (err) {
      if (err instanceof BindingError) return plainError(res, 500, err.message);
      throw err;
    }
    const operation = OPERATIONS.get(lookup.found.name);
    if (!operation) return plainError(res, 500, format(ASMX_DOOR_ERRORS.UNKNOWN_METHOD.message, method));
    const fragment = await operation(args, {
      engine: deps.engine,
      logger: deps.logger,
      requestId: requestIdOf(res),
      door: res.locals.door,
    });
    // The bare document, as ASMX writes an XmlNode result on its GET and POST bindings.
    sendBody(res, 200, 'text/xml; charset=utf-8', `${XML_DECLARATION}\r\n${fragment.replace(' xmlns=""', '')}`);
  };
}
