'use strict';
const autocannon = require('autocannon');

function fire(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * One scenario against one server: a warm-up whose figures are dropped, then the measured
 * run. makeRequests() builds autocannon's request list; generators keep their state across
 * both runs, so users keep alternating.
 */
async function measure({ port, makeRequests, connections, warmupSeconds, durationSeconds }) {
  const base = { url: `http://127.0.0.1:${port}`, connections, pipelining: 1 };
  let warmupTotal = 0;
  if (warmupSeconds > 0) warmupTotal = (await fire({ ...base, duration: warmupSeconds, requests: makeRequests() })).requests.total;
  const r = await fire({ ...base, duration: durationSeconds, requests: makeRequests() });
  return {
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    warmupTotal,
  };
}

module.exports = { measure };
