'use strict';
const os = require('node:os');

function machine() {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const fixed = (value, digits) => (value === undefined || value === null || Number.isNaN(value) ? '-' : value.toFixed(digits));

function pad(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ')).join('\n');
}

function throughputTable(scenarios) {
  const rows = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'reference', 'ref req/s', 'ref p99', 'x ref', 'p99 x ref', 'target', 'met', 'audit ok'],
  ];
  for (const s of scenarios) {
    rows.push([
      s.id,
      fixed(s.result.requestsPerSecond, 0),
      fixed(s.result.p50Ms, 1),
      fixed(s.result.p99Ms, 1),
      s.reference?.id ?? '-',
      fixed(s.reference?.result.requestsPerSecond, 0),
      fixed(s.reference?.result.p99Ms, 1),
      fixed(s.ratio, 2),
      fixed(s.p99Ratio, 2),
      s.target?.text ?? '-',
      s.target ? (s.target.met ? 'yes' : 'NO') : '-',
      s.audit ? `${s.audit.ok}/${s.audit.answered}` : '-',
      fixed(s.peakRssSoFarMb, 0),
    ]);
  }
  return pad(rows);
}

function batchTable(batches) {
  const rows = [
    ['huawei batch', 'batches', 'p50 ms', 'p99 ms', 'min ms', 'us/account', 'growth', 'target', 'met', 'audit ok', 'peak RSS MB'],
  ];
  for (const b of batches) {
    rows.push([
      b.accounts,
      b.batches,
      fixed(b.p50Ms, 1),
      fixed(b.p99Ms, 1),
      fixed(b.minMs, 1),
      fixed(b.usPerAccountP50, 2),
      b.growth === undefined ? '-' : `x${fixed(b.growth, 2)} for x10`,
      b.target?.text ?? '-',
      b.target ? (b.target.met ? 'yes' : 'NO') : '-',
      `${b.audit.ok}/${b.audit.expected}`,
      fixed(b.peakRssSoFarMb, 0),
    ]);
  }
  return pad(rows);
}

module.exports = { machine, throughputTable, batchTable };
