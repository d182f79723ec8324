import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_ERROR_CODES } from '../../src/engine';
import { ASMX_DOOR_ERRORS, ASMX_ENGINE_ERRORS } from '../../src/doors/asmx/errorTable';
import { plainText } from '../../src/doors/asmx/refusals';
import { fillPlaceholders } from '../../src/doors/fillPlaceholders';
import { DEMO } from '../kit/demo';
import { sendRaw, type RawRequest } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';

describe('asmx error table', () => {
  it.each(ENGINE_ERROR_CODES)('maps engine error %s to an infoRouter error string', (code) => {
    const row = ASMX_ENGINE_ERRORS[code];
    expect(row).toBeDefined();
    expect(row.message).toMatch(/^(\[9\d\d\] .+|User not found|Access denied|SystemError:.+)$/);
    expect(row.meaning.length).toBeGreaterThan(10);
  });

  it('maps nothing that is not an engine error', () => {
    expect(Object.keys(ASMX_ENGINE_ERRORS).sort()).toEqual([...ENGINE_ERROR_CODES].sort());
  });

  it('keeps the seed texts verbatim', () => {
    expect(ASMX_ENGINE_ERRORS.AUTHENTICATION_FAILED.message).toBe('[900] Authentication failed');
    expect(ASMX_ENGINE_ERRORS.SESSION_INVALID.message).toBe('[901] Session expired or Invalid ticket');
    expect(ASMX_ENGINE_ERRORS.USER_NOT_FOUND.message).toBe('User not found');
    expect(ASMX_ENGINE_ERRORS.ACCESS_DENIED.message).toBe('Access denied');
  });

  it('lists every in-band error string in docs/errors.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'errors.md'), 'utf8');
    for (const row of [...Object.values(ASMX_ENGINE_ERRORS), ...Object.values(ASMX_DOOR_ERRORS)]) {
      // A line break inside a message is a space in the table's cell.
      if (row.message) expect(doc).toContain(row.message.replace(/\n/g, ' '));
    }
  });
});

type DoorErrorKey = keyof typeof ASMX_DOOR_ERRORS;

const TICKET = DEMO.ticket;
const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
const ARGS = `AuthenticationTicket=${TICKET}&UserName=jdoe`;

