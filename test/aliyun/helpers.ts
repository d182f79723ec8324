import { request } from 'node:http';
import type { AuditEntry, User } from '../../src/engine';
import type { TestServer } from '../kit/server';

export const JDOE = { userName: 'jdoe', id: 'u-00q8wbq42wiltcrk', ownerId: '1234567890123456' } as const;
export const DEMO_DIRECTORY = 'd-00fc2p61demo';
export const DEMO_TICKET = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

export const FREEZE = { OwnerId: JDOE.ownerId, Status: 'Freeze', BusinessType: 'FREEZE' } as const;
export const THAW = { OwnerId: JDOE.ownerId, Status: 'Thaw', BusinessType: 'FREEZE' } as const;

export async function jdoe(server: TestServer): Promise<User> {
  const user = await server.engine.findUser({ by: 'id', value: JDOE.id });
  if (!user) throw new Error('the demo fixture lost jdoe');
  return user;
}

/** The audit rows of one request; the door's RequestId names them. */
export async function auditOf(server: TestServer, requestId: string): Promise<AuditEntry[]> {
  return server.engine.listAudit({ requestId });
}

/** The newest audit row (the store lists oldest first). */
export async function lastAudit(server: TestServer): Promise<AuditEntry | undefined> {
  return (await server.engine.listAudit()).at(-1);
}

function get(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status another door sees: infoRouter's GetUser, over HTTP GET with the demo ticket. */
export async function enabledThroughAsmx(port: number, userName: string): Promise<boolean> {
  const { text } = await get(port, `/srv.asmx/GetUser?AuthenticationTicket=${DEMO_TICKET}&UserName=${encodeURIComponent(userName)}`);
  const enabled = /<User\b[^>]*\bEnabled="(TRUE|FALSE)"/.exec(text);
  if (!/<response success="true"/.test(text) || !enabled) throw new Error(`asmx GetUser did not answer: ${text.slice(0, 200)}`);
  return enabled[1] === 'TRUE';
}
