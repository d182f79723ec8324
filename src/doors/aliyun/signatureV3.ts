import { createHmac, hash } from 'node:crypto';
import { safeEqual } from '../../engine';
import { AliyunDoorError } from './aliyunError';
import { aliyunEncode } from './canonicalEncode';
import { headerOf, V3_ALGORITHM, type AliyunRequest } from './parseRequest';
import type { SignedClaims } from './signatureV1';

export interface V3Claims extends SignedClaims {
  signedHeaders: string[];
}

/** Without these signed, a captured request could be re-aimed at another action, time or body. */
const MUST_SIGN = ['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-action', 'x-acs-version'];

const incomplete = (why: string): AliyunDoorError =>
  new AliyunDoorError('IncompleteSignature', `The Authorization header is not valid: ${why}.`);

/** Reads `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`. */
export function readV3Claims(req: AliyunRequest): V3Claims {
  const authorization = headerOf(req.headers, 'authorization') ?? '';
  if (!authorization.startsWith(`${V3_ALGORITHM} `)) throw incomplete(`it must start with ${V3_ALGORITHM}`);
  const fields = new Map<string, string>();
  for (const part of authorization.slice(V3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signature = fields.get('Signature');
  const signedHeaders = (fields.get('SignedHeaders') ?? '').split(';').filter((h) => h !== '');
  if (!accessKeyId) throw incomplete('Credential is missing');
  if (!signature) throw incomplete('Signature is missing');
  if (signedHeaders.some((h) => h !== h.toLowerCase())) throw incomplete('SignedHeaders must be lower case');
  const unsigned = MUST_SIGN.filter((h) => !signedHeaders.includes(h));
  if (unsigned.length > 0) throw incomplete(`SignedHeaders must include ${unsigned.join(', ')}`);
  const absent = signedHeaders.filter((h) => headerOf(req.headers, h) === undefined);
  if (absent.length > 0) throw incomplete(`signed headers are absent: ${absent.join(', ').slice(0, 200)}`);
  const nonce = (headerOf(req.headers, 'x-acs-signature-nonce') ?? '').trim();
  if (nonce === '') throw incomplete('x-acs-signature-nonce is empty');
  return { accessKeyId, signature, signedHeaders, timestamp: (headerOf(req.headers, 'x-acs-date') ?? '').trim(), nonce };
}

const sha256Hex = (data: Buffer | string): string => hash('sha256', data, 'hex');

/**
 * Names are encoded as values are (Alibaba's V3 signature reference and its signing samples): a
 * name left raw would let `A%3D1%26B=2` (one parameter) pass for the signed `A=1&B=2` (two).
 */
export function canonicalRequestV3(req: AliyunRequest, signedHeaders: readonly string[], bodyHash: string): string {
  const query = [...req.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${aliyunEncode(key)}=${aliyunEncode(value)}`)
    .join('&');
  const headers = signedHeaders.map((h) => `${h}:${(headerOf(req.headers, h) ?? '').trim()}\n`).join('');
  return [req.method, '/', query, headers, signedHeaders.join(';'), bodyHash].join('\n');
}

/** hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(sha256(canonical request)))). */
export function aliyunSignatureV3(
  req: AliyunRequest,
  signedHeaders: readonly string[],
  secret: string,
  bodyHash: string = sha256Hex(req.body),
): string {
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(canonicalRequestV3(req, signedHeaders, bodyHash))}`;
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

export function verifySignatureV3(req: AliyunRequest, claims: V3Claims, secret: string): boolean {
  // The body is signed only through this header, so a body that does not hash to it is a forgery.
  const bodyHash = sha256Hex(req.body);
  const bodyOk = safeEqual(bodyHash, (headerOf(req.headers, 'x-acs-content-sha256') ?? '').toLowerCase());
  const signatureOk = safeEqual(aliyunSignatureV3(req, claims.signedHeaders, secret, bodyHash), claims.signature.toLowerCase());
  return bodyOk && signatureOk;
}
