import type { Request, Response } from 'express';
import type { DoorDeps } from '../../doorDeps';
import { readBodyOr413 } from '../../../http/rawBody';
import { requestIdOf } from '../../../http/requestId';
import { fillPlaceholders } from '../../fillPlaceholders';
import type { WireError } from '../../wireError';
import { ASMX_DOOR_ERRORS } from '../errorTable';
import { readInt32 } from '../int32';
import { operationByName, type OperationSpec } from '../methodLookup';
import { OPERATIONS, type OperationArgs } from '../operations';
import { answerEmpty, tooLargeAnswer, AsmxRefusal, sendAsmx } from '../refusals';
import { DtdRefusedError, MalformedXmlError, readEnvelope, RefusedXmlError, type BodyElement } from './envelopeReader';
import { soapFault, soapResult, UPGRADE_HEADER, type FaultShape } from './soapRender';
import { SOAP11, SOAP12, type SoapVersion } from './soapVersion';
import { positionAfterParameter } from './xmlPosition';

const TEMPURI = 'http://tempuri.org/';

/** Status, fault code and text all come from the row, so the error table is what goes out. */
function answerFault(res: Response, version: SoapVersion, row: WireError, values: string[], shape?: FaultShape): void {
  sendAsmx(res, row.status, version.contentType, soapFault(version, row.code, fillPlaceholders(row.message, ...values), shape));
}

/**
 * How ASMX picks its helper before reading the body. A text/xml request with a SOAPAction header
 * is routed by that header (the SOAP 1.1 helper); any other request, a text/xml one without the
 * header included, goes to the SOAP 1.2 helper, which routes by the action parameter when it
 * names an operation and else by the body's first element. `media` is the version the content
 * type names, which words a 400; null means 415.
 */
interface Routing {
  media: SoapVersion;
  /** The SOAPAction header with its quotes stripped; null when absent or the 1.2 helper routes. */
  soapAction: string | null;
  /** The action parameter (1.2) as sent, named in the fault when neither it nor the body names an operation. */
  action: string;
  /** The operation the action parameter names, for the 1.2 helper. */
  actionSpec: OperationSpec | undefined;
}

function routingOf(req: Request): Routing | null {
  const header = req.get('content-type') ?? '';
  const [type, ...params] = header.split(';').map((p) => p.trim());
  const media = type.toLowerCase();
  if (media === 'text/xml') {
    const soapAction = req.get('soapaction');
    if (soapAction === undefined) return { media: SOAP11, soapAction: null, action: '', actionSpec: undefined };
    const action = soapAction.trim().replace(/^"(.*)"$/, '$1');
    return { media: SOAP11, soapAction: action, action, actionSpec: undefined };
  }
  if (media === 'application/soap+xml') {
    const actionParam = params.find((p) => /^action\s*=/i.test(p));
    const action = actionParam ? actionParam.replace(/^action\s*=\s*/i, '').replace(/^"(.*)"$/, '$1') : '';
    return { media: SOAP12, soapAction: null, action, actionSpec: operationForAction(action) };
  }
  return null;
}

function operationForAction(action: string): OperationSpec | undefined {
  return action.startsWith(TEMPURI) ? operationByName(action.slice(TEMPURI.length)) : undefined;
}

/** The reply's version is the envelope's; an envelope in neither namespace is answered in 1.1. */
function versionOfEnvelope(ns: string): SoapVersion | null {
  if (ns === SOAP11.envelopeNs) return SOAP11;
  if (ns === SOAP12.envelopeNs) return SOAP12;
  return null;
}

/**
 * XmlSerializer reads only parameters qualified in tempuri; absent strings are null. An int it
 * cannot read is refused with the position of the reader after the element, as .NET words it.
 */
function bodyArgs(spec: OperationSpec, body: BodyElement, xml: string): OperationArgs {
  const args: OperationArgs = {};
  for (const param of spec.params) {
    const value = body.children.get(param.name);
    if (param.type === 'int') {
      if (value === undefined) {
        throw new AsmxRefusal(ASMX_DOOR_ERRORS.UNREADABLE_REQUEST, `There is an error in XML document: ${param.name} is missing.`);
      }
      const int = readInt32(value);
      if ('error' in int) {
        const inner =
          int.error === 'overflow' ? 'Value was either too large or too small for an Int32.' : 'Input string was not in a correct format.';
        const at = positionAfterParameter(xml, body.ns, param.name);
        throw new AsmxRefusal(ASMX_DOOR_ERRORS.UNREADABLE_REQUEST, `There is an error in XML document ${at}. ---> ${inner}`);
      }
      args[param.name] = int.value;
    } else {
      args[param.name] = value;
    }
  }
  return args;
}

