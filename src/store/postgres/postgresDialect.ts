import { textLiteral, type Dialect } from '../dialect';

/** pg hands BIGINT back as text: it may exceed 2^53. Our values (times, audit ids) do not. */
const toNumber = (value: string): string => `Number(${value})`;

/** PostgreSQL through pg: real booleans, BIGINT as text, lists as one array parameter. */
export const POSTGRES: Dialect = {
  name: 'postgres',
  sqlType: { text: 'text', integer: 'integer', epochMs: 'bigint', boolean: 'boolean', json: 'text', rowId: 'bigint' },
  read: { epochMs: toNumber, rowId: toNumber, json: (value) => `JSON.parse(${value})` },
  write: { json: (value) => `JSON.stringify(${value})` },
  compile: (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  },
  inList: (column) => `${column} = ANY(?)`,
  list: (values) => values,
  forUpdate: ' FOR UPDATE',
  // lower() on both sides matches SQLite's COLLATE NOCASE and uses the expression index.
  caseless: (column) => `lower(${column})`,
  caselessEquals: (column) => `lower(${column}) = lower(?)`,
  predicate: ({ column, equals }) =>
    typeof equals === 'boolean' ? (equals ? column : `NOT ${column}`) : `${column} = ${textLiteral(equals)}`,
};
