import Ajv from 'ajv';
import { readFileSync } from 'node:fs';

/** Every setting of statusbridge. Read once at start, validated, then frozen. */
export interface Config {
  port: number;
  host: string;
  /** SQLite file used when databaseUrl is not set. */
  dbPath: string;
  databaseUrl: string | null;
  demo: boolean;
  adminUser: string;
  adminPassword: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sqliteSynchronous: 'NORMAL' | 'FULL';
  sqliteBusyTimeoutMs: number;
  pgPoolSize: number;
  pgStatementTimeoutMs: number;
  pgConnectTimeoutMs: number;
  purgeIntervalSeconds: number;
  shutdownGraceMs: number;
  /** Largest request body in bytes; larger ones get 413 before any parsing. */
  maxBodyBytes: number;
  maxXmlElements: number;
  maxXmlDepth: number;
  maxDiscardBytes: number;
  maxXmlAttributes: number;
  maxXmlAttributesTotal: number;
  maxXmlNameLength: number;
  ticketLifetimeSeconds: number;
  maxFailedLogons: number;
  lockoutSeconds: number;
  aliyunSignatureSkewSeconds: number;
  aliyunRegion: string;
  aliyunAccountId: string;
  huaweiTokenLifetimeSeconds: number;
  /** A refresh token outlives its access token; never shorter than it. */
  huaweiRefreshLifetimeSeconds: number;
  huaweiMaxLiveTokens: number;
  huaweiMaxBatchAccounts: number;
  huaweiNonceWindowSeconds: number;
  /** The longest audit field; longer ones are cut and end in a mark saying so. */
  auditFieldMaxChars: number;
  /** Most users one SCIM list page returns, whatever count asks. */
  scimMaxResults: number;
  /** Longest SCIM filter, in characters, the door parses. */
  scimMaxFilterLength: number;
  /** GET /metrics: 'on' (the main port), 'off', or a port number of its own. */
  metrics: string;
  /** Addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; null believes none. */
  trustProxy: string | null;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: [],
  properties: {
    port: { type: 'integer', minimum: 0, maximum: 65535, default: 8080 },
    host: { type: 'string', minLength: 1, default: '0.0.0.0' },
    dbPath: { type: 'string', minLength: 1, default: './data/statusbridge.db' },
    databaseUrl: { type: 'string', nullable: true, pattern: '^postgres(ql)?://', default: null },
    demo: { type: 'boolean', default: false },
    adminUser: { type: 'string', minLength: 1, maxLength: 128, default: 'admin' },
    adminPassword: { type: 'string', nullable: true, minLength: 8, default: null },
    logLevel: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    sqliteSynchronous: { type: 'string', enum: ['NORMAL', 'FULL'], default: 'FULL' },
    sqliteBusyTimeoutMs: { type: 'integer', minimum: 0, default: 5000 },
    pgPoolSize: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
    pgStatementTimeoutMs: { type: 'integer', minimum: 100, default: 5000 },
    pgConnectTimeoutMs: { type: 'integer', minimum: 100, default: 3000 },
    purgeIntervalSeconds: { type: 'integer', minimum: 1, default: 300 },
    shutdownGraceMs: { type: 'integer', minimum: 0, default: 10000 },
    maxBodyBytes: { type: 'integer', minimum: 1024, default: 1048576 },
    maxXmlElements: { type: 'integer', minimum: 10, default: 10000 },
    maxXmlDepth: { type: 'integer', minimum: 4, default: 64 },
    maxDiscardBytes: { type: 'integer', minimum: 0, default: 16777216 },
    maxXmlAttributes: { type: 'integer', minimum: 8, default: 64 },
    maxXmlAttributesTotal: { type: 'integer', minimum: 8, default: 10000 },
    maxXmlNameLength: { type: 'integer', minimum: 32, default: 256 },
    ticketLifetimeSeconds: { type: 'integer', minimum: 1, default: 30 * 24 * 3600 },
    maxFailedLogons: { type: 'integer', minimum: 1, default: 5 },
    lockoutSeconds: { type: 'integer', minimum: 1, default: 900 },
    aliyunSignatureSkewSeconds: { type: 'integer', minimum: 1, default: 900 },
    aliyunRegion: { type: 'string', minLength: 1, default: 'cn-hangzhou' },
    aliyunAccountId: { type: 'string', minLength: 1, default: '1000000000000001' },
    huaweiTokenLifetimeSeconds: { type: 'integer', minimum: 60, default: 12 * 3600 },
    huaweiRefreshLifetimeSeconds: { type: 'integer', minimum: 60, default: 30 * 24 * 3600 },
    huaweiMaxLiveTokens: { type: 'integer', minimum: 1, default: 64 },
    huaweiMaxBatchAccounts: { type: 'integer', minimum: 1, default: 1000 },
    huaweiNonceWindowSeconds: { type: 'integer', minimum: 60, default: 24 * 3600 },
    auditFieldMaxChars: { type: 'integer', minimum: 64, default: 1024 },
    scimMaxResults: { type: 'integer', minimum: 1, default: 1000 },
    scimMaxFilterLength: { type: 'integer', minimum: 64, default: 2048 },
    metrics: {
      type: 'string',
      pattern: '^(on|off|[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$',
      default: 'on',
    },
    trustProxy: { type: 'string', nullable: true, pattern: '^[0-9A-Fa-f:.]+( *, *[0-9A-Fa-f:.]+)*$', default: null },
  },
} as const;

