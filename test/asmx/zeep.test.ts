import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';

const run = promisify(execFile);
/** Debian's python3, where python3-zeep is installed; another python3 may come first on PATH. */
const PYTHON = '/usr/bin/python3';

interface ZeepSteps {
  authenticate: Record<string, string>;
  disable: string;
  after_disable: string;
  enable: string;
  after_enable: string;
  logout: string;
  after_logout: string;
}

describe.each(['srvSoap', 'srvSoap12'])('python3-zeep through the %s port', (port) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('authenticates, changes a status, reads it back, logs out and then gets [901]', async () => {
    const script = join(__dirname, 'zeep_client.py');
    const { stdout } = await run(PYTHON, [script, `${server.url}/srv.asmx?wsdl`, port, 'admin', DEMO.admin.password, 'jdoe']);
    const steps = JSON.parse(stdout) as ZeepSteps;
    expect(steps.authenticate).toMatchObject({ success: 'true', username: 'admin', isAuthenticated: 'True' });
    expect(steps.authenticate.ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(steps.disable).toMatch(/success="true" error=""/);
    expect(steps.after_disable).toMatch(/Enabled="FALSE" UserName="jdoe"/);
    expect(steps.enable).toMatch(/success="true" error=""/);
    expect(steps.after_enable).toMatch(/Enabled="TRUE" UserName="jdoe"/);
    expect(steps.logout).toMatch(/success="true" error=""/);
    expect(steps.after_logout).toMatch(/success="false" error="\[901\] Session expired or Invalid ticket"/);

    const door = port === 'srvSoap' ? 'asmx-soap11' : 'asmx-soap12';
    const rows = await server.engine.listAudit({ target: 'jdoe' });
    expect(rows.map((r) => [r.door, r.after, r.outcome])).toEqual([
      [door, 'disabled', 'ok'],
      [door, 'enabled', 'ok'],
      [door, null, 'SESSION_INVALID'],
    ]);
  });
});
