'use strict';
const { parseArgs } = require('node:util');

/** Durations in seconds; connections as in the reference figures of docs (autocannon -c 50). */
const MODES = {
  quick: { warmupSeconds: 1, durationSeconds: 3, rounds: 1, connections: 50, batchRuns: { 1000: 5, 10000: 5, 100000: 3 } },
  // Three paired rounds of 5 s rather than one of 10 s: on a shared machine one pair can land in a slow spell.
  full: { warmupSeconds: 2, durationSeconds: 5, rounds: 3, connections: 50, batchRuns: { 1000: 20, 10000: 10, 100000: 5 } },
};

/** Users each status scenario cycles through; a user's requests alternate disable and enable. */
const POOL_SIZE = 2000;
const BATCH_SIZES = [1000, 10000, 100000];

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
    },
  });
  const mode = values.quick ? 'quick' : 'full';
  const base = MODES[mode];
  const number = (text, fallback) => (text === undefined ? fallback : Number(text));
  return {
    mode,
    out: values.out,
    connections: number(values.connections, base.connections),
    durationSeconds: number(values.duration, base.durationSeconds),
    warmupSeconds: number(values.warmup, base.warmupSeconds),
    /** Paired measurements (reference, then statusbridge) per scenario; the median pair is reported. */
    rounds: number(values.rounds, base.rounds),
    batchRuns: base.batchRuns,
    /** Comma-separated scenario ids: profile one path without running the rest. */
    only: values.only ? new Set(values.only.split(',')) : null,
    /** Runs statusbridge under node --cpu-prof; the profile lands in the run's temp directory. */
    profile: values.profile,
  };
}

module.exports = { readOptions, POOL_SIZE, BATCH_SIZES };
