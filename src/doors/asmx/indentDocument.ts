import { XML_DECLARATION } from './xml';

/** A boundary between two tags: results are elements and attributes only, with `>` escaped in values. */
const BETWEEN_TAGS = /(?<=>)(?=<)/;

/**
 * A method result as the GET and POST bindings send it: the bare document as .NET's XmlSerializer
 * writes it with indentation, two spaces a level and CRLF line ends, with no final line break.
 * The fragment is one we wrote (elements with attributes, no text), so tags are all there is.
 */
export function indentedDocument(fragment: string): string {
  const lines = [XML_DECLARATION];
  let depth = 0;
  for (const tag of fragment.replace(' xmlns=""', '').split(BETWEEN_TAGS)) {
    if (tag.startsWith('</')) depth--;
    lines.push('  '.repeat(depth) + tag);
    if (!tag.startsWith('</') && !tag.endsWith('/>')) depth++;
  }
  return lines.join('\r\n');
}
