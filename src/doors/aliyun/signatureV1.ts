import { createHmac } from 'node:crypto';
import { safeEqual } from '../../engine';
import { AliyunDoorError, missingParameter } from './aliyunError';
import { aliyunEncode } from './canonicalEncode';
import type { AliyunRequest } from './parseRequest';

export interface SignedClaims {
  accessKeyId: string;
  signature: string;
  timestamp: string;
  nonce: string;
}

function required(req: AliyunRequest, name: string): string {
  const value = req.params.get(name);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

/** The V1 signing parameters, checked for presence and for the one method we speak. */
export function readV1Claims(req: AliyunRequest): SignedClaims {
  const method = req.params.get('SignatureMethod');
  if (method !== 'HMAC-SHA1') {
    throw new AliyunDoorError('IncompleteSignature', `SignatureMethod must be HMAC-SHA1, got "${(method ?? '').slice(0, 32)}".`);
  }
  const version = req.params.get('SignatureVersion');
  if (version !== undefined && version !== '1.0') {
    throw new AliyunDoorError('IncompleteSignature', `SignatureVersion must be 1.0, got "${version.slice(0, 32)}".`);
  }
  return {
    accessKeyId: required(req, 'AccessKeyId'),
    signature: required(req, 'Signature'),
    timestamp: required(req, 'Timestamp'),
    nonce: required(req, 'SignatureNonce'),
  };
}

/** base64(HMAC-SHA1(secret + "&", METHOD&%2F&enc(sorted k=v))) over the decoded parameters without Signature. */
export function aliyunSignatureV1(method: string, params: ReadonlyMap<string, string>, secret: string): string {
  const keys = [...params.keys()].filter((key) => key !== 'Signature').sort();
  const canonical = keys.map((key) => `${aliyunEncode(key)}=${aliyunEncode(params.get(key) ?? '')}`).join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

export function verifySignatureV1(req: AliyunRequest, claims: SignedClaims, secret: string): boolean {
  return safeEqual(aliyunSignatureV1(req.method, req.params, secret), claims.signature);
}
