import { indexColumn, type Dialect } from '../../src/store/dialect';
import { SQLITE_KEYS_WITHOUT_NOT_NULL, TABLES } from '../../src/store/schema';
import { normalise, type SchemaShape } from './liveSchema';

/** The schema one dialect's migrations must leave, as the description (src/store/schema.ts) says it. */
export function expectedSchema(dialect: Dialect): SchemaShape {
  const shape: SchemaShape = {};
  for (const table of TABLES) {
    if (table.only && table.only.dialect !== dialect.name) continue;
    const keyMayBeNull = dialect.name === 'sqlite' && table.primaryKey.length === 1 && SQLITE_KEYS_WITHOUT_NOT_NULL.includes(table.name);
    shape[table.name] = {
      columns: Object.fromEntries(
        table.columns.map((column) => {
          const isKey = table.primaryKey.includes(column.name);
          const notNull = isKey ? !keyMayBeNull : !column.nullable;
          return [column.name, { type: dialect.sqlType[column.type], notNull }];
        }),
      ),
      primaryKey: table.primaryKey,
      unique: (table.unique ?? []).map((columns) => columns.join(', ')).sort(),
      indexes: Object.fromEntries(
        (table.indexes ?? []).map((index) => [
          index.name,
          {
            columns: index.columns.map((column) => normalise(indexColumn(dialect, column))),
            unique: index.unique === true,
            where: index.where ? normalise(dialect.predicate(index.where)) : null,
          },
        ]),
      ),
    };
  }
  return shape;
}
