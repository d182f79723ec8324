import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  readEnvelope,
  readEnvelopeWithSax,
  RefusedXmlError,
  type Envelope,
  type XmlLimits,
} from '../../src/doors/asmx/soap/envelopeReader';
import * as fastEnvelope from '../../src/doors/asmx/soap/fastEnvelope';
import { parseRequestFile } from '../kit/http';

/**
 * The fast reader may decline anything, but whatever it answers must be exactly what sax answers.
 * These tests compare the two on the golden SOAP requests, on seeded mutants of them, and on
 * hand-picked edges of the subset.
 */
const WIRE = join(__dirname, '..', 'wire', 'asmx');
const LIMITS: XmlLimits = { maxElements: 10000, maxDepth: 64, maxAttributes: 64, maxAttributesTotal: 10000, maxNameLength: 256 };
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const TEMPURI = 'http://tempuri.org/';

/** Envelopes as plain data, so children compare in order and a Map's contents count. */
function plain(envelope: Envelope): unknown {
  const { body } = envelope;
  return { ...envelope, body: body && { ns: body.ns, name: body.name, children: [...body.children] } };
}

function viaSax(xml: string, limits: XmlLimits): unknown {
  try {
    return plain(readEnvelopeWithSax(xml, limits));
  } catch (err) {
    return { threw: `${(err as Error).constructor.name}: ${(err as Error).message}` };
  }
}

/** Null when the readers agree (or the fast one declines), else what each answered. */
function disagreement(xml: string, limits: XmlLimits = LIMITS): { xml: string; fast: unknown; sax: unknown } | null {
  const fast = fastEnvelope.readCommonEnvelope(xml, limits);
  if (fast === null) return null;
  const sax = viaSax(xml, limits);
  return isDeepStrictEqual(plain(fast), sax) ? null : { xml, fast: plain(fast), sax };
}

function expectFastAgrees(xml: string, limits: XmlLimits = LIMITS): Envelope {
  const fast = fastEnvelope.readCommonEnvelope(xml, limits);
  expect(fast).not.toBeNull();
  expect(plain(fast as Envelope)).toStrictEqual(viaSax(xml, limits));
  return fast as Envelope;
}

/** The SOAP bodies of the golden fixtures that POST XML to /srv.asmx, by fixture name. */
function fixtureBodies(): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const name of readdirSync(WIRE).sort()) {
    const request = parseRequestFile(readFileSync(join(WIRE, name, 'request.http'), 'utf8'));
    const type = request.headers.find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? '';
    if (request.method === 'POST' && request.target === '/srv.asmx' && /xml/.test(type)) bodies.set(name, request.body.toString('utf8'));
  }
  return bodies;
}

const envelope = (body: string, header = ''): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="${SOAP11}" xmlns:tns="${TEMPURI}">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('readCommonEnvelope on the golden SOAP requests', () => {
  const bodies = fixtureBodies();

  afterEach(() => jest.restoreAllMocks());

  it('is what readEnvelope answers with when it can', () => {
    const spy = jest.spyOn(fastEnvelope, 'readCommonEnvelope');
    const xml = bodies.get('ChangeUserStatus__seed_soap11') as string;
    const read = readEnvelope(xml, LIMITS);
    expect(read).not.toBeNull();
    expect(spy.mock.results[0]?.value).toBe(read);
  });

  it('finds the SOAP fixtures', () => {
    expect(bodies.size).toBeGreaterThanOrEqual(20);
  });

  it.each([...bodies.keys()])('%s: declines or agrees with sax', (name) => {
    expect(disagreement(bodies.get(name) as string)).toBeNull();
  });

  it.each([
    'ChangeUserStatus__seed_soap11',
    'ChangeUserStatus__empty_soapaction',
    'ChangeUserStatus__soap12_action_param',
    'ChangeUserStatus__soap12_body_routed',
    'ChangeUserStatus__default_namespace_parameters',
    'ChangeUserStatus__proto_elements_soap11',
    'AuthenticateUser__success_soap11',
    'AuthenticateUser__wrong_password_soap12',
  ])('%s takes the fast path', (name) => {
    expectFastAgrees(bodies.get(name) as string);
  });

  it.each([
    'ChangeUserStatus__xxe_refused',
    'ChangeUserStatus__billion_laughs_refused',
    'ChangeUserStatus__undeclared_entity',
    'ChangeUserStatus__malformed_xml',
  ])('%s is left to sax', (name) => {
    expect(fastEnvelope.readCommonEnvelope(bodies.get(name) as string, LIMITS)).toBeNull();
  });
});

