'use strict';
const http = require('node:http');

const DEMO_TOKEN = 'stb7PzruAmA6d3JJD578jlAHczGfN4SIaup9';

function put(agent, port, path, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': body.length,
          'x-access-token': DEMO_TOKEN,
        },
      },
      (res) => {
        const parts = [];
        res.on('data', (chunk) => parts.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (res.statusCode !== 200)
            reject(new Error(`batch answered ${res.statusCode}: ${Buffer.concat(parts).toString().slice(0, 300)}`));
          else resolve(ms);
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** Nearest rank; the median of an even count is the mean of the middle two, not the upper one. */
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (sorted) => {
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
};

/**
 * One list of accounts, PUT again and again, one batch at a time, alternating disabled (1)
 * and normal (0), so every account changes each time. Time is end to end at the client:
 * sending the body, the engine's transaction, the reply.
 */
async function runBatches({ port, names, warmups, runs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = Buffer.from(JSON.stringify(names));
  let disable = true;
  const times = [];
  try {
    for (let i = 0; i < warmups + runs; i++) {
      const ms = await put(agent, port, `/v1/usg/dcs/corp/member/status/${disable ? 1 : 0}?accountType=0`, body);
      disable = !disable;
      if (i >= warmups) times.push(ms);
    }
  } finally {
    agent.destroy();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    accounts: names.length,
    batches: times.length,
    bodyBytes: body.length,
    p50Ms: median(sorted),
    p99Ms: percentile(sorted, 99),
    minMs: sorted[0],
    usPerAccountP50: (median(sorted) * 1000) / names.length,
  };
}

module.exports = { runBatches };
