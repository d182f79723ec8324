import { escapeXml } from '../../xml';
import { XML_DECLARATION } from '../xml';
import type { SoapVersion } from './soapVersion';

const XSI_XSD = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

function envelope(version: SoapVersion, body: string): string {
  return `${XML_DECLARATION}<soap:Envelope xmlns:soap="${version.envelopeNs}" ${XSI_XSD}><soap:Body>${body}</soap:Body></soap:Envelope>`;
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
export function soapFault(version: SoapVersion, faultCode: string, reason: string): string {
  if (version.label === '1.1') {
    return envelope(
      version,
      `<soap:Fault><faultcode>${faultCode}</faultcode><faultstring>${escapeXml(reason)}</faultstring><detail /></soap:Fault>`,
    );
  }
  const code = faultCode === 'soap:Client' ? 'soap:Sender' : faultCode === 'soap:Server' ? 'soap:Receiver' : faultCode;
  return envelope(
    version,
    `<soap:Fault><soap:Code><soap:Value>${code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${escapeXml(reason)}</soap:Text></soap:Reason><soap:Detail /></soap:Fault>`,
  );
}