/** mulberry32: a tiny seeded generator, so a failing mutant is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const position = (random: Random, text: string): number => Math.floor(random() * (text.length + 1));
const insertAt = (text: string, at: number, piece: string): string => text.slice(0, at) + piece + text.slice(at);

const CHARS = ['<', '>', '&', ';', '"', "'", '/', ':', '=', '!', '?', '[', ']', 'x', ' '];
const NAMES = ['Body', 'Header', 'Envelope', 'x', 'tns:x', 'soap:Body', 'soap:Header', 'tns:UserName', '__proto__', 'a:b', 'UserName'];
const ATTRIBUTES = [
  ' xmlns:a="urn:x"',
  ' xmlns="urn:y"',
  ' xmlns=""',
  ` xmlns:tns="${TEMPURI}"`,
  ' soap:mustUnderstand="1"',
  ' mustUnderstand="1"',
  " a='1'",
  ' tns:x = "2"',
];
const REFERENCES = ['&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x41;', '&#x1F600;', '&#0;', '&bogus;'];

/** Text positions matter most for decoding, so references often go right after a `>`. */
function afterSomeTag(random: Random, text: string): number {
  const at = text.indexOf('>', position(random, text));
  return at < 0 ? position(random, text) : at + 1;
}

/** Positions just after an element name, where an attribute can go. */
function afterSomeName(random: Random, text: string): number {
  const at = text.indexOf('<', position(random, text));
  if (at < 0) return position(random, text);
  let end = at + 1;
  while (end < text.length && /[\w:.-]/.test(text[end])) end++;
  return end;
}

const MUTATIONS: ((random: Random, text: string) => string)[] = [
  (random, text) => {
    const at = position(random, text);
    return text.slice(0, at) + text.slice(at + 1);
  },
  (random, text) => {
    const at = position(random, text);
    return insertAt(text, at, text.slice(at, at + 1 + Math.floor(random() * 40)));
  },
  (random, text) => {
    // From a `<` to a later `>`: often whole elements, so the copy is still well-formed.
    const at = text.indexOf('<', position(random, text));
    const end = at < 0 ? -1 : text.indexOf('>', at + Math.floor(random() * 200));
    return end < 0 ? text : insertAt(text, at, text.slice(at, end + 1));
  },
  (random, text) => insertAt(text, random() < 0.5 ? afterSomeTag(random, text) : position(random, text), pick(random, CHARS)),
  (random, text) => {
    const chars = [...text];
    const a = Math.floor(random() * chars.length);
    const b = Math.floor(random() * chars.length);
    [chars[a], chars[b]] = [chars[b], chars[a]];
    return chars.join('');
  },
  (random, text) => {
    const at = text.indexOf('<', position(random, text));
    if (at < 0) return text;
    const start = text[at + 1] === '/' ? at + 2 : at + 1;
    let end = start;
    while (end < text.length && /[\w:.-]/.test(text[end])) end++;
    return text.slice(0, start) + pick(random, NAMES) + text.slice(end);
  },
  (random, text) => insertAt(text, afterSomeName(random, text), pick(random, ATTRIBUTES)),
  (random, text) => insertAt(text, random() < 0.7 ? afterSomeTag(random, text) : position(random, text), pick(random, REFERENCES)),
];

/** Extra shapes the fixtures lack: headers, nested parameters, default namespaces, odd Body layouts. */
const EXTRA_BASES = [
  envelope(
    '<tns:ChangeUserStatus><tns:UserName>a&amp;b</tns:UserName><tns:StatusCode>1</tns:StatusCode></tns:ChangeUserStatus>',
    '<soap:Header><h:T xmlns:h="urn:h" soap:mustUnderstand="1">t</h:T><h:U xmlns:h="urn:h" soap:mustUnderstand=" true ">u</h:U></soap:Header>',
  ),
  envelope('<tns:GetUser><tns:UserName>a<tns:B>b</tns:B>c</tns:UserName><tns:UserName>second</tns:UserName></tns:GetUser>'),
  `<Envelope xmlns="${SOAP11}"><Header><T mustUnderstand="1"/></Header><Body><GetUser xmlns="${TEMPURI}"><UserName>x</UserName><Other xmlns="">y</Other></GetUser></Body></Envelope>`,
  envelope('<tns:LogOut><tns:A>1</tns:A></tns:LogOut><tns:Second><tns:B>2</tns:B></tns:Second>') + '\r\n',
  `<soap:Envelope xmlns:soap='${SOAP11}'><soap:Body><t:LogOut xmlns:t='${TEMPURI}'><t:AuthenticationTicket>\r\n  x &#x20AC; y\r\n</t:AuthenticationTicket></t:LogOut></soap:Body></soap:Envelope>`,
];

