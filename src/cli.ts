import './threadPool';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import { isEngineError, type AccessPolicy, type AdminEngine, type User } from './engine';
import { createLogger } from './log';
import { engineFor, startServer } from './server';
import { createStore } from './store/createStore';

const USAGE = `usage: statusbridge <command> [options]

  serve [--demo] [--port N] [--host H]     serve every door (SQLite at STATUSBRIDGE_DB unless DATABASE_URL)
  migrate                                  apply schema migrations and exit
  user add <name> [--admin] [--password P] [--directory D] [--third-party-id T] [--owner-id O]
                  [--id U] [--display-name N] [--email E]
  user list [--directory D] [--json]
  user show <name> [--json]
  directory add <name> [--id D] [--seats N]
  directory list [--json]
  directory set-seats <id> <N|unlimited>
  key create --user <admin> [--policy FILE]   Alibaba access key; the secret is shown once
  key list [--json]
  key revoke <id>
  app create --user <admin>                   Huawei app id and app key
  app list [--json]
  app revoke <appId>
  audit [--user NAME] [--door DOOR] [--request-id ID] [--limit N] [--json]
`;

class UsageError extends Error {}

type Out = (line: string) => void;

interface Io {
  out: Out;
  err: Out;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

type Options = Record<string, { type: 'string' | 'boolean' }>;

function parse<O extends Options>(args: string[], options: O) {
  try {
    const all = { json: { type: 'boolean' as const }, ...options };
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function userLine(user: User): string {
  const flags = [user.isAdmin ? 'admin' : '', user.hosted ? 'hosted' : ''].filter(Boolean).join(',');
  return [user.userName, user.id, user.status, user.directoryId, user.thirdPartyId ?? '-', user.ownerId ?? '-', flags || '-'].join('\t');
}

function publicUser(user: User): Omit<User, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

function readPolicy(file: string | undefined): AccessPolicy | null {
  if (!file) return null;
  let policy: Partial<AccessPolicy> | null;
  try {
    policy = JSON.parse(readFileSync(file, 'utf8')) as Partial<AccessPolicy> | null;
  } catch (err) {
    throw new UsageError(`cannot read the policy file ${file}: ${(err as Error).message}`);
  }
  const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!isList(policy?.actions) || !isList(policy?.resources)) {
    throw new UsageError('a policy file is {"actions": ["..."], "resources": ["..."]}');
  }
  return { actions: policy.actions, resources: policy.resources };
}

function positiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a whole number, got '${text}'`);
  return Number(text);
}

async function withEngine<T>(config: Config, io: Io, fn: (engine: AdminEngine) => Promise<T>): Promise<T> {
  const store = await createStore(config);
  try {
    const engine = engineFor(store, config);
    // A generated password goes to stderr, so a first command's stdout stays its own output (user list --json).
    await bootstrap(engine, config, createLogger('silent'), io.err);
    return await fn(engine);
  } finally {
    await store.close();
  }
}

async function serve(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } });
  const overrides: Partial<Config> = {};
  if (values.demo) overrides.demo = true;
  if (values.port !== undefined) overrides.port = positiveInt(values.port, '--port');
  if (values.host !== undefined) overrides.host = values.host;
  const config = loadConfig(process.env, overrides);
  const server = await startServer(config);
  if (config.demo) io.err('WARNING: demo mode. The demo passwords, ticket, keys and tokens are public. Never use it for real accounts.');
  io.err(`statusbridge listening on ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      server.logger.info({ signal }, 'shutting down');
      server.close().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

async function userCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    const { values, positionals } = parse(rest, {
      admin: { type: 'boolean' },
      password: { type: 'string' },
      directory: { type: 'string' },
      'third-party-id': { type: 'string' },
      'owner-id': { type: 'string' },
      id: { type: 'string' },
      'display-name': { type: 'string' },
      email: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('user add takes exactly one user name');
    return withEngine(config, io, async (engine) => {
      const directoryId = values.directory ?? (await engine.listDirectories())[0]?.id;
      if (!directoryId) throw new UsageError('no directory exists: add one with directory add');
      const user = await engine.addUser({
        userName: positionals[0],
        directoryId,
        password: values.password,
        isAdmin: values.admin ?? false,
        id: values.id,
        thirdPartyId: values['third-party-id'] ?? null,
        ownerId: values['owner-id'] ?? null,
        displayName: values['display-name'],
        email: values.email,
      });
      io.out(values.json ? JSON.stringify(publicUser(user)) : userLine(user));
      return 0;
    });
  }
  if (verb === 'list') {
    const { values } = parse(rest, { directory: { type: 'string' } });
    return withEngine(config, io, async (engine) => {
      const users = await engine.listUsers(values.directory);
      if (values.json) io.out(JSON.stringify(users.map(publicUser)));
      else users.forEach((u) => io.out(userLine(u)));
      return 0;
    });
  }
  if (verb === 'show') {
    const { values, positionals } = parse(rest, {});
    if (positionals.length !== 1) throw new UsageError('user show takes exactly one user name');
    return withEngine(config, io, async (engine) => {
      const user = await engine.findUser({ by: 'userName', value: positionals[0] });
      if (!user) {
        io.err(`statusbridge: user not found: ${positionals[0]}`);
        return 3;
      }
      io.out(values.json ? JSON.stringify(publicUser(user)) : JSON.stringify(publicUser(user), null, 2));
      return 0;
    });
  }
  throw new UsageError(`unknown user command '${verb ?? ''}'`);
}

async function directoryCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    const { values, positionals } = parse(rest, { id: { type: 'string' }, seats: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('directory add takes exactly one name');
    const seatLimit = values.seats === undefined ? null : positiveInt(values.seats, '--seats');
    return withEngine(config, io, async (engine) => {
      const d = await engine.addDirectory({ id: values.id, name: positionals[0], seatLimit });
      io.out(values.json ? JSON.stringify(d) : `${d.id}\t${d.name}\t${d.seatLimit ?? 'unlimited'}`);
      return 0;
    });
  }
  if (verb === 'list') {
    const { values } = parse(rest, {});
    return withEngine(config, io, async (engine) => {
      const list = await engine.listDirectories();
      if (values.json) io.out(JSON.stringify(list));
      else list.forEach((d) => io.out(`${d.id}\t${d.name}\t${d.seatLimit ?? 'unlimited'}`));
      return 0;
    });
  }
  if (verb === 'set-seats') {
    const { positionals } = parse(rest, {});
    if (positionals.length !== 2) throw new UsageError('directory set-seats takes a directory id and a number (or unlimited)');
    const seatLimit = positionals[1] === 'unlimited' ? null : positiveInt(positionals[1], 'the seat limit');
    return withEngine(config, io, async (engine) => {
      await engine.setSeatLimit(positionals[0], seatLimit);
      io.out(`${positionals[0]}\t${seatLimit ?? 'unlimited'}`);
      return 0;
    });
  }
  throw new UsageError(`unknown directory command '${verb ?? ''}'`);
}

async function keyCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(rest, { user: { type: 'string' }, policy: { type: 'string' } });
  if (verb === 'create') {
    if (!values.user) throw new UsageError('key create needs --user <administrator>');
    const policy = readPolicy(values.policy);
    return withEngine(config, io, async (engine) => {
      const key = await engine.createAccessKey({ userName: values.user as string, policy });
      io.out(
        values.json
          ? JSON.stringify({ accessKeyId: key.id, accessKeySecret: key.secret })
          : `AccessKeyId: ${key.id}\nAccessKeySecret: ${key.secret}`,
      );
      io.err('The secret is shown once: keep it now.');
      return 0;
    });
  }
  if (verb === 'list') {
    return withEngine(config, io, async (engine) => {
      const keys = (await engine.listAccessKeys()).map(({ secret: _s, ...k }) => k);
      if (values.json) io.out(JSON.stringify(keys));
      else keys.forEach((k) => io.out(`${k.id}\t${k.userId}\t${k.revokedAt ? 'revoked' : 'active'}\t${k.policy ? 'policy' : 'no policy'}`));
      return 0;
    });
  }
  if (verb === 'revoke') {
    if (positionals.length !== 1) throw new UsageError('key revoke takes exactly one access key id');
    return withEngine(config, io, async (engine) => {
      await engine.revokeAccessKey(positionals[0]);
      io.out(`revoked ${positionals[0]}`);
      return 0;
    });
  }
  throw new UsageError(`unknown key command '${verb ?? ''}'`);
}

async function appCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(rest, { user: { type: 'string' } });
  if (verb === 'create') {
    if (!values.user) throw new UsageError('app create needs --user <administrator>');
    return withEngine(config, io, async (engine) => {
      const app = await engine.createHuaweiApp({ userName: values.user as string });
      io.out(values.json ? JSON.stringify({ appId: app.appId, appKey: app.appKey }) : `AppId: ${app.appId}\nAppKey: ${app.appKey}`);
      io.err('The app key is shown once: keep it now.');
      return 0;
    });
  }
  if (verb === 'list') {
    return withEngine(config, io, async (engine) => {
      const apps = (await engine.listHuaweiApps()).map(({ appKey: _k, ...a }) => a);
      if (values.json) io.out(JSON.stringify(apps));
      else apps.forEach((a) => io.out(`${a.appId}\t${a.userId}\t${a.revokedAt ? 'revoked' : 'active'}`));
      return 0;
    });
  }
  if (verb === 'revoke') {
    if (positionals.length !== 1) throw new UsageError('app revoke takes exactly one app id');
    return withEngine(config, io, async (engine) => {
      await engine.revokeHuaweiApp(positionals[0]);
      io.out(`revoked ${positionals[0]}`);
      return 0;
    });
  }
  throw new UsageError(`unknown app command '${verb ?? ''}'`);
}

