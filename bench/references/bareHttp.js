'use strict';
const http = require('node:http');
const { FIXED_BODY, announce } = require('./fixedBody');

/** The ceiling: node:http with no routing, no parsing, one fixed XML body. */
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(FIXED_BODY) });
    res.end(FIXED_BODY);
  });
});
server.listen(0, '127.0.0.1', () => announce(server));
