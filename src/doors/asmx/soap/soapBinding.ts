import type { Request, Response } from 'express';
import type { DoorDeps } from '../../doorDeps';
import { BodyTooLargeError, readRawBody } from '../../../http/rawBody';
import { requestIdOf } from '../../../http/requestId';
import { sendBody } from '../../../http/sendBody';
import { ASMX_DOOR_ERRORS } from '../errorTable';
import { operationByName, type OperationSpec } from '../methodLookup';
import { OPERATIONS, type OperationArgs } from '../operations';
import { MalformedXmlError, readEnvelope, RefusedXmlError, type BodyElement } from './envelopeReader';
import { soapFault, soapResult } from './soapRender';
import { SOAP11, SOAP12, type SoapVersion } from './soapVersion';

const TEMPURI = 'http://tempuri.org/';
const INT = /^\s*[+-]?\d+\s*$/;

class SoapFault extends Error {
  constructor(
    readonly faultCode: string,
    message: string,
  ) {
    super(message);
  }
}

const fill = (template: string, ...values: string[]): string => values.reduce((t, v, i) => t.replace(`{${i}}`, v), template);

/** The version the content type asks for; null means 415. Parameters of the media type are kept. */
function versionOf(req: Request): { version: SoapVersion; action: string | null } | null {
  const header = req.get('content-type') ?? '';
  const [type, ...params] = header.split(';').map((p) => p.trim());
  const media = type.toLowerCase();
  if (media === 'text/xml') {
    const soapAction = req.get('soapaction');
    return { version: SOAP11, action: soapAction === undefined ? null : soapAction.trim().replace(/^"(.*)"$/, '$1') };
  }
  if (media === 'application/soap+xml') {
    const actionParam = params.find((p) => /^action\s*=/i.test(p));
    const action = actionParam ? actionParam.replace(/^action\s*=\s*/i, '').replace(/^"(.*)"$/, '$1') : null;
    return { version: SOAP12, action };
  }
  return null;
}

function operationForAction(action: string): OperationSpec | undefined {
  return action.startsWith(TEMPURI) ? operationByName(action.slice(TEMPURI.length)) : undefined;
}

/** XmlSerializer reads only parameters qualified in tempuri; absent strings are null, absent ints refused. */
function bodyArgs(spec: OperationSpec, body: BodyElement): OperationArgs {
  const args: OperationArgs = {};
  for (const param of spec.params) {
    const value = body.children.get(param.name);
    if (param.type === 'int') {
      if (value === undefined || !INT.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new SoapFault(
          'soap:Client',
          fill(
            ASMX_DOOR_ERRORS.UNREADABLE_REQUEST.message,
            `There is an error in XML document: ${param.name} is missing or is not an integer.`,
          ),
        );
      }
      args[param.name] = Number(value);
    } else {
      args[param.name] = value;
    }
  }
  return args;
}

/** POST /srv.asmx: SOAP 1.1 and 1.2, each answered in its own version. */
export function soapBindingHandler(deps: DoorDeps) {
  const limits = { maxElements: deps.config.maxXmlElements, maxDepth: deps.config.maxXmlDepth };

  return async (req: Request, res: Response): Promise<void> => {
    const routed = versionOf(req);
    if (!routed) {
      req.resume();
      res.status(415).end();
      return;
    }
    const { version } = routed;
    res.locals.door = version.door;
    const fault = (status: number, code: string, message: string): void => {
      sendBody(res, status, version.contentType, soapFault(version, code, message));
    };

    let xml: string;
    try {
      xml = (await readRawBody(req, deps.config.maxBodyBytes)).toString('utf8');
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        res.status(413).set('Connection', 'close').end();
        return;
      }
      throw err;
    }

    // ASMX routes 1.1 by the SOAPAction header before it reads the body.
    let spec: OperationSpec | undefined;
    if (version === SOAP11) {
      spec = operationForAction(routed.action ?? '');
      if (!spec) return fault(500, 'soap:Client', fill(ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION.message, routed.action ?? ''));
    } else if (routed.action !== null) {
      spec = operationForAction(routed.action);
      if (!spec) return fault(500, 'soap:Client', fill(ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION.message, routed.action));
    }

    try {
      const envelope = readEnvelope(xml, limits);
      if (envelope.rootName !== 'Envelope' || envelope.rootNs !== version.envelopeNs) {
        if (envelope.rootName === 'Envelope' && envelope.rootNs === SOAP11.envelopeNs && version === SOAP12) {
          res.status(415).end();
          return;
        }
        return fault(500, 'soap:VersionMismatch', fill(ASMX_DOOR_ERRORS.VERSION_MISMATCH.message, envelope.rootNs, version.envelopeNs));
      }
      if (envelope.mustUnderstand.length > 0) {
        return fault(500, 'soap:MustUnderstand', fill(ASMX_DOOR_ERRORS.MUST_UNDERSTAND.message, envelope.mustUnderstand[0]));
      }
      const body = envelope.body;
      spec ??= body && body.ns === TEMPURI ? operationByName(body.name) : undefined;
      if (!spec) return fault(500, 'soap:Client', fill(ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION.message, routed.action ?? ''));
      if (!body || body.ns !== TEMPURI || body.name !== spec.name) {
        const seen = body ? `<${body.name} xmlns='${body.ns}'>` : 'An empty soap:Body';
        throw new SoapFault('soap:Client', fill(ASMX_DOOR_ERRORS.UNREADABLE_REQUEST.message, `${seen} was not expected.`));
      }
      const args = bodyArgs(spec, body);
      const operation = OPERATIONS.get(spec.name);
      if (!operation) throw new SoapFault('soap:Client', fill(ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION.message, spec.name));
      const fragment = await operation(args, { engine: deps.engine, logger: deps.logger, requestId: requestIdOf(res), door: version.door });
      sendBody(res, 200, version.contentType, soapResult(version, spec.name, fragment));
    } catch (err) {
      if (err instanceof MalformedXmlError) {
        res.status(400).end();
        return;
      }
      if (err instanceof RefusedXmlError) return fault(500, 'soap:Client', fill(ASMX_DOOR_ERRORS.UNREADABLE_REQUEST.message, err.message));
      if (err instanceof SoapFault) return fault(500, err.faultCode, err.message);
      deps.logger.error({ err, reqId: requestIdOf(res) }, 'asmx soap request failed');
      return fault(500, 'soap:Server', fill(ASMX_DOOR_ERRORS.SERVER_FAULT.message, 'Internal error.'));
    }
  };
}
