import type { Request, Response } from 'express';
import type { DoorDeps } from '../../doorDeps';
import { readBodyOr413 } from '../../../http/rawBody';
import { requestIdOf } from '../../../http/requestId';
import { sendBody } from '../../../http/sendBody';
import { fillPlaceholders } from '../../fillPlaceholders';
import type { WireError } from '../../wireError';
import { parseWireInt } from '../../wireInt';
import { ASMX_DOOR_ERRORS } from '../errorTable';
import { operationByName, type OperationSpec } from '../methodLookup';
import { OPERATIONS, type OperationArgs } from '../operations';
import { answerEmpty, answerTooLarge, AsmxRefusal } from '../refusals';
import { MalformedXmlError, readEnvelope, RefusedXmlError, type BodyElement } from './envelopeReader';
import { soapFault, soapResult } from './soapRender';
import { SOAP11, SOAP12, type SoapVersion } from './soapVersion';

const TEMPURI = 'http://tempuri.org/';

/** Status, fault code and text all come from the row, so the error table is what goes out. */
function answerFault(res: Response, version: SoapVersion, row: WireError, ...values: string[]): void {
  sendBody(res, row.status, version.contentType, soapFault(version, row.code, fillPlaceholders(row.message, ...values)));
}

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
      const int = value === undefined ? undefined : parseWireInt(value);
      if (int === undefined) {
        throw new AsmxRefusal(
          ASMX_DOOR_ERRORS.UNREADABLE_REQUEST,
          `There is an error in XML document: ${param.name} is missing or is not an integer.`,
        );
      }
      args[param.name] = int;
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
      return answerEmpty(res, ASMX_DOOR_ERRORS.UNSUPPORTED_MEDIA_TYPE);
    }
    const { version } = routed;
    res.locals.door = version.door;
    const body = await readBodyOr413(req, deps.config.maxBodyBytes, answerTooLarge);
    if (body === null) return;
    const xml = body.toString('utf8');

    // ASMX routes 1.1 by the SOAPAction header before it reads the body.
    let spec: OperationSpec | undefined;
    if (version === SOAP11) {
      spec = operationForAction(routed.action ?? '');
      if (!spec) return answerFault(res, version, ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, routed.action ?? '');
    } else if (routed.action !== null) {
      spec = operationForAction(routed.action);
      if (!spec) return answerFault(res, version, ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, routed.action);
    }

    try {
      const envelope = readEnvelope(xml, limits);
      if (envelope.rootName !== 'Envelope' || envelope.rootNs !== version.envelopeNs) {
        if (envelope.rootName === 'Envelope' && envelope.rootNs === SOAP11.envelopeNs && version === SOAP12) {
          return answerEmpty(res, ASMX_DOOR_ERRORS.UNSUPPORTED_MEDIA_TYPE);
        }
        return answerFault(res, version, ASMX_DOOR_ERRORS.VERSION_MISMATCH, envelope.rootNs, version.envelopeNs);
      }
      if (envelope.mustUnderstand.length > 0) {
        return answerFault(res, version, ASMX_DOOR_ERRORS.MUST_UNDERSTAND, envelope.mustUnderstand[0]);
      }
      const element = envelope.body;
      spec ??= element && element.ns === TEMPURI ? operationByName(element.name) : undefined;
      if (!spec) return answerFault(res, version, ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, routed.action ?? '');
      if (!element || element.ns !== TEMPURI || element.name !== spec.name) {
        const seen = element ? `<${element.name} xmlns='${element.ns}'>` : 'An empty soap:Body';
        throw new AsmxRefusal(ASMX_DOOR_ERRORS.UNREADABLE_REQUEST, `${seen} was not expected.`);
      }
      const args = bodyArgs(spec, element);
      const operation = OPERATIONS.get(spec.name);
      if (!operation) throw new AsmxRefusal(ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, spec.name);
      const fragment = await operation(args, { engine: deps.engine, logger: deps.logger, requestId: requestIdOf(res), door: version.door });
      sendBody(res, 200, version.contentType, soapResult(version, spec.name, fragment));
    } catch (err) {
      if (err instanceof MalformedXmlError) return answerEmpty(res, ASMX_DOOR_ERRORS.MALFORMED_XML);
      if (err instanceof RefusedXmlError) return answerFault(res, version, ASMX_DOOR_ERRORS.UNREADABLE_REQUEST, err.message);
      if (err instanceof AsmxRefusal) return answerFault(res, version, err.row, ...err.values);
      deps.logger.error({ err, reqId: requestIdOf(res) }, 'asmx soap request failed');
      return answerFault(res, version, ASMX_DOOR_ERRORS.SERVER_FAULT, 'Internal error.');
    }
  };
}