async function auditCommand(args: string[], config: Config, io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    user: { type: 'string' },
    door: { type: 'string' },
    'request-id': { type: 'string' },
    limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`audit takes no positional arguments, got '${positionals[0]}'`);
  const limit = values.limit === undefined ? undefined : positiveInt(values.limit, '--limit');
  return withEngine(config, io, async (engine) => {
    const rows = await engine.listAudit({ target: values.user, door: values.door, requestId: values['request-id'], limit });
    if (values.json) io.out(JSON.stringify(rows));
    else
      rows.forEach((r) =>
        io.out(
          [
            new Date(r.at).toISOString(),
            r.requestId,
            r.door,
            r.caller,
            r.verb,
            r.target,
            `${r.before ?? '-'}->${r.after ?? '-'}`,
            r.outcome,
          ].join('\t'),
        ),
      );
    return 0;
  });
}

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const config = loadConfig();
    switch (command) {
      case 'migrate':
        return await withEngine(config, io, async () => {
          io.out('migrations applied');
          return 0;
        });
      case 'user':
        return await userCommand(rest, config, io);
      case 'directory':
        return await directoryCommand(rest, config, io);
      case 'key':
        return await keyCommand(rest, config, io);
      case 'app':
        return await appCommand(rest, config, io);
      case 'audit':
        return await auditCommand(rest, config, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`statusbridge: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.err(`statusbridge: ${err.message}`);
      return 78;
    }
    if (isEngineError(err)) {
      io.err(`statusbridge: ${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`statusbridge: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
