import { connect } from 'node:net';
import { htmlEncode } from '../../src/doors/asmx/htmlEncode';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { parseWireInt } from '../../src/doors/wireInt';
import { DEMO } from '../kit/demo';
import { parseRequestFile, sendRaw } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';

const WIRE = join(__dirname, '..', 'wire', 'asmx');
const TICKET = DEMO.ticket;

/** Fixtures whose request must change nothing; their exact answers are checked by wire.test.ts. */
const REFUSED = [
  'ChangeUserStatus__xxe_refused',
  'ChangeUserStatus__billion_laughs_refused',
  'ChangeUserStatus__undeclared_entity',
  'ChangeUserStatus__malformed_xml',
  'ChangeUserStatus__empty_body',
  'ChangeUserStatus__unknown_soapaction',
  'ChangeUserStatus__empty_soapaction',
  'ChangeUserStatus__soapaction_names_other_operation',
  'ChangeUserStatus__wrong_content_type',
  'ChangeUserStatus__soap11_envelope_as_soap12',
  'ChangeUserStatus__must_understand_header',
  'ChangeUserStatus__sql_injection_user_get',
  'ChangeUserStatus__wrong_case_method_get',
  'ChangeUserStatus__missing_parameter_post',
  'ChangeUserStatus__not_an_int_get',
  'ChangeUserStatus__not_an_int_soap11',
  'ChangeUserStatus__invalid_status_code_get',
  'ChangeUserStatus__unknown_ticket_get',
  'ChangeUserStatus__empty_ticket_soap11',
  'ChangeUserStatus__unqualified_parameters',
  'ChangeUserStatus__last_admin_soap11',
  'ChangeUserStatus__put_not_allowed',
  'Service__unknown_method_get',
  'ChangeUserStatus__duplicate_status_code_get',
  'ChangeUserStatus__duplicate_user_name_post',
  'ChangeUserStatus__trailing_slash_get',
  'ChangeUserStatus__dangerous_value_get',
  'ChangeUserStatus__dangerous_value_post',
  'ChangeUserStatus__int_overflow_get',
  'ChangeUserStatus__int_overflow_soap11',
  'ChangeUserStatus__nbsp_status_code_get',
  'ChangeUserStatus__em_space_status_code_soap11',
  'ChangeUserStatus__empty_status_code_soap11',
  'ChangeUserStatus__not_an_int_seed_envelope',
  'ChangeUserStatus__json_post_415',
  'ChangeUserStatus__dtd_soap12_refused',
  'ChangeUserStatus__unknown_envelope_ns_as_soap12',
  'ChangeUserStatus__must_understand_soap12',
  'ChangeUserStatus__delete_method_unrecognized',
  'ChangeUserStatus__form_text_xml_post',
  'ChangeUserStatus__form_no_content_type_post',
];

function envelope(inner: string): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://tempuri.org/"><soap:Body>' +
    `<tns:ChangeUserStatus><tns:AuthenticationTicket>${TICKET}</tns:AuthenticationTicket><tns:UserName>jdoe</tns:UserName>` +
    `<tns:StatusCode>0</tns:StatusCode>${inner}</tns:ChangeUserStatus></soap:Body></soap:Envelope>`
  );
}

async function postSoap(server: TestServer, body: string) {
  return sendRaw(server.port, {
    method: 'POST',
    target: '/srv.asmx',
    headers: [
      ['Content-Type', 'text/xml; charset=utf-8'],
      ['SOAPAction', '"http://tempuri.org/ChangeUserStatus"'],
    ],
    body: Buffer.from(body, 'utf8'),
  });
}

async function statusOf(server: TestServer, userName: string): Promise<string | undefined> {
  return (await server.engine.findUser({ by: 'userName', value: userName }))?.status;
}

describe('asmx bad input changes nothing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses every hostile or malformed request and leaves users and audit untouched by them', async () => {
    const before = (await server.engine.listUsers()).map((u) => [u.userName, u.status, u.version]);
    for (const name of REFUSED) {
      const request = parseRequestFile(readFileSync(join(WIRE, name, 'request.http'), 'utf8'));
      const answer = await sendRaw(server.port, request);
      expect(answer.text).not.toMatch(/\bat \S+ \(|Error:|TypeError|stack/);
    }
    const after = (await server.engine.listUsers()).map((u) => [u.userName, u.status, u.version]);
    expect(after).toEqual(before);
    const audit = await server.engine.listAudit();
    expect(audit.filter((row) => row.outcome === 'ok' || row.outcome === 'unchanged')).toEqual([]);
    // Requests that reached the engine left a refusal row each; the rest never got that far.
    expect(audit.map((row) => row.outcome).sort()).toEqual(
      // The second USER_NOT_FOUND is the doubled UserName, read as "jdoe,test010".
      ['LAST_ADMIN', 'SESSION_INVALID', 'AUTHENTICATION_FAILED', 'USER_NOT_FOUND', 'USER_NOT_FOUND', 'INVALID_ARGUMENT'].sort(),
    );
  });
});

