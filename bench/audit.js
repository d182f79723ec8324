'use strict';
const Database = require('better-sqlite3');

/**
 * Proof that the requests were real changes: the audit rows written since a mark, by
 * outcome. Read on a connection of our own; WAL lets it read while statusbridge writes.
 */
function auditReader(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const last = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM audit');
  const since = db.prepare('SELECT outcome, COUNT(*) AS n FROM audit WHERE id > ? GROUP BY outcome');
  return {
    mark: () => last.get().id,
    outcomesSince(mark) {
      const out = {};
      for (const row of since.all(mark)) out[row.outcome] = row.n;
      return out;
    },
    close: () => db.close(),
  };
}

module.exports = { auditReader };
