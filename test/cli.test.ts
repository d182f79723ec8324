import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli';
import { CONFIG_ENV } from '../src/config';
import { createEngine, type AuditEntry, type Engine, type Directory, type User } from '../src/engine';
import { SqliteStore } from '../src/store/sqlite/sqliteStore';
import { BIN, ensureBuilt } from './kit/built';

const PASSWORD_LINE = /^statusbridge: created administrator '([^']+)' with password: (\S+)$/;

let dir: string;
let dbPath: string;

/** Every setting variable, and the config file, are cleared so the developer's shell cannot leak in. */
const SETTING_VARIABLES = [...Object.keys(CONFIG_ENV), 'STATUSBRIDGE_CONFIG'];
const savedEnv: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const name of SETTING_VARIABLES) savedEnv[name] = process.env[name];
});
afterAll(() => {
  for (const name of SETTING_VARIABLES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'statusbridge-cli-'));
  // A folder that does not exist yet: first use must create it.
  dbPath = join(dir, 'data', 'statusbridge.db');
  for (const name of SETTING_VARIABLES) delete process.env[name];
  process.env.STATUSBRIDGE_DB = dbPath;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** Runs the CLI in this process with its output captured line by line. */
async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(...line.split('\n')), err: (line) => err.push(...line.split('\n')) });
  return { code, out, err };
}

async function cliJson<T>(...argv: string[]): Promise<T> {
  const run = await cli(...argv, '--json');
  expect(run).toMatchObject({ code: 0 });
  return JSON.parse(run.out.join('\n')) as T;
}

/** The engine on the same database file, as a door would see it. */
async function withEngine<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
  const store = new SqliteStore({ path: dbPath, synchronous: 'NORMAL', busyTimeoutMs: 1000 });
  try {
    return await fn(createEngine(store));
  } finally {
    await store.close();
  }
}

describe('first use', () => {
  it('creates the database folder, the default directory and the administrator, and shows the password once', async () => {
    expect(existsSync(join(dir, 'data'))).toBe(false);
    const first = await cli('directory', 'list', '--json');
    expect(first.code).toBe(0);
    expect(existsSync(dbPath)).toBe(true);
    // stdout is only the command's own output, so a script can parse it.
    expect(JSON.parse(first.out.join('\n'))).toEqual([expect.objectContaining({ id: 'd-00000default', name: 'Default', seatLimit: null })]);
    const announced = first.err.map((line) => PASSWORD_LINE.exec(line)).filter((m) => m !== null);
    expect(announced).toHaveLength(1);
    const [, adminUser, password] = announced[0] as RegExpExecArray;
    expect(adminUser).toBe('admin');

    const second = await cli('user', 'list');
    expect(second.code).toBe(0);
    expect([...second.out, ...second.err].join('\n')).not.toContain('password');
    expect(second.out).toEqual([expect.stringMatching(/^admin\tu-[a-z0-9]+\tenabled\td-00000default\t-\t-\tadmin$/)]);

    // The printed password is the administrator's real one.
    const user = await withEngine((engine) => engine.authenticate('admin', password));
    expect(user.isAdmin).toBe(true);
  });

  it('honours STATUSBRIDGE_ADMIN_USER and STATUSBRIDGE_ADMIN_PASSWORD, and prints no password then', async () => {
    process.env.STATUSBRIDGE_ADMIN_USER = 'root';
    process.env.STATUSBRIDGE_ADMIN_PASSWORD = 'Chosen-Password-9';
    const run = await cli('user', 'list', '--json');
    expect(run.code).toBe(0);
    expect(run.err.join('\n')).not.toContain('Chosen-Password-9');
    expect(run.err.some((line) => PASSWORD_LINE.test(line))).toBe(false);
    expect((JSON.parse(run.out.join('')) as User[]).map((u) => [u.userName, u.isAdmin])).toEqual([['root', true]]);
    expect((await withEngine((engine) => engine.authenticate('root', 'Chosen-Password-9'))).userName).toBe('root');
  });

  it('migrate applies the schema and creates no administrator', async () => {
    const run = await cli('migrate');
    expect(run).toMatchObject({ code: 0, out: ['migrations applied'] });
    expect(run.err.some((line) => PASSWORD_LINE.test(line))).toBe(false);
    expect(await withEngine((engine) => engine.isEmpty())).toBe(true);
  });

  it('refuses a bad setting before touching the database, naming it', async () => {
    process.env.STATUSBRIDGE_ADMIN_PASSWORD = 'short';
    const run = await cli('user', 'list');
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toMatch(/STATUSBRIDGE_ADMIN_PASSWORD/);
    expect(existsSync(dbPath)).toBe(false);
  });
});