describe('asmx limits, each at its edge', () => {
  let server: TestServer;
  const maxBodyBytes = 4096;
  // Each test on a fresh copy of the demo data, so a status it reads is the one it set.
  beforeEach(async () => {
    server = await startTestServer({ maxBodyBytes, maxXmlElements: 20, maxXmlDepth: 8 });
  });
  afterEach(async () => {
    await server.stop();
  });

  it('accepts a body of exactly maxBodyBytes and answers 413 to one byte more, before parsing', async () => {
    const base = envelope('');
    const padded = base.replace('<soap:Body>', `<!--${'x'.repeat(maxBodyBytes - Buffer.byteLength(base) - 7)}--><soap:Body>`);
    expect(Buffer.byteLength(padded)).toBe(maxBodyBytes);
    expect((await postSoap(server, padded)).status).toBe(200);
    expect(await statusOf(server, 'jdoe')).toBe('disabled');

    const over = padded.replace('<!--x', '<!--xx').replace('<tns:StatusCode>0', '<tns:StatusCode>1');
    expect(Buffer.byteLength(over)).toBe(maxBodyBytes + 1);
    const answer = await postSoap(server, over);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe('');
    expect(await statusOf(server, 'jdoe')).toBe('disabled');
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/srv.asmx',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"http://tempuri.org/ChangeUserStatus"' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(' '.repeat(1000));
      req.end();
    });
    expect(status).toBe(413);
  });

  /**
   * Streams a large body over a raw socket, as a client that does not wait for an early answer
   * does, and reports the answer's status line and any socket error (EPIPE, ECONNRESET) seen
   * before the whole body was written.
   */
  async function streamBody(path: string, type: string, total: number, declare: boolean): Promise<{ head: string; error: string }> {
    return new Promise((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      let error = '';
      let sent = 0;
      const framing = declare ? `Content-Length: ${total}` : 'Transfer-Encoding: chunked';
      const finish = (): void => resolve({ head: Buffer.concat(chunks).toString('latin1').split('\r\n')[0], error });
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        error ||= err.code ?? err.message;
      });
      socket.on('close', finish);
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${type}\r\nSOAPAction: "http://tempuri.org/ChangeUserStatus"\r\n${framing}\r\n\r\n`,
      );
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (sent < total && !socket.destroyed) {
          const part = piece.subarray(0, Math.min(piece.length, total - sent));
          sent += part.length;
          const framed = declare ? part : Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]);
          if (!socket.write(framed)) {
            socket.once('drain', pump);
            return;
          }
        }
        if (!socket.destroyed) socket.end(declare ? '' : '0\r\n\r\n');
      };
      pump();
    });
  }

  it.each([
    ['SOAP, declared length', '/srv.asmx', 'text/xml; charset=utf-8', true],
    ['SOAP, chunked', '/srv.asmx', 'text/xml; charset=utf-8', false],
    ['form POST, declared length', '/srv.asmx/ChangeUserStatus', 'application/x-www-form-urlencoded', true],
  ])('delivers the 413 to a client still sending a large body (%s), without EPIPE', async (_name, path, type, declare) => {
    const answer = await streamBody(path, type, 4 * 1024 * 1024, declare);
    expect(answer).toEqual({ head: 'HTTP/1.1 413 Payload Too Large', error: '' });
  });

  /** Sends an oversized body and a second request on the same connection: how many answers come back. */
  async function answersAfterOversized(port: number, bodyBytes: number): Promise<string[]> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      const done = (): void => {
        socket.destroy();
        resolve(
          [
            ...Buffer.concat(chunks)
              .toString('latin1')
              .matchAll(/HTTP\/1\.1 (\d+)/g),
          ].map((m) => m[1]),
        );
      };
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (
          (
            Buffer.concat(chunks)
              .toString('latin1')
              .match(/HTTP\/1\.1 /g) ?? []
          ).length === 2
        )
          done();
      });
      socket.on('error', () => undefined);
      socket.on('close', done);
      socket.write(
        `POST /srv.asmx HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nSOAPAction: "x"\r\nContent-Length: ${bodyBytes}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(bodyBytes, 0x20));
      socket.write('GET /srv.asmx/Nope HTTP/1.1\r\nHost: x\r\n\r\n');
    });
  }

  it('reads and discards an oversized body up to maxDiscardBytes and keeps the connection; one byte more closes it', async () => {
    const small = await startTestServer({ maxBodyBytes, maxDiscardBytes: 65536 });
    try {
      expect(await answersAfterOversized(small.port, 65536)).toEqual(['413', '500']);
      expect(await answersAfterOversized(small.port, 65537)).toEqual(['413']);
    } finally {
      await small.stop();
    }
  });

  it('reads maxXmlElements elements and refuses one more', async () => {
    // Envelope, Body, the operation and its three parameters are 6 elements; unknown extras are ignored.
    const atLimit = envelope('<tns:Extra />'.repeat(14));
    expect((await postSoap(server, atLimit)).status).toBe(200);
    const over = await postSoap(server, envelope('<tns:Extra />'.repeat(15)));
    expect(over.status).toBe(500);
    expect(over.text).toContain('more than 20 elements');
  });

  it('reads elements nested maxXmlDepth deep and refuses one level more', async () => {
    // The parameters sit at depth 4; A to E reach 8.
    const atLimit = envelope('<tns:A><tns:B><tns:C><tns:D><tns:E /></tns:D></tns:C></tns:B></tns:A>');
    expect((await postSoap(server, atLimit)).status).toBe(200);
    const over = await postSoap(server, envelope('<tns:A><tns:B><tns:C><tns:D><tns:E><tns:F /></tns:E></tns:D></tns:C></tns:B></tns:A>'));
    expect(over.status).toBe(500);
    expect(over.text).toContain('deeper than 8');
  });

  it('answers a form POST over the limit with 413 and an empty form body with a missing parameter', async () => {
    const big = await sendRaw(server.port, {
      method: 'POST',
      target: '/srv.asmx/ChangeUserStatus',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: Buffer.from(`authenticationTicket=${TICKET}&UserName=jdoe&StatusCode=1&pad=${'x'.repeat(maxBodyBytes)}`),
    });
    expect(big.status).toBe(413);
    const empty = await sendRaw(server.port, {
      method: 'POST',
      target: '/srv.asmx/ChangeUserStatus',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: Buffer.alloc(0),
    });
    expect(empty.status).toBe(500);
    expect(empty.text).toBe('Missing parameter: AuthenticationTicket.\r\n');
  });
});

