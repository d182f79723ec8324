import { cli, cliDatabaseForSuite } from '../kit/cli';
import { startTestServer, type TestServer } from '../kit/server';
import { scim, scimError, USER_URN } from './helpers';

describe('scim door: tokens made with the command line', () => {
  let server: TestServer | undefined;
  // Registered first, so the server lets go of the file before the file is removed.
  afterAll(async () => {
    await server?.stop();
  });
  const database = cliDatabaseForSuite();

  it('scim token create, list and revoke; new users go into the token’s directory', async () => {
    expect((await cli('directory', 'add', 'Provisioned', '--id', 'd-0provisioned')).code).toBe(0);
    const created = await cli('scim', 'token', 'create', '--user', 'admin', '--directory', 'd-0provisioned', '--json');
    expect(created.code).toBe(0);
    const token = JSON.parse(created.out[0]) as { id: string; token: string; directoryId: string };
    expect(token.directoryId).toBe('d-0provisioned');

    server = await startTestServer({ dbPath: database.path(), demo: false });
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