describe('users and directories', () => {
  it('adds a user with every flag and shows it in list and show, without the password hash', async () => {
    await cli('directory', 'add', 'Sales', '--id', 'd-000000sales1', '--seats', '10');
    const added = await cliJson<User>(
      'user',
      'add',
      'Jane.Doe',
      '--admin',
      '--password',
      'Jane-Password-1',
      '--directory',
      'd-000000sales1',
      '--third-party-id',
      'jane-3p',
      '--owner-id',
      '1234567890123456',
      '--id',
      'u-jane',
      '--display-name',
      'Jane Doe',
      '--email',
      'jane@example.test',
    );
    const expected = {
      id: 'u-jane',
      userName: 'Jane.Doe',
      directoryId: 'd-000000sales1',
      thirdPartyId: 'jane-3p',
      ownerId: '1234567890123456',
      displayName: 'Jane Doe',
      email: 'jane@example.test',
      isAdmin: true,
      status: 'enabled',
      hosted: false,
    };
    expect(added).toMatchObject(expected);
    expect(added).not.toHaveProperty('passwordHash');

    const shown = await cliJson<User>('user', 'show', 'jane.doe');
    expect(shown).toMatchObject(expected);
    expect(shown).not.toHaveProperty('passwordHash');
    // The human form is the same object, indented.
    const pretty = await cli('user', 'show', 'Jane.Doe');
    expect(JSON.parse(pretty.out.join('\n'))).toEqual(shown);

    const listed = await cli('user', 'list', '--directory', 'd-000000sales1');
    expect(listed.out).toEqual(['Jane.Doe\tu-jane\tenabled\td-000000sales1\tjane-3p\t1234567890123456\tadmin']);
    expect((await cliJson<User[]>('user', 'list')).map((u) => u.userName)).toEqual(['admin', 'Jane.Doe']);
    expect(await withEngine(async (engine) => (await engine.authenticate('Jane.Doe', 'Jane-Password-1')).id)).toBe('u-jane');
  });

  it('adds a plain user to the first directory when none is named', async () => {
    const run = await cli('user', 'add', 'bob');
    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^bob\tu-[a-z0-9]+\tenabled\td-00000default\t-\t-\t-$/)]);
  });

  it('adds directories and changes their seat limit', async () => {
    expect((await cli('directory', 'add', 'Sales', '--id', 'd-000000sales1', '--seats', '2')).out).toEqual(['d-000000sales1\tSales\t2']);
    expect((await cli('directory', 'set-seats', 'd-000000sales1', '5')).code).toBe(0);
    expect((await cliJson<Directory[]>('directory', 'list')).find((d) => d.id === 'd-000000sales1')).toMatchObject({ seatLimit: 5 });
    expect((await cli('directory', 'set-seats', 'd-000000sales1', 'unlimited')).out).toEqual(['d-000000sales1\tunlimited']);
    expect((await cli('directory', 'list')).out).toContain('d-000000sales1\tSales\tunlimited');
  });

  it('refuses a user the directory has no seat for', async () => {
    await cli('directory', 'add', 'Tiny', '--id', 'd-0000000tiny1', '--seats', '1');
    expect((await cli('user', 'add', 'one', '--directory', 'd-0000000tiny1')).code).toBe(0);
    const run = await cli('user', 'add', 'two', '--directory', 'd-0000000tiny1');
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toMatch(/SEAT_LIMIT_REACHED/);
  });

  it('lists the audit of a user after a change, as JSON', async () => {
    await cli('user', 'add', 'alice');
    await withEngine((engine) =>
      engine.changeStatus({
        requestId: 'req-cli-audit',
        door: 'asmx',
        credential: { kind: 'system', label: 'test' },
        verb: 'ChangeUserStatus',
        target: { by: 'userName', value: 'alice' },
        status: 'disabled',
        reason: 'asmx:ChangeUserStatus',
      }),
    );
    const rows = await cliJson<AuditEntry[]>('audit', '--user', 'ALICE');
    expect(rows).toEqual([
      expect.objectContaining({
        requestId: 'req-cli-audit',
        door: 'asmx',
        target: 'alice',
        before: 'enabled',
        after: 'disabled',
        outcome: 'ok',
      }),
    ]);
    expect(await cliJson<AuditEntry[]>('audit', '--user', 'nobody')).toEqual([]);
    const text = await cli('audit', '--door', 'asmx', '--limit', '1');
    expect(text.out).toEqual([expect.stringMatching(/\treq-cli-audit\tasmx\ttest\tChangeUserStatus\talice\tenabled->disabled\tok$/)]);
    expect((await cliJson<{ status: string }>('user', 'show', 'alice')).status).toBe('disabled');
  });
});

