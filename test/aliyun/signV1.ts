import { randomUUID } from 'node:crypto';
import { aliyunEncode } from '../../src/doors/aliyun/canonicalEncode';
import { aliyunSignatureV1 } from '../../src/doors/aliyun/signatureV1';
import { DEMO_KEY } from './sdkClients';

/**
 * A raw V1 query string, for what the SDKs never send (Format=XML, unknown actions, odd
 * encodings). The signer is the door's own, which the golden vectors check against the SDKs.
 */
export function signedV1Query(params: Record<string, string>, method = 'GET', key = DEMO_KEY): string {
  const all = new Map<string, string>(
    Object.entries({
      Format: 'JSON',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      SignatureNonce: randomUUID(),
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: key.accessKeyId,
      ...params,
    }),
  );
  all.set('Signature', aliyunSignatureV1(method, all, key.accessKeySecret));
  return [...all].map(([k, v]) => `${aliyunEncode(k)}=${aliyunEncode(v)}`).join('&');
}
