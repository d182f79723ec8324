import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { UserStatus } from '../../src/engine';
import { asmxStatus } from '../kit/asmx';
import { DEMO } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';

const run = promisify(execFile);
const TICKET = DEMO.ticket;

/** The seed's three examples, sent by curl as a newcomer would paste them, then read back through another binding. */
async function curl(args: string[]): Promise<string> {
  const { stdout } = await run('curl', ['-s', '-S', ...args]);
  return stdout;
}

async function soap12GetUser(server: TestServer, userName: string): Promise<string> {
  const envelope =
    '<soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope" xmlns:tns="http://tempuri.org/"><soap12:Body>' +
    `<tns:GetUser><tns:AuthenticationTicket>${TICKET}</tns:AuthenticationTicket><tns:UserName>${userName}</tns:UserName></tns:GetUser>` +
    '</soap12:Body></soap12:Envelope>';
  return curl(['-H', 'Content-Type: application/soap+xml; charset=utf-8', '--data-binary', envelope, `${server.url}/srv.asmx`]);
}

async function setStatus(server: TestServer, status: UserStatus): Promise<void> {
  await server.engine.changeStatus({
    requestId: `setup-jdoe-${status}`,
    door: 'test',
    credential: { kind: 'system', label: 'test' },
    verb: 'setup',
    target: { by: 'userName', value: 'jdoe' },
    status,
    reason: 'test:setup',
  });
}

/** The one audit row the example left, as [door, caller, before, after, outcome]. */
async function auditOfExample(server: TestServer): Promise<unknown[][]> {
  const rows = await server.engine.listAudit({ target: 'jdoe' });
  return rows.filter((r) => r.door !== 'test').map((r) => [r.door, r.caller, r.before, r.after, r.outcome]);
}

describe('the seed examples, verbatim, in demo mode', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('GET disables jdoe, and SOAP 1.2 GetUser shows it', async () => {
    const answer = await curl([`${server.url}/srv.asmx/ChangeUserStatus?authenticationTicket=${TICKET}&UserName=jdoe&StatusCode=0`]);
    expect(answer).toBe('<?xml version="1.0" encoding="utf-8"?>\r\n<response success="true" error="" />');
    expect(await soap12GetUser(server, 'jdoe')).toContain('Enabled="FALSE" UserName="jdoe"');
    expect(await auditOfExample(server)).toEqual([['asmx-get', 'admin', 'enabled', 'disabled', 'ok']]);
  });

  it('GET with StatusCode=1 re-enables jdoe', async () => {
    await setStatus(server, 'disabled');
    const answer = await curl([`${server.url}/srv.asmx/ChangeUserStatus?authenticationTicket=${TICKET}&UserName=jdoe&StatusCode=1`]);
    expect(answer).toContain('<response success="true" error="" />');
    expect(await soap12GetUser(server, 'jdoe')).toContain('Enabled="TRUE" UserName="jdoe"');
    expect(await auditOfExample(server)).toEqual([['asmx-get', 'admin', 'disabled', 'enabled', 'ok']]);
  });

  it('the form POST, with its line breaks, disables jdoe, and GET GetUser shows it', async () => {
    const body = `authenticationTicket=${TICKET}\n&UserName=jdoe\n&StatusCode=0`;
    const answer = await curl([
      '-H',
      'Content-Type: application/x-www-form-urlencoded',
      '--data-binary',
      body,
      `${server.url}/srv.asmx/ChangeUserStatus`,
    ]);
    expect(answer).toContain('<response success="true" error="" />');
    expect(await asmxStatus(server, 'jdoe')).toBe('disabled');
    expect(await auditOfExample(server)).toEqual([['asmx-post', 'admin', 'enabled', 'disabled', 'ok']]);
  });

  it('the SOAP 1.1 envelope re-enabled by StatusCode=1 and read back over GET', async () => {
    await setStatus(server, 'disabled');
    const envelope = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
xmlns:tns="http://tempuri.org/">
<soap:Body>
<tns:ChangeUserStatus>
<tns:AuthenticationTicket>${TICKET}</tns:AuthenticationTicket>
<tns:UserName>jdoe</tns:UserName>
<tns:StatusCode>1</tns:StatusCode>
</tns:ChangeUserStatus>
</soap:Body>
</soap:Envelope>`;
    const answer = await curl([
      '-H',
      'Content-Type: text/xml; charset=utf-8',
      '-H',
      'SOAPAction: "http://tempuri.org/ChangeUserStatus"',
      '--data-binary',
      envelope,
      `${server.url}/srv.asmx`,
    ]);
    expect(answer).toContain('<ChangeUserStatusResult><response success="true" error="" xmlns="" /></ChangeUserStatusResult>');
    expect(await asmxStatus(server, 'jdoe')).toBe('enabled');
    expect(await auditOfExample(server)).toEqual([['asmx-soap11', 'admin', 'disabled', 'enabled', 'ok']]);
  });
});
