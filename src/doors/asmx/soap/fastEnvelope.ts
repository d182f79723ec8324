import { EnvelopeBuilder, type AttributeLookup, type Envelope, type XmlLimits } from './envelopeBuilder';
import { decodeReference, findSemicolon, isControl, isPlainValue, isPrototypeKey, NAME_KIND, nameCharacters } from './xmlCharacters';

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
  return new Scanner(xml, builder, limits).read() ? builder.envelope() : null;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
/** More attributes than this is not a common envelope, and keeps the duplicate check cheap. */
const MAX_ATTRIBUTES = 16;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOT = 0x22;
const AMP = 0x26;
const APOS = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const LT = 0x3c;
const EQUALS = 0x3d;
const GT = 0x3e;
const RIGHT_BRACKET = 0x5d;

/** The name table and its kinds as module constants: the name loop reads them on every character. */
const NAME_CHARS = nameCharacters();
const { start: NAME_START, body: NAME_BODY } = NAME_KIND;

const isWhitespace = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;

/** One start tag's attributes, reused from element to element. */
class Attributes implements AttributeLookup {
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

  /** Document order, as sax's attribute object iterates. */
  valueOf(local: string, uri: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.locals[i] === local && this.uris[i] === uri) return this.values[i];
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
  /** Attributes read so far; past a limit the scanner declines, and sax's reader refuses. */
  private attributesSeen = 0;

  constructor(
    private readonly xml: string,
    private readonly builder: EnvelopeBuilder,
    private readonly limits: XmlLimits,
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
      return i > partStart && i - start <= this.limits.maxNameLength ? i : -1;
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
    // Past a limit the scanner declines, so that sax words the refusal at the same element.
    if (this.builder.open(uri, local, this.attributes) !== null) return false;
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
      const full = this.attributes.count >= MAX_ATTRIBUTES || this.attributes.count >= this.limits.maxAttributes;
      if (!spaced || full || ++this.attributesSeen > this.limits.maxAttributesTotal || !this.readAttribute()) return null;
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
