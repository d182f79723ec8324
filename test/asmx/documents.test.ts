import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sax from 'sax';
import { WSDL } from 'soap';
import {
  ASMX_OPERATIONS,
  ASMX_SERVICE,
  renderDisco,
  renderHelpPage,
  renderOperationPage,
  renderWsdl,
  soapActionOf,
  WSDL_FILE,
  WSDL_PLACEHOLDER_URL,
} from '../../src/doors/asmx/documents';

const SERVICE_URL = 'http://127.0.0.1:8080/srv.asmx';
// No slash in it: a Host header cannot carry one, and the pages split the URL at the first slash after the scheme.
const HOSTILE_URL = "http://evil\"><img src=x onerror=alert('x')>&amp;:80/srv.asmx";
const HOSTILE_HOST_ESCAPED = 'evil&quot;&gt;&lt;img src=x onerror=alert(&#39;x&#39;)&gt;&amp;amp;:80';
const OPERATION_NAMES = ASMX_OPERATIONS.map((operation) => operation.name);
const PORTS = ['srvSoap', 'srvSoap12', 'srvHttpGet', 'srvHttpPost'];

interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
}

/** A plain tree with the prefixes as written: the documents use fixed ASMX prefixes, which is part of what we check. */
function parseXml(xml: string): XmlNode {
  const parser = sax.parser(true);
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.onopentag = (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (text) => {
    stack[stack.length - 1].text += text;
  };
  parser.write(xml).close();
  return root.children[0];
}

const childrenNamed = (node: XmlNode, name: string): XmlNode[] => node.children.filter((child) => child.name === name);

function childNamed(node: XmlNode, name: string, nameAttribute?: string): XmlNode {
  const found = childrenNamed(node, name).find((child) => nameAttribute === undefined || child.attributes.name === nameAttribute);
  if (!found) throw new Error(`no <${name}${nameAttribute ? ` name="${nameAttribute}"` : ''}> under <${node.name}>`);
  return found;
}

const namesOf = (nodes: readonly XmlNode[]): string[] => nodes.map((node) => node.attributes.name);

function loadInNodeSoap(xml: string): Promise<WSDL> {
  const wsdl = new WSDL(xml, SERVICE_URL, {});
  return new Promise((resolve, reject) => wsdl.onReady((err) => (err ? reject(err) : resolve(wsdl))));
}

describe('WSDL file location', () => {
  it('is wsdl/srv.wsdl at the repo root, from src/ here and from dist/ after tsc', () => {
    const repoRoot = join(__dirname, '..', '..');
    expect(WSDL_FILE).toBe(join(repoRoot, 'wsdl', 'srv.wsdl'));
    // dist/doors/asmx sits as deep as src/doors/asmx only while tsc maps src/ onto a sibling dist/.
    const { compilerOptions } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
  });
});

describe('renderWsdl', () => {
  const xml = renderWsdl(SERVICE_URL);
  const definitions = parseXml(xml);

  it('declares the ASMX prefixes in ASMX order on wsdl:definitions', () => {
    expect(definitions.name).toBe('wsdl:definitions');
    expect(Object.entries(definitions.attributes)).toEqual([
      ['xmlns:tm', 'http://microsoft.com/wsdl/mime/textMatching/'],
      ['xmlns:soapenc', 'http://schemas.xmlsoap.org/soap/encoding/'],
      ['xmlns:mime', 'http://schemas.xmlsoap.org/wsdl/mime/'],
      ['xmlns:tns', 'http://tempuri.org/'],
      ['xmlns:soap', 'http://schemas.xmlsoap.org/wsdl/soap/'],
      ['xmlns:s', 'http://www.w3.org/2001/XMLSchema'],
      ['xmlns:soap12', 'http://schemas.xmlsoap.org/wsdl/soap12/'],
      ['xmlns:http', 'http://schemas.xmlsoap.org/wsdl/http/'],
      ['targetNamespace', 'http://tempuri.org/'],
      ['xmlns:wsdl', 'http://schemas.xmlsoap.org/wsdl/'],
    ]);
  });

  it('addresses every port at the service URL and leaves no placeholder behind', () => {
    const service = childNamed(definitions, 'wsdl:service', 'srv');
    const ports = childrenNamed(service, 'wsdl:port');
    expect(namesOf(ports)).toEqual(PORTS);
    expect(ports.map((port) => [port.children[0].name, port.children[0].attributes.location])).toEqual([
      ['soap:address', SERVICE_URL],
      ['soap12:address', SERVICE_URL],
      ['http:address', SERVICE_URL],
      ['http:address', SERVICE_URL],
    ]);
    expect(xml).not.toContain(WSDL_PLACEHOLDER_URL);
  });

  it('has four bindings of the right kind, each with the four operations in order', () => {
    const bindings = childrenNamed(definitions, 'wsdl:binding');
    expect(bindings.map((binding) => [binding.attributes.name, binding.attributes.type])).toEqual([
      ['srvSoap', 'tns:srvSoap'],
      ['srvSoap12', 'tns:srvSoap'],
      ['srvHttpGet', 'tns:srvHttpGet'],
      ['srvHttpPost', 'tns:srvHttpPost'],
    ]);
    for (const binding of bindings) expect(namesOf(childrenNamed(binding, 'wsdl:operation'))).toEqual(OPERATION_NAMES);
    expect(namesOf(childrenNamed(definitions, 'wsdl:portType'))).toEqual(['srvSoap', 'srvHttpGet', 'srvHttpPost']);

    const [soap, soap12, httpGet, httpPost] = bindings;
    expect(childNamed(soap, 'soap:binding').attributes).toEqual({ transport: 'http://schemas.xmlsoap.org/soap/http' });
    expect(childNamed(soap12, 'soap12:binding').attributes).toEqual({ transport: 'http://schemas.xmlsoap.org/soap/http' });
    expect(childNamed(httpGet, 'http:binding').attributes).toEqual({ verb: 'GET' });
    expect(childNamed(httpPost, 'http:binding').attributes).toEqual({ verb: 'POST' });

    for (const [binding, prefix] of [
      [soap, 'soap'],
      [soap12, 'soap12'],
    ] as const) {
      for (const operation of childrenNamed(binding, 'wsdl:operation')) {
        expect(childNamed(operation, `${prefix}:operation`).attributes).toEqual({
          soapAction: `http://tempuri.org/${operation.attributes.name}`,
          style: 'document',
        });
        for (const direction of ['wsdl:input', 'wsdl:output']) {
          expect(childNamed(childNamed(operation, direction), `${prefix}:body`).attributes).toEqual({ use: 'literal' });
        }
      }
    }
    for (const [binding, input] of [
      [httpGet, 'http:urlEncoded'],
      [httpPost, 'mime:content'],
    ] as const) {
      for (const operation of childrenNamed(binding, 'wsdl:operation')) {
        expect(childNamed(operation, 'http:operation').attributes).toEqual({ location: `/${operation.attributes.name}` });
        expect(childNamed(operation, 'wsdl:input').children.map((child) => child.name)).toEqual([input]);
        expect(childNamed(childNamed(operation, 'wsdl:output'), 'mime:content').attributes).toEqual({ part: 'Body', type: 'text/xml' });
      }
    }
    for (const operation of childrenNamed(httpPost, 'wsdl:operation')) {
      expect(childNamed(childNamed(operation, 'wsdl:input'), 'mime:content').attributes).toEqual({
        type: 'application/x-www-form-urlencoded',
      });
    }
  });

  it('describes the XmlNode results and messages as ASMX does', () => {
    const schema = childNamed(childNamed(definitions, 'wsdl:types'), 's:schema');
    expect(schema.attributes).toEqual({ elementFormDefault: 'qualified', targetNamespace: 'http://tempuri.org/' });
    for (const name of OPERATION_NAMES) {
      const response = childNamed(schema, 's:element', `${name}Response`);
      const result = childNamed(childNamed(childNamed(response, 's:complexType'), 's:sequence'), 's:element');
      expect(result.attributes).toEqual({ minOccurs: '0', maxOccurs: '1', name: `${name}Result` });
      const mixed = childNamed(result, 's:complexType');
      expect(mixed.attributes).toEqual({ mixed: 'true' });
      expect(childNamed(mixed, 's:sequence').children.map((child) => child.name)).toEqual(['s:any']);

      const message = (suffix: string) => childNamed(definitions, 'wsdl:message', `${name}${suffix}`);
      expect(childNamed(message('SoapIn'), 'wsdl:part').attributes).toEqual({ name: 'parameters', element: `tns:${name}` });
      expect(childNamed(message('SoapOut'), 'wsdl:part').attributes).toEqual({ name: 'parameters', element: `tns:${name}Response` });
      for (const protocol of ['HttpGet', 'HttpPost']) {
        expect(message(`${protocol}Out`).children.map((part) => part.attributes)).toEqual([{ name: 'Body' }]);
      }
    }
  });

  it('documents the service and every operation', () => {
    const service = childNamed(definitions, 'wsdl:service', 'srv');
    expect(childNamed(service, 'wsdl:documentation').text).toBe(ASMX_SERVICE.description);
    for (const portType of childrenNamed(definitions, 'wsdl:portType')) {
      const documented = childrenNamed(portType, 'wsdl:operation').map((operation) => childNamed(operation, 'wsdl:documentation').text);
      expect(documented).toEqual(ASMX_OPERATIONS.map((operation) => operation.description));
    }
  });

  it('agrees with ASMX_OPERATIONS: request elements, parameter order and int versus string', () => {
    const schema = childNamed(childNamed(definitions, 'wsdl:types'), 's:schema');
    const requestElements = childrenNamed(schema, 's:element').filter((element) => !element.attributes.name.endsWith('Response'));
    expect(namesOf(requestElements)).toEqual(OPERATION_NAMES);
    for (const operation of ASMX_OPERATIONS) {
      const request = childNamed(schema, 's:element', operation.name);
      const fields = childNamed(childNamed(request, 's:complexType'), 's:sequence').children.map((field) => field.attributes);
      expect(fields).toEqual(
        operation.params.map((param) =>
          param.type === 'int'
            ? { minOccurs: '1', maxOccurs: '1', name: param.name, type: 's:int' }
            : { minOccurs: '0', maxOccurs: '1', name: param.name, type: 's:string' },
        ),
      );
      for (const protocol of ['HttpGet', 'HttpPost']) {
        const parts = childNamed(definitions, 'wsdl:message', `${operation.name}${protocol}In`).children.map((part) => part.attributes);
        expect(parts).toEqual(operation.params.map((param) => ({ name: param.name, type: 's:string' })));
      }
    }
  });

  it('loads in node-soap with both SOAP ports, the four operations, their soapActions and the service address', async () => {
    const wsdl = await loadInNodeSoap(xml);
    const { ports } = wsdl.definitions.services.srv;
    // node-soap keeps SOAP bindings only; the HTTP GET/POST ports are checked structurally above.
    expect(Object.keys(ports)).toEqual(['srvSoap', 'srvSoap12']);
    for (const port of Object.values(ports)) {
      expect(port.location).toBe(SERVICE_URL);
      expect(Object.keys(port.binding.methods)).toEqual(OPERATION_NAMES);
      for (const operation of ASMX_OPERATIONS) {
        expect(port.binding.methods[operation.name].soapAction).toBe(soapActionOf(operation));
      }
    }
    const described = wsdl.describeServices() as Record<string, Record<string, Record<string, { input: Record<string, string> }>>>;
    expect(described.srv.srvSoap.ChangeUserStatus.input).toEqual({
      AuthenticationTicket: 's:string',
      UserName: 's:string',
      StatusCode: 's:int',
    });
  });

  it('escapes a hostile Host in every address and stays loadable', async () => {
    const hostile = renderWsdl(HOSTILE_URL);
    expect(hostile).not.toContain('<img');
    expect(hostile.split(`location="http://${HOSTILE_HOST_ESCAPED}/srv.asmx"`)).toHaveLength(5);
    const service = childNamed(parseXml(hostile), 'wsdl:service', 'srv');
    for (const port of childrenNamed(service, 'wsdl:port')) expect(port.children[0].attributes.location).toBe(HOSTILE_URL);
    const wsdl = await loadInNodeSoap(hostile);
    expect(wsdl.definitions.services.srv.ports.srvSoap.location).toBe(HOSTILE_URL);
  });
});

describe('renderDisco', () => {
  it('points at the contract and both SOAP bindings', () => {
    const discovery = parseXml(renderDisco(SERVICE_URL));
    expect(discovery.name).toBe('discovery');
    expect(discovery.attributes.xmlns).toBe('http://schemas.xmlsoap.org/disco/');
    expect(discovery.children.map((child) => [child.name, child.attributes])).toEqual([
      ['contractRef', { ref: `${SERVICE_URL}?wsdl`, docRef: SERVICE_URL, xmlns: 'http://schemas.xmlsoap.org/disco/scl/' }],
      [
        'soap',
        { address: SERVICE_URL, 'xmlns:q1': 'http://tempuri.org/', binding: 'q1:srvSoap', xmlns: 'http://schemas.xmlsoap.org/disco/soap/' },
      ],
      [
        'soap',
        {
          address: SERVICE_URL,
          'xmlns:q2': 'http://tempuri.org/',
          binding: 'q2:srvSoap12',
          xmlns: 'http://schemas.xmlsoap.org/disco/soap/',
        },
      ],
    ]);
  });

  it('escapes a hostile Host', () => {
    const disco = renderDisco(HOSTILE_URL);
    expect(disco).not.toContain('<img');
    expect(parseXml(disco).children[0].attributes.docRef).toBe(HOSTILE_URL);
  });
});

describe('renderHelpPage', () => {
  const html = renderHelpPage(SERVICE_URL);

  it('names the service and points at the service description', () => {
    expect(html).toContain('<title>srv Web Service</title>');
    expect(html).toContain('>srv</h1>');
    expect(html).toContain(
      'The following operations are supported. For a formal definition, please review the <a href="srv.asmx?WSDL">Service Description</a>.',
    );
  });

  it('lists every operation in order with its description', () => {
    const links = [...html.matchAll(/<a href="srv\.asmx\?op=(\w+)">\1<\/a><br><span>([^<]*)<\/span>/g)];
    expect(links.map((link) => link[1])).toEqual(OPERATION_NAMES);
    expect(links.map((link) => link[2])).toEqual(ASMX_OPERATIONS.map((operation) => operation.description.replace(/'/g, '&#39;')));
  });
});

describe('renderOperationPage', () => {
  it.each(OPERATION_NAMES)('shows %s with a test form and the four samples', (name) => {
    const operation = ASMX_OPERATIONS.find((candidate) => candidate.name === name)!;
    const html = renderOperationPage(SERVICE_URL, name)!;
    expect(html).toContain(`<h2>${name}</h2>`);
    expect(html).toContain('<a href="srv.asmx">here</a>');
    expect(html).toContain(`<form target="_blank" action="srv.asmx/${name}" method="POST">`);
    for (const param of operation.params) expect(html).toContain(`<input type="text" name="${param.name}">`);
    expect(html).toContain('<input type="submit" value="Invoke">');

    const titles = [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((match) => match[1]);
    expect(titles).toEqual(['Test', 'SOAP 1.1', 'SOAP 1.2', 'HTTP GET', 'HTTP POST']);
    const [soap11, soap12, httpGet, httpPost] = html.split('<h3>').slice(2);

    const placeholder = (text: string) => `<span class="value">${text}</span>`;
    const soapParams = operation.params.map((param) => `&lt;${param.name}&gt;${placeholder(param.type)}&lt;/${param.name}&gt;`);
    const formParams = operation.params.map((param) => `${param.name}=${placeholder('string')}`).join('&amp;');
    const result = `&lt;${name}Result&gt;${placeholder('xml')}&lt;/${name}Result&gt;`;

    expect(soap11).toContain('POST /srv.asmx HTTP/1.1\nHost: 127.0.0.1:8080\nContent-Type: text/xml; charset=utf-8\n');
    expect(soap11).toContain(`SOAPAction: &quot;http://tempuri.org/${name}&quot;`);
    expect(soap11).toContain('xmlns:soap=&quot;http://schemas.xmlsoap.org/soap/envelope/&quot;');
    expect(soap11).toContain('HTTP/1.1 200 OK\nContent-Type: text/xml; charset=utf-8');
    for (const sample of [soap11, soap12]) {
      for (const param of soapParams) expect(sample).toContain(param);
      expect(sample).toContain(`&lt;${name} xmlns=&quot;http://tempuri.org/&quot;&gt;`);
      expect(sample).toContain(result);
    }

    expect(soap12).toContain('POST /srv.asmx HTTP/1.1\nHost: 127.0.0.1:8080\nContent-Type: application/soap+xml; charset=utf-8\n');
    expect(soap12).not.toContain('SOAPAction');
    expect(soap12).toContain('xmlns:soap12=&quot;http://www.w3.org/2003/05/soap-envelope&quot;');
    expect(soap12).toContain('HTTP/1.1 200 OK\nContent-Type: application/soap+xml; charset=utf-8');

    expect(httpGet).toContain(`GET /srv.asmx/${name}?${formParams} HTTP/1.1\nHost: 127.0.0.1:8080</pre>`);
    expect(httpPost).toContain(`POST /srv.asmx/${name} HTTP/1.1\nHost: 127.0.0.1:8080\nContent-Type: application/x-www-form-urlencoded\n`);
    expect(httpPost).toContain(`\n\n${formParams}</pre>`);
    for (const sample of [httpGet, httpPost]) {
      expect(sample).toContain(
        `HTTP/1.1 200 OK\nContent-Type: text/xml; charset=utf-8\nContent-Length: ${placeholder('length')}\n\n${placeholder('xml')}</pre>`,
      );
    }
  });

  it('shows int parameters as int in SOAP samples', () => {
    expect(renderOperationPage(SERVICE_URL, 'ChangeUserStatus')).toContain(
      '&lt;StatusCode&gt;<span class="value">int</span>&lt;/StatusCode&gt;',
    );
  });

  it.each(['changeuserstatus', 'Nope', '', 'constructor', '__proto__', 'toString'])('answers null for %p', (name) => {
    expect(renderOperationPage(SERVICE_URL, name)).toBeNull();
  });

  it('escapes a hostile Host', () => {
    const html = renderOperationPage(HOSTILE_URL, 'GetUser')!;
    expect(html).not.toContain('<img');
    expect(html).toContain(`Host: ${HOSTILE_HOST_ESCAPED}\n`);
    expect(renderHelpPage(HOSTILE_URL)).not.toContain('<img');
  });
});

// Debian's interpreter on purpose: zeep comes from the python3-zeep package, and another python3 may come first on PATH.
const DEBIAN_PYTHON = '/usr/bin/python3';

const ZEEP_REPORT = `
import json, sys, zeep
client = zeep.Client(sys.argv[1])
report = {}
for port in ('srvSoap', 'srvSoap12'):
    service = client.bind('srv', port)
    # zeep has no public accessor for a bound port's operations and address.
    operations = service._binding._operations
    report[port] = {
        'address': service._binding_options['address'],
        'operations': {name: {'soapAction': op.soapaction, 'signature': op.input.signature()} for name, op in operations.items()},
        'envelope': zeep.helpers.etree.tostring(
            client.create_message(service, 'ChangeUserStatus', AuthenticationTicket='t', UserName='jdoe', StatusCode=0)
        ).decode(),
    }
print(json.dumps(report))
`;

interface ZeepPort {
  address: string;
  operations: Record<string, { soapAction: string; signature: string }>;
  envelope: string;
}

// python3-zeep is a test dependency (.ci/run installs it): without it this fails rather than passing unrun.
describe('python3-zeep', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-wsdl-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the WSDL and binds both SOAP ports with the four operations', () => {
    const file = join(dir, 'srv.wsdl');
    writeFileSync(file, renderWsdl(SERVICE_URL));
    const report = JSON.parse(
      execFileSync(DEBIAN_PYTHON, ['-c', ZEEP_REPORT, pathToFileURL(file).href], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    ) as Record<string, ZeepPort>;

    expect(Object.keys(report)).toEqual(['srvSoap', 'srvSoap12']);
    for (const [port, envelopeNamespace] of [
      ['srvSoap', 'http://schemas.xmlsoap.org/soap/envelope/'],
      ['srvSoap12', 'http://www.w3.org/2003/05/soap-envelope'],
    ]) {
      const { address, operations, envelope } = report[port];
      expect(address).toBe(SERVICE_URL);
      expect(Object.keys(operations).sort()).toEqual([...OPERATION_NAMES].sort());
      for (const operation of ASMX_OPERATIONS) expect(operations[operation.name].soapAction).toBe(soapActionOf(operation));
      expect(operations.ChangeUserStatus.signature).toBe('AuthenticationTicket: xsd:string, UserName: xsd:string, StatusCode: xsd:int');
      expect(envelope).toContain(envelopeNamespace);
      expect(envelope).toMatch(/<ns\d:StatusCode>0<\/ns\d:StatusCode>/);
    }
  });
});
