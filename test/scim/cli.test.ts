import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { startTestServer, type TestServer } from '../kit/server';
import { scim, scimError, USER_URN } from './helpers';

const ENV = { STATUSBRIDGE_DB: '', STATUSBRIDGE_ADMIN_PASSWORD: 'Cli-Admin-2026', STATUSBRIDGE_LOG_LEVEL: 'silent' };

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('scim door: tokens made with the command line', () => {
  let dir: string;
  let server: TestServer | undefined;
  const saved: Record<string, string | undefined> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-cli-'));
    for (const [name, value] of Object.entries({ ...ENV, STATUSBRIDGE_DB: join(dir, 'cli.db') })) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    // The CLI reads the environment: a DATABASE_URL (CI sets one) would send it to PostgreSQL instead.
    saved.DATABASE_URL = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await server?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('scim token create, list and revoke; new users go into the token’s directory', async () => {
    expect((await cli('directory', 'add', 'Provisioned', '--id', 'd-0provisioned')).code).toBe(0);
    const created = await cli('scim', 'token', 'create', '--user', 'admin', '--directory', 'd-0provisioned', '--json');
    expect(created.code).toBe(0);
    const token = JSON.parse(created.out[0]) as { id: string; token: string; directoryId: string };
    expect(token.directoryId).toBe('d-0provisioned');

    server = await startTestServer({ dbPath: join(dir, 'cli.db'), demo: false });
    const auth = { Authorization: `Bearer ${token.token}` };
    expect((await scim(server, 'POST', '/Users', { schemas: [USER_URN], userName: 'provisioned.one' }, auth)).status).toBe(201);
    expect((await server.engine.findUser({ by: 'userName', value: 'provisioned.one' }))?.directoryId).toBe('d-0provisioned');

    const listed = await cli('scim', 'token', 'list', '--json');
    expect(JSON.parse(listed.out[0])).toEqual([expect.objectContaining({ id: token.id, directoryId: 'd-0provisioned', revokedAt: null })]);
    expect(listed.out[0]).not.toContain(token.token);

    expect((await cli('scim', 'token', 'revoke', token.id)).code).toBe(0);
    expect(scimError(await scim(server, 'GET', '/Users', undefined, auth)).http).toBe(401);
    expect((await cli('scim', 'token', 'revoke', 'pt-nothing')).code).toBe(1);
    expect((await cli('scim', 'token', 'create', '--user', 'provisioned.one')).code).toBe(1);
    expect((await cli('scim', 'token', 'create')).code).toBe(2);
  });
});
