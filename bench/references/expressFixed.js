'use strict';
const express = require('express');
const { FIXED_BODY, announce } = require('./fixedBody');

/** Express 5 as statusbridge configures it, answering every path and verb with the fixed body. */
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.set('query parser', 'simple');
app.all('/{*path}', (req, res) => {
  req.resume();
  res.type('text/xml; charset=utf-8').send(FIXED_BODY);
});
const server = app.listen(0, '127.0.0.1', () => announce(server));
