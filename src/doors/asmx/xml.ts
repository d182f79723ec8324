const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for XML or HTML, in elements and in attributes of either quote style (the service
 * URL comes from the client's Host header). Control characters XML 1.0 forbids are dropped, so a
 * stored display name can never make a reply unparseable.
 */
export function escapeXml(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
