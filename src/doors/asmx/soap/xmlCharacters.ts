/** The XML character rules the fast envelope scanner applies, each as sax applies it. */

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
const AMP = 0x26;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const LOWER_X = 0x78;
/** `#x10FFFF` is the longest reference body we decode; longer ones (leading zeros) go to sax. */
const MAX_REFERENCE_LENGTH = 8;

/** What nameCharacters() says of a character: it may start a name part, or only follow. */
export const NAME_KIND = { start: 1, body: 2 } as const;

/** ASCII name characters: letters and `_` may start a name part; digits, `.` and `-` only follow. */
export function nameCharacters(): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z_]/.test(ch)) table[c] = NAME_KIND.start;
    else if (/[0-9.-]/.test(ch)) table[c] = NAME_KIND.body;
  }
  return table;
}

/** C0 controls other than tab, LF and CR, plus DEL and C1: never in a common envelope. */
export const isControl = (c: number): boolean => (c < SPACE && c !== TAB && c !== LF && c !== CR) || (c >= 0x7f && c <= 0x9f);

/** sax keeps namespaces and attributes in plain objects, where these names resolve oddly. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
export const isPrototypeKey = (name: string): boolean => PROTOTYPE_KEYS.has(name);

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
export function decodeReference(body: string): string | null {
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

/** The `;` ending a reference that starts at `from`, or -1 when none is near enough. */
export function findSemicolon(xml: string, from: number, end: number): number {
  const limit = Math.min(end, from + MAX_REFERENCE_LENGTH + 1);
  for (let i = from; i < limit; i++) if (xml.charCodeAt(i) === SEMICOLON) return i;
  return -1;
}

/** Attribute values are kept raw, as sax keeps them, so only references and `<` need sax. */
export function isPlainValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === AMP || c === LT || isControl(c)) return false;
  }
  return true;
}
