/** How a door spells an escaped apostrophe; both mean the same to an XML parser. */
export type Apostrophe = '&#39;' | '&apos;';

const SPECIAL = /[&<>"']/g;
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const NUMERIC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NAMED: Record<string, string> = { ...NUMERIC, "'": '&apos;' };
const numeric = (c: string): string => NUMERIC[c];
const named = (c: string): string => NAMED[c];

/**
 * Escapes text for XML or HTML, in elements and in attributes of either quote style; every door
 * writes its XML through here. Control characters XML 1.0 forbids are dropped rather than the
 * request refused: XML 1.0 cannot carry them even as character references, the same value is
 * fine in a JSON reply, and dropping them here keeps every reply well-formed whatever path a
 * value (a stored display name, a parameter echoed in an error message) took to reach it.
 * The asmx door writes &#39; because its pages are also HTML 4, which has no &apos;.
 */
export function escapeXml(value: string, apostrophe: Apostrophe = '&#39;'): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(SPECIAL, apostrophe === '&#39;' ? numeric : named);
}
