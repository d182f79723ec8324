import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createEngine, type AuditEntry, type Engine } from '../../src/engine';
import { engineFor } from '../../src/server';
import { PostgresStore } from '../../src/store/postgres/postgresStore';
import { signedV1Query } from '../aliyun/signV1';
import { ensureBuilt } from '../kit/built';
import { createTestDatabase, type TestDatabase } from '../store/pgDatabase';
import { startTcpProxy, type TcpProxy } from '../store/tcpProxy';
import { ASMX_SUCCESS, asmxChange, asmxStatus } from '../kit/asmx';
import { DEMO } from '../kit/demo';
import { setStatus } from '../kit/server';
import { send, type HttpAnswer } from '../kit/http';
import { accountAuth, batch, tokenOf } from '../huawei/helpers';
import { ServerProcess } from '../kit/serverProcess';

const url = process.env.DATABASE_URL;
const required = process.env.STATUSBRIDGE_REQUIRE_POSTGRES === '1';

const DEMO_DIRECTORY = DEMO.directory.id;
const ADMIN_PASSWORD = DEMO.admin.password;
const BSS = { Action: 'SetResellerUserStatus', Version: '2017-12-14' };
const ASMX_UNAVAILABLE = '<response success="false" error="SystemError:Service unavailable, try again later" />';

/** Request ids unique to this run, so audit rows are found by prefix even in a reused database. */
const run = randomBytes(4).toString('hex');

const systemChange = (engine: Engine, userName: string, status: 'enabled' | 'disabled') =>
  setStatus({ engine }, userName, status, `mi-${run}-setup-${userName}-${status}`);

/**
 * The asmx door's audit rows for these users. A caller's X-Request-Id never names audit rows
 * (each request gets an id of ours), so rows are found by their targets.
 */
async function asmxAuditOf(engine: Engine, users: readonly string[]): Promise<AuditEntry[]> {
  return (await engine.listAudit()).filter((row) => users.includes(row.target ?? '') && row.door.startsWith('asmx'));
}

