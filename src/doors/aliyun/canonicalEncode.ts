/**
 * Alibaba's signing encoding: encodeURIComponent plus !'()*, so space is %20 and ~ stays.
 * The wire encoding of a request may differ (Node's querystring leaves *!()~ raw), which is
 * why parameters are always decoded first and re-encoded with this function before signing.
 */
export function aliyunEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export class MalformedEncodingError extends Error {
  override name = 'MalformedEncodingError';
}

/** Decodes one form or query component; '+' is a space, as every HTML form and querystring encoder means it. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new MalformedEncodingError(text);
  }
}

/** Splits `a=1&b=2` into decoded pairs in wire order; a key without '=' has the empty value. */
export function parseUrlEncoded(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decodeComponent(key), decodeComponent(value)]);
  }
  return pairs;
}
