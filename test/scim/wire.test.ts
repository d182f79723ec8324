import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO } from '../kit/demo';
import { expectGolden, renderAnswer } from '../kit/golden';
import { parseRequestFile, sendRaw } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';

/**
 * Golden wire fixtures: test/wire/scim/<Operation>__<case>/request.http holds what Okta or
 * Entra sends (their documented bodies), replayed to a fresh demo server and compared with
 * response.http (status, Content-Type, ETag, Location, body). A setup.http, when present, is
 * sent first and must succeed. Ids the server makes up become {{new-id}}, times {{time}}.
 * UPDATE_WIRE=1 rewrites the response files (review the diff before committing).
 */
const ROOT = join(__dirname, '..', 'wire', 'scim');
const cases = readdirSync(ROOT).sort();

const DEMO_IDS = new Set([DEMO.admin.id, DEMO.jdoe.id, DEMO.test010.id]);

/** A user id this run made up, as a placeholder; the demo's fixed ids stay. */
const withoutNewIds = (text: string): string => text.replace(/u-[a-z0-9]{16}/g, (id) => (DEMO_IDS.has(id) ? id : '{{new-id}}'));

describe('scim golden wire fixtures', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('has a fixture for every Users operation', () => {
    const operations = new Set(cases.map((name) => name.split('__')[0]));
    expect([...operations].sort()).toEqual(['CreateUser', 'DeleteUser', 'GetUser', 'ListUsers', 'PatchUser', 'ReplaceUser']);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(ROOT, name);
    const setup = join(dir, 'setup.http');
    if (existsSync(setup)) expect((await sendRaw(server, parseRequestFile(readFileSync(setup, 'utf8')))).status).toBeLessThan(300);
    const answer = await sendRaw(server, parseRequestFile(readFileSync(join(dir, 'request.http'), 'utf8')));
    expectGolden(join(dir, 'response.http'), withoutNewIds(renderAnswer(answer, ['Content-Type', 'ETag', 'Location'])));
  });
});
