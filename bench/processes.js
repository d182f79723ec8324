'use strict';
const { spawn } = require('node:child_process');
const { readFileSync, openSync } = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { setTimeout: sleep } = require('node:timers/promises');
const { setInterval, clearInterval } = require('node:timers');

/** A reference announces `listening <port>` on stdout. */
function startReference(script) {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening (\d+)/.exec(seen);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
  });
}

/** statusbridge from dist/, as `npm start` runs it; its log goes to a file beside the database. */
async function startStatusbridge({ root, env, logFile, nodeFlags }) {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeFlags, 'dist/cli.js', 'serve', '--demo'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`statusbridge exited with ${child.exitCode}; see ${logFile}`);
    if (await healthy(port)) return { child, port };
    await sleep(50);
  }
  throw new Error('statusbridge did not become healthy in 10 s');
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number((new RegExp(`${name}:\\s+(\\d+) kB`).exec(status) ?? [])[1] ?? 0);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** Samples VmRSS and reads VmHWM, the kernel's own peak, so a spike between samples still counts. */
function watchMemory(pid, everyMs = 100) {
  let peakRssKb = 0;
  let hwmKb = 0;
  const sample = () => {
    try {
      const m = memoryOf(pid);
      peakRssKb = Math.max(peakRssKb, m.rssKb);
      hwmKb = Math.max(hwmKb, m.hwmKb);
    } catch {
      // The process has exited: the last sample stands.
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    /** The high-water mark so far, in MB: read after each scenario to see which one raised it. */
    peakSoFarMb() {
      sample();
      return Math.max(peakRssKb, hwmKb) / 1024;
    },
    stop() {
      sample();
      clearInterval(timer);
      return { peakRssMb: peakRssKb / 1024, vmHwmMb: hwmKb / 1024 };
    },
  };
}

module.exports = { startReference, startStatusbridge, stop, watchMemory };
