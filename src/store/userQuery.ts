import type { UserCondition, UserQuery } from '../engine';

/** A WHERE clause with `?` placeholders and its parameters, in order. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Each queried field's column; caseless ones hold (or are compared as) lower case. */
const COLUMNS: Record<Exclude<UserCondition['field'], 'email'>, { column: string; caseless: boolean }> = {
  id: { column: 'id', caseless: false },
  userName: { column: 'user_name_lc', caseless: true },
  externalId: { column: 'external_id', caseless: false },
  displayName: { column: 'lower(display_name)', caseless: true },
  status: { column: 'status', caseless: false },
};

/** A LIKE pattern that matches value literally: its own wildcards are escaped. */
const likeLiteral = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function comparison(column: string, cond: UserCondition, value: string): SqlCondition {
  switch (cond.op) {
    case 'present':
      return { sql: `(${column} IS NOT NULL AND ${column} <> '')`, params: [] };
    case 'equals':
      return { sql: `${column} = ?`, params: [value] };
    case 'contains':
      return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [`%${likeLiteral(value)}%`] };
    case 'startsWith':
      return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [`${likeLiteral(value)}%`] };
  }
}

function condition(cond: UserCondition): SqlCondition {
  if (cond.field === 'email') {
    // The addresses live in user_emails, lower-cased: one indexed row per address, never a profile scan.
    const match = comparison('e.value_lc', cond, (cond.value ?? '').toLowerCase());
    const typed = cond.emailType !== undefined;
    return {
      // IN rather than a correlated EXISTS: both planners then start from the value index, not from every user.
      sql: `id IN (SELECT e.user_id FROM user_emails e WHERE ${match.sql}${typed ? ' AND e.type_lc = ?' : ''})`,
      params: [...match.params, ...(typed ? [cond.emailType?.toLowerCase()] : [])],
    };
  }
  const { column, caseless } = COLUMNS[cond.field];
  const value = cond.value ?? '';
  return comparison(column, cond, caseless ? value.toLowerCase() : value);
}

/** The query as one SQL condition over the users table; the same text runs on SQLite and PostgreSQL. */
export function userQuerySql(query: UserQuery): SqlCondition {
  if ('and' in query || 'or' in query) {
    const [parts, joiner] = 'and' in query ? [query.and, ' AND '] : [query.or, ' OR '];
    if (parts.length === 0) return { sql: joiner === ' AND ' ? '1 = 1' : '1 = 0', params: [] };
    const built = parts.map(userQuerySql);
    return { sql: `(${built.map((b) => b.sql).join(joiner)})`, params: built.flatMap((b) => b.params) };
  }
  return condition(query);
}
