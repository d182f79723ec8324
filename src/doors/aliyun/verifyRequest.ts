import type { DoorEngine, NonceClaim } from '../../engine';
import { AliyunDoorError } from './aliyunError';
import type { AliyunRequest } from './parseRequest';
import { headerOf } from './parseRequest';
import { readV1Claims, verifySignatureV1, type SignedClaims } from './signatureV1';
import { readV3Claims, verifySignatureV3 } from './signatureV3';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export interface VerifyOptions {
  engine: DoorEngine;
  skewSeconds: number;
  /** Called as soon as the request names its key, so a later refusal is audited under that key. */
  onKeyId(keyId: string): void;
}

/** We do not implement STS: a token we cannot check must not be ignored and the request trusted. */
export function refuseSecurityToken(req: AliyunRequest): void {
  if (req.params.has('SecurityToken') || headerOf(req.headers, 'x-acs-security-token') !== undefined) {
    throw new AliyunDoorError('InvalidSecurityToken.NotSupported');
  }
}

export function readClaims(req: AliyunRequest): SignedClaims & { verify(secret: string): boolean } {
  if (req.style === 'v3') {
    const claims = readV3Claims(req);
    return { ...claims, verify: (secret) => verifySignatureV3(req, claims, secret) };
  }
  const claims = readV1Claims(req);
  return { ...claims, verify: (secret) => verifySignatureV1(req, claims, secret) };
}

async function findSecret(engine: DoorEngine, keyId: string): Promise<string> {
  const key = await engine.getAccessKey(keyId);
  if (!key || key.revokedAt !== null) throw new AliyunDoorError('InvalidAccessKeyId.NotFound', undefined, 'KEY_NOT_FOUND');
  return key.secret;
}

function checkTimestamp(timestamp: string, now: number, skewSeconds: number): void {
  const at = TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(at)) throw new AliyunDoorError('InvalidTimeStamp.Format');
  if (Math.abs(now - at) > skewSeconds * 1000) throw new AliyunDoorError('InvalidTimeStamp.Expired');
}

/** A timestamp is accepted up to skew either side of now, so its nonce must be remembered for twice that. */
function nonceClaim(keyId: string, nonce: string, skewSeconds: number): NonceClaim {
  return { scope: `aliyun:${keyId}`, nonce, windowMs: 2 * skewSeconds * 1000 };
}

export interface VerifiedRequest {
  keyId: string;
  /**
   * Not yet spent: the action hands it to the engine, which spends it first thing in the
   * change's own transaction (one commit for both), or the door hands it over with its refusal. The nonce is checked only after the
   * signature holds, so nobody without the secret can burn a caller's nonces.
   */
  nonce: NonceClaim;
}

/**
 * Proves the request was signed by a live access key, recently. The engine then checks the
 * key's owner and policy, and the nonce, in the change's transaction.
 */
export async function verifySignedRequest(req: AliyunRequest, options: VerifyOptions): Promise<VerifiedRequest> {
  const claims = readClaims(req);
  options.onKeyId(claims.accessKeyId);
  const secret = await findSecret(options.engine, claims.accessKeyId);
  if (!claims.verify(secret)) throw new AliyunDoorError('SignatureDoesNotMatch');
  checkTimestamp(claims.timestamp, options.engine.now(), options.skewSeconds);
  return { keyId: claims.accessKeyId, nonce: nonceClaim(claims.accessKeyId, claims.nonce, options.skewSeconds) };
}
