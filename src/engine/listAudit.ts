import type { EngineContext } from './context';
import type { AuditEntry, AuditQuery } from './model';

export function listAudit(ctx: EngineContext, query: AuditQuery = {}): Promise<AuditEntry[]> {
  return ctx.store.withTransaction((tx) => tx.audit.list(query));
}