function mutant(random: Random, bases: readonly string[]): string {
  let text = pick(random, bases);
  // Mostly one mutation: each further one makes a well-formed mutant, and so the fast path, rarer.
  const rounds = 1 + Math.floor(random() ** 3 * 3);
  for (let i = 0; i < rounds; i++) text = pick(random, MUTATIONS)(random, text);
  return text;
}

describe('readCommonEnvelope on seeded mutants', () => {
  it('never answers differently from sax', () => {
    const bases = [...fixtureBodies().values()].filter((body) => body.length > 0).concat(EXTRA_BASES);
    const random = mulberry32(0x5eed);
    const cases = 20000;
    const failures: ReturnType<typeof disagreement>[] = [];
    let fast = 0;
    let fastWithReference = 0;
    for (let i = 0; i < cases; i++) {
      const xml = mutant(random, bases);
      const failure = disagreement(xml);
      if (failure) failures.push(failure);
      if (fastEnvelope.readCommonEnvelope(xml, LIMITS) !== null) {
        fast++;
        if (/&#?\w+;/.test(xml)) fastWithReference++;
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // A fuzzer whose mutants all fall back to sax would prove nothing about the fast path.
    expect(fast).toBeGreaterThan(cases / 6);
    expect(fastWithReference).toBeGreaterThan(cases / 50);
  });
});

describe('readCommonEnvelope edges', () => {
  it('decodes the predefined entities and character references like sax', () => {
    const xml = envelope(
      `<tns:ChangeUserStatus><tns:UserName>a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#x1f600;&#0067;&#10; é</tns:UserName></tns:ChangeUserStatus>`,
    );
    expect(expectFastAgrees(xml).body?.children.get('UserName')).toBe(`a&b <c> "d" 'e' AB\u{1f600}C\n é`);
  });

  it('keeps CR LF in text as sax does', () => {
    expect(
      expectFastAgrees(envelope('<tns:GetUser><tns:UserName>a\r\nb</tns:UserName></tns:GetUser>')).body?.children.get('UserName'),
    ).toBe('a\r\nb');
  });

  it('keeps __proto__ and constructor elements as plain data', () => {
    const xml = envelope(
      '<tns:Op><tns:__proto__><tns:isAdmin>true</tns:isAdmin></tns:__proto__><tns:constructor>x</tns:constructor></tns:Op>',
    );
    const children = expectFastAgrees(xml).body?.children;
    expect(children?.get('__proto__')).toBe('true');
    expect(children?.get('constructor')).toBe('x');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('collects the text of a parameter that has child elements, as sax does', () => {
    const xml = envelope('<tns:Op><tns:A>a<tns:B>b</tns:B>c<x:C xmlns:x="urn:x">d<x:D/></x:C>e</tns:A><tns:A>again</tns:A></tns:Op>');
    expect(expectFastAgrees(xml).body?.children.get('A')).toBe('abcde');
  });

  it('reads single-quoted attributes and spaces around =', () => {
    const xml = `<soap:Envelope xmlns:soap='${SOAP11}' xmlns:tns = '${TEMPURI}'><soap:Body><tns:LogOut><tns:A>1</tns:A></tns:LogOut></soap:Body></soap:Envelope>`;
    expect(expectFastAgrees(xml).body).toEqual({ ns: TEMPURI, name: 'LogOut', children: new Map([['A', '1']]) });
  });

  it('scopes a default namespace redeclared on children', () => {
    const xml = `<Envelope xmlns="${SOAP11}"><Body><Op xmlns="${TEMPURI}"><A>1</A><B xmlns="urn:other">2</B><C xmlns="">3</C></Op></Body></Envelope>`;
    const read = expectFastAgrees(xml);
    expect(read.rootNs).toBe(SOAP11);
    expect(read.body).toEqual({ ns: TEMPURI, name: 'Op', children: new Map([['A', '1']]) });
  });

  it('reads a body child whose prefix is declared on itself', () => {
    const xml = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><t:Op xmlns:t="${TEMPURI}"><t:A>1</t:A><A>2</A></t:Op></soap:Body></soap:Envelope>`;
    expect(expectFastAgrees(xml).body).toEqual({ ns: TEMPURI, name: 'Op', children: new Map([['A', '1']]) });
  });

  it('follows the sax reader past the first Body child and into later Headers', () => {
    const xml = envelope(
      '<tns:Op><tns:A>1</tns:A></tns:Op><tns:Op2><tns:B>2</tns:B></tns:Op2></soap:Body><soap:Header><h:X xmlns:h="urn:h" soap:mustUnderstand="1"><tns:C>3</tns:C></h:X></soap:Header><soap:Body>',
    );
    const read = expectFastAgrees(xml);
    expect([...(read.body?.children.keys() ?? [])]).toEqual(['A', 'B', 'C']);
    expect(read.mustUnderstand).toEqual(['X']);
  });

  it.each([
    ['1', ['T']],
    ['true', ['T']],
    [' 1 ', ['T']],
    ['0', []],
    ['TRUE', []],
  ])('mustUnderstand="%s"', (value, expected) => {
    const xml = envelope('<tns:Op/>', `<soap:Header><h:T xmlns:h="urn:h" soap:mustUnderstand="${value}">x</h:T></soap:Header>`);
    expect(expectFastAgrees(xml).mustUnderstand).toEqual(expected);
  });

  it('takes an unprefixed mustUnderstand when the root has no namespace, as sax does', () => {
    expect(expectFastAgrees('<Envelope><Header><T mustUnderstand="1"/></Header><Body/></Envelope>').mustUnderstand).toEqual(['T']);
  });

  describe('limits', () => {
    const withParams = (count: number): string => envelope(`<tns:Op>${'<tns:P/>'.repeat(count)}</tns:Op>`);
    const nested = (depth: number): string => envelope(`<tns:Op>${'<tns:D>'.repeat(depth - 3)}${'</tns:D>'.repeat(depth - 3)}</tns:Op>`);

    it('accepts exactly the element limit and leaves one more to sax', () => {
      const limits = { ...LIMITS, maxElements: 20 };
      expectFastAgrees(withParams(17), limits);
      expect(fastEnvelope.readCommonEnvelope(withParams(18), limits)).toBeNull();
      expect(() => readEnvelope(withParams(18), limits)).toThrow(new RefusedXmlError('The XML document has more than 20 elements.'));
      expect(() => readEnvelope(withParams(18), limits)).toThrow(RefusedXmlError);
    });

    it('accepts exactly the depth limit and leaves one more to sax', () => {
      const limits = { ...LIMITS, maxDepth: 8 };
      expectFastAgrees(nested(8), limits);
      expect(fastEnvelope.readCommonEnvelope(nested(9), limits)).toBeNull();
      expect(() => readEnvelope(nested(9), limits)).toThrow(new RefusedXmlError('The XML document nests elements deeper than 8.'));
      expect(() => readEnvelope(nested(9), limits)).toThrow(RefusedXmlError);
    });

    const withAttributes = (count: number): string =>
      envelope(`<tns:Op${Array.from({ length: count }, (_, i) => ` a${i}="x"`).join('')}><tns:A>1</tns:A></tns:Op>`);

    it('reads maxAttributes attributes on one element and refuses one more, on both readers', () => {
      const limits = { ...LIMITS, maxAttributes: 10 };
      expectFastAgrees(withAttributes(10), limits);
      expect(fastEnvelope.readCommonEnvelope(withAttributes(11), limits)).toBeNull();
      expect(() => readEnvelope(withAttributes(11), limits)).toThrow(
        new RefusedXmlError('An element of the XML document has more than 10 attributes.'),
      );
      // Past the fast reader's own bound of 16, sax reads it, under the same limit.
      const wide = { ...LIMITS, maxAttributes: 40 };
      expect(readEnvelope(withAttributes(40), wide).body?.name).toBe('Op');
      expect(() => readEnvelope(withAttributes(41), wide)).toThrow(RefusedXmlError);
    });

    it('reads maxAttributesTotal attributes in a document and refuses one more', () => {
      // The root's two namespace declarations count too.
      const limits = { ...LIMITS, maxAttributesTotal: 12 };
      expectFastAgrees(withAttributes(10), limits);
      expect(fastEnvelope.readCommonEnvelope(withAttributes(11), limits)).toBeNull();
      expect(() => readEnvelope(withAttributes(11), limits)).toThrow(new RefusedXmlError('The XML document has more than 12 attributes.'));
    });

    it('reads names of maxNameLength characters and refuses one more', () => {
      const limits = { ...LIMITS, maxNameLength: 40 };
      const named = (length: number): string =>
        envelope(`<tns:Op><tns:${'N'.repeat(length - 4)}>1</tns:${'N'.repeat(length - 4)}></tns:Op>`);
      expectFastAgrees(named(40), limits);
      expect(fastEnvelope.readCommonEnvelope(named(41), limits)).toBeNull();
      expect(() => readEnvelope(named(41), limits)).toThrow(new RefusedXmlError('The XML document has a name longer than 40 characters.'));
      const attribute = envelope(`<tns:Op ${'b'.repeat(41)}="x"><tns:A>1</tns:A></tns:Op>`);
      expect(() => readEnvelope(attribute, limits)).toThrow(RefusedXmlError);
    });

    it('refuses 100,000 attributes on one element in one linear pass, not seconds of sax', () => {
      const hostile = withAttributes(100_000);
      const started = process.hrtime.bigint();
      expect(() => readEnvelope(hostile, LIMITS)).toThrow(RefusedXmlError);
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
    });
  });

  const body = '<tns:Op><tns:A>1</tns:A></tns:Op>';
  it.each([
    ['empty document', ''],
    ['only a declaration', '<?xml version="1.0"?>'],
    ['a DTD', `<!DOCTYPE x [<!ENTITY e "v">]>${envelope(body)}`],
    ['a comment', envelope(`<!-- c -->${body}`)],
    ['CDATA', envelope('<tns:Op><tns:A><![CDATA[1]]></tns:A></tns:Op>')],
    ['a processing instruction', envelope(`<?pi x?>${body}`)],
    ['a BOM', `\uFEFF${envelope(body)}`],
    ['leading whitespace', ` ${envelope(body)}`],
    ['text after the root', `${envelope(body)}x`],
    ['a second root', `${envelope(body)}<x/>`],
    ['an unclosed root', envelope(body).replace('</soap:Envelope>', '')],
    ['a mismatched end tag', envelope('<tns:Op><tns:A>1</tns:B></tns:Op>')],
    ['whitespace inside an end tag name', envelope('<tns:Op><tns:A>1</ tns:A></tns:Op>')],
    ['an unbound prefix', envelope('<x:Op/>')],
    ['an empty prefix binding', envelope('<x:Op xmlns:x=""/>')],
    ['an xml: attribute', envelope('<tns:Op xml:lang="en"/>')],
    ['an xmlns: element', envelope('<xmlns:Op/>')],
    ['an Object.prototype prefix', envelope('<constructor:Op xmlns:constructor="urn:x"/>')],
    ['a __proto__ attribute', envelope('<tns:Op __proto__="x"/>')],
    ['a duplicate attribute', envelope('<tns:Op a="1" a="2"/>')],
    ['an unquoted attribute', envelope('<tns:Op a=1/>')],
    ['an attribute without whitespace before it', envelope('<tns:Op a="1"b="2"/>')],
    ['& in an attribute', envelope('<tns:Op a="&amp;"/>')],
    ['< in an attribute', envelope('<tns:Op a="<"/>')],
    ['an undeclared entity', envelope('<tns:Op><tns:A>&bogus;</tns:A></tns:Op>')],
    ['an HTML entity sax would expand', envelope('<tns:Op><tns:A>&nbsp;</tns:A></tns:Op>')],
    ['an upper-case entity', envelope('<tns:Op><tns:A>&AMP;</tns:A></tns:Op>')],
    ['&#0;', envelope('<tns:Op><tns:A>&#0;</tns:A></tns:Op>')],
    ['a surrogate reference', envelope('<tns:Op><tns:A>&#xD800;</tns:A></tns:Op>')],
    ['a reference past U+10FFFF', envelope('<tns:Op><tns:A>&#x110000;</tns:A></tns:Op>')],
    ['a bare &', envelope('<tns:Op><tns:A>a & b</tns:A></tns:Op>')],
    ['a control character', envelope('<tns:Op><tns:A>\u0001</tns:A></tns:Op>')],
    [']]> in text', envelope('<tns:Op><tns:A>]]></tns:A></tns:Op>')],
    ['a non-ASCII name', envelope('<tns:Öp/>')],
    ['a name with two colons', envelope('<tns:a:b/>')],
  ])('leaves %s to sax', (_label, xml) => {
    expect(fastEnvelope.readCommonEnvelope(xml, LIMITS)).toBeNull();
  });
});
