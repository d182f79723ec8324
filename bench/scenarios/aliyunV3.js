'use strict';
const { createHash, randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { alternation } = require('./alternation');

const { aliyunSignatureV3 } = require(join(__dirname, '..', '..', 'dist', 'doors', 'aliyun', 'signatureV3'));
const { aliyunEncode } = require(join(__dirname, '..', '..', 'dist', 'doors', 'aliyun', 'canonicalEncode'));

const KEY = { id: 'testAccessKeyId', secret: 'testAccessKeySecret' };
/** What the bssopenapi SDK signs for SetResellerUserStatus (design/captures, scenario bss-v3). */
const SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-credentials-provider',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];
const EMPTY_BODY = Buffer.alloc(0);
const EMPTY_SHA256 = createHash('sha256').update(EMPTY_BODY).digest('hex');

/** x-acs-date has second precision; format it once a second, not once a request. */
function acsDate() {
  let second = 0;
  let text = '';
  return () => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) {
      second = now;
      text = `${new Date(now * 1000).toISOString().slice(0, 19)}Z`;
    }
    return text;
  };
}

/**
 * SetResellerUserStatus Freeze/Thaw, V3-signed here in the load generator with statusbridge's own
 * signing code from dist, a fresh nonce each request, as the SDK sends it (POST, empty body).
 */
function aliyunSetResellerUserStatus(port, ownerIds) {
  const next = alternation(ownerIds);
  const date = acsDate();
  const noncePrefix = randomBytes(8).toString('hex');
  let nonceCounter = 0;
  const host = `127.0.0.1:${port}`;
  return () => [
    {
      method: 'POST',
      setupRequest(req) {
        const { name: ownerId, enable } = next();
        const status = enable ? 'Thaw' : 'Freeze';
        const query = [
          ['BusinessType', 'FREEZE'],
          ['OwnerId', ownerId],
          ['Status', status],
          ['StopMode', '0'],
        ];
        const headers = {
          host,
          'x-acs-version': '2017-12-14',
          'x-acs-action': 'SetResellerUserStatus',
          'x-acs-date': date(),
          'x-acs-signature-nonce': `${noncePrefix}${(nonceCounter++).toString(16).padStart(16, '0')}`,
          accept: 'application/json',
          'x-acs-content-sha256': EMPTY_SHA256,
          'x-acs-credentials-provider': 'static_ak',
        };
        const signature = aliyunSignatureV3({ method: 'POST', query, headers, body: EMPTY_BODY }, SIGNED_HEADERS, KEY.secret);
        headers.authorization = `ACS3-HMAC-SHA256 Credential=${KEY.id},SignedHeaders=${SIGNED_HEADERS.join(';')},Signature=${signature}`;
        headers['content-length'] = '0';
        const path = `/?${query.map(([k, v]) => `${k}=${aliyunEncode(v)}`).join('&')}`;
        return { ...req, path, headers };
      },
    },
  ];
}

module.exports = { aliyunSetResellerUserStatus };