describe('bad arguments', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['user', 'explode'], /unknown user command 'explode'/],
    [['user', 'add', 'bob', '--bogus'], /Unknown option '--bogus'/],
    [['user', 'add'], /user add takes exactly one user name/],
    [['user', 'show'], /user show takes exactly one user name/],
    [['directory', 'add', 'X', '--seats', 'many'], /--seats must be a whole number, got 'many'/],
    [['directory', 'set-seats', 'd-00000default', 'lots'], /the seat limit must be a whole number, got 'lots'/],
    [['directory', 'set-seats', 'd-00000default'], /directory set-seats takes a directory id and a number/],
    [['audit', '--limit', 'ten'], /--limit must be a whole number/],
    [['key', 'create'], /key create needs --user/],
    [['app', 'create'], /app create needs --user/],
  ])('%j exits 2 with a usage message', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err.join('\n')).toMatch(message);
    expect(run.err.join('\n')).toContain('usage: statusbridge');
  });

  it('exits non-zero naming the problem for an unknown user, a duplicate user and an unknown directory', async () => {
    const missing = await cli('user', 'show', 'nobody');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('statusbridge: user not found: nobody');

    expect((await cli('user', 'add', 'bob')).code).toBe(0);
    const duplicate = await cli('user', 'add', 'BOB');
    expect(duplicate.code).toBe(1);
    expect(duplicate.err.join('\n')).toMatch(/USER_EXISTS/);

    const noDirectory = await cli('directory', 'set-seats', 'd-000000000404', '3');
    expect(noDirectory.code).toBe(1);
    expect(noDirectory.err.join('\n')).toMatch(/DIRECTORY_NOT_FOUND/);

    const badName = await cli('user', 'add', 'has:colon');
    expect(badName.code).toBe(1);
    expect(badName.err.join('\n')).toMatch(/INVALID_ARGUMENT/);
  });

  it('prints usage and exits 0 for help, 2 for no command at all', async () => {
    expect(await cli('help')).toMatchObject({ code: 0, out: expect.arrayContaining(['usage: statusbridge <command> [options]']) });
    expect((await cli()).code).toBe(2);
  });
});

