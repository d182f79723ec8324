export interface XmlLimits {
  maxElements: number;
  maxDepth: number;
  /** Attributes on one element, namespace declarations included. */
  maxAttributes: number;
  /** Attributes in the whole document. */
  maxAttributesTotal: number;
  /** Characters in an element or attribute name, prefix included. */
  maxNameLength: number;
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
  /** Header children marked mustUnderstand, by local name (as ASMX names them in its fault). */
  mustUnderstand: string[];
  body: BodyElement | null;
}

/** Well-formed XML that we refuse to read: a DTD, or too many or too deep elements. */
export class RefusedXmlError extends Error {}
/** A DTD: refused as .NET's DtdProcessing.Prohibit refuses it, which ASMX answers with a bare 400. */
export class DtdRefusedError extends RefusedXmlError {}
/** Not well-formed XML. */
export class MalformedXmlError extends Error {}

/** A start tag's attributes as each reader keeps them: the value of the first one named so, in document order. */
export interface AttributeLookup {
  valueOf(local: string, uri: string): string | undefined;
}

/** The values of mustUnderstand that mean yes. */
const TRUE_VALUES = new Set(['1', 'true']);

/**
 * What a SOAP envelope means, built from a reader's events: both the sax reader and the fast
 * scanner feed one of these, so the two cannot differ on what they keep.
 */
export class EnvelopeBuilder {
  private elements = 0;
  private depth = 0;
  private rootNs = '';
  private rootName = '';
  private readonly mustUnderstand: string[] = [];
  private body: BodyElement | null = null;
  private inBody = false;
  private inHeader = false;
  private current: { name: string; text: string } | null = null;

  constructor(private readonly limits: XmlLimits) {}

  /** Text matters only inside a collected parameter: the first child of the body element by each name. */
  get collecting(): boolean {
    return this.current !== null;
  }

  /** Whether any element was opened: a document without one is malformed. */
  get empty(): boolean {
    return this.elements === 0;
  }

  /** A start tag in namespace `uri`; the refusal when it passes a limit, else null. */
  open(uri: string, local: string, attributes: AttributeLookup): RefusedXmlError | null {
    this.elements++;
    this.depth++;
    if (this.elements > this.limits.maxElements) {
      return new RefusedXmlError(`The XML document has more than ${this.limits.maxElements} elements.`);
    }
    if (this.depth > this.limits.maxDepth) {
      return new RefusedXmlError(`The XML document nests elements deeper than ${this.limits.maxDepth}.`);
    }
    if (this.depth === 1) {
      this.rootNs = uri;
      this.rootName = local;
    } else if (this.depth === 2) {
      this.inHeader = uri === this.rootNs && local === 'Header';
      this.inBody = uri === this.rootNs && local === 'Body';
    } else if (this.depth === 3 && this.inHeader) {
      const value = attributes.valueOf('mustUnderstand', this.rootNs);
      if (value !== undefined && TRUE_VALUES.has(value.trim())) this.mustUnderstand.push(local);
    } else if (this.depth === 3 && this.inBody && this.body === null) {
      this.body = { ns: uri, name: local, children: new Map() };
    } else if (this.depth === 4 && this.body !== null && uri === this.body.ns && !this.body.children.has(local)) {
      this.current = { name: local, text: '' };
    }
    return null;
  }

  /** Text and CDATA, decoded; kept only inside a collected parameter. */
  text(text: string): void {
    if (this.current) this.current.text += text;
  }

  close(): void {
    if (this.depth === 4 && this.current && this.body) {
      this.body.children.set(this.current.name, this.current.text);
      this.current = null;
    }
    if (this.depth === 3 && this.inBody && this.body) this.inBody = false;
    this.depth--;
  }

  envelope(): Envelope {
    return { rootNs: this.rootNs, rootName: this.rootName, mustUnderstand: this.mustUnderstand, body: this.body };
  }
}
