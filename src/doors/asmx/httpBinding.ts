import type { Request, Response } from 'express';
import { readBodyOr413 } from '../../http/rawBody';
import { requestIdOf } from '../../http/requestId';
import { sendBody } from '../../http/sendBody';
import type { DoorDeps } from '../doorDeps';
import { parseWireInt } from '../wireInt';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { lookupMethod, type OperationSpec } from './methodLookup';
import { OPERATIONS, type OperationArgs } from './operations';
import { answerPlain, answerTooLarge, AsmxRefusal } from './refusals';
import { XML_DECLARATION } from './xml';

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
function readArgs(spec: OperationSpec, params: Map<string, string>): OperationArgs {
  const args: OperationArgs = {};
  for (const param of spec.params) {
    const raw = params.get(param.name.toLowerCase());
    if (raw === undefined) throw new AsmxRefusal(ASMX_DOOR_ERRORS.MISSING_PARAMETER, param.name);
    const value = raw.trim();
    if (param.type === 'int') {
      const int = parseWireInt(value);
      if (int === undefined) throw new AsmxRefusal(ASMX_DOOR_ERRORS.NOT_AN_INT, value);
      args[param.name] = int;
    } else {
      args[param.name] = value;
    }
  }
  return args;
}

/** GET /srv.asmx/<Method>?a=.. and POST /srv.asmx/<Method> with a form body. */
export function httpBindingHandler(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const method = String(req.params.method);
    const isGet = req.method === 'GET';
    res.locals.door = isGet ? 'asmx-get' : 'asmx-post';
    const lookup = lookupMethod(method);
    if ('unknown' in lookup) return answerPlain(res, ASMX_DOOR_ERRORS.UNKNOWN_METHOD, method);
    if ('wrongCase' in lookup) return answerPlain(res, ASMX_DOOR_ERRORS.METHOD_CASE, method, lookup.wrongCase.name);

    let params: URLSearchParams;
    if (isGet) {
      params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
    } else {
      const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        req.resume();
        return answerPlain(res, ASMX_DOOR_ERRORS.FORM_CONTENT_TYPE, type || '(none)');
      }
      const body = await readBodyOr413(req, deps.config.maxBodyBytes, answerTooLarge);
      if (body === null) return;
      params = new URLSearchParams(body.toString('utf8'));
    }
    let args: OperationArgs;
    try {
      args = readArgs(lookup.found, lowerCaseParams(params));
    } catch (err) {
      if (err instanceof AsmxRefusal) return answerPlain(res, err.row, ...err.values);
      throw err;
    }
    const operation = OPERATIONS.get(lookup.found.name);
    if (!operation) return answerPlain(res, ASMX_DOOR_ERRORS.UNKNOWN_METHOD, method);
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
