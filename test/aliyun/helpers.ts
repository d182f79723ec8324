import type { AuditEntry, User } from '../../src/engine';
import { DEMO } from '../kit/demo';
import type { TestServer } from '../kit/server';

export const JDOE = { userName: DEMO.jdoe.userName, id: DEMO.jdoe.id, ownerId: DEMO.jdoe.ownerId as string } as const;
export const DEMO_DIRECTORY = DEMO.directory.id;

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
