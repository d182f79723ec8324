'use strict';
/**
 * SCIM list pages over 100,000 users, timed at the store (the SQL the scim door's filters become):
 * `node bench/scimQuery.js [DATABASE_URL]` after `npm run build`. SQLite in a temporary folder;
 * with a URL, also PostgreSQL in that database (its rows are deleted again afterwards).
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = (module) => require(join(__dirname, '..', 'dist', module));
const { loadConfig } = dist('config');
const { createStore } = dist('store/createStore');
const { freshUser } = dist('engine/users');

const USERS = 100_000;
const DIRECTORY = 'd-00scimbench1';
const idOf = (i) => `u-scimbench${String(i).padStart(6, '0')}`;

async function seed(store) {
  const now = Date.now();
  await store.withTransaction((tx) => tx.directories.insert({ id: DIRECTORY, name: 'SCIM bench', seatLimit: null, createdAt: now }));
  for (let from = 0; from < USERS; from += 5000) {
    await store.withTransaction(async (tx) => {
      for (let i = from; i < from + 5000; i++) {
        const email = `bench${i}@corp.test`;
        await tx.users.insert(
          freshUser(now, {
            id: idOf(i),
            directoryId: DIRECTORY,
            userName: `scimbench${i}`,
            displayName: `Bench ${i}`,
            email,
            status: i % 10 ? 'enabled' : 'disabled',
            externalId: `ext-${i}`,
            profile: { emails: [{ type: 'work', value: email }] },
          }),
        );
        await tx.users.setEmails(idOf(i), [{ type: 'work', value: email }]);
      }
    });
  }
}

const CASES = [
  ['no filter, first page', null, 0],
  ['no filter, last page', null, USERS - 100],
  ['userName eq', { field: 'userName', op: 'equals', value: 'SCIMBENCH77777' }, 0],
  ['externalId eq', { field: 'externalId', op: 'equals', value: 'ext-77777' }, 0],
  ['emails[type eq "work"].value eq', { field: 'email', op: 'equals', value: 'bench77777@corp.test', emailType: 'work' }, 0],
  ['active eq false, page 51', { field: 'status', op: 'equals', value: 'disabled' }, 5000],
  ['userName sw, last page', { field: 'userName', op: 'startsWith', value: 'scimbench' }, USERS - 100],
];

async function measure(label, overrides) {
  const dir = mkdtempSync(join(tmpdir(), 'statusbridge-scim-bench-'));
  const store = await createStore(loadConfig({}, { dbPath: join(dir, 'bench.db'), ...overrides }));
  try {
    await seed(store);
    for (const [name, query, offset] of CASES) {
      const times = [];
      for (let run = 0; run < 5; run++) {
        const start = process.hrtime.bigint();
        await store.read((tx) => tx.users.query(query, { offset, limit: 100 }));
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      console.log(`| ${label} | ${name} | ${times[2].toFixed(1)} ms |`);
    }
  } finally {
    if (overrides.databaseUrl) {
      await store.withTransaction(async (tx) => {
        for (let i = 0; i < USERS; i++) await tx.users.delete(idOf(i));
      });
    }
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

(async () => {
  console.log('| store | query (page of 100 among 100,000 users) | median of 5 |\n|---|---|---|');
  await measure('sqlite', {});
  if (process.argv[2]) await measure('postgres', { databaseUrl: process.argv[2] });
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