/** Environment variable → setting. Numbers and booleans are converted by ajv's coercion. */
const ENV: Record<string, keyof Config> = {
  PORT: 'port',
  HOST: 'host',
  STATUSBRIDGE_DB: 'dbPath',
  DATABASE_URL: 'databaseUrl',
  STATUSBRIDGE_DEMO: 'demo',
  STATUSBRIDGE_ADMIN_USER: 'adminUser',
  STATUSBRIDGE_ADMIN_PASSWORD: 'adminPassword',
  STATUSBRIDGE_LOG_LEVEL: 'logLevel',
  STATUSBRIDGE_SQLITE_SYNCHRONOUS: 'sqliteSynchronous',
  STATUSBRIDGE_SQLITE_BUSY_TIMEOUT_MS: 'sqliteBusyTimeoutMs',
  STATUSBRIDGE_PG_POOL_SIZE: 'pgPoolSize',
  STATUSBRIDGE_PG_STATEMENT_TIMEOUT_MS: 'pgStatementTimeoutMs',
  STATUSBRIDGE_PG_CONNECT_TIMEOUT_MS: 'pgConnectTimeoutMs',
  STATUSBRIDGE_PURGE_INTERVAL_SECONDS: 'purgeIntervalSeconds',
  STATUSBRIDGE_SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  STATUSBRIDGE_MAX_BODY_BYTES: 'maxBodyBytes',
  STATUSBRIDGE_MAX_XML_ELEMENTS: 'maxXmlElements',
  STATUSBRIDGE_MAX_XML_DEPTH: 'maxXmlDepth',
  STATUSBRIDGE_MAX_DISCARD_BYTES: 'maxDiscardBytes',
  STATUSBRIDGE_MAX_XML_ATTRIBUTES: 'maxXmlAttributes',
  STATUSBRIDGE_MAX_XML_ATTRIBUTES_TOTAL: 'maxXmlAttributesTotal',
  STATUSBRIDGE_MAX_XML_NAME_LENGTH: 'maxXmlNameLength',
  STATUSBRIDGE_TICKET_LIFETIME_SECONDS: 'ticketLifetimeSeconds',
  STATUSBRIDGE_MAX_FAILED_LOGONS: 'maxFailedLogons',
  STATUSBRIDGE_LOCKOUT_SECONDS: 'lockoutSeconds',
  STATUSBRIDGE_ALIYUN_SIGNATURE_SKEW_SECONDS: 'aliyunSignatureSkewSeconds',
  STATUSBRIDGE_ALIYUN_REGION: 'aliyunRegion',
  STATUSBRIDGE_ALIYUN_ACCOUNT_ID: 'aliyunAccountId',
  STATUSBRIDGE_HUAWEI_TOKEN_LIFETIME_SECONDS: 'huaweiTokenLifetimeSeconds',
  STATUSBRIDGE_HUAWEI_REFRESH_LIFETIME_SECONDS: 'huaweiRefreshLifetimeSeconds',
  STATUSBRIDGE_HUAWEI_MAX_LIVE_TOKENS: 'huaweiMaxLiveTokens',
  STATUSBRIDGE_HUAWEI_MAX_BATCH_ACCOUNTS: 'huaweiMaxBatchAccounts',
  STATUSBRIDGE_HUAWEI_NONCE_WINDOW_SECONDS: 'huaweiNonceWindowSeconds',
  STATUSBRIDGE_AUDIT_FIELD_MAX_CHARS: 'auditFieldMaxChars',
  STATUSBRIDGE_SCIM_MAX_RESULTS: 'scimMaxResults',
  STATUSBRIDGE_SCIM_MAX_FILTER_LENGTH: 'scimMaxFilterLength',
  STATUSBRIDGE_METRICS: 'metrics',
  STATUSBRIDGE_TRUST_PROXY: 'trustProxy',
};

export const CONFIG_ENV = ENV;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Operators write flags as 1/0 as often as true/false (STATUSBRIDGE_DEMO=1); ajv's coercion takes only the words. */
const ENV_FLAGS: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };

function envValue(key: keyof Config, value: string): unknown {
  const isFlag = schema.properties[key].type === 'boolean';
  return isFlag && value.toLowerCase() in ENV_FLAGS ? ENV_FLAGS[value.toLowerCase()] : value;
}

const ajv = new Ajv({ useDefaults: true, coerceTypes: true, allErrors: true });
const validate = ajv.compile<Config>(schema);

/**
 * Builds the config from, in rising precedence: defaults, the JSON file named by
 * STATUSBRIDGE_CONFIG, environment variables, then explicit overrides (CLI flags, tests).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  const raw: Record<string, unknown> = {};
  const file = env.STATUSBRIDGE_CONFIG;
  if (file) {
    try {
      Object.assign(raw, JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new ConfigError(`STATUSBRIDGE_CONFIG: cannot read ${file}: ${(err as Error).message}`);
    }
  }
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = envValue(key, value);
  }
  Object.assign(raw, overrides);
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => {
      const key = e.instancePath.replace(/^\//, '') || String(e.params.additionalProperty ?? '');
      const envName = Object.keys(ENV).find((n) => ENV[n] === key);
      return `${key}${envName ? ` (${envName})` : ''} ${e.message}`;
    });
    throw new ConfigError(`invalid setting: ${problems.join('; ')}`);
  }
  return Object.freeze(raw);
}
