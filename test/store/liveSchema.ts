import type Database from 'better-sqlite3';
import type { Client } from 'pg';

/**
 * A schema as the comparison sees it, read from a live database or derived from the
 * description. Indexes a UNIQUE constraint made are listed by their columns (each database
 * names them its own way), the others by name.
 */
export interface SchemaShape {
  [table: string]: {
    columns: { [column: string]: { type: string; notNull: boolean } };
    primaryKey: string[];
    unique: string[];
    indexes: { [name: string]: { columns: string[]; unique: boolean; where: string | null } };
  };
}

/** One spelling for an index predicate or column: no casts, no parentheses, one space, lower case. */
export const normalise = (sql: string): string =>
  sql
    .replace(/::[a-z ]+/gi, '')
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const uniqueKey = (columns: string[]): string => columns.join(', ');

interface TableInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface IndexList {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
  partial: number;
}
interface IndexXinfo {
  cid: number;
  name: string | null;
  coll: string;
  key: number;
}

/** SQLite's own introspection: PRAGMA table_info, index_list, index_xinfo, and sqlite_master for predicates. */
export function readSqliteSchema(db: Database.Database): SchemaShape {
  const shape: SchemaShape = {};
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as TableInfo[];
    const entry: SchemaShape[string] = {
      columns: Object.fromEntries(info.map((c) => [c.name, { type: c.type, notNull: c.notnull === 1 }])),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      unique: [],
      indexes: {},
    };
    for (const index of db.prepare(`PRAGMA index_list(${table})`).all() as IndexList[]) {
      if (index.origin === 'pk') continue;
      const columns = (db.prepare(`PRAGMA index_xinfo(${index.name})`).all() as IndexXinfo[])
        .filter((c) => c.key === 1)
        .map((c) => {
          if (c.cid === -2 || c.name === null) return '<expression>';
          return normalise(c.coll === 'BINARY' ? c.name : `${c.name} COLLATE ${c.coll}`);
        });
      if (index.origin === 'u') {
        entry.unique.push(uniqueKey(columns));
        continue;
      }
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(index.name) as string;
      const where = index.partial ? /\bWHERE\b([\s\S]*)$/i.exec(sql)?.[1] : undefined;
      entry.indexes[index.name] = { columns, unique: index.unique === 1, where: where === undefined ? null : normalise(where) };
    }
    entry.unique.sort();
    shape[table] = entry;
  }
  return shape;
}

/** The column list and predicate of a pg_indexes indexdef: `... USING btree (cols) [WHERE pred]`. */
function parseIndexDef(def: string): { columns: string[]; where: string | null } {
  const start = def.indexOf('(', def.indexOf(' USING '));
  let depth = 0;
  let end = start;
  for (; end < def.length; end++) {
    if (def[end] === '(') depth++;
    if (def[end] === ')' && --depth === 0) break;
  }
  const columns: string[] = [];
  let current = '';
  depth = 0;
  for (const ch of def.slice(start + 1, end)) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      columns.push(current);
      current = '';
    } else current += ch;
  }
  columns.push(current);
  const where = /^\s*WHERE\s+([\s\S]*)$/i.exec(def.slice(end + 1))?.[1];
  return { columns: columns.map(normalise), where: where === undefined ? null : normalise(where) };
}

/** PostgreSQL's catalogue: information_schema for tables and columns, pg_index and pg_indexes for keys and indexes. */
export async function readPostgresSchema(client: Client): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const columns = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable
       FROM information_schema.columns AS c
       JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const c of columns.rows) {
    shape[c.table_name] ??= { columns: {}, primaryKey: [], unique: [], indexes: {} };
    shape[c.table_name].columns[c.column_name] = { type: c.data_type, notNull: c.is_nullable === 'NO' };
  }
  const indexes = await client.query<{
    tablename: string;
    indexname: string;
    indexdef: string;
    primary: boolean;
    unique: boolean;
    constraint: boolean;
  }>(
    `SELECT x.tablename, x.indexname, x.indexdef, i.indisprimary AS primary, i.indisunique AS unique,
            EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS k WHERE k.conindid = i.indexrelid AND k.contype = 'u') AS constraint
       FROM pg_catalog.pg_indexes AS x
       JOIN pg_catalog.pg_class AS ic ON ic.relname = x.indexname
       JOIN pg_catalog.pg_namespace AS n ON n.oid = ic.relnamespace AND n.nspname = x.schemaname
       JOIN pg_catalog.pg_index AS i ON i.indexrelid = ic.oid
      WHERE x.schemaname = 'public'`,
  );
  for (const index of indexes.rows) {
    const table = shape[index.tablename];
    const { columns: indexed, where } = parseIndexDef(index.indexdef);
    if (index.primary) table.primaryKey = indexed;
    else if (index.constraint) table.unique.push(uniqueKey(indexed));
    else table.indexes[index.indexname] = { columns: indexed, unique: index.unique, where };
  }
  for (const table of Object.values(shape)) table.unique.sort();
  return shape;
}
