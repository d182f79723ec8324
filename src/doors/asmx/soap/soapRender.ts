import { escapeXml } from '../../xml';
import { XML_DECLARATION } from '../xml';
import type { SoapVersion } from './soapVersion';

const XSI_XSD = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

function envelope(version: SoapVersion, body: string, header = ''): string {
  return `${XML_DECLARATION}<soap:Envelope xmlns:soap="${version.envelopeNs}" ${XSI_XSD}>${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** What ASMX puts before the Body of a VersionMismatch fault: the envelopes it does read. */
export const UPGRADE_HEADER =
  '<soap:Header><soap12:Upgrade xmlns:soap12="http://www.w3.org/2003/05/soap-envelope">' +
  '<soap12:SupportedEnvelope qname="soap:Envelope" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" />' +
  '<soap12:SupportedEnvelope qname="soap12:Envelope" xmlns:soap12="http://www.w3.org/2003/05/soap-envelope" />' +
  '</soap12:Upgrade></soap:Header>';

export interface FaultShape {
  /** Written before the Body (the Upgrade block of a VersionMismatch). */
  header?: string;
  /** Faults about headers carry no detail element. */
  detail?: boolean;
}

export function soapResult(version: SoapVersion, operation: string, fragment: string): string {
  return envelope(
    version,
    `<${operation}Response xmlns="http://tempuri.org/"><${operation}Result>${fragment}</${operation}Result></${operation}Response>`,
  );
}

/**
 * faultCode is the error table's code, 1.1-style (soap:Client, soap:Server, soap:VersionMismatch,
 * soap:MustUnderstand); SOAP 1.2 names the first two Sender and Receiver.
 */
export function soapFault(version: SoapVersion, faultCode: string, reason: string, shape: FaultShape = {}): string {
  const detail = shape.detail ?? true;
  if (version.label === '1.1') {
    return envelope(
      version,
      `<soap:Fault><faultcode>${faultCode}</faultcode><faultstring>${escapeXml(reason)}</faultstring>${detail ? '<detail />' : ''}</soap:Fault>`,
      shape.header,
    );
  }
  const code = faultCode === 'soap:Client' ? 'soap:Sender' : faultCode === 'soap:Server' ? 'soap:Receiver' : faultCode;
  return envelope(
    version,
    `<soap:Fault><soap:Code><soap:Value>${code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${escapeXml(reason)}</soap:Text></soap:Reason>${detail ? '<soap:Detail />' : ''}</soap:Fault>`,
    shape.header,
  );
}
