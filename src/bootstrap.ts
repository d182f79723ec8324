import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomToken } from './engine/secrets';
import { EngineError, type AccessPolicy, type AdminEngine } from './engine';
import type { Config } from './config';
import type { Logger } from './log';

export const DEFAULT_DIRECTORY = { id: 'd-00000default', name: 'Default', seatLimit: null };

export interface DemoFixture {
  directories: { id: string; name: string; seatLimit: number | null }[];
  users: {
    userName: string;
    id: string;
    directoryId: string;
    password: string;
    isAdmin?: boolean;
    thirdPartyId?: string;
    ownerId?: string;
    displayName?: string;
    email?: string;
  }[];
  tickets: { userName: string; ticket: string }[];
  accessKeys: { userName: string; id: string; secret: string; policy?: AccessPolicy }[];
  huaweiApps: { userName: string; appId: string; appKey: string }[];
  huaweiTokens: { userName: string; token: string; clientType: number }[];
  scimTokens: { userName: string; id: string; token: string }[];
}

export const DEMO_FIXTURE_PATH = join(__dirname, '..', 'fixtures', 'demo.json');

async function userId(engine: AdminEngine, userName: string): Promise<string> {
  const user = await engine.findUser({ by: 'userName', value: userName });
  if (!user) throw new EngineError('USER_NOT_FOUND', `demo fixture names unknown user ${userName}`);
  return user.id;
}

/**
 * Loads fixtures/demo.json into an empty database. Demo secrets never expire, so the seeds' examples keep working.
 * Returns false when another instance wrote first: it is loading the fixtures, and loading them twice would clash.
 */
export async function loadDemo(engine: AdminEngine, path = DEMO_FIXTURE_PATH): Promise<boolean> {
  const demo = JSON.parse(readFileSync(path, 'utf8')) as DemoFixture;
  const [first, ...others] = demo.directories;
  try {
    await engine.addDirectory(first);
  } catch (err) {
    if (!(await engine.isEmpty())) return false;
    throw err;
  }
  for (const directory of others) await engine.addDirectory(directory);
  for (const user of demo.users) await engine.addUser(user);
  for (const t of demo.tickets) {
    const options = { lifetimeMs: null, sliding: false, clientType: null, maxLive: null, secret: t.ticket };
    await engine.openSession(await userId(engine, t.userName), 'ticket', options);
  }
  for (const key of demo.accessKeys) await engine.createAccessKey({ ...key, policy: key.policy ?? null });
  for (const app of demo.huaweiApps) await engine.createHuaweiApp(app);
  for (const t of demo.huaweiTokens) {
    const options = { lifetimeMs: null, sliding: false, clientType: t.clientType, maxLive: null, secret: t.token };
    await engine.openSession(await userId(engine, t.userName), 'huawei-access', options);
  }
  for (const t of demo.scimTokens) await engine.createProvisioningToken({ userName: t.userName, id: t.id, secret: t.token });
  return true;
}

/** Demo mode asked for on a database demo mode did not create: serving it would answer every README example [901]. */
export class NotADemoDatabase extends Error {
  override name = 'NotADemoDatabase';
  constructor(config: Config) {
    const where = config.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : `${config.dbPath}`;
    super(
      `--demo: ${where} already holds data that demo mode did not load, so it will not serve it as a demo. ` +
        'Start the demo on a fresh database instead (for example STATUSBRIDGE_DB=./data/demo.db npm start -- --demo), ' +
        'or start without --demo to serve this one. (A --reset-demo that wipes it after asking is not built yet.)',
    );
  }
}

/** The demo's first directory is the first row loadDemo writes, so another instance still loading counts too. */
async function isDemoDatabase(engine: AdminEngine): Promise<boolean> {
  const demoDirectory = (JSON.parse(readFileSync(DEMO_FIXTURE_PATH, 'utf8')) as DemoFixture).directories[0].id;
  return (await engine.listDirectories()).some((d) => d.id === demoDirectory);
}

const toStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * First start on an empty database: demo data, or the default directory and an administrator.
 * A generated administrator password is printed once and never stored in clear.
 */
export async function bootstrap(
  engine: AdminEngine,
  config: Config,
  logger: Logger,
  announce: (line: string) => void = toStdout,
): Promise<void> {
  if (!(await engine.isEmpty())) {
    if (config.demo && !(await isDemoDatabase(engine))) throw new NotADemoDatabase(config);
    return;
  }
  if (config.demo) {
    // N demo instances starting together on one empty database: the first to write loads, the rest serve.
    if (!(await loadDemo(engine))) {
      logger.info('another instance is loading the demo fixtures');
      return;
    }
    logger.warn(
      'DEMO MODE: loaded fixtures/demo.json. Its passwords, tickets, keys and tokens are PUBLIC. Never use it for real accounts.',
    );
    return;
  }
  try {
    await engine.addDirectory(DEFAULT_DIRECTORY);
  } catch (err) {
    // N instances starting together on one empty database: the first to write bootstraps, the rest serve.
    if (!(await engine.isEmpty())) {
      logger.info('another instance is creating the default directory and the administrator');
      return;
    }
    throw err;
  }
  const password = config.adminPassword ?? randomToken(18);
  await engine.addUser({ userName: config.adminUser, directoryId: DEFAULT_DIRECTORY.id, password, isAdmin: true });
  if (!config.adminPassword) {
    // Printed once, outside the log, so it is not shipped to log storage.
    announce(`statusbridge: created administrator '${config.adminUser}' with password: ${password}`);
  }
  logger.info({ admin: config.adminUser }, 'empty database: created the default directory and the administrator');
}
