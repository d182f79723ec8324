import type { Convert, Dialect } from './dialect';
import { insertColumns, readColumns, updateColumns, type LooseColumn, type TableSpec } from './tableSpec';

/** A table's rows on one dialect: the statements' column lists and the conversions, all from the description. */
export interface RowCodec<M> {
  table: string;
  /** The SELECT list, in the order fromTuple reads. */
  selectList: string;
  /** A row read as an array (SQLite .raw(), pg rowMode 'array') as the model. */
  fromTuple(tuple: readonly unknown[]): M;
  /** `INSERT INTO t (..) VALUES (?, ..)`. */
  insert: string;
  /** The insert's parameters, in its column order. */
  insertParams(model: M): unknown[];
  /** Writes the insert's parameters into params from offset on (a multi-row INSERT). */
  fillInsert(model: M, params: unknown[], offset: number): void;
  /** The insert's columns, `(a, b, ..)`. */
  insertList: string;
  /** How many parameters one inserted row binds. */
  width: number;
  /** One row's placeholders, `(?, ?, ..)`. */
  valuesRow: string;
  /** `UPDATE t SET a = ?, .. WHERE key = ?`: every column but the key and the fixed ones. */
  update: string;
  /** The update's parameters: the set columns in order, then the key. */
  updateParams(model: M): unknown[];
}

/** The conversion of expr, keeping null as null where the column may hold it. */
const convertExpr = (convert: Convert | undefined, nullable: boolean, expr: string): string => {
  if (!convert) return expr;
  return nullable ? `(${expr} === null || ${expr} === undefined ? null : ${convert(expr)})` : `(${convert(expr)})`;
};

/**
 * Field names become property names in generated code; the description is a constant of
 * this repository, and this check keeps anything else out.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const safe = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
};

/**
 * Functions generated from the description, once per table and dialect. A loop that sets
 * fields one by one builds a dictionary-mode object and costs about 0.6 us a user; the
 * generated object literal costs what a hand-written one does (about 0.03 us), and every
 * change reads two users. The code reads array items and fields and applies the dialect's
 * conversions; derived columns call their derive function from `d`.
 */
function compiled<F>(params: string[], body: string, derived: ((model: never) => unknown)[]): F {
  return new Function('d', `return (${params.join(', ')}) => ${body};`)(derived) as F;
}

/** The parameter expressions of the given columns, over the model `m`. */
function writerExpressions<M>(columns: LooseColumn<M>[], dialect: Dialect, derived: ((model: M) => unknown)[]): string[] {
  return columns.map((column) => {
    const write = dialect.write[column.type];
    if (column.derive) {
      derived.push((model) => column.derive?.(model));
      return convertExpr(write, column.nullable, `d[${derived.length - 1}](m)`);
    }
    if (!column.field) throw new Error(`column ${column.name} has neither a field nor a derivation`);
    return convertExpr(write, column.nullable, `m.${safe(column.field)}`);
  });
}

export function rowCodec<M>(table: TableSpec<M>, dialect: Dialect): RowCodec<M> {
  const read = readColumns(table);
  const inserted = insertColumns(table);
  const updated = updateColumns(table);
  const key = table.primaryKey.map((name) => {
    const column = table.columns.find((c) => c.name === name) as LooseColumn<M> | undefined;
    if (!column) throw new Error(`${table.name}: no key column ${name}`);
    return column;
  });

  const fields = read.map(
    (column, i) => `${safe(column.field as string)}: ${convertExpr(dialect.read[column.type], column.nullable, `t[${i}]`)}`,
  );
  const derived: ((model: M) => unknown)[] = [];
  const insertValues = writerExpressions(inserted, dialect, derived);
  const updateValues = writerExpressions([...updated, ...key], dialect, derived);

  const valuesRow = `(${inserted.map(() => '?').join(', ')})`;
  const insertList = `(${inserted.map((c) => c.name).join(', ')})`;
  return {
    table: table.name,
    selectList: read.map((c) => c.name).join(', '),
    fromTuple: compiled(['t'], `({ ${fields.join(', ')} })`, []),
    insert: dialect.compile(`INSERT INTO ${table.name} ${insertList} VALUES ${valuesRow}`),
    insertParams: compiled(['m'], `[${insertValues.join(', ')}]`, derived),
    fillInsert: compiled(['m', 'p', 'o'], `{ ${insertValues.map((value, i) => `p[o + ${i}] = ${value};`).join(' ')} }`, derived),
    insertList,
    width: inserted.length,
    valuesRow,
    update: dialect.compile(
      `UPDATE ${table.name} SET ${updated.map((c) => `${c.name} = ?`).join(', ')} WHERE ${key.map((c) => `${c.name} = ?`).join(' AND ')}`,
    ),
    updateParams: compiled(['m'], `[${updateValues.join(', ')}]`, derived),
  };
}
