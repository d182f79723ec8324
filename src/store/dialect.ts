import type { ColumnType, DialectName, IndexColumn, IndexPredicate } from './tableSpec';

/**
 * A value conversion between the driver and the model, as a JavaScript expression over the
 * expression `value` (a plain array index or property read); absent where the driver's value
 * is the model's. Expressions, not functions: they are compiled into the row readers and
 * writers (rowCodec.ts), where a call per column would cost more than the conversion.
 */
export type Convert = (value: string) => string;

/**
 * What differs between SQLite and PostgreSQL in the portable statements and the rows: SQL
 * types, value conversions and a few fragments of syntax. Statements are written once with
 * `?` placeholders and compiled through this once, when the adapter's module loads.
 */
export interface Dialect {
  name: DialectName;
  /** The SQL type of each column type, as the live schema names it. */
  sqlType: Record<ColumnType, string>;
  /** Driver value to model value, by column type. */
  read: Partial<Record<ColumnType, Convert>>;
  /** Model value to bound parameter, by column type. */
  write: Partial<Record<ColumnType, Convert>>;
  /** The statement with the driver's own placeholders for `?`. */
  compile(sql: string): string;
  /** `column` is one of the values of a list bound as one parameter (see list). */
  inList(column: string): string;
  /** A list of values as the one parameter inList binds. */
  list(values: readonly string[]): string | readonly string[];
  /** Appended to a SELECT that must lock the rows it reads. */
  forUpdate: string;
  /** The expression an index and a lookup compare `column` by, whatever its case. */
  caseless(column: string): string;
  /** `column` equals the bound parameter, whatever its case, through the index caseless makes. */
  caselessEquals(column: string): string;
  /** A partial index's condition, as this dialect writes it. */
  predicate(where: IndexPredicate): string;
}

/** An index column as the dialect's CREATE INDEX writes it. */
export const indexColumn = (dialect: Dialect, column: IndexColumn): string =>
  typeof column === 'string' ? column : dialect.caseless(column.caseless);

/** Quotes a text literal for a partial index's condition. */
export const textLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;
