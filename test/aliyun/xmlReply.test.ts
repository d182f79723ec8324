import { parser } from 'sax';
import { escapeXml } from '../../src/doors/xml';
import { startTestServer, type TestServer } from '../kit/server';
import { signedV1Query } from './signV1';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

const BSS = {
  Action: 'SetResellerUserStatus',
  Version: '2017-12-14',
  OwnerId: '1234567890123456',
  Status: 'Freeze',
  BusinessType: 'FREEZE',
};

// XML 1.0's Char production: sax itself lets the other characters through, so the test checks them.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Parses a reply strictly; fails on any syntax error or any character XML 1.0 cannot carry. */
function parseXml(text: string): Map<string, string> {
  const elements = new Map<string, string>();
  const xml = parser(true);
  let open = '';
  xml.onerror = (err) => {
    throw err;
  };
  xml.onopentag = (tag) => {
    open = tag.name;
  };
  xml.ontext = (value) => {
    if (NOT_XML_CHAR.test(value)) throw new Error(`not an XML 1.0 character in <${open}>: ${JSON.stringify(value)}`);
    elements.set(open, (elements.get(open) ?? '') + value);
  };
  xml.write(text).close();
  return elements;
}

async function getXml(params: Record<string, string>): Promise<{ status: number; elements: Map<string, string> }> {
  const res = await fetch(`${server.url}/?${signedV1Query({ ...BSS, Format: 'XML', ...params })}`);
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  return { status: res.status, elements: parseXml(await res.text()) };
}

describe('XML replies of the aliyun door', () => {
  test('a control character in SignatureMethod is dropped from the echoed value, so the reply parses', async () => {
    const { status, elements } = await getXml({ SignatureMethod: 'HMAC-SHA1\u0001\u001F' });
    expect(status).toBe(400);
    expect(elements.get('Code')).toBe('IncompleteSignature');
    expect(elements.get('Message')).toBe('SignatureMethod must be HMAC-SHA1, got "HMAC-SHA1".');
  });

  test('a control character in SignatureVersion is dropped too, and markup stays text', async () => {
    const { status, elements } = await getXml({ SignatureVersion: '1.0\u0008<b>&\u000B' });
    expect(status).toBe(400);
    expect(elements.get('Code')).toBe('IncompleteSignature');
    expect(elements.get('Message')).toBe('SignatureVersion must be 1.0, got "1.0<b>&".');
  });
});

describe('escapeXml, shared by every door', () => {
  test('drops what XML 1.0 forbids and keeps the whitespace it allows', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne\rf\uFFFEg\uFFFF')).toBe('abc\td\ne\rfg');
  });

  test('spells the apostrophe as each door does', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml(`directory's`, '&apos;')).toBe('directory&apos;s');
  });

  test('gives back the very string when nothing needs escaping', () => {
    const plain = 'Successful!';
    expect(escapeXml(plain)).toBe(plain);
  });
});
