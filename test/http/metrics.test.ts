import { send } from '../kit/http';
import { DEMO } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';
import { createTestDatabase, type TestDatabase } from '../store/pgDatabase';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A parser for the Prometheus text exposition format (version 0.0.4), strict enough to fail on
 * anything a scraper would refuse: HELP and TYPE comments, samples `name{label="value",...} number`.
 */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  // Values as Go's ParseFloat reads them, which accepts NaN and Inf in any case (prom-client writes 'Nan').
  const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([+-]?(?:[0-9.eE+-]+|inf|nan))(?: -?[0-9]+)?$/i;
  const labelPair = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"$/;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(type);
      types.set(name, type);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    // Label values here never hold a comma; a stricter split is not needed for our own output.
    for (const pair of match[2] ? match[2].split(/,(?=[a-zA-Z_][a-zA-Z0-9_]*=")/) : []) {
      const parsed = labelPair.exec(pair);
      if (!parsed) throw new Error(`bad label ${pair} in ${line}`);
      labels[parsed[1]] = parsed[2].replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
    }
    const family = match[1].replace(/_(bucket|sum|count|total)$/, '');
    if (!types.has(match[1]) && !types.has(family)) throw new Error(`sample ${match[1]} has no TYPE line`);
    samples.push({ name: match[1], labels, value: /nan/i.test(match[3]) ? NaN : Number(match[3].replace(/inf/i, 'Infinity')) });
  }
  return { types, samples };
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}

async function scrape(server: TestServer, port?: number): Promise<Sample[]> {
  const target = port ?? server;
  const res = await send(target, '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(res.text).samples;
}

describe('GET /metrics', () => {
  let server: TestServer;
  afterEach(async () => server?.stop());

  it('parses as Prometheus text, and a status change moves the counters and the route-templated histogram', async () => {
    server = await startTestServer();
    const before = await scrape(server);
    expect(value(before, 'process_cpu_user_seconds_total', {})).toBeGreaterThanOrEqual(0);
    expect(before.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    const disable = `/srv.asmx/ChangeUserStatus?authenticationTicket=${DEMO.ticket}&UserName=jdoe&StatusCode=0`;
    expect((await send(server, disable)).text).toContain('success="true"');
    expect((await send(server, disable)).text).toContain('success="true"');
    await send(server, '/no/such/path/12345');
    await send(server, '/srv.asmx/AuthenticateUser?UID=jdoe&PWD=wrong-password');

    const after = await scrape(server);
    expect(value(after, 'statusbridge_status_changes_total', { door: 'asmx-get', outcome: 'changed' })).toBe(1);
    expect(value(after, 'statusbridge_status_changes_total', { door: 'asmx-get', outcome: 'unchanged' })).toBe(1);
    expect(value(after, 'statusbridge_logons_total', { door: 'asmx', outcome: 'AUTHENTICATION_FAILED' })).toBe(1);
    const asmx = { method: 'GET', route: '/srv.asmx/:method', status_code: '200' };
    expect(value(after, 'http_request_duration_seconds_count', asmx)).toBe(3);
    expect(value(after, 'http_request_duration_seconds_count', { route: '(unmatched)', status_code: '404' })).toBe(1);
    expect(value(after, 'statusbridge_sqlite_group_commit_size_count', {})).toBeGreaterThan(0);
    expect(value(after, 'statusbridge_sqlite_commit_duration_seconds_count', {})).toBeGreaterThan(0);
    expect(value(after, 'statusbridge_store_up', {})).toBe(1);
    // Route labels are the declared templates, never a raw path.
    const routes = new Set(after.filter((s) => s.name === 'http_request_duration_seconds_count').map((s) => s.labels.route));
    for (const route of routes) expect(['/srv.asmx/:method', '/metrics', '(unmatched)']).toContain(route);
  });

  it('labels the Huawei batch and Alibaba root by their templates', async () => {
    server = await startTestServer();
    await send(server, '/v1/usg/dcs/corp/member/status/1', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-access-token': DEMO.huaweiToken },
      body: JSON.stringify(['jdoe']),
    });
    await send(server, '/?Action=Nothing');
    const after = await scrape(server);
    expect(value(after, 'http_request_duration_seconds_count', { method: 'PUT', route: '/v1/usg/dcs/corp/member/status/:value' })).toBe(1);
    expect(value(after, 'http_request_duration_seconds_count', { method: 'GET', route: '/' })).toBe(1);
    expect(value(after, 'statusbridge_status_changes_total', { door: 'huawei' })).toBeGreaterThan(0);
  });

  it('is absent with STATUSBRIDGE_METRICS=off, and moves to its own port when given one', async () => {
    server = await startTestServer({ metrics: 'off' });
    expect((await send(server, '/metrics')).status).toBe(404);
    await server.stop();

    const { freePort } = await import('../kit/serverProcess');
    const port = await freePort();
    server = await startTestServer({ metrics: String(port) });
    expect((await send(server, '/metrics')).status).toBe(404);
    expect(server.metricsPort).toBe(port);
    const samples = await scrape(server, port);
    expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
  });
});

const PG_URL = process.env.DATABASE_URL;
const onPostgres = PG_URL ? describe : describe.skip;

onPostgres('GET /metrics on PostgreSQL', () => {
  let server: TestServer | undefined;
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('reports the pool: open, idle and waiting connections, and the configured max', async () => {
    database = await createTestDatabase(PG_URL as string);
    server = await startTestServer({ databaseUrl: database.url, demo: false, adminPassword: 'Admin-Password-1', pgPoolSize: 3 });
    const samples = await scrape(server);
    expect(value(samples, 'statusbridge_pg_pool_connections', { state: 'max' })).toBe(3);
    expect(value(samples, 'statusbridge_pg_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(value(samples, 'statusbridge_pg_pool_connections', { state: 'waiting' })).toBe(0);
    expect(samples.some((s) => s.name === 'statusbridge_sqlite_group_commit_size_count' && s.value > 0)).toBe(false);
  });
});