if (url) {
  describe('two statusbridge processes on one PostgreSQL database', () => {
    let db: TestDatabase | undefined;
    let proxy: TcpProxy | undefined;
    let store: PostgresStore | undefined;
    let engine: Engine;
    let one: ServerProcess;
    /** The second instance reaches PostgreSQL through a proxy the outage test cuts. */
    let two: ServerProcess;
    const started: ServerProcess[] = [];

    beforeAll(async () => {
      ensureBuilt();
      db = await createTestDatabase(url);
      const target = new URL(db.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const proxied = new URL(db.url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      const env = (databaseUrl: string) => ({ DATABASE_URL: databaseUrl, STATUSBRIDGE_DEMO: '1', STATUSBRIDGE_LOG_LEVEL: 'warn' });
      // Both start together on the empty database: both migrate, one loads the demo data, both serve.
      [one, two] = await Promise.all([ServerProcess.start(env(db.url), started), ServerProcess.start(env(proxied.toString()), started)]);
      // Opened only now, so the servers really met an empty database.
      store = await PostgresStore.open({ databaseUrl: db.url, pgPoolSize: 4, pgStatementTimeoutMs: 5000, pgConnectTimeoutMs: 3000 });
      engine = createEngine(store);
    }, 90_000);

    afterAll(async () => {
      // Only the processes this file started, each by its own handle.
      for (const server of started.splice(0)) await server.stop();
      await store?.close();
      await proxy?.close();
      await db?.drop();
    }, 60_000);

    it('both started on the empty database: both are ready and the demo data exists once', async () => {
      for (const server of [one, two]) expect((await send(server.url, '/readyz')).status).toBe(200);
      const users = await engine.listUsers();
      expect(users.map((u) => u.userName).sort()).toEqual(['admin', 'jdoe', 'test010']);
      expect((await engine.listDirectories()).map((d) => d.id)).toEqual([DEMO_DIRECTORY]);
    });

    it('an asmx ticket from one instance works on the other, and LogOut on the other ends it on the first', async () => {
      const logon = await send(one.url, `/srv.asmx/AuthenticateUser?UID=admin&PWD=${ADMIN_PASSWORD}`);
      const ticket = /ticket="([0-9a-f-]{36})"/.exec(logon.text)?.[1];
      expect(ticket).toBeDefined();
      const own = { ticket: ticket as string };

      expect((await asmxChange(two.url, 'test010', 0, own)).text).toContain(ASMX_SUCCESS);
      expect((await engine.findUser({ by: 'userName', value: 'test010' }))?.status).toBe('disabled');
      // The ticket is good on the instance that issued it too, until it is logged out anywhere.
      expect((await asmxChange(one.url, 'test010', 1, own)).text).toContain(ASMX_SUCCESS);

      const logout = await send(two.url, `/srv.asmx/LogOut?authenticationTicket=${ticket as string}`);
      expect(logout.text).toContain(ASMX_SUCCESS);
      const after = await asmxChange(one.url, 'test010', 0, own);
      expect(after.text).toContain('<response success="false" error="[901] Session expired or Invalid ticket" />');
      expect((await engine.findUser({ by: 'userName', value: 'test010' }))?.status).toBe('enabled');
    });

    it('an Alibaba request signed once succeeds on one instance and its replay is refused on the other', async () => {
      await systemChange(engine, 'jdoe', 'enabled');
      // Signed now: the captures' 2026-11-22T13:36:39Z timestamp is outside the skew window by now.
      const query = signedV1Query({
        ...BSS,
        OwnerId: DEMO.jdoe.ownerId as string,
        Status: 'Freeze',
        BusinessType: 'FREEZE',
        StopMode: '1',
      });
      const first = await send(one.url, `/?${query}`);
      expect(first.status).toBe(200);
      expect(first.json()).toMatchObject({ Success: true });
      expect((await engine.findUser({ by: 'userName', value: 'jdoe' }))?.status).toBe('disabled');

      // Thawed in between, so a replay that got through would be visible as a second freeze.
      await systemChange(engine, 'jdoe', 'enabled');
      const replay = await send(two.url, `/?${query}`);
      expect(replay.status).toBe(400);
      expect(replay.json()).toMatchObject({ Code: 'SignatureNonceUsed' });
      expect((await engine.findUser({ by: 'userName', value: 'jdoe' }))?.status).toBe('enabled');
    });

    it('a Huawei token minted on one instance works for the batch call on the other', async () => {
      await systemChange(engine, 'jdoe', 'enabled');
      await systemChange(engine, 'test010', 'enabled');
      const token = await tokenOf(accountAuth(two, 'admin', ADMIN_PASSWORD));
      const answer = await batch(one, '1', '0', ['jdoe', 'test010'], { token });
      expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '' });
      for (const userName of ['jdoe', 'test010']) {
        expect((await engine.findUser({ by: 'userName', value: userName }))?.status).toBe('disabled');
      }
    });

    it('400 conflicting status changes split across both instances end consistent, each with exactly one audit row', async () => {
      const users = Array.from({ length: 5 }, (_, i) => `mi-race-${i}`);
      for (const userName of users) await engine.addUser({ userName, directoryId: DEMO_DIRECTORY });
      const prefix = `mi-${run}-race-`;
      // Call i: user i mod 5, StatusCode alternating every ten calls, instance alternating every call,
      // so every user gets both codes through both instances at once.
      const calls = Array.from({ length: 400 }, (_, i) => ({
        requestId: `${prefix}${i}`,
        server: i % 2 === 0 ? one : two,
        userName: users[i % users.length],
        code: (Math.floor(i / 10) % 2) as 0 | 1,
      }));
      const started = Date.now();
      const answers = await Promise.all(
        calls.map((c) => asmxChange(c.server.url, c.userName, c.code, { requestId: c.requestId }).then((a) => ({ ...c, answer: a }))),
      );
      const elapsed = Date.now() - started;
      const failed = answers.filter((a) => !a.answer.text.includes(ASMX_SUCCESS)).map((a) => `${a.requestId}: ${a.answer.text}`);
      expect(failed).toEqual([]);

      const rows = await asmxAuditOf(engine, users);
      expect(rows).toHaveLength(400);
      expect(new Set(rows.map((r) => r.requestId)).size).toBe(400);
      for (const row of rows) expect(row.outcome === 'ok' || row.outcome === 'unchanged').toBe(true);
      // Each call's row asks for what the call asked: as many rows end enabled as calls asked for it.
      expect(rows.filter((r) => r.after === 'enabled')).toHaveLength(calls.filter((c) => c.code === 1).length);
      let changed = 0;
      for (const userName of users) {
        const chain = rows.filter((r) => r.target === userName).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
        expect(chain).toHaveLength(80);
        // Created enabled; each row starts where the one before it ended.
        expect(chain.map((r) => r.before)).toEqual(['enabled', ...chain.slice(0, -1).map((r) => r.after)]);
        const final = (await engine.findUser({ by: 'userName', value: userName }))?.status;
        expect(final).toBe(chain[chain.length - 1].after);
        changed += chain.filter((r) => r.outcome === 'ok').length;
      }
      console.info(
        `multi-instance: 400 conflicting changes over two instances took ${elapsed} ms; ${changed} changed, ${400 - changed} unchanged`,
      );
    }, 120_000);

    it('two instances enabling users at once never pass the seat limit', async () => {
      const seatLimit = 4;
      const directory = await engine.addDirectory({ name: 'Seats', seatLimit: null });
      const users = Array.from({ length: 12 }, (_, i) => `mi-seat-${i}`);
      for (const userName of users) {
        await engine.addUser({ userName, directoryId: directory.id });
        await systemChange(engine, userName, 'disabled');
      }
      await engine.setSeatLimit(directory.id, seatLimit);

      const prefix = `mi-${run}-seat-`;
      // Every user asked for through both instances at once: 24 enables racing for 4 seats.
      const calls = users.flatMap((userName, i) => [one, two].map((server, k) => ({ server, userName, requestId: `${prefix}${i}-${k}` })));
      const answers = await Promise.all(calls.map((c) => asmxChange(c.server.url, c.userName, 1, { requestId: c.requestId })));
      const count = (fragment: string) => answers.filter((a: HttpAnswer) => a.text.includes(fragment)).length;
      const succeeded = count(ASMX_SUCCESS);
      const refused = count('<response success="false" error="[906] Seat limit reached" />');
      expect(succeeded + refused).toBe(calls.length);

      const enabled = (await engine.listUsers(directory.id)).filter((u) => u.status === 'enabled');
      expect(enabled).toHaveLength(seatLimit);
      const rows = await asmxAuditOf(engine, users);
      expect(rows).toHaveLength(calls.length);
      const outcomes = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
      expect(outcomes('ok')).toBe(seatLimit);
      expect(outcomes('SEAT_LIMIT_REACHED')).toBe(refused);
      expect(outcomes('ok') + outcomes('unchanged')).toBe(succeeded);
      console.info(
        `multi-instance: seat limit ${seatLimit}, ${calls.length} enables: ${outcomes('ok')} enabled, ` +
          `${outcomes('unchanged')} already enabled, ${refused} refused [906]; ${enabled.length} enabled at the end`,
      );
    }, 60_000);

    it('answers "service unavailable" promptly at every door while its database is cut, and recovers by itself', async () => {
      const outage = ['mi-out-0', 'mi-out-1', 'mi-out-2'];
      await engine.addUser({ userName: outage[0], directoryId: DEMO_DIRECTORY });
      await engine.addUser({ userName: outage[1], directoryId: DEMO_DIRECTORY });
      await engine.addUser({ userName: outage[2], directoryId: DEMO_DIRECTORY, ownerId: '3000000000000003' });
      const token = await tokenOf(accountAuth(two, 'admin', ADMIN_PASSWORD));

      // Acknowledged by the instance that is about to lose its database, one change per door.
      expect((await asmxChange(two.url, outage[0], 0)).text).toContain(ASMX_SUCCESS);
      expect((await batch(two, '1', '0', [outage[1]], { token })).status).toBe(200);
      const freeze = await send(
        two.url,
        `/?${signedV1Query({ ...BSS, OwnerId: '3000000000000003', Status: 'Freeze', BusinessType: 'FREEZE', StopMode: '1' })}`,
      );
      expect(freeze.json()).toMatchObject({ Success: true });

      const cutProxy = proxy as TcpProxy;
      await cutProxy.cut();
      let restored = false;
      try {
        const asmx = await asmxChange(two.url, outage[0], 1);
        expect(asmx.status).toBe(200);
        expect(asmx.text).toContain(ASMX_UNAVAILABLE);

        const thaw = signedV1Query({ ...BSS, OwnerId: '3000000000000003', Status: 'Thaw', BusinessType: 'FREEZE' });
        const aliyun = await send(two.url, `/?${thaw}`);
        expect(aliyun.status).toBe(503);
        expect(aliyun.json()).toMatchObject({ Code: 'ServiceUnavailable' });

        const huawei = await batch(two, '0', '0', [outage[1]], { token });
        expect(huawei.status).toBe(503);
        expect(huawei.json).toMatchObject({ error_code: 'USG.000000009' });

        const readyz = await send(two.url, '/readyz');
        expect(readyz.status).toBe(503);
        // The other instance has its own path to the database and keeps serving.
        expect((await send(one.url, '/readyz')).status).toBe(200);
        console.info(
          `multi-instance: while cut, answers took asmx ${asmx.ms} ms, aliyun ${aliyun.ms} ms, huawei ${huawei.ms} ms, /readyz ${readyz.ms} ms`,
        );

        await cutProxy.restore();
        restored = true;
        // No restart and no operator: the instance's own pool reconnects once the database is back.
        const deadline = Date.now() + 15_000;
        let ready = 0;
        while ((ready = (await send(two.url, '/readyz')).status) !== 200 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(ready).toBe(200);
      } finally {
        if (!restored) await cutProxy.restore();
      }

      // What was acknowledged before the cut is there, read through the other instance; what was refused did nothing.
      for (const userName of outage) expect(await asmxStatus(one, userName)).toBe('disabled');
      // And the instance that lost its database changes state again at every door.
      expect((await asmxChange(two.url, outage[0], 1)).text).toContain(ASMX_SUCCESS);
      expect((await batch(two, '0', '0', [outage[1]], { token })).status).toBe(200);
      const thawAgain = await send(
        two.url,
        `/?${signedV1Query({ ...BSS, OwnerId: '3000000000000003', Status: 'Thaw', BusinessType: 'FREEZE' })}`,
      );
      expect(thawAgain.json()).toMatchObject({ Success: true });
      for (const userName of outage) expect(await asmxStatus(one, userName)).toBe('enabled');
    }, 90_000);
  });

  describe('demo bootstrap on one empty PostgreSQL database', () => {
    it('two instances loading the demo fixtures at once both start, and the fixtures exist once', async () => {
      const config = loadConfig({}, { demo: true, logLevel: 'silent' });
      const silent = pino({ level: 'silent' });
      // A few rounds: each one is a fresh empty database and a fresh chance for both to look before either writes.
      for (let round = 0; round < 4; round++) {
        const fresh = await createTestDatabase(url);
        const settings = { databaseUrl: fresh.url, pgPoolSize: 2, pgStatementTimeoutMs: 5000, pgConnectTimeoutMs: 3000 };
        const stores: PostgresStore[] = [];
        try {
          stores.push(...(await Promise.all([PostgresStore.open(settings), PostgresStore.open(settings)])));
          const [a, b] = stores.map((s) => engineFor(s, config));
          const results = await Promise.allSettled([bootstrap(a, config, silent), bootstrap(b, config, silent)]);
          expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
          expect((await a.listUsers()).map((u) => u.userName).sort()).toEqual(['admin', 'jdoe', 'test010']);
          expect((await a.listDirectories()).map((d) => d.id)).toEqual([DEMO_DIRECTORY]);
        } finally {
          await Promise.all(stores.map((s) => s.close()));
          await fresh.drop();
        }
      }
    }, 60_000);
  });
} else {
  // Registered only when there is nothing to run, so the suite's absence is visible, not silent.
  it('multi-instance suite needs DATABASE_URL', () => {
    if (required) {
      throw new Error('STATUSBRIDGE_REQUIRE_POSTGRES=1 but DATABASE_URL is unset: the multi-instance suite cannot run');
    }
    console.warn('DATABASE_URL is unset: the multi-instance suite (two server processes on one PostgreSQL) did NOT run.');
  });
}
