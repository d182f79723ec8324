import type { Request, Response } from 'express';
import { readBodyOr413 } from '../../http/rawBody';
import { requestIdOf } from '../../http/requestId';
import type { DoorDeps } from '../doorDeps';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { indentedDocument } from './indentDocument';
import { readInt32 } from './int32';
import { lookupMethod, type OperationSpec } from './methodLookup';
import { OPERATIONS, type OperationArgs } from './operations';
import { answerPlain, tooLargeAnswer, AsmxRefusal, sendAsmx } from './refusals';
import { dangerousValue } from './requestValidation';

/** A parameter as ASP.NET's NameValueCollection keeps it: the first spelling of its name, every value. */
interface Param {
  key: string;
  value: string;
}

/**
 * Parameter names are case-insensitive in ASMX's GET and form bindings, and a name given twice
 * has its values joined with a comma, as NameValueCollection joins them: `StatusCode=1&StatusCode=0`
 * is the text "1,0", which is no integer, rather than one of the two.
 */
function collectParams(pairs: URLSearchParams): Map<string, Param> {
  const params = new Map<string, Param>();
  for (const [key, value] of pairs) {
    const name = key.toLowerCase();
    const seen = params.get(name);
    if (seen) seen.value += `,${value}`;
    else params.set(name, { key, value });
  }
  return params;
}

/** ASCII white space, what Int32 parsing also skips; a Unicode space is part of the value. */
const ASCII_SPACE_AROUND = /^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g;

/**
 * String values lose surrounding ASCII white space: the seed's form example puts each pair on its
 * own line, and a client sending it verbatim must not have a line break inside its ticket. Int
 * values are read as System.Int32 reads them, and named in the refusal as sent.
 */
function readArgs(spec: OperationSpec, params: Map<string, Param>): OperationArgs {
  const args: OperationArgs = {};
  for (const param of spec.params) {
    const raw = params.get(param.name.toLowerCase())?.value;
    if (raw === undefined) throw new AsmxRefusal(ASMX_DOOR_ERRORS.MISSING_PARAMETER, param.name);
    if (param.type === 'int') {
      const int = readInt32(raw);
      if ('error' in int)
        throw new AsmxRefusal(int.error === 'overflow' ? ASMX_DOOR_ERRORS.INT_OVERFLOW : ASMX_DOOR_ERRORS.NOT_AN_INT, raw);
      args[param.name] = int.value;
    } else {
      args[param.name] = raw.replace(ASCII_SPACE_AROUND, '');
    }
  }
  return args;
}

/** The method segment as ASMX sees it: a trailing slash stays part of the name, which then names no method. */
function methodNameOf(req: Request): string {
  const method = String(req.params.method);
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  return path.endsWith('/') ? `${method}/` : method;
}

/** GET /srv.asmx/<Method>?a=.. and POST /srv.asmx/<Method> with a form body. */
export function httpBindingHandler(deps: DoorDeps) {
  const answerTooLarge = tooLargeAnswer(deps.config.maxDiscardBytes);
  return async (req: Request, res: Response): Promise<void> => {
    const method = methodNameOf(req);
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    res.locals.door = isGet ? 'asmx-get' : 'asmx-post';
    const lookup = lookupMethod(method);
    if ('unknown' in lookup) {
      if (!isGet) req.resume();
      return answerPlain(res, ASMX_DOOR_ERRORS.UNKNOWN_METHOD, method);
    }
    if ('wrongCase' in lookup) {
      if (!isGet) req.resume();
      return answerPlain(res, ASMX_DOOR_ERRORS.METHOD_CASE, method, lookup.wrongCase.name);
    }

    let params: URLSearchParams;
    if (isGet) {
      params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
    } else {
      const header = req.get('content-type') ?? '';
      const type = header.split(';')[0].trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        req.resume();
        return answerPlain(res, ASMX_DOOR_ERRORS.FORM_CONTENT_TYPE, header);
      }
      const body = await readBodyOr413(req, deps.config.maxBodyBytes, answerTooLarge);
      if (body === null) return;
      params = new URLSearchParams(body.toString('utf8'));
    }
    const collected = collectParams(params);
    const dangerous = dangerousValue(collected);
    if (dangerous !== null) {
      return answerPlain(res, ASMX_DOOR_ERRORS.DANGEROUS_VALUE, isGet ? 'Request.QueryString' : 'Request.Form', dangerous);
    }
    let args: OperationArgs;
    try {
      args = readArgs(lookup.found, collected);
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
    sendAsmx(res, 200, 'text/xml; charset=utf-8', indentedDocument(fragment));
  };
}
