/**
 * The vocabulary the schema description (schema.ts) is written in. A column's type is a
 * meaning (a time, a flag), not a SQL type: each dialect maps it to its own SQL type and
 * value conversion, so the description says once what the two migrations must agree on.
 */
export type ColumnType =
  /** Text as the model holds it. */
  | 'text'
  /** A small integer: INTEGER on both sides, a number from both drivers. */
  | 'integer'
  /** Epoch milliseconds: past 2^31, so BIGINT on PostgreSQL (which pg hands back as text). */
  | 'epochMs'
  /** A flag: 0/1 in SQLite, BOOLEAN in PostgreSQL. */
  | 'boolean'
  /** A JSON value kept as text. */
  | 'json'
  /** An id the database assigns on insert (SQLite's rowid, a PostgreSQL identity). */
  | 'rowId';

/** What a column's value is in the model, by type. */
export interface ModelValue {
  text: string;
  integer: number;
  epochMs: number;
  boolean: boolean;
  json: unknown;
  rowId: number;
}

/** Fields of M whose values a column of type T (nullable or not) can carry. */
type FieldFor<M, T extends ColumnType, N extends boolean> = {
  [K in keyof M]-?: [Exclude<M[K], undefined>] extends [ModelValue[T] | (N extends true ? null : never)]
    ? N extends true
      ? null extends M[K]
        ? K
        : never
      : K
    : never;
}[keyof M];

interface ColumnBase<T extends ColumnType, N extends boolean> {
  name: string;
  type: T;
  nullable: N;
}

/** A column that holds one model field: read into it and written from it. */
export interface FieldColumn<M, T extends ColumnType = ColumnType, N extends boolean = boolean> extends ColumnBase<T, N> {
  field: FieldFor<M, T, N> & string;
  /** Never written by an update (the key the update finds its row by, the creation time). */
  fixed?: true;
}

/** A column computed from the model on write and never read back (a lower-cased lookup key). */
export interface DerivedColumn<M, T extends ColumnType = ColumnType, N extends boolean = boolean> extends ColumnBase<T, N> {
  derive(model: M): ModelValue[T] | (N extends true ? null : never);
}

/** A column of a table without a model, written and read by statements of its own. */
export type PlainColumn = ColumnBase<ColumnType, boolean>;

export type Column<M> =
  | { [T in ColumnType]: FieldColumn<M, T, false> | FieldColumn<M, T, true> }[ColumnType]
  | { [T in ColumnType]: DerivedColumn<M, T, false> | DerivedColumn<M, T, true> }[ColumnType];

/** A condition an index is restricted to: column = value, rendered by each dialect. */
export interface IndexPredicate {
  column: string;
  equals: string | boolean;
}

/** An index column: a column name, or a column compared without regard to case. */
export type IndexColumn = string | { caseless: string };

export interface IndexSpec {
  name: string;
  columns: IndexColumn[];
  unique?: true;
  /** A partial index holds only the rows the seat and administrator counts read. */
  where?: IndexPredicate;
}

export type DialectName = 'sqlite' | 'postgres';

/** A table as the schema comparison sees it: names, types, keys and indexes, whatever its model. */
export interface SchemaTable {
  name: string;
  columns: readonly PlainColumn[];
  primaryKey: string[];
  /** UNIQUE constraints declared with the columns; the database names their indexes. */
  unique?: string[][];
  indexes?: IndexSpec[];
  /** Present on one dialect only, with the reason. */
  only?: { dialect: DialectName; why: string };
}

/** A table whose rows are model M. */
export interface TableSpec<M> extends SchemaTable {
  columns: readonly Column<M>[];
}

/** The model fields no column of C reads. */
type Unmapped<M, C> = Exclude<keyof M, C extends readonly (infer E)[] ? (E extends { field: infer F } ? F : never) : never>;

/**
 * A table whose rows are the model M. Compiles only when every field of M has its column,
 * so a field added to the model and forgotten here fails the build.
 */
export function defineTable<M>() {
  return <const C extends readonly Column<M>[]>(
    spec: Omit<TableSpec<M>, 'columns'> & { columns: C } & ([Unmapped<M, C>] extends [never] ? unknown : { unmapped: Unmapped<M, C> }),
  ): TableSpec<M> & { columns: C } => spec;
}

/** Any column, as the code derived from the description walks it. */
export type LooseColumn<M> = PlainColumn & { field?: string; fixed?: true; derive?(model: M): unknown };

const columnsOf = <M>(table: TableSpec<M>): LooseColumn<M>[] => table.columns as readonly LooseColumn<M>[] as LooseColumn<M>[];

/** The columns a mapper reads, in order: every column that holds a field. */
export const readColumns = <M>(table: TableSpec<M>): LooseColumn<M>[] => columnsOf(table).filter((c) => c.field !== undefined);

/** The columns an insert writes, in order: all but those the database assigns. */
export const insertColumns = <M>(table: TableSpec<M>): LooseColumn<M>[] => columnsOf(table).filter((c) => c.type !== 'rowId');

/** The columns an update writes: all but the primary key and the fixed ones. */
export const updateColumns = <M>(table: TableSpec<M>): LooseColumn<M>[] =>
  insertColumns(table).filter((c) => !table.primaryKey.includes(c.name) && !c.fixed);
