#!/usr/bin/env node
'use strict';
// The compiled CLI runs itself when it is the main module; from this wrapper it is required, so start it here.
const { main } = require('../dist/cli.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`statusbridge: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
