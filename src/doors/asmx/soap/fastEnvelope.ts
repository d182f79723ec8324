import type { BodyElement, Envelope, XmlLimits } from './envelopeReader';

/**
 * A fast path for the envelopes real clients send. It reads a deliberately small subset of XML
 * and answers null for anything outside it, so that sax stays the one authority on errors and odd
 * documents: whenever this returns an Envelope, the sax reader would have returned an equal one.
 *
 * The subset: an optional `<?xml version/encoding/standalone?>` declaration as the very first
 * thing, then one root element and nothing but whitespace after it; no other `<?` and no `<!`
 * (comments, CDATA, DTDs); ASCII names with at most one prefix; quoted attribute values without
 * `<` or `&`; text anywhere inside the root (sax accepts it there, and it is kept only where the
 * sax reader collects it) with the five predefined entities and character references; no control
 * characters other than tab, CR and LF; limits not exceeded (sax words the refusal).
 *
 * The sax reader does not normalise line ends or attribute values, so neither does this.
 */
export function readCommonEnvelope(xml: string, limits: XmlLimits): Envelope | null {
  const builder = new EnvelopeBuilder(limits);
  return new Scanner(xml, builder).read() ? builder.envelope() : null;
}

/** The values of mustUnderstand that mean yes; the sax reader decides with the same set. */
export const TRUE_VALUES = new Set(['1', 'true']);
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
/** More attributes than this is not a common envelope, and keeps the duplicate check cheap. */
const MAX_ATTRIBUTES = 16;
/** `#x10FFFF` is the longest reference body we decode; longer ones (leading zeros) go to sax. */
const MAX_REFERENCE_LENGTH = 8;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOT = 0x22;
const HASH = 0x23;
const AMP = 0x26;
const APOS = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const EQUALS = 0x3d;
const GT = 0x3e;
const RIGHT_BRACKET = 0x5d;
const LOWER_X = 0x78;

const NAME_START = 1;
const NAME_BODY = 2;
/** ASCII name characters: letters and `_` may start a name part; digits, `.` and `-` only follow. */
const NAME_CHARS = buildNameChars();

function buildNameChars(): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z_]/.test(ch)) table[c] = NAME_START;
    else if (/[0-9.-]/.test(ch)) table[c] = NAME_BODY;
  }
  return table;
}

const isWhitespace = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;

/** C0 controls other than tab, LF and CR, plus DEL and C1: never in a common envelope. */
const isControl = (c: number): boolean => (c < SPACE && c !== TAB && c !== LF && c !== CR) || (c >= 0x7f && c <= 0x9f);

