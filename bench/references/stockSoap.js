'use strict';
const http = require('node:http');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const soap = require('soap');
const { FIXED_BODY, FIXED_ROOT, announce } = require('./fixedBody');

/** node-soap as shipped, on our WSDL; each operation returns a fixed fragment as raw XML. */
const operations = {
  ChangeUserStatus: () => ({ ChangeUserStatusResult: { $xml: FIXED_BODY } }),
  AuthenticateUser: () => ({ AuthenticateUserResult: { $xml: FIXED_ROOT } }),
};
const service = { srv: { srvSoap: operations, srvSoap12: operations } };
const wsdl = readFileSync(join(__dirname, '..', '..', 'wsdl', 'srv.wsdl'), 'utf8');

const server = http.createServer((req, res) => {
  res.statusCode = 404;
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  soap.listen(server, '/srv.asmx', service, wsdl, () => announce(server));
});
