import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORDS } from '../kit/demo';
import { expectGolden, renderAnswer } from '../kit/golden';
import { parseRequestFile, sendRaw } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';
import { accountAuth, tokenOf } from './helpers';

/**
 * Golden wire fixtures: test/wire/huawei/<Operation>__<case>/request.http is sent to a fresh demo
 * server and the answer compared with response.http (status, Content-Type, X-Request-Id, body)
 * after normalising what differs per run (generated request ids, tokens, times). A setup.http,
 * when present, is sent first and must succeed. {{token:NAME}} becomes a live access token of
 * that demo user. UPDATE_WIRE=1 rewrites the response files (review the diff before committing).
 */
const ROOT = join(__dirname, '..', 'wire', 'huawei');
const cases = readdirSync(ROOT).sort();

async function fillPlaceholders(server: TestServer, text: string): Promise<string> {
  let out = text;
  for (const match of text.matchAll(/\{\{token:(\w+)\}\}/g)) {
    out = out.replace(match[0], await tokenOf(accountAuth(server, match[1], DEMO_PASSWORDS[match[1]])));
  }
  return out;
}

describe('huawei golden wire fixtures', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('has a fixture for every route', () => {
    const operations = new Set(cases.map((name) => name.split('__')[0]));
    expect([...operations].sort()).toEqual(['AccountAuth', 'AppAuth', 'BatchStatus', 'GetMember', 'Service', 'ValidateToken']);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(ROOT, name);
    const setup = join(dir, 'setup.http');
    if (existsSync(setup)) expect((await sendRaw(server, parseRequestFile(readFileSync(setup, 'utf8')))).status).toBe(200);
    const request = parseRequestFile(await fillPlaceholders(server, readFileSync(join(dir, 'request.http'), 'utf8')));
    const answer = await sendRaw(server, request);
    expectGolden(join(dir, 'response.http'), renderAnswer(answer, ['Content-Type', 'X-Request-Id']));
  });
});