describe('asmx values echoed in its answers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('puts a value into its message literally, even one that looks like a replacement pattern or a placeholder', async () => {
    for (const value of ['$&', "$'", '{0}', '{1}x']) {
      const query = `AuthenticationTicket=${TICKET}&UserName=jdoe&StatusCode=${encodeURIComponent(value)}`;
      const answer = await sendRaw(server.port, {
        method: 'GET',
        target: `/srv.asmx/ChangeUserStatus?${query}`,
        headers: [],
        body: Buffer.alloc(0),
      });
      const text = `Cannot convert ${htmlEncode(value)} to System.Int32.\r\nParameter name: type ---> Input string was not in a correct format.\r\n`;
      expect([value, answer.status, answer.text]).toEqual([value, 500, text]);
    }
  });

  it('fills both placeholders of a SOAP fault from the request and the binding', async () => {
    const answer = await postSoap(server, '<soap:Envelope xmlns:soap="urn:a$$b$&amp;"><soap:Body /></soap:Envelope>');
    expect(answer.status).toBe(500);
    expect(answer.text).toContain(
      '<faultcode>soap:VersionMismatch</faultcode><faultstring>Possible SOAP version mismatch: Envelope namespace urn:a$$b$&amp; was unexpected. Expecting http://schemas.xmlsoap.org/soap/envelope/.</faultstring>',
    );
  });
});

describe('parseWireInt, the one integer reader of the doors', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    [' +7 ', 7],
    ['\t-12\n', -12],
    ['007', 7],
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
  ])('reads %j as %d', (text, value) => {
    expect(parseWireInt(text)).toBe(value);
  });

  it('reads -0 as the negative zero it always was', () => {
    expect(Object.is(parseWireInt('-0'), -0)).toBe(true);
  });

  it.each(['', ' ', '+', '1.0', '1e3', '0x1', '1 2', 'one', '\u0663', '9007199254740992', '-9007199254740992', 'Infinity'])(
    'refuses %j',
    (text) => {
      expect(parseWireInt(text)).toBeUndefined();
    },
  );
});

describe('asmx attribute and name limits over the wire', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers an envelope under the body limit with 100,000 attributes on one element at once, with a fault', async () => {
    const attributes = Array.from({ length: 100_000 }, (_, i) => ` a${i}=""`).join('');
    const body = envelope('').replace('<tns:ChangeUserStatus>', `<tns:ChangeUserStatus${attributes}>`);
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const answer = await postSoap(server, body);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('An element of the XML document has more than 64 attributes.');
    expect(await statusOf(server, 'jdoe')).toBe('enabled');
  });
});
