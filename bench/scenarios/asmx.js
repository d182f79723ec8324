'use strict';
const { alternation } = require('./alternation');

const DEMO_TICKET = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const DEMO_USER = { uid: 'jdoe', pwd: 'Demo-User-2026' };

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

function envelope(ns, operation, fields) {
  const params = Object.entries(fields)
    .map(([name, value]) => `<tns:${name}>${value}</tns:${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<soap:Envelope xmlns:soap="${ns}" xmlns:tns="http://tempuri.org/"><soap:Body>` +
    `<tns:${operation}>${params}</tns:${operation}></soap:Body></soap:Envelope>`
  );
}

const soapHeaders = {
  1.1: (operation) => ({ 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://tempuri.org/${operation}"` }),
  1.2: (operation) => ({ 'content-type': `application/soap+xml; charset=utf-8; action="http://tempuri.org/${operation}"` }),
};

/** ChangeUserStatus over SOAP 1.1 or 1.2: the same envelope goes to statusbridge and to stock soap. */
function soapChangeStatus(version, names) {
  const next = alternation(names);
  const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
  const headers = soapHeaders[version]('ChangeUserStatus');
  return () => [
    {
      method: 'POST',
      path: '/srv.asmx',
      headers,
      setupRequest(req) {
        const { name, enable } = next();
        const body = envelope(ns, 'ChangeUserStatus', { AuthenticationTicket: DEMO_TICKET, UserName: name, StatusCode: enable ? 1 : 0 });
        return { ...req, body };
      },
    },
  ];
}

/** GET /srv.asmx/ChangeUserStatus?authenticationTicket=..: the seed's spelling of the ticket parameter. */
function getChangeStatus(names) {
  const next = alternation(names);
  return () => [
    {
      method: 'GET',
      setupRequest(req) {
        const { name, enable } = next();
        const path = `/srv.asmx/ChangeUserStatus?authenticationTicket=${DEMO_TICKET}&UserName=${encodeURIComponent(name)}&StatusCode=${enable ? 1 : 0}`;
        return { ...req, path };
      },
    },
  ];
}

/** AuthenticateUser over SOAP 1.1 with the demo user's password: each success opens a ticket. */
function soapAuthenticate() {
  const body = envelope(SOAP11_NS, 'AuthenticateUser', { UID: DEMO_USER.uid, PWD: DEMO_USER.pwd });
  return () => [{ method: 'POST', path: '/srv.asmx', headers: soapHeaders['1.1']('AuthenticateUser'), body }];
}

module.exports = { soapChangeStatus, getChangeStatus, soapAuthenticate };
