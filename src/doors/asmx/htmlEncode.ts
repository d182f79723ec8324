const NEEDS_ENCODING = /[&<>"'\u00a0-\u00ff]/;
const ENCODED = /[&<>"'\u00a0-\u00ff]/g;
const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * HttpUtility.HtmlEncode as .NET 4 writes it: the five markup characters, and the Latin-1
 * characters from U+00A0 to U+00FF as decimal references (U+00A0 is `&#160;`). ASP.NET encodes
 * the messages of a GET/POST error with it, so the texts a client reads are these bytes.
 */
export function htmlEncode(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  return text.replace(ENCODED, (c) => NAMED[c] ?? `&#${c.charCodeAt(0)};`);
}
