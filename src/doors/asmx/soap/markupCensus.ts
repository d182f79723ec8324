import { RefusedXmlError, type XmlLimits } from './envelopeBuilder';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;

/** One pass over the tags, each step moving forward: where the names and attributes of one tag end. */
class Census {
  private pos = 0;
  private total = 0;

  constructor(
    private readonly xml: string,
    private readonly limits: XmlLimits,
  ) {}

  run(): RefusedXmlError | null {
    const { xml } = this;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) return null;
      this.pos = lt + 1;
      const next = xml.charCodeAt(this.pos);
      if (xml.startsWith('!--', this.pos)) this.skipPast('-->');
      else if (xml.startsWith('![CDATA[', this.pos)) this.skipPast(']]>');
      // sax refuses a DTD when it ends, before any element after it is read.
      else if (xml.startsWith('!DOCTYPE', this.pos)) return null;
      else if (next === 0x21 /* ! */ || next === SLASH) this.skipPast('>');
      else if (next === 0x3f /* ? */) this.skipPast('?>');
      else {
        const refused = this.startTag();
        if (refused) return refused;
      }
    }
  }

  private skipPast(end: string): void {
    const at = this.xml.indexOf(end, this.pos);
    this.pos = at < 0 ? this.xml.length : at + end.length;
  }

  /** Length of the name at pos: up to white space, `=`, `/`, `>` or the end. */
  private nameLength(): number {
    const { xml } = this;
    const start = this.pos;
    while (this.pos < xml.length) {
      const c = xml.charCodeAt(this.pos);
      if (isSpace(c) || c === EQUALS || c === SLASH || c === GT) break;
      this.pos++;
    }
    return this.pos - start;
  }

  private startTag(): RefusedXmlError | null {
    const { xml, limits } = this;
    if (this.nameLength() > limits.maxNameLength) return tooLong(limits);
    let count = 0;
    while (this.pos < xml.length) {
      const c = xml.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        return null;
      }
      if (isSpace(c) || c === SLASH) {
        this.pos++;
        continue;
      }
      if (c === EQUALS) {
        this.value();
        continue;
      }
      if (this.nameLength() > limits.maxNameLength) return tooLong(limits);
      count++;
      this.total++;
      if (count > limits.maxAttributes) {
        return new RefusedXmlError(`An element of the XML document has more than ${limits.maxAttributes} attributes.`);
      }
      if (this.total > limits.maxAttributesTotal) {
        return new RefusedXmlError(`The XML document has more than ${limits.maxAttributesTotal} attributes.`);
      }
    }
    return null;
  }

  /** After `=`: white space, then a quoted value (to its closing quote) or an unquoted one. */
  private value(): void {
    const { xml } = this;
    this.pos++;
    while (isSpace(xml.charCodeAt(this.pos))) this.pos++;
    const quote = xml[this.pos];
    if (quote === '"' || quote === "'") {
      const close = xml.indexOf(quote, this.pos + 1);
      this.pos = close < 0 ? xml.length : close + 1;
      return;
    }
    while (this.pos < xml.length && !isSpace(xml.charCodeAt(this.pos)) && xml.charCodeAt(this.pos) !== GT) this.pos++;
  }
}

const tooLong = (limits: XmlLimits): RefusedXmlError =>
  new RefusedXmlError(`The XML document has a name longer than ${limits.maxNameLength} characters.`);

/**
 * Counts attributes and measures names in one linear pass before sax reads a document. sax checks
 * each attribute of a tag against all the earlier ones, so one element with 100,000 attributes
 * would take it seconds; refused here first, it costs one scan. It counts generously (anything
 * shaped like an attribute in a tag), which only matters past a limit.
 */
export function censusRefusal(xml: string, limits: XmlLimits): RefusedXmlError | null {
  return new Census(xml, limits).run();
}
