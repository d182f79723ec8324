'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { setTimeout: sleep } = require('node:timers/promises');
const { join } = require('node:path');
const { readOptions, POOL_SIZE, BATCH_SIZES } = require('./options');
const { startReference, startStatusbridge, stop, watchMemory } = require('./processes');
const { seedDatabase, userName, ownerIdOf } = require('./seed');
const { auditReader } = require('./audit');
const { measure } = require('./load');
const { soapChangeStatus, getChangeStatus, soapAuthenticate } = require('./scenarios/asmx');
const { aliyunSetResellerUserStatus } = require('./scenarios/aliyunV3');
const { runBatches } = require('./scenarios/huaweiBatch');
const { machine, throughputTable, batchTable } = require('./report');

const ROOT = join(__dirname, '..');
const RSS_LIMIT_MB = 200;
/**
 * Ten times the accounts may take ten times as long; p50s of a few batches vary by several
 * per cent from run to run, so growth up to 10% past x10 still counts as linear.
 */
const LINEAR_TOLERANCE = 1.1;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** statusbridge runs from dist/: rebuild when a source file is newer than the build. */
function ensureBuilt() {
  let built = 0;
  try {
    built = statSync(join(ROOT, 'dist', 'cli.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newestMtime(join(ROOT, 'src'))) return;
  console.error('bench: building dist/ (npm run build)');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

const names = (pool, size) => Array.from({ length: size }, (_, i) => userName(pool, i));

/**
 * Each statusbridge scenario and the reference it is held against. Targets are ratios in
 * one run on one machine; AuthenticateUser has none (its cost is scrypt by design).
 */
function scenarioPlan(opts) {
  return [
    {
      id: 'soap11-ChangeUserStatus',
      make: () => soapChangeStatus('1.1', names('soap11', POOL_SIZE)),
      reference: { id: 'stock-soap-1.1', server: 'soap', make: () => soapChangeStatus('1.1', names('ref', POOL_SIZE)) },
      target: { minRatio: 1.0, maxP99Ratio: 1.5 },
    },
    {
      id: 'soap12-ChangeUserStatus',
      make: () => soapChangeStatus('1.2', names('soap12', POOL_SIZE)),
      reference: { id: 'stock-soap-1.2', server: 'soap', make: () => soapChangeStatus('1.2', names('ref', POOL_SIZE)) },
      target: { minRatio: 1.0, maxP99Ratio: 1.5 },
    },
    {
      id: 'get-ChangeUserStatus',
      make: () => getChangeStatus(names('get', POOL_SIZE)),
      reference: { id: 'express-fixed', server: 'express', make: () => getChangeStatus(names('ref', POOL_SIZE)) },
      target: { minRatio: 0.8 },
    },
    {
      id: 'aliyun-v3-SetResellerUserStatus',
      make: (port) =>
        aliyunSetResellerUserStatus(
          port,
          Array.from({ length: POOL_SIZE }, (_, i) => ownerIdOf(i)),
        ),
      reference: { id: 'express-fixed', server: 'express', make: () => getChangeStatus(names('ref', POOL_SIZE)) },
      target: { minRatio: 0.6 },
    },
    {
      id: 'soap11-AuthenticateUser',
      make: () => soapAuthenticate(),
      reference: { id: 'stock-soap-auth', server: 'soap', make: () => soapAuthenticate() },
      audited: false,
    },
    {
      // The ceiling, for scale only: left out of --quick to keep it under a minute.
      id: 'bare-http-ceiling',
      server: 'bare',
      make: () => getChangeStatus(names('ref', POOL_SIZE)),
      audited: false,
      fullOnly: true,
    },
  ].filter((s) => (opts.only ? opts.only.has(s.id) : !(s.fullOnly && opts.mode === 'quick')));
}

function judge(s) {
  if (!s.target || !s.reference) return undefined;
  const parts = [`>= ${s.target.minRatio} x`];
  let met = s.ratio >= s.target.minRatio;
  if (s.target.maxP99Ratio !== undefined) {
    parts.push(`p99 <= ${s.target.maxP99Ratio} x`);
    met = met && s.p99Ratio <= s.target.maxP99Ratio;
  }
  return { text: parts.join(', '), met };
}

/**
 * The round whose ratio is the median, reported whole (its req/s, latencies and reference);
 * the p99 ratio is the median of the rounds' own. Without a reference, the median req/s.
 */
function medianRound(rounds) {
  const key = (r) => r.ratio ?? r.result.requestsPerSecond;
  const sorted = [...rounds].sort((a, b) => key(a) - key(b));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  const picked = { result: middle.result, reference: middle.reference, ratio: middle.ratio, p99Ratio: middle.p99Ratio };
  if (middle.p99Ratio !== undefined) {
    const p99s = rounds.map((r) => r.p99Ratio).sort((a, b) => a - b);
    picked.p99Ratio = p99s[Math.floor((p99s.length - 1) / 2)];
  }
  return picked;
}

async function main() {
  const opts = readOptions(process.argv.slice(2));
  const started = Date.now();
  ensureBuilt();
  const dir = mkdtempSync(join(os.tmpdir(), 'statusbridge-bench-'));
  const dbPath = join(dir, 'bench.db');
  const runBatchScenario = !opts.only || opts.only.has('huawei-batch');
  const plan = scenarioPlan(opts);

  const pools = {
    soap11: { size: POOL_SIZE },
    soap12: { size: POOL_SIZE },
    get: { size: POOL_SIZE },
    aliyun: { size: POOL_SIZE, ownerIds: true },
  };
  for (const size of BATCH_SIZES) pools[`hw${size}`] = { size };
  await seedDatabase(dbPath, pools);
  console.error(`bench: seeded ${dbPath} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const refs = {};
  const needed = new Set(plan.map((s) => s.reference?.server ?? s.server).filter(Boolean));
  const scripts = { soap: 'stockSoap.js', express: 'expressFixed.js', bare: 'bareHttp.js' };
  for (const name of needed) refs[name] = await startReference(join(__dirname, 'references', scripts[name]));

  const nodeFlags = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  const sb = await startStatusbridge({
    root: ROOT,
    logFile: join(dir, 'statusbridge.log'),
    nodeFlags,
    env: {
      STATUSBRIDGE_DB: dbPath,
      STATUSBRIDGE_HUAWEI_MAX_BATCH_ACCOUNTS: String(Math.max(...BATCH_SIZES)),
      STATUSBRIDGE_MAX_BODY_BYTES: String(16 * 2 ** 20),
    },
  });
  const memory = watchMemory(sb.child.pid);
  const audit = auditReader(dbPath);
  const load = { connections: opts.connections, warmupSeconds: opts.warmupSeconds, durationSeconds: opts.durationSeconds };

  const scenarios = [];
  const batches = [];
  try {
    for (const s of plan) {
      const port = s.server ? refs[s.server].port : sb.port;
      const mark = s.server ? 0 : audit.mark();
      // One request maker per server for all rounds: each user's alternation carries on, so every request still changes state.
      const makeRequests = s.make(port);
      const refPort = s.reference ? refs[s.reference.server].port : 0;
      const makeReferenceRequests = s.reference?.make(refPort);
      const rounds = [];
      for (let r = 0; r < opts.rounds; r++) {
        let reference;
        if (s.reference) {
          reference = { id: s.reference.id, result: await measure({ ...load, port: refPort, makeRequests: makeReferenceRequests }) };
        }
        const result = await measure({ ...load, port, makeRequests });
        const round = { result, reference };
        if (reference) {
          round.ratio = result.requestsPerSecond / reference.result.requestsPerSecond;
          round.p99Ratio = result.p99Ms / reference.result.p99Ms;
        }
        rounds.push(round);
      }
      const entry = { id: s.id, ...medianRound(rounds) };
      if (rounds.length > 1) {
        entry.rounds = rounds.map((r) => ({
          requestsPerSecond: r.result.requestsPerSecond,
          p99Ms: r.result.p99Ms,
          referenceRequestsPerSecond: r.reference?.result.requestsPerSecond,
          ratio: r.ratio,
          p99Ratio: r.p99Ratio,
        }));
      }
      if (!s.server && s.audited !== false) {
        const outcomes = audit.outcomesSince(mark);
        const answered = rounds.reduce((sum, r) => sum + r.result.total + r.result.warmupTotal, 0);
        entry.audit = { ok: outcomes.ok ?? 0, answered, outcomes };
      }
      entry.target = judge({ ...s, ...entry });
      if (!s.server) entry.peakRssSoFarMb = memory.peakSoFarMb();
      scenarios.push(entry);
      const each =
        rounds.length > 1 && entry.ratio !== undefined ? ` (x ref per round: ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')})` : '';
      console.error(`bench: ${s.id} ${entry.result.requestsPerSecond.toFixed(0)} req/s${each}`);
    }

    if (runBatchScenario) {
      // Requests still in flight when the last load run stopped (slow logons) finish first.
      await sleep(1000);
      for (const size of BATCH_SIZES) {
        const mark = audit.mark();
        const b = await runBatches({ port: sb.port, names: names(`hw${size}`, size), warmups: 1, runs: opts.batchRuns[size] });
        const outcomes = audit.outcomesSince(mark);
        b.audit = { ok: outcomes.ok ?? 0, expected: size * (b.batches + 1), outcomes };
        b.peakRssSoFarMb = memory.peakSoFarMb();
        batches.push(b);
        console.error(`bench: huawei batch of ${size}: p50 ${b.p50Ms.toFixed(1)} ms`);
      }
      for (let i = 1; i < batches.length; i++) batches[i].growth = batches[i].p50Ms / batches[i - 1].p50Ms;
      const limits = { 10000: 100, 100000: 1000 };
      for (const b of batches) {
        if (limits[b.accounts] === undefined) continue;
        const linear = b.growth === undefined || b.growth <= 10 * LINEAR_TOLERANCE;
        b.target = { text: `p50 < ${limits[b.accounts]} ms, growth <= x10 (+10%)`, met: b.p50Ms < limits[b.accounts] && linear };
      }
    }
  } finally {
    audit.close();
    await stop(sb.child);
    for (const ref of Object.values(refs)) await stop(ref.child);
  }
  const mem = memory.stop();
  const rss = { ...mem, limitMb: RSS_LIMIT_MB, met: Math.max(mem.peakRssMb, mem.vmHwmMb) < RSS_LIMIT_MB };

  const report = {
    when: new Date().toISOString(),
    machine: machine(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    mode: opts.mode,
    settings: { ...load, rounds: opts.rounds, poolSize: POOL_SIZE, batchRuns: opts.batchRuns },
    scenarios,
    huaweiBatches: batches,
    statusbridgeMemory: rss,
    wallSeconds: (Date.now() - started) / 1000,
  };
  const out = opts.out ?? join(__dirname, 'results.json');
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  const m = report.machine;
  console.log(
    `statusbridge bench (${opts.mode}) on ${m.nproc} CPUs, ${m.memoryMb} MB, node ${m.node}; ${opts.connections} connections, ${opts.warmupSeconds} s warm-up, ${opts.durationSeconds} s measured, ${opts.rounds} paired round(s) per scenario (median shown)`,
  );
  console.log('');
  console.log(throughputTable(scenarios));
  if (batches.length > 0) {
    console.log('');
    console.log(batchTable(batches));
  }
  console.log('');
  console.log(
    `statusbridge peak RSS: ${Math.max(rss.peakRssMb, rss.vmHwmMb).toFixed(1)} MB (VmHWM ${rss.vmHwmMb.toFixed(1)}, sampled VmRSS ${rss.peakRssMb.toFixed(1)}); target < ${RSS_LIMIT_MB} MB: ${rss.met ? 'yes' : 'NO'}`,
  );
  console.log(`results: ${out}; wall time ${report.wallSeconds.toFixed(1)} s`);
  if (opts.profile) console.log(`cpu profile of statusbridge: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
