import { join } from 'node:path';
import { parseAliyunRequest } from '../../src/doors/aliyun/parseRequest';
import { readClaims } from '../../src/doors/aliyun/verifyRequest';
import { startTestServer, type TestServer } from '../kit/server';
import { CAPTURE_SECRET, CAPTURE_TIME, CAPTURED_SCENARIOS, replay, type CapturedRequest } from './captures';
import { jdoe, lastAudit } from './helpers';
import { DEMO } from '../kit/demo';
import { expectGolden, renderAnswer } from '../kit/golden';
import type { HttpAnswer } from '../kit/http';

/** The door's whole replies to the captures, one file per capture and case (UPDATE_WIRE=1 rewrites them). */
const REPLIES = join(__dirname, '..', 'wire', 'aliyun', 'replies');

/** ROA's "acs <id>:<sig>" HMAC-SHA1 is not an RPC signature; CloudSSO and BSS are RPC only. */
const ROA_V1 = 'oc-sso-roa-v2';
const RPC = CAPTURED_SCENARIOS.filter((s) => s.id !== ROA_V1).map((s) => [s.id, s.requests[0]] as const);

function verifies(request: CapturedRequest): boolean {
  const req = parseAliyunRequest({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: Buffer.from(request.body, 'utf8'),
  });
  try {
    return readClaims(req).verify(CAPTURE_SECRET);
  } catch {
    return false;
  }
}

/** Replaces the byte at `at` with a different one of the same class (hex stays hex, base64 stays base64). */
function changeByteAt(text: string, at: number): string {
  if (at < 0 || at >= text.length) throw new Error('nothing to change');
  const replacement = text[at] === 'a' ? 'b' : text[at] === '0' ? '1' : /[0-9]/.test(text[at]) ? '0' : 'a';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

/** The index of the first byte of a parameter's value in the text, or -1. */
const valueAt = (text: string, name: string): number => {
  const match = new RegExp(`(?:^|[?&])${name}=`).exec(text);
  return match ? match.index + match[0].length : -1;
};

function withHeader(request: CapturedRequest, name: string, change: (value: string) => string): CapturedRequest {
  const value = change(String(request.headers[name]));
  const rawHeaders = request.rawHeaders.map(([n, v]) => [n, n.toLowerCase() === name ? value : v] as [string, string]);
  return { ...request, headers: { ...request.headers, [name]: value }, rawHeaders };
}

function withParam(request: CapturedRequest, name: string): CapturedRequest | null {
  for (const where of ['url', 'body'] as const) {
    const at = valueAt(request[where], name);
    if (at >= 0) return { ...request, [where]: changeByteAt(request[where], at) };
  }
  return null;
}

/** One-byte changes to what each request signs: its nonce, the signature, a parameter, the Host, the body. */
function mutations(request: CapturedRequest): [string, CapturedRequest][] {
  const out: [string, CapturedRequest | null][] = [];
  if (request.headers['x-acs-signature-nonce']) {
    out.push(['nonce header', withHeader(request, 'x-acs-signature-nonce', (v) => changeByteAt(v, 0))]);
    out.push(['signature', withHeader(request, 'authorization', (v) => changeByteAt(v, v.length - 1))]);
    out.push(['Host header', withHeader(request, 'host', (v) => changeByteAt(v, v.length - 1))]);
  } else {
    out.push(['nonce parameter', withParam(request, 'SignatureNonce')]);
    out.push(['signature', withParam(request, 'Signature')]);
  }
  out.push(['a parameter value', withParam(request, 'OwnerId') ?? withParam(request, 'DirectoryId')]);
  if (request.body !== '') out.push(['the body', { ...request, body: changeByteAt(request.body, request.body.length - 1) }]);
  return out.filter((entry): entry is [string, CapturedRequest] => entry[1] !== null);
}

describe('captured SDK requests as golden vectors', () => {
  test.each(RPC)('%s verifies with the capture key', (_id, request) => {
    expect(verifies(request)).toBe(true);
  });

  test.each(RPC)('%s fails with any one byte changed', (_id, request) => {
    const variants = mutations(request);
    expect(variants.length).toBeGreaterThanOrEqual(3);
    for (const [what, variant] of variants) {
      expect([what, verifies(variant)]).toEqual([what, false]);
    }
  });

  test('the ROA-style capture ("acs id:sig") is not accepted as an RPC signature', () => {
    const roa = CAPTURED_SCENARIOS.find((s) => s.id === ROA_V1)?.requests[0];
    expect(roa && verifies(roa)).toBe(false);
  });
});

describe('captured requests replayed byte for byte at the capture time', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({}, { clock: () => CAPTURE_TIME + 5_000 });
  });

  afterEach(async () => {
    await server.stop();
  });

  /** The whole reply: status, the headers a client reads, the body (RequestId, HostId and dates normalised). */
  const whole = (answer: HttpAnswer): string => renderAnswer(answer, ['Content-Type', 'x-acs-request-id']);

  test.each(RPC)('%s is accepted, then refused as a replay: both replies whole', async (id, request) => {
    const first = await replay(server, request);
    expectGolden(join(REPLIES, `${id}.http`), whole(first));
    expect(first.headers.get('x-acs-request-id')).toBe(first.json().RequestId);
    const second = await replay(server, request);
    expectGolden(join(REPLIES, 'replayed.http'), whole(second));
    expect(await lastAudit(server)).toEqual(
      expect.objectContaining({ caller: DEMO.accessKey.accessKeyId, outcome: 'NONCE_REPLAYED', requestId: second.json().RequestId }),
    );
  });

  test('the replayed Freeze changed the user once', async () => {
    const [, request] = RPC.find(([id]) => id === 'bss-v3') ?? [];
    if (!request) throw new Error('capture bss-v3 missing');
    await replay(server, request);
    const version = (await jdoe(server)).version;
    await replay(server, request);
    expect((await jdoe(server)).version).toBe(version);
    expect((await jdoe(server)).status).toBe('disabled');
  });

  test.each(RPC)('%s with one byte changed is refused: the whole reply', async (id, request) => {
    const [, variant] = mutations(request)[0];
    expectGolden(join(REPLIES, 'tampered.http'), whole(await replay(server, variant)));
  });

  test('16 minutes after the capture the same bytes are InvalidTimeStamp.Expired', async () => {
    const late = await startTestServer({}, { clock: () => CAPTURE_TIME + 16 * 60_000 });
    try {
      for (const [, request] of RPC) expectGolden(join(REPLIES, 'expired.http'), whole(await replay(late, request)));
    } finally {
      await late.stop();
    }
  });
});
