import sax from 'sax';
import {
  DtdRefusedError,
  EnvelopeBuilder,
  MalformedXmlError,
  type AttributeLookup,
  type Envelope,
  type XmlLimits,
} from './envelopeBuilder';
import { readCommonEnvelope } from './fastEnvelope';
import { censusRefusal } from './markupCensus';

export { DtdRefusedError, MalformedXmlError, RefusedXmlError, type BodyElement, type Envelope, type XmlLimits } from './envelopeBuilder';

/**
 * Reads a SOAP envelope. Common envelopes take a hand-written fast path that answers only when it
 * is sure sax would answer the same; everything else, errors included, is decided by sax.
 */
export function readEnvelope(xml: string, limits: XmlLimits): Envelope {
  return readCommonEnvelope(xml, limits) ?? readEnvelopeWithSax(xml, limits);
}

/** sax's attributes of the current start tag, as the builder asks for them. */
class SaxAttributes implements AttributeLookup {
  tag: sax.QualifiedTag | null = null;

  valueOf(local: string, uri: string): string | undefined {
    const attributes = this.tag ? Object.values(this.tag.attributes) : [];
    return attributes.find((a) => a.local === local && a.uri === uri)?.value;
  }
}

/**
 * Reads a SOAP envelope in one streaming pass with limits checked as elements open.
 * DTDs are refused outright (no entity expansion, no external fetches), and parameters are
 * kept in a Map so element names such as __proto__ or constructor are plain data.
 */
export function readEnvelopeWithSax(xml: string, limits: XmlLimits): Envelope {
  const refused = censusRefusal(xml, limits);
  if (refused) throw refused;
  const parser = sax.parser(true, { xmlns: true, position: false });
  const builder = new EnvelopeBuilder(limits);
  const attributes = new SaxAttributes();
  let failure: Error | null = null;

  parser.ondoctype = () => {
    failure = new DtdRefusedError('For security reasons DTD is prohibited in this XML document.');
    throw failure;
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    attributes.tag = tag;
    const refused = builder.open(tag.uri, tag.local, attributes);
    if (refused) {
      failure = refused;
      throw failure;
    }
  };
  parser.ontext = (text) => builder.text(text);
  parser.oncdata = (text) => builder.text(text);
  parser.onclosetag = () => builder.close();
  parser.onerror = (err) => {
    failure ??= new MalformedXmlError(err.message.split('\n')[0]);
    throw failure;
  };

  try {
    parser.write(xml).close();
  } catch (err) {
    throw failure ?? new MalformedXmlError((err as Error).message.split('\n')[0]);
  }
  if (builder.empty) throw new MalformedXmlError('Root element is missing.');
  return builder.envelope();
}