/** sax keeps namespaces and attributes in plain objects, where these names resolve oddly. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const isPrototypeKey = (name: string): boolean => PROTOTYPE_KEYS.has(name);

/** The XML Char production, which sax also applies to character references. */
function isXmlChar(cp: number): boolean {
  return (
    cp === TAB ||
    cp === LF ||
    cp === CR ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const PREDEFINED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** The text of `&body;`, or null when it is not a predefined entity or a valid character reference. */
function decodeReference(body: string): string | null {
  const named = PREDEFINED_ENTITIES.get(body);
  if (named !== undefined) return named;
  if (body.charCodeAt(0) !== HASH) return null;
  const hex = body.charCodeAt(1) === LOWER_X;
  const digits = body.slice(hex ? 2 : 1);
  const pattern = hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return null;
  const cp = parseInt(digits, hex ? 16 : 10);
  return isXmlChar(cp) ? String.fromCodePoint(cp) : null;
}

/** One start tag's attributes, reused from element to element. */
class Attributes {
  count = 0;
  readonly names: string[] = [];
  readonly prefixes: string[] = [];
  readonly locals: string[] = [];
  readonly values: string[] = [];
  readonly uris: string[] = [];

  add(name: string, prefix: string, local: string, value: string): boolean {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return false;
    this.names[this.count] = name;
    this.prefixes[this.count] = prefix;
    this.locals[this.count] = local;
    this.values[this.count] = value;
    this.count++;
    return true;
  }
}

/** The sax reader's handlers, event for event, over the scanner's events. */
class EnvelopeBuilder {
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

  /** Text matters only inside a collected parameter, which is where the sax reader appends it. */
  get collecting(): boolean {
    return this.current !== null;
  }

  /** False when a limit would be exceeded: the sax reader then throws the refusal. */
  open(uri: string, local: string, attributes: Attributes): boolean {
    this.elements++;
    this.depth++;
    if (this.elements > this.limits.maxElements || this.depth > this.limits.maxDepth) return false;
    if (this.depth === 1) {
      this.rootNs = uri;
      this.rootName = local;
    } else if (this.depth === 2) {
      this.inHeader = uri === this.rootNs && local === 'Header';
      this.inBody = uri === this.rootNs && local === 'Body';
    } else if (this.depth === 3 && this.inHeader) {
      const value = this.firstAttributeValue(attributes, 'mustUnderstand', this.rootNs);
      if (value !== undefined && TRUE_VALUES.has(value.trim())) this.mustUnderstand.push(`{${uri}}${local}`);
    } else if (this.depth === 3 && this.inBody && this.body === null) {
      this.body = { ns: uri, name: local, children: new Map() };
    } else if (this.depth === 4 && this.body !== null && uri === this.body.ns && !this.body.children.has(local)) {
      this.current = { name: local, text: '' };
    }
    return true;
  }

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

  /** Document order, as sax's attribute object iterates. */
  private firstAttributeValue(attributes: Attributes, local: string, uri: string): string | undefined {
    for (let i = 0; i < attributes.count; i++) {
      if (attributes.locals[i] === local && attributes.uris[i] === uri) return attributes.values[i];
    }
    return undefined;
  }
}

/**
 * A single forward pass with indexOf and charCodeAt. Every method answers false (or -1) as soon
 * as the input leaves the subset; nothing here throws.
 */
class Scanner {
  private pos = 0;
  /** Qualified names of the open elements, to match end tags exactly as sax does. */
  private readonly openNames: string[] = [];
  /** In-scope namespace bindings as a stack; `scopes` holds each open element's stack height. */
  private readonly prefixes: string[] = [];
  private readonly uris: string[] = [];
  private readonly scopes: number[] = [];
  private readonly attributes = new Attributes();
  /** Where the colon of the last name read was, or -1. */
  private colon = -1;

  constructor(
    private readonly xml: string,
    private readonly builder: EnvelopeBuilder,
  ) {}

  read(): boolean {
    if (this.xml.startsWith('<?xml') && !this.readDeclaration()) return false;
    this.skipWhitespace();
    if (!this.readRoot()) return false;
    this.skipWhitespace();
    return this.pos === this.xml.length;
  }

  private skipWhitespace(): boolean {
    const start = this.pos;
    while (isWhitespace(this.xml.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  /** `<?xml` followed by whitespace-separated version/encoding/standalone with plain values. */
  private readDeclaration(): boolean {
    this.pos = '<?xml'.length;
    for (;;) {
      const spaced = this.skipWhitespace();
      if (this.xml.startsWith('?>', this.pos)) {
        this.pos += 2;
        return true;
      }
      if (!spaced || !this.readPseudoAttribute()) return false;
    }
  }

  private readPseudoAttribute(): boolean {
    const nameEnd = this.scanName(this.pos);
    if (nameEnd < 0) return false;
    const name = this.xml.slice(this.pos, nameEnd);
    if (name !== 'version' && name !== 'encoding' && name !== 'standalone') return false;
    this.pos = nameEnd;
    const valueEnd = this.scanQuotedValue();
    // Values such as 1.0, utf-8 and yes: nothing that could end the declaration early.
    if (valueEnd <= this.pos + 1) return false;
    for (let i = this.pos + 1; i < valueEnd; i++) {
      const c = this.xml.charCodeAt(i);
      if (c >= 128 || NAME_CHARS[c] === 0) return false;
    }
    this.pos = valueEnd + 1;
    return true;
  }

  /**
   * After a name: optional whitespace, `=`, optional whitespace, an opening quote. Leaves pos on
   * the opening quote and returns the closing quote's index, or -1.
   */
  private scanQuotedValue(): number {
    this.skipWhitespace();
    if (this.xml.charCodeAt(this.pos) !== EQUALS) return -1;
    this.pos++;
    this.skipWhitespace();
    const quote = this.xml.charCodeAt(this.pos);
    if (quote !== QUOT && quote !== APOS) return -1;
    return this.xml.indexOf(quote === QUOT ? '"' : "'", this.pos + 1);
  }

  /** End of an ASCII name with at most one colon that splits two non-empty parts, or -1. */
  private scanName(start: number): number {
    this.colon = -1;
    let partStart = start;
    for (let i = start; ; i++) {
      const c = this.xml.charCodeAt(i);
      const kind = c < 128 ? NAME_CHARS[c] : 0;
      if (kind === NAME_START || (kind === NAME_BODY && i > partStart)) continue;
      if (c === COLON && this.colon < 0 && i > partStart) {
        this.colon = i;
        partStart = i + 1;
        continue;
      }
      return i > partStart ? i : -1;
    }
  }

  /** The root element and everything in it, as a loop over tags and the text between them. */
  private readRoot(): boolean {
    if (this.xml.charCodeAt(this.pos) !== LT) return false;
    for (;;) {
      const ok = this.xml.charCodeAt(this.pos + 1) === SLASH ? this.readEndTag() : this.readStartTag();
      if (!ok) return false;
      if (this.openNames.length === 0) return true;
      if (!this.readText()) return false;
    }
  }

  private readStartTag(): boolean {
    const nameStart = this.pos + 1;
    const nameEnd = this.scanName(nameStart);
    if (nameEnd < 0) return false;
    const colon = this.colon;
    const name = this.xml.slice(nameStart, nameEnd);
    this.pos = nameEnd;
    const selfClosing = this.readAttributes();
    if (selfClosing === null) return false;
    this.scopes.push(this.prefixes.length);
    if (!this.bindNamespaces()) return false;
    const prefix = colon < 0 ? '' : this.xml.slice(nameStart, colon);
    const local = colon < 0 ? name : this.xml.slice(colon + 1, nameEnd);
    const uri = this.elementUri(prefix);
    if (uri === null || !this.resolveAttributes()) return false;
    if (!this.builder.open(uri, local, this.attributes)) return false;
    if (selfClosing) this.closeElement();
    else this.openNames.push(name);
    return true;
  }

  /** Reads attributes up to and including `>` or `/>`: true if self-closing, null if outside the subset. */
  private readAttributes(): boolean | null {
    this.attributes.count = 0;
    for (;;) {
      const spaced = this.skipWhitespace();
      const c = this.xml.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        return false;
      }
      if (c === SLASH) {
        if (this.xml.charCodeAt(this.pos + 1) !== GT) return null;
        this.pos += 2;
        return true;
      }
      // sax refuses attributes that are not separated by whitespace.
      if (!spaced || this.attributes.count === MAX_ATTRIBUTES || !this.readAttribute()) return null;
    }
  }

  private readAttribute(): boolean {
    const nameStart = this.pos;
    const nameEnd = this.scanName(nameStart);
    if (nameEnd < 0) return false;
    const colon = this.colon;
    const name = this.xml.slice(nameStart, nameEnd);
    // sax reports a default namespace declaration as prefix xmlns with an empty local name.
    const prefix = name === 'xmlns' ? 'xmlns' : colon < 0 ? '' : this.xml.slice(nameStart, colon);
    const local = name === 'xmlns' ? '' : colon < 0 ? name : this.xml.slice(colon + 1, nameEnd);
    // A prototype name as a local name covers `__proto__="…"` and `xmlns:constructor="…"` alike;
    // prefixes need no check, since one that cannot be declared is never bound here.
    if (isPrototypeKey(local) || prefix === 'xml') return false;
    this.pos = nameEnd;
    const valueEnd = this.scanQuotedValue();
    if (valueEnd < 0) return false;
    const value = this.xml.slice(this.pos + 1, valueEnd);
    if (!isPlainValue(value)) return false;
    this.pos = valueEnd + 1;
    return this.attributes.add(name, prefix, local, value);
  }

  /** Declarations on an element apply to its own name and attributes, as in sax. */
  private bindNamespaces(): boolean {
    const { count, prefixes, locals, values } = this.attributes;
    for (let i = 0; i < count; i++) {
      if (prefixes[i] !== 'xmlns') continue;
      const declared = locals[i];
      const uri = values[i];
      if (declared === 'xml' || declared === 'xmlns' || uri === XML_NAMESPACE || uri === XMLNS_NAMESPACE) return false;
      if (declared !== '' && uri === '') return false;
      this.prefixes.push(declared);
      this.uris.push(uri);
    }
    return true;
  }

  private lookup(prefix: string): string | null {
    for (let i = this.prefixes.length - 1; i >= 0; i--) if (this.prefixes[i] === prefix) return this.uris[i];
    return null;
  }

  /** The default namespace applies to elements; a prefix must be bound (xml and xmlns never are here). */
  private elementUri(prefix: string): string | null {
    return prefix === '' ? (this.lookup('') ?? '') : this.lookup(prefix);
  }

  /** Unprefixed attributes have no namespace; declarations are in the xmlns namespace, as sax reports them. */
  private resolveAttributes(): boolean {
    const { count, prefixes, uris } = this.attributes;
    for (let i = 0; i < count; i++) {
      const prefix = prefixes[i];
      if (prefix === '') {
        uris[i] = '';
      } else if (prefix === 'xmlns') {
        uris[i] = XMLNS_NAMESPACE;
      } else {
        const uri = this.lookup(prefix);
        if (uri === null) return false;
        uris[i] = uri;
      }
    }
    return true;
  }

  /** `</name>` with optional whitespace before `>`, naming the innermost open element exactly. */
  private readEndTag(): boolean {
    const nameStart = this.pos + 2;
    const nameEnd = this.scanName(nameStart);
    if (nameEnd < 0 || this.xml.slice(nameStart, nameEnd) !== this.openNames[this.openNames.length - 1]) return false;
    this.pos = nameEnd;
    this.skipWhitespace();
    if (this.xml.charCodeAt(this.pos) !== GT) return false;
    this.pos++;
    this.openNames.pop();
    this.closeElement();
    return true;
  }

  private closeElement(): void {
    this.builder.close();
    const height = this.scopes.pop() ?? 0;
    if (this.prefixes.length === height) return;
    this.prefixes.length = height;
    this.uris.length = height;
  }

  /** Text up to the next `<`, decoded the way sax decodes it, handed on only where it is collected. */
  private readText(): boolean {
    const end = this.xml.indexOf('<', this.pos);
    if (end < 0) return false;
    const text = this.decodeText(this.pos, end);
    if (text === null) return false;
    if (this.builder.collecting) this.builder.text(text);
    this.pos = end;
    return true;
  }

  private decodeText(start: number, end: number): string | null {
    const xml = this.xml;
    let out = '';
    let run = start;
    for (let i = start; i < end; i++) {
      const c = xml.charCodeAt(i);
      if (isControl(c)) return null;
      if (c === RIGHT_BRACKET && xml.startsWith(']]>', i)) return null;
      if (c !== AMP) continue;
      const semicolon = findSemicolon(xml, i + 1, end);
      if (semicolon < 0) return null;
      const decoded = decodeReference(xml.slice(i + 1, semicolon));
      if (decoded === null) return null;
      out += xml.slice(run, i) + decoded;
      i = semicolon;
      run = semicolon + 1;
    }
    return run === start ? xml.slice(start, end) : out + xml.slice(run, end);
  }
}

function findSemicolon(xml: string, from: number, end: number): number {
  const limit = Math.min(end, from + MAX_REFERENCE_LENGTH + 1);
  for (let i = from; i < limit; i++) if (xml.charCodeAt(i) === SEMICOLON) return i;
  return -1;
}

/** Attribute values are kept raw, as sax keeps them, so only references and `<` need sax. */
function isPlainValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === AMP || c === LT || isControl(c)) return false;
  }
  return true;
}
