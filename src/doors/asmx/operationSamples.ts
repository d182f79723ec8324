import { escapeXml as escapeMarkup } from '../xml';
import { ASMX_SERVICE, soapActionOf, type AsmxOperation } from './operationList';
import type { ServiceUrlParts } from './serviceUrl';

/** A value the reader replaces; ASMX highlights these in its samples. */
interface Placeholder {
  readonly placeholder: string;
}

type Segment = string | Placeholder;
type Line = readonly Segment[];

export interface OperationSample {
  readonly title: 'SOAP 1.1' | 'SOAP 1.2' | 'HTTP GET' | 'HTTP POST';
  /** HTML for a <pre>: escaped text with the placeholders marked up. */
  readonly request: string;
  readonly response: string;
}

const value = (text: string): Placeholder => ({ placeholder: text });

function toHtml(lines: readonly Line[]): string {
  return lines
    .map((line) =>
      line
        .map((segment) =>
          typeof segment === 'string' ? escapeMarkup(segment) : `<span class="value">${escapeMarkup(segment.placeholder)}</span>`,
        )
        .join(''),
    )
    .join('\n');
}

interface SoapVersion {
  readonly title: 'SOAP 1.1' | 'SOAP 1.2';
  readonly prefix: string;
  readonly envelopeNamespace: string;
  readonly contentType: string;
  /** SOAP 1.2 carries the action in the content type instead, and ASMX's sample leaves it out. */
  readonly sendsSoapActionHeader: boolean;
}

const SOAP_11: SoapVersion = {
  title: 'SOAP 1.1',
  prefix: 'soap',
  envelopeNamespace: 'http://schemas.xmlsoap.org/soap/envelope/',
  contentType: 'text/xml; charset=utf-8',
  sendsSoapActionHeader: true,
};

const SOAP_12: SoapVersion = {
  title: 'SOAP 1.2',
  prefix: 'soap12',
  envelopeNamespace: 'http://www.w3.org/2003/05/soap-envelope',
  contentType: 'application/soap+xml; charset=utf-8',
  sendsSoapActionHeader: false,
};

const LENGTH_HEADER: Line = ['Content-Length: ', value('length')];
const RESPONSE_STATUS: Line = ['HTTP/1.1 200 OK'];

function soapEnvelope(version: SoapVersion, bodyElement: string, children: readonly Line[]): Line[] {
  const { prefix } = version;
  return [
    ['<?xml version="1.0" encoding="utf-8"?>'],
    [
      `<${prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:${prefix}="${version.envelopeNamespace}">`,
    ],
    [`  <${prefix}:Body>`],
    [`    <${bodyElement} xmlns="${ASMX_SERVICE.namespace}">`],
    ...children.map((child) => ['      ', ...child]),
    [`    </${bodyElement}>`],
    [`  </${prefix}:Body>`],
    [`</${prefix}:Envelope>`],
  ];
}

function soapSample(version: SoapVersion, operation: AsmxOperation, url: ServiceUrlParts): OperationSample {
  const requestHeaders: Line[] = [
    [`POST ${url.path} HTTP/1.1`],
    [`Host: ${url.host}`],
    [`Content-Type: ${version.contentType}`],
    LENGTH_HEADER,
  ];
  if (version.sendsSoapActionHeader) requestHeaders.push([`SOAPAction: "${soapActionOf(operation)}"`]);
  const parameters = operation.params.map((param): Line => [`<${param.name}>`, value(param.type), `</${param.name}>`]);
  const result: Line = [`<${operation.name}Result>`, value('xml'), `</${operation.name}Result>`];
  return {
    title: version.title,
    request: toHtml([...requestHeaders, [], ...soapEnvelope(version, operation.name, parameters)]),
    response: toHtml([
      RESPONSE_STATUS,
      [`Content-Type: ${version.contentType}`],
      LENGTH_HEADER,
      [],
      ...soapEnvelope(version, `${operation.name}Response`, [result]),
    ]),
  };
}

// Every HTTP GET/POST parameter is a string on the wire (the WSDL types those parts s:string), so ASMX shows "string" even for ints.
function formFields(operation: AsmxOperation): Line {
  return operation.params.flatMap((param, index): Segment[] => [`${index === 0 ? '' : '&'}${param.name}=`, value('string')]);
}

const BARE_XML_RESPONSE: readonly Line[] = [RESPONSE_STATUS, ['Content-Type: text/xml; charset=utf-8'], LENGTH_HEADER, [], [value('xml')]];

function httpGetSample(operation: AsmxOperation, url: ServiceUrlParts): OperationSample {
  const query: Line = operation.params.length === 0 ? [] : ['?', ...formFields(operation)];
  return {
    title: 'HTTP GET',
    request: toHtml([[`GET ${url.path}/${operation.name}`, ...query, ' HTTP/1.1'], [`Host: ${url.host}`]]),
    response: toHtml(BARE_XML_RESPONSE),
  };
}

function httpPostSample(operation: AsmxOperation, url: ServiceUrlParts): OperationSample {
  return {
    title: 'HTTP POST',
    request: toHtml([
      [`POST ${url.path}/${operation.name} HTTP/1.1`],
      [`Host: ${url.host}`],
      ['Content-Type: application/x-www-form-urlencoded'],
      LENGTH_HEADER,
      [],
      formFields(operation),
    ]),
    response: toHtml(BARE_XML_RESPONSE),
  };
}

/** The four request/response samples of an ?op= page, in the order ASMX shows them. */
export function operationSamples(operation: AsmxOperation, url: ServiceUrlParts): readonly OperationSample[] {
  return [
    soapSample(SOAP_11, operation, url),
    soapSample(SOAP_12, operation, url),
    httpGetSample(operation, url),
    httpPostSample(operation, url),
  ];
}
