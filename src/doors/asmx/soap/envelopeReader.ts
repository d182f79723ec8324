import sax from 'sax';
import { readCommonEnvelope, TRUE_VALUES } from './fastEnvelope';

export interface XmlLimits {
  maxElements: number;
  maxDepth: number;
}

export interface BodyElement {
  ns: string;
  name: string;
  /** Child elements by local name, for children in `ns` only: text content as sent. */
  children: Map<string, string>;
}

export interface Envelope {
  /** The root element's namespace and local name. */
  rootNs: string;
  rootName: string;
  /** Header children marked mustUnderstand, as `{ns}name`. */
  mustUnderstand: string[];
  body: BodyElement | null;
}

/** Well-formed XML that we refuse to read: a DTD, or too many or too deep elements. */
export class RefusedXmlError extends Error {}
/** Not well-formed XML. */
export class MalformedXmlError extends Error {}

/**
 * Reads a SOAP envelope. Common envelopes take a hand-written fast path that answers only when it
 * is sure sax would answer the same; everything else, errors included, is decided by sax.
 */
export function readEnvelope(xml: string, limits: XmlLimits): Envelope {
  return readCommonEnvelope(xml, limits) ?? readEnvelopeWithSax(xml, limits);
}

/**
 * Reads a SOAP envelope in one streaming pass with limits checked as elements open.
 * DTDs are refused outright (no entity expansion, no external fetches), and parameters are
 * kept in a Map so element names such as __proto__ or constructor are plain data.
 */
export function readEnvelopeWithSax(xml: string, limits: XmlLimits): Envelope {
  const parser = sax.parser(true, { xmlns: true, position: false });
  let elements = 0;
  let depth = 0;
  let rootNs = '';
  let rootName = '';
  const mustUnderstand: string[] = [];
  let body: BodyElement | null = null;
  let inBody = false;
  let inHeader = false;
  let current: { name: string; text: string } | null = null;
  let failure: Error | null = null;

  parser.ondoctype = () => {
    failure = new RefusedXmlError('For security reasons DTD is prohibited in this XML document.');
    throw failure;
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    elements++;
    depth++;
    if (elements > limits.maxElements) {
      failure = new RefusedXmlError(`The XML document has more than ${limits.maxElements} elements.`);
      throw failure;
    }
    if (depth > limits.maxDepth) {
      failure = new RefusedXmlError(`The XML document nests elements deeper than ${limits.maxDepth}.`);
      throw failure;
    }
    if (depth === 1) {
      rootNs = tag.uri;
      rootName = tag.local;
    } else if (depth === 2) {
      inHeader = tag.uri === rootNs && tag.local === 'Header';
      inBody = tag.uri === rootNs && tag.local === 'Body';
    } else if (depth === 3 && inHeader) {
      const attr = Object.values(tag.attributes).find((a) => a.local === 'mustUnderstand' && a.uri === rootNs);
      if (attr && TRUE_VALUES.has(attr.value.trim())) mustUnderstand.push(`{${tag.uri}}${tag.local}`);
    } else if (depth === 3 && inBody && body === null) {
      body = { ns: tag.uri, name: tag.local, children: new Map() };
    } else if (depth === 4 && body !== null && tag.uri === body.ns && !body.children.has(tag.local)) {
      current = { name: tag.local, text: '' };
    }
  };
  parser.ontext = (text) => {
    if (current) current.text += text;
  };
  parser.oncdata = (text) => {
    if (current) current.text += text;
  };
  parser.onclosetag = () => {
    if (depth === 4 && current && body) {
      body.children.set(current.name, current.text);
      current = null;
    }
    if (depth === 3 && inBody && body) inBody = false;
    depth--;
  };
  parser.onerror = (err) => {
    failure ??= new MalformedXmlError(err.message.split('\n')[0]);
    throw failure;
  };

  try {
    parser.write(xml).close();
  } catch (err) {
    throw failure ?? new MalformedXmlError((err as Error).message.split('\n')[0]);
  }
  if (elements === 0) throw new MalformedXmlError('Root element is missing.');
  return { rootNs, rootName, mustUnderstand, body };
}
