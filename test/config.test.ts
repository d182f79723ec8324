import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_ENV, ConfigError, loadConfig, type Config } from '../src/config';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'statusbridge-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function configFile(content: unknown): string {
  const path = join(dir, 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The ConfigError message a bad setting produces; fails the test if loading succeeds. */
function failure(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): string {
  try {
    loadConfig(env, overrides);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('gives documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dbPath: './data/statusbridge.db',
      databaseUrl: null,
      demo: false,
      adminUser: 'admin',
      adminPassword: null,
      logLevel: 'info',
      sqliteSynchronous: 'FULL',
      maxBodyBytes: 1048576,
      ticketLifetimeSeconds: 30 * 24 * 3600,
      maxFailedLogons: 5,
      lockoutSeconds: 900,
      shutdownGraceMs: 10000,
    });
  });

  it('maps environment variables to settings, converting numbers and flags', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '127.0.0.1',
      STATUSBRIDGE_DB: join(dir, 'x.db'),
      DATABASE_URL: 'postgres://u:p@localhost/db',
      STATUSBRIDGE_DEMO: 'true',
      STATUSBRIDGE_ADMIN_USER: 'root',
      STATUSBRIDGE_ADMIN_PASSWORD: 'long-enough-password',
      STATUSBRIDGE_LOG_LEVEL: 'warn',
      STATUSBRIDGE_MAX_BODY_BYTES: '2048',
      STATUSBRIDGE_SQLITE_SYNCHRONOUS: 'FULL',
    });
    expect(config).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      dbPath: join(dir, 'x.db'),
      databaseUrl: 'postgres://u:p@localhost/db',
      demo: true,
      adminUser: 'root',
      adminPassword: 'long-enough-password',
      logLevel: 'warn',
      maxBodyBytes: 2048,
      sqliteSynchronous: 'FULL',
    });
  });

  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['0', false],
    ['false', false],
  ])('reads STATUSBRIDGE_DEMO=%s as %s', (value, expected) => {
    expect(loadConfig({ STATUSBRIDGE_DEMO: value }).demo).toBe(expected);
  });

  it('ignores empty environment variables, as an unset one', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, databaseUrl: null });
  });

  it('maps every documented variable to a setting the schema knows', () => {
    const defaults = loadConfig({});
    for (const key of Object.values(CONFIG_ENV)) expect(Object.keys(defaults)).toContain(key);
  });

  it('reads a JSON file named by STATUSBRIDGE_CONFIG', () => {
    const path = configFile({ port: 7000, logLevel: 'debug', maxFailedLogons: 9 });
    expect(loadConfig({ STATUSBRIDGE_CONFIG: path })).toMatchObject({ port: 7000, logLevel: 'debug', maxFailedLogons: 9, host: '0.0.0.0' });
  });

  it('ranks defaults < file < environment < overrides', () => {
    const path = configFile({ port: 7000, host: 'file-host', logLevel: 'debug', maxFailedLogons: 9 });
    const config = loadConfig({ STATUSBRIDGE_CONFIG: path, PORT: '7001', HOST: 'env-host' }, { port: 7002 });
    // port: override wins; host: environment beats file; logLevel: file beats default.
    expect(config).toMatchObject({ port: 7002, host: 'env-host', logLevel: 'debug', maxFailedLogons: 9, lockoutSeconds: 900 });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as Config).port = 1;
    }).toThrow(TypeError);
    expect(config.port).toBe(8080);
  });

  it('names the setting and its variable when PORT is not a number', () => {
    expect(failure({ PORT: 'abc' })).toMatch(/port \(PORT\) must be integer/);
  });

  it('refuses a port out of range', () => {
    expect(failure({ PORT: '70000' })).toMatch(/port \(PORT\) must be <= 65535/);
  });

  it('names STATUSBRIDGE_MAX_BODY_BYTES when it is below its minimum, and accepts the edge', () => {
    expect(failure({ STATUSBRIDGE_MAX_BODY_BYTES: '1' })).toMatch(/maxBodyBytes \(STATUSBRIDGE_MAX_BODY_BYTES\) must be >= 1024/);
    expect(failure({ STATUSBRIDGE_MAX_BODY_BYTES: '1023' })).toMatch(/STATUSBRIDGE_MAX_BODY_BYTES/);
    expect(loadConfig({ STATUSBRIDGE_MAX_BODY_BYTES: '1024' }).maxBodyBytes).toBe(1024);
  });

  it('reads the Huawei refresh-token lifetime: 30 days by default, at least 60 seconds', () => {
    expect(loadConfig({}).huaweiRefreshLifetimeSeconds).toBe(30 * 24 * 3600);
    expect(loadConfig({ STATUSBRIDGE_HUAWEI_REFRESH_LIFETIME_SECONDS: '7200' }).huaweiRefreshLifetimeSeconds).toBe(7200);
    expect(loadConfig({ STATUSBRIDGE_HUAWEI_REFRESH_LIFETIME_SECONDS: '60' }).huaweiRefreshLifetimeSeconds).toBe(60);
    expect(failure({ STATUSBRIDGE_HUAWEI_REFRESH_LIFETIME_SECONDS: '59' })).toMatch(
      /huaweiRefreshLifetimeSeconds \(STATUSBRIDGE_HUAWEI_REFRESH_LIFETIME_SECONDS\) must be >= 60/,
    );
  });

  it('names an unknown key in the JSON file', () => {
    const path = configFile({ port: 7000, prot: 7001 });
    expect(failure({ STATUSBRIDGE_CONFIG: path })).toMatch(/\bprot\b.*must NOT have additional properties/);
  });

  it('names STATUSBRIDGE_CONFIG when the file is missing or not JSON', () => {
    expect(failure({ STATUSBRIDGE_CONFIG: join(dir, 'missing.json') })).toMatch(/^STATUSBRIDGE_CONFIG: cannot read .*missing\.json/);
    expect(failure({ STATUSBRIDGE_CONFIG: configFile('{ port: 1') })).toMatch(/^STATUSBRIDGE_CONFIG: cannot read/);
  });

  it('refuses a flag that is neither true nor false', () => {
    expect(failure({ STATUSBRIDGE_DEMO: 'maybe' })).toMatch(/demo \(STATUSBRIDGE_DEMO\) must be boolean/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, an unknown log level and a short admin password', () => {
    expect(failure({ DATABASE_URL: 'mysql://x' })).toMatch(/databaseUrl \(DATABASE_URL\)/);
    expect(failure({ STATUSBRIDGE_LOG_LEVEL: 'loud' })).toMatch(/logLevel \(STATUSBRIDGE_LOG_LEVEL\)/);
    expect(failure({ STATUSBRIDGE_ADMIN_PASSWORD: 'short' })).toMatch(/adminPassword \(STATUSBRIDGE_ADMIN_PASSWORD\)/);
  });

  it('reports every bad setting at once', () => {
    const message = failure({ PORT: 'abc', STATUSBRIDGE_MAX_BODY_BYTES: '1' });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/STATUSBRIDGE_MAX_BODY_BYTES/);
  });

  it('validates overrides too', () => {
    expect(failure({}, { port: -1 })).toMatch(/port \(PORT\) must be >= 0/);
  });
});
