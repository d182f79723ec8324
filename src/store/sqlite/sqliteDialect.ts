import { textLiteral, type Dialect } from '../dialect';

/** SQLite through better-sqlite3: no booleans (0/1), every integer a number, lists as one JSON text. */
export const SQLITE: Dialect = {
  name: 'sqlite',
  sqlType: { text: 'TEXT', integer: 'INTEGER', epochMs: 'INTEGER', boolean: 'INTEGER', json: 'TEXT', rowId: 'INTEGER' },
  read: { boolean: (value) => `${value} === 1`, json: (value) => `JSON.parse(${value})` },
  write: { boolean: (value) => `(${value} ? 1 : 0)`, json: (value) => `JSON.stringify(${value})` },
  compile: (sql) => sql,
  /**
   * A list of any length goes to SQLite as one JSON array bound to one parameter, read with
   * json_each: one cached statement whatever the length, no limit on bound values, and each
   * value still found through the index (the plan is SEARCH .. USING INDEX, LIST SUBQUERY).
   */
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  list: (values) => JSON.stringify(values),
  // SQLite's one writer already holds the whole database.
  forUpdate: '',
  caseless: (column) => `${column} COLLATE NOCASE`,
  caselessEquals: (column) => `${column} = ? COLLATE NOCASE`,
  predicate: ({ column, equals }) => `${column} = ${typeof equals === 'boolean' ? (equals ? 1 : 0) : textLiteral(equals)}`,
};