function envelope(ns: string, header: string, body: string): string {
  return `<soap:Envelope xmlns:soap="${ns}" xmlns:tns="http://tempuri.org/">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

const change = (statusCode: string): string =>
  `<tns:ChangeUserStatus><tns:AuthenticationTicket>${TICKET}</tns:AuthenticationTicket><tns:UserName>jdoe</tns:UserName><tns:StatusCode>${statusCode}</tns:StatusCode></tns:ChangeUserStatus>`;

function soap(version: '1.1' | '1.2', xml: string, action = 'http://tempuri.org/ChangeUserStatus'): RawRequest {
  const headers: [string, string][] =
    version === '1.1'
      ? [
          ['Content-Type', 'text/xml; charset=utf-8'],
          ['SOAPAction', `"${action}"`],
        ]
      : [['Content-Type', `application/soap+xml; charset=utf-8; action="${action}"`]];
  return { method: 'POST', target: '/srv.asmx', headers, body: Buffer.from(xml, 'utf8') };
}

const get = (target: string): RawRequest => ({ method: 'GET', target, headers: [], body: Buffer.alloc(0) });

interface Case {
  request: RawRequest;
  /** The values the row's placeholders are filled with; absent for rows answered with no body. */
  values?: string[];
  version?: '1.1' | '1.2';
  /** Makes the engine fail unexpectedly, for the one row only such a failure reaches. */
  breakEngine?: boolean;
}

/** One request per row of the asmx door's own table: the table must be exactly what goes out. */
const CASES: Record<DoorErrorKey, Case[]> = {
  INVALID_STATUS_CODE: [{ request: get(`/srv.asmx/ChangeUserStatus?${ARGS}&StatusCode=5`), values: [] }],
  MISSING_PARAMETER: [{ request: get('/srv.asmx/ChangeUserStatus?UserName=jdoe&StatusCode=1'), values: ['AuthenticationTicket'] }],
  NOT_AN_INT: [{ request: get(`/srv.asmx/ChangeUserStatus?${ARGS}&StatusCode=one`), values: ['one'] }],
  INT_OVERFLOW: [{ request: get(`/srv.asmx/ChangeUserStatus?${ARGS}&StatusCode=-2147483649`), values: ['-2147483649'] }],
  DANGEROUS_VALUE: [
    { request: get(`/srv.asmx/ChangeUserStatus?${ARGS}&StatusCode=%3Cb%3E`), values: ['Request.QueryString', 'StatusCode="<b>"'] },
  ],
  UNRECOGNIZED_URL: [
    { request: { method: 'DELETE', target: '/srv.asmx/LogOut', headers: [], body: Buffer.alloc(0) }, values: ['/LogOut'] },
  ],
  METHOD_CASE: [{ request: get(`/srv.asmx/changeuserstatus?${ARGS}&StatusCode=1`), values: ['changeuserstatus', 'ChangeUserStatus'] }],
  UNKNOWN_METHOD: [{ request: get('/srv.asmx/Nothing'), values: ['Nothing'] }],
  FORM_CONTENT_TYPE: [
    {
      request: { method: 'POST', target: '/srv.asmx/LogOut', headers: [['Content-Type', 'text/plain']], body: Buffer.from('x') },
      values: ['text/plain'],
    },
  ],
  UNKNOWN_SOAP_ACTION: [
    { request: soap('1.1', envelope(SOAP11_NS, '', change('1')), 'urn:nothing'), values: ['urn:nothing'], version: '1.1' },
    // SOAP 1.2 falls back to the body's element; the fault comes when that names nothing either.
    { request: soap('1.2', envelope(SOAP12_NS, '', '<tns:Nothing />'), 'urn:nothing'), values: ['urn:nothing'], version: '1.2' },
  ],
  VERSION_MISMATCH: [
    { request: soap('1.1', envelope('urn:other', '', change('1'))), values: ['urn:other', SOAP11_NS], version: '1.1' },
    // An envelope in neither namespace is answered in SOAP 1.1, whatever the content type.
    { request: soap('1.2', envelope('urn:other', '', change('1'))), values: ['urn:other', SOAP11_NS], version: '1.1' },
  ],
  UNREADABLE_REQUEST: [
    {
      request: soap('1.1', envelope(SOAP11_NS, '', change('x'))),
      values: ['There is an error in XML document (1, 292). ---> Input string was not in a correct format.'],
      version: '1.1',
    },
    { request: soap('1.2', envelope(SOAP12_NS, '', '')), values: ['An empty soap:Body was not expected.'], version: '1.2' },
  ],
  MUST_UNDERSTAND: [
    {
      request: soap(
        '1.2',
        envelope(SOAP12_NS, '<soap:Header><x:T xmlns:x="urn:x" soap:mustUnderstand="true" /></soap:Header>', change('1')),
      ),
      values: ['T'],
      version: '1.2',
    },
  ],
  SERVER_FAULT: [
    { request: soap('1.1', envelope(SOAP11_NS, '', change('7'))), values: ['Internal error.'], version: '1.1', breakEngine: true },
    { request: soap('1.2', envelope(SOAP12_NS, '', change('7'))), values: ['Internal error.'], version: '1.2', breakEngine: true },
  ],
  UNSUPPORTED_MEDIA_TYPE: [
    { request: { method: 'POST', target: '/srv.asmx', headers: [['Content-Type', 'text/plain']], body: Buffer.from('x') } },
    { request: { ...soap('1.2', envelope(SOAP11_NS, '', change('1'))) } },
  ],
  MALFORMED_XML: [{ request: soap('1.1', '<soap:Envelope') }],
  BODY_TOO_LARGE: [{ request: soap('1.1', envelope(SOAP11_NS, `<!--${'x'.repeat(5000)}-->`, change('1'))) }],
  METHOD_NOT_ALLOWED: [{ request: { method: 'PUT', target: '/srv.asmx', headers: [], body: Buffer.alloc(0) }, values: [] }],
};

const SOAP12_CODES: Record<string, string> = { 'soap:Client': 'soap:Sender', 'soap:Server': 'soap:Receiver' };

const unescape = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('asmx door answers come from its error table', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: 4096 });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('has a request for every row, and a row for every request', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(ASMX_DOOR_ERRORS).sort());
  });

  const rows = Object.entries(CASES).flatMap(([key, cases]) => cases.map((c, i) => [`${key} #${i + 1}`, key as DoorErrorKey, c] as const));

  it.each(rows)('%s', async (_name, key, c) => {
    const row = ASMX_DOOR_ERRORS[key];
    const spy = c.breakEngine ? jest.spyOn(server.engine, 'refuse').mockRejectedValue(new Error('store on fire')) : undefined;
    let answer;
    try {
      answer = await sendRaw(server.port, c.request);
    } finally {
      spy?.mockRestore();
    }
    expect(answer.status).toBe(row.status);
    if (c.values === undefined) {
      expect(answer.text).toBe('');
      return;
    }
    const text = fillPlaceholders(row.message, ...c.values);
    if (c.version === '1.1') {
      expect(answer.text).toContain(`<faultcode>${row.code}</faultcode>`);
      expect(unescape(/<faultstring>(.*)<\/faultstring>/s.exec(answer.text)?.[1] ?? '')).toBe(text);
    } else if (c.version === '1.2') {
      expect(answer.text).toContain(`<soap:Value>${SOAP12_CODES[row.code] ?? row.code}</soap:Value>`);
      expect(unescape(/<soap:Text xml:lang="en">(.*)<\/soap:Text>/s.exec(answer.text)?.[1] ?? '')).toBe(text);
    } else if (row.status === 200) {
      expect(answer.text).toContain(`error="${text}"`);
    } else if (row.status === 405 || key === 'UNRECOGNIZED_URL') {
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(unescape(answer.text)).toContain(`<p>${text}</p>`);
    } else {
      expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(answer.text).toBe(plainText(row, ...c.values));
    }
  });
});
