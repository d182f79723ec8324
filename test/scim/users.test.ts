import { asmxStatus } from '../kit/asmx';
import { DEMO } from '../kit/demo';
import { send } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';
import { createTestDatabase } from '../store/pgDatabase';
import { createUser, patchOp, scim, scimError, USER_URN, type ListBody } from './helpers';

const url = process.env.DATABASE_URL;
if (!url && process.env.STATUSBRIDGE_REQUIRE_POSTGRES === '1')
  throw new Error('STATUSBRIDGE_REQUIRE_POSTGRES=1 but DATABASE_URL is not set');

/** A demo server on a fresh database of one kind; stop() drops a PostgreSQL one again. */
type Start = () => Promise<TestServer>;

const onSqlite: Start = () => startTestServer();

const onPostgres: Start = async () => {
  const db = await createTestDatabase(url as string);
  const server = await startTestServer({ databaseUrl: db.url });
  return {
    ...server,
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
};

/** The same suite on both stores: SCIM filters and pages are SQL each dialect runs. */
const BACKENDS: [string, Start][] = [['SQLite', onSqlite], ...(url ? [['PostgreSQL', onPostgres] as [string, Start]] : [])];

describe.each(BACKENDS)('scim door on %s', (_name, start) => {
  let server: TestServer;

  describe('a SCIM change is seen through every door', () => {
    beforeEach(async () => {
      server = await start();
    });
    afterEach(async () => {
      await server.stop();
    });

    it('a deactivation disables the account for asmx and huawei, and the audit names the token’s administrator', async () => {
      const answer = await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
      expect(answer.status).toBe(200);
      expect(await asmxStatus(server, 'jdoe')).toBe('disabled');
      const member = await send(server, '/v1/usg/dcs/corp/member/jdoe?accountType=0', { headers: { 'X-Access-Token': DEMO.huaweiToken } });
      expect(member.json()).toEqual(expect.objectContaining({ userAccount: 'jdoe', status: 1 }));
      const rows = await server.engine.listAudit({ target: 'jdoe', door: 'scim' });
      expect(rows).toEqual([
        expect.objectContaining({
          door: 'scim',
          caller: 'admin',
          target: 'jdoe',
          verb: 'scim:PATCH',
          before: 'enabled',
          after: 'disabled',
          outcome: 'ok',
        }),
      ]);
      await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, patchOp({ op: 'replace', value: { active: true } }));
      expect(await asmxStatus(server, 'jdoe')).toBe('enabled');
    });

    it('a deactivation ends the user’s tickets; a rename keeps them and every door sees the new name', async () => {
      const logon = await send(server, `/srv.asmx/AuthenticateUser?UID=jdoe&PWD=${DEMO.jdoe.password}`);
      const ticket = /ticket="([^"]+)"/i.exec(logon.text)?.[1] ?? /AuthenticationTicket="([^"]+)"/.exec(logon.text)?.[1];
      expect(ticket).toBeTruthy();
      expect(
        (await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, patchOp({ op: 'replace', path: 'userName', value: 'john.doe' }))).status,
      ).toBe(200);
      expect(await asmxStatus(server, 'john.doe')).toBe('enabled');
      expect(await asmxStatus(server, 'john.doe', ticket)).toBe('enabled');
      await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
      await expect(asmxStatus(server, 'john.doe', ticket)).rejects.toThrow();
    });

    it('DELETE removes the user for every door, is audited, and refuses the last administrator', async () => {
      const answer = await scim(server, 'DELETE', `/Users/${DEMO.test010.id}`);
      expect(answer.status).toBe(204);
      expect((await scim(server, 'GET', `/Users/${DEMO.test010.id}`)).status).toBe(404);
      await expect(asmxStatus(server, 'test010')).rejects.toThrow();
      expect(await server.engine.listAudit({ target: 'test010', door: 'scim' })).toEqual([
        expect.objectContaining({ door: 'scim', caller: 'admin', target: 'test010', verb: 'scim:DELETE', after: 'deleted', outcome: 'ok' }),
      ]);
      expect(scimError(await scim(server, 'DELETE', `/Users/${DEMO.admin.id}`))).toEqual({
        http: 400,
        status: '400',
        scimType: 'mutability',
      });
      expect(await asmxStatus(server, 'admin')).toBe('enabled');
    });

    it('the seat limit holds for SCIM creations and activations, with the engine’s reason in detail', async () => {
      await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
      await server.engine.setSeatLimit(DEMO.directory.id, 2);
      const created = await scim(server, 'POST', '/Users', { schemas: [USER_URN], userName: 'one.too.many' });
      expect(scimError(created)).toEqual({ http: 400, status: '400', scimType: 'invalidValue' });
      expect(created.json<{ detail: string }>().detail).toBe('Enabling would exceed the directory seat limit');
      const activated = await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, patchOp({ op: 'replace', path: 'active', value: 'True' }));
      expect(scimError(activated).scimType).toBe('invalidValue');
      expect(await asmxStatus(server, 'jdoe')).toBe('disabled');
      expect((await scim(server, 'POST', '/Users', { schemas: [USER_URN], userName: 'parked', active: false })).status).toBe(201);
    });

    it('users created through SCIM go into the token’s directory and are seen by asmx at once', async () => {
      await createUser(server, 'new.person', { active: false });
      expect(await asmxStatus(server, 'new.person')).toBe('disabled');
      const user = await server.engine.findUser({ by: 'userName', value: 'new.person' });
      expect(user?.directoryId).toBe(DEMO.directory.id);
      expect(user?.isAdmin).toBe(false);
    });
  });

  describe('filters and pages', () => {
    const names = (body: ListBody) => body.Resources.map((r) => r.userName);

    async function list(query: string): Promise<ListBody> {
      const answer = await scim(server, 'GET', `/Users?${query}`);
      expect(answer.status).toBe(200);
      return answer.json<ListBody>();
    }

    beforeAll(async () => {
      server = await start();
      await createUser(server, 'alice', {
        displayName: 'Alice A',
        externalId: 'EXT-1',
        emails: [{ type: 'work', value: 'alice@corp.test' }],
      });
      await createUser(server, 'alfred', { externalId: 'ext-2', active: false, emails: [{ type: 'home', value: 'alfred@home.test' }] });
    });
    afterAll(async () => {
      await server.stop();
    });

    it.each([
      ['userName eq "ALICE"', ['alice']],
      ['USERNAME sw "al"', ['alfred', 'alice']],
      ['userName co "fre"', ['alfred']],
      ['externalId eq "EXT-1"', ['alice']],
      ['externalId eq "ext-1"', []],
      ['displayName eq "alice a"', ['alice']],
      ['active eq false and userName sw "al"', ['alfred']],
      ['active eq "False" and userName sw "al"', ['alfred']],
      ['emails.value eq "ALFRED@home.test"', ['alfred']],
      ['emails[type eq "work"].value eq "alice@corp.test"', ['alice']],
      ['emails[type eq "work"].value eq "alfred@home.test"', []],
      ['emails[type eq "home"]', ['alfred']],
      ['externalId pr and userName sw "al"', ['alfred', 'alice']],
      ['userName eq "alice" or userName eq "alfred"', ['alfred', 'alice']],
      ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "alice"', ['alice']],
    ])('%s', async (filter, expected) => {
      const body = await list(`filter=${encodeURIComponent(filter)}`);
      expect(names(body).sort()).toEqual(expected);
      expect(body.totalResults).toBe(expected.length);
    });

    it.each([
      ['userName ne "alice"', 'not supported'],
      ['userName gt "a"', 'not supported'],
      ['nickName eq "x"', 'nickName'],
      ['not (userName eq "alice")', 'not'],
      ['userName eq', 'does not parse'],
      ['userName eq "unterminated', ''],
      ['active co "t"', 'active'],
      ['active eq "maybe"', 'true or false'],
      ['userName eq 5', 'string'],
    ])('refuses %s as invalidFilter', async (filter, detail) => {
      const answer = await scim(server, 'GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(scimError(answer)).toEqual({ http: 400, status: '400', scimType: 'invalidFilter' });
      expect(answer.json<{ detail: string }>().detail).toContain(detail);
    });

    it('pages in a stable id order with integer counts; past the end is an empty page', async () => {
      const all = await list('startIndex=1&count=100');
      expect(all.totalResults).toBe(5);
      const ids = all.Resources.map((r) => r.id);
      expect(ids).toEqual([...ids].sort());
      const pages = [await list('startIndex=1&count=2'), await list('startIndex=3&count=2'), await list('startIndex=5&count=2')];
      expect(pages.flatMap((p) => p.Resources.map((r) => r.id))).toEqual(ids);
      expect(pages.map((p) => [p.startIndex, p.itemsPerPage, p.totalResults])).toEqual([
        [1, 2, 5],
        [3, 2, 5],
        [5, 1, 5],
      ]);
      expect(await list('startIndex=9&count=2')).toEqual(
        expect.objectContaining({ totalResults: 5, startIndex: 9, itemsPerPage: 0, Resources: [] }),
      );
      expect(await list('count=0')).toEqual(expect.objectContaining({ totalResults: 5, itemsPerPage: 0, Resources: [] }));
      expect(scimError(await scim(server, 'GET', '/Users?count=ten'))).toEqual({ http: 400, status: '400', scimType: 'invalidValue' });
    });

    it('attributes and excludedAttributes choose what each resource carries', async () => {
      const picked = await list('filter=userName%20eq%20%22alice%22&attributes=displayName,emails.value');
      expect(picked.Resources[0]).toEqual({
        schemas: [USER_URN],
        id: expect.any(String),
        userName: 'alice',
        displayName: 'Alice A',
        emails: [{ value: 'alice@corp.test' }],
        meta: expect.any(Object),
      });
      const dropped = await list('filter=userName%20eq%20%22alice%22&excludedAttributes=emails,displayName');
      expect(Object.keys(dropped.Resources[0]).sort()).toEqual(['active', 'externalId', 'id', 'meta', 'schemas', 'userName']);
    });
  });

  describe('limits at their edge', () => {
    it('scimMaxResults caps count; scimMaxFilterLength bounds the filter', async () => {
      const small = await startTestServer({ scimMaxResults: 2, scimMaxFilterLength: 64 });
      try {
        const body = (await scim(small, 'GET', '/Users?count=100')).json<ListBody>();
        expect([body.totalResults, body.itemsPerPage]).toEqual([3, 2]);
        const at = `userName eq "${'x'.repeat(64 - 'userName eq ""'.length)}"`;
        expect(at).toHaveLength(64);
        expect((await scim(small, 'GET', `/Users?filter=${encodeURIComponent(at)}`)).status).toBe(200);
        expect(scimError(await scim(small, 'GET', `/Users?filter=${encodeURIComponent(`${at} `)}`)).scimType).toBe('invalidFilter');
      } finally {
        await small.stop();
      }
    });
  });
});
