import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import { readBodyOr413 } from '../../http/rawBody';
import { AliyunDoorError, invalidParameter } from './aliyunError';
import { MalformedEncodingError, parseUrlEncoded } from './canonicalEncode';

/** The bytes of one request, as the wire carried them: what the signature is computed over. */
export interface RawAliyunRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AliyunRequest {
  method: string;
  /** v1: HMAC-SHA1 over the parameters; v3: ACS3-HMAC-SHA256 over a canonical request. */
  style: 'v1' | 'v3';
  action: string | undefined;
  version: string | undefined;
  /** Every parameter, from the query and from a form body, decoded. */
  params: ReadonlyMap<string, string>;
  /** The query alone, decoded: V3 signs it apart from the body. */
  query: readonly [string, string][];
  headers: IncomingHttpHeaders;
  body: Buffer;
  format: 'JSON' | 'XML';
}

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function isFormBody(headers: IncomingHttpHeaders): boolean {
  const type = headerOf(headers, 'content-type') ?? '';
  return type.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function decodePairs(text: string): [string, string][] {
  try {
    return parseUrlEncoded(text);
  } catch (err) {
    if (err instanceof MalformedEncodingError) throw invalidParameter(err.message.slice(0, 64), 'it is not valid percent-encoding');
    throw err;
  }
}

/** A parameter given twice could be signed in one place and acted on in another: refuse it. */
function mergeUnique(pairs: [string, string][]): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (params.has(key)) throw invalidParameter(key, 'it is given more than once');
    params.set(key, value);
  }
  return params;
}

export function parseAliyunRequest(raw: RawAliyunRequest): AliyunRequest {
  const q = raw.url.indexOf('?');
  const query = q < 0 ? [] : decodePairs(raw.url.slice(q + 1));
  const bodyPairs = isFormBody(raw.headers) ? decodePairs(raw.body.toString('utf8')) : [];
  const params = mergeUnique([...query, ...bodyPairs]);

  const authorization = headerOf(raw.headers, 'authorization') ?? '';
  const headerAction = headerOf(raw.headers, 'x-acs-action');
  // V1 clients send x-acs-action too (bssopenapi with signatureAlgorithm v2), but only V3 signs with Authorization.
  const v3 =
    authorization.startsWith(`${V3_ALGORITHM} `) || (!params.has('Action') && !params.has('Signature') && headerAction !== undefined);
  return {
    method: raw.method.toUpperCase(),
    style: v3 ? 'v3' : 'v1',
    action: v3 ? headerAction : params.get('Action'),
    version: v3 ? headerOf(raw.headers, 'x-acs-version') : params.get('Version'),
    params,
    query,
    headers: raw.headers,
    body: raw.body,
    format: (params.get('Format') ?? '').toUpperCase() === 'XML' ? 'XML' : 'JSON',
  };
}

function refuseTooLarge(): never {
  throw new AliyunDoorError('RequestEntityTooLarge');
}

/** Reads the body within the limit and parses the request. */
export async function readAliyunRequest(req: Request, maxBodyBytes: number): Promise<AliyunRequest> {
  const body = await readBodyOr413(req, maxBodyBytes, refuseTooLarge);
  return parseAliyunRequest({ method: req.method, url: req.originalUrl, headers: req.headers, body });
}