/** POST /srv.asmx: SOAP 1.1 and 1.2, each answered in its own version. */
export function soapBindingHandler(deps: DoorDeps) {
  const { maxXmlElements, maxXmlDepth, maxXmlAttributes, maxXmlAttributesTotal, maxXmlNameLength } = deps.config;
  const limits = {
    maxElements: maxXmlElements,
    maxDepth: maxXmlDepth,
    maxAttributes: maxXmlAttributes,
    maxAttributesTotal: maxXmlAttributesTotal,
    maxNameLength: maxXmlNameLength,
  };
  const answerTooLarge = tooLargeAnswer(deps.config.maxDiscardBytes);

  return async (req: Request, res: Response): Promise<void> => {
    const routing = routingOf(req);
    if (!routing) {
      req.resume();
      return answerEmpty(res, ASMX_DOOR_ERRORS.UNSUPPORTED_MEDIA_TYPE);
    }
    res.locals.door = routing.media.door;
    const body = await readBodyOr413(req, deps.config.maxBodyBytes, answerTooLarge);
    if (body === null) return;
    const xml = body.toString('utf8');

    // The 1.1 helper routes by the SOAPAction header before it reads the body.
    let spec = routing.actionSpec;
    if (routing.soapAction !== null) {
      spec = operationForAction(routing.soapAction);
      if (!spec) return answerFault(res, SOAP11, ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, [routing.soapAction]);
    }

    let version = routing.media;
    try {
      const envelope = readEnvelope(xml, limits);
      const envelopeVersion = envelope.rootName === 'Envelope' ? versionOfEnvelope(envelope.rootNs) : null;
      if (!envelopeVersion) {
        const values = [envelope.rootNs, SOAP11.envelopeNs];
        return answerFault(res, SOAP11, ASMX_DOOR_ERRORS.VERSION_MISMATCH, values, { header: UPGRADE_HEADER });
      }
      if (envelopeVersion === SOAP11 && routing.media === SOAP12) return answerEmpty(res, ASMX_DOOR_ERRORS.UNSUPPORTED_MEDIA_TYPE);
      version = envelopeVersion;
      res.locals.door = version.door;
      if (envelope.mustUnderstand.length > 0) {
        return answerFault(res, version, ASMX_DOOR_ERRORS.MUST_UNDERSTAND, [envelope.mustUnderstand[0]], { detail: false });
      }
      const element = envelope.body;
      spec ??= element && element.ns === TEMPURI ? operationByName(element.name) : undefined;
      if (!spec) return answerFault(res, version, ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, [routing.action]);
      if (!element || element.ns !== TEMPURI || element.name !== spec.name) {
        const seen = element ? `<${element.name} xmlns='${element.ns}'>` : 'An empty soap:Body';
        throw new AsmxRefusal(ASMX_DOOR_ERRORS.UNREADABLE_REQUEST, `${seen} was not expected.`);
      }
      const args = bodyArgs(spec, element, xml);
      const operation = OPERATIONS.get(spec.name);
      if (!operation) throw new AsmxRefusal(ASMX_DOOR_ERRORS.UNKNOWN_SOAP_ACTION, spec.name);
      const fragment = await operation(args, { engine: deps.engine, logger: deps.logger, requestId: requestIdOf(res), door: version.door });
      sendAsmx(res, 200, version.contentType, soapResult(version, spec.name, fragment));
    } catch (err) {
      // A DTD is refused as .NET refuses it, inside the reader: a bare 400 like XML that does not parse.
      if (err instanceof MalformedXmlError || err instanceof DtdRefusedError) {
        return answerEmpty(res, ASMX_DOOR_ERRORS.MALFORMED_XML, routing.media.contentType);
      }
      if (err instanceof RefusedXmlError) return answerFault(res, version, ASMX_DOOR_ERRORS.UNREADABLE_REQUEST, [err.message]);
      if (err instanceof AsmxRefusal) return answerFault(res, version, err.row, err.values);
      deps.logger.error({ err, reqId: requestIdOf(res) }, 'asmx soap request failed');
      return answerFault(res, version, ASMX_DOOR_ERRORS.SERVER_FAULT, ['Internal error.']);
    }
  };
}