describe('access keys and apps', () => {
  it('creates, lists and revokes an access key; the secret is shown once and never listed', async () => {
    const created = await cliJson<{ accessKeyId: string; accessKeySecret: string }>('key', 'create', '--user', 'admin');
    expect(created.accessKeyId).toMatch(/^LTAI/);
    expect(created.accessKeySecret.length).toBeGreaterThanOrEqual(20);

    const listed = await cli('key', 'list');
    expect(listed.out).toEqual([expect.stringMatching(new RegExp(`^${created.accessKeyId}\\tu-[a-z0-9]+\\tactive\\tno policy$`))]);
    expect(listed.out.join('\n')).not.toContain(created.accessKeySecret);
    expect(JSON.stringify(await cliJson<unknown[]>('key', 'list'))).not.toContain(created.accessKeySecret);

    expect((await cli('key', 'revoke', created.accessKeyId)).out).toEqual([`revoked ${created.accessKeyId}`]);
    expect((await cli('key', 'list')).out[0]).toMatch(/\trevoked\t/);
    const again = await cli('key', 'revoke', created.accessKeyId);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toMatch(/KEY_NOT_FOUND/);
  });

  it('creates a key with a policy file, and refuses one for a user who is not an administrator', async () => {
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ actions: ['cloudsso:*'], resources: ['acs:cloudsso:*:*:directory/d-00000default/user/*'] }));
    const created = await cliJson<{ accessKeyId: string }>('key', 'create', '--user', 'admin', '--policy', policyFile);
    const stored = await withEngine((engine) => engine.getAccessKey(created.accessKeyId));
    expect(stored?.policy).toEqual({ actions: ['cloudsso:*'], resources: ['acs:cloudsso:*:*:directory/d-00000default/user/*'] });

    writeFileSync(policyFile, JSON.stringify({ actions: 'everything' }));
    expect((await cli('key', 'create', '--user', 'admin', '--policy', policyFile)).code).toBe(2);
    // Files that are not a policy at all get a usage message naming the file, not a stack.
    for (const content of ['{ not json', 'null']) {
      writeFileSync(policyFile, content);
      const bad = await cli('key', 'create', '--user', 'admin', '--policy', policyFile);
      expect(bad.code).toBe(2);
      expect(bad.err.join('\n')).toMatch(/policy file/);
    }
    const missing = await cli('key', 'create', '--user', 'admin', '--policy', join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/cannot read the policy file .*missing\.json/);

    await cli('user', 'add', 'bob');
    const refused = await cli('key', 'create', '--user', 'bob');
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/ACCESS_DENIED/);
  });

  it('creates, lists and revokes a Huawei app', async () => {
    const created = await cliJson<{ appId: string; appKey: string }>('app', 'create', '--user', 'admin');
    expect(created.appId.length).toBeGreaterThan(0);
    const listed = await cli('app', 'list');
    expect(listed.out).toEqual([expect.stringMatching(new RegExp(`^${created.appId}\\tu-[a-z0-9]+\\tactive$`))]);
    expect(listed.out.join('\n')).not.toContain(created.appKey);
    expect((await cli('app', 'revoke', created.appId)).code).toBe(0);
    expect((await cliJson<{ revokedAt: number | null }[]>('app', 'list'))[0].revokedAt).not.toBeNull();
  });
});

describe('bin/statusbridge.js as a user runs it', () => {
  beforeAll(() => ensureBuilt());

  /** A real process with only PATH-like basics and the given settings in its environment. */
  function run(argv: string[], env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH ?? '', STATUSBRIDGE_DB: dbPath, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('shows the generated password on the first run only', () => {
    const first = run(['user', 'list']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/created administrator 'admin' with password: \S+/);
    expect(first.stdout).toMatch(/^admin\t/);
    const second = run(['user', 'list']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('honours the administrator settings from the environment', () => {
    const first = run(['user', 'show', 'root', '--json'], {
      STATUSBRIDGE_ADMIN_USER: 'root',
      STATUSBRIDGE_ADMIN_PASSWORD: 'Chosen-Password-9',
    });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ userName: 'root', isAdmin: true });
  });

  it('adds a user, refuses the duplicate with a message on stderr, and exits 2 on an unknown command', () => {
    const added = run(['user', 'add', 'jdoe', '--email', 'jdoe@example.test', '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ userName: 'jdoe', email: 'jdoe@example.test' });

    const duplicate = run(['user', 'add', 'JDOE']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toBe('');
    expect(duplicate.stderr).toMatch(/^statusbridge: USER_EXISTS: /);

    const unknown = run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);

    const badSetting = run(['user', 'list'], { PORT: 'abc' });
    expect(badSetting.code).not.toBe(0);
    expect(badSetting.stderr).toMatch(/port \(PORT\) must be integer/);
  });
});
