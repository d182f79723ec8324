import { parse, type Compare, type Filter } from 'scim2-parse-filter';
import { ENTERPRISE_ATTRIBUTES, resolveAttribute, resolveSub, type AttributeDef } from './attributes';
import { ScimDoorError } from './errorTable';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schemaNames';

/** A PATCH path (RFC 7644 §3.5.2): attribute, optional value filter, optional sub-attribute. */
export interface PatchPath {
  schema: 'core' | 'enterprise';
  def: AttributeDef;
  filter?: Filter;
  sub?: AttributeDef;
}

const SHAPE = /^([A-Za-z$][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z$][\w$-]*))?$/s;

/** Splits a leading schema URN off a path: `urn:...:enterprise:2.0:User:manager.value`. */
function schemaOf(path: string): { schema: 'core' | 'enterprise'; rest: string } {
  for (const [urn, schema] of [
    [ENTERPRISE_SCHEMA, 'enterprise'],
    [USER_SCHEMA, 'core'],
  ] as const) {
    if (path.toLowerCase().startsWith(`${urn.toLowerCase()}:`)) return { schema, rest: path.slice(urn.length + 1) };
  }
  return { schema: 'core', rest: path };
}

export function parsePatchPath(path: string): PatchPath {
  const { schema, rest } = schemaOf(path.trim());
  const match = SHAPE.exec(rest);
  if (!match) throw new ScimDoorError('BAD_PATH', `The path ${path} does not parse`);
  const [, name, filterText, subName] = match;
  const def =
    schema === 'enterprise' ? ENTERPRISE_ATTRIBUTES.find((d) => d.name.toLowerCase() === name.toLowerCase()) : resolveAttribute(name)?.def;
  if (!def || (schema === 'core' && resolveAttribute(name)?.schema !== 'core')) {
    throw new ScimDoorError('BAD_PATH', `${path} names no attribute of ${USER_SCHEMA} or ${ENTERPRISE_SCHEMA}`);
  }
  const sub = subName === undefined ? undefined : resolveSub(def, subName);
  if (subName !== undefined && !sub) throw new ScimDoorError('BAD_PATH', `${def.name} has no sub-attribute ${subName}`);
  let filter: Filter | undefined;
  if (filterText !== undefined) {
    if (!def.multiValued) throw new ScimDoorError('BAD_PATH', `${def.name} is not multi-valued: it takes no [filter]`);
    try {
      filter = parse(filterText);
    } catch (err) {
      throw new ScimDoorError('BAD_PATH', `The filter in ${path} does not parse: ${(err as Error).message}`);
    }
  }
  return { schema, def, filter, sub };
}

const lowerText = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

function subValue(element: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(element).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : element[key];
}

/** Whether one element of a multi-valued attribute matches a value filter (eq, co, sw, pr, and, or). */
export function matches(filter: Filter, element: Record<string, unknown>): boolean {
  switch (filter.op) {
    case 'and':
      return (filter as { filters: Filter[] }).filters.every((f) => matches(f, element));
    case 'or':
      return (filter as { filters: Filter[] }).filters.some((f) => matches(f, element));
    case 'pr': {
      const value = subValue(element, (filter as { attrPath: string }).attrPath);
      return value !== undefined && value !== null && value !== '';
    }
    case 'eq':
    case 'co':
    case 'sw': {
      const cmp = filter as Compare;
      const actual = lowerText(subValue(element, cmp.attrPath));
      const wanted = lowerText(cmp.compValue);
      if (cmp.op === 'eq') return actual === wanted;
      if (typeof actual !== 'string' || typeof wanted !== 'string') return false;
      return cmp.op === 'co' ? actual.includes(wanted) : actual.startsWith(wanted);
    }
    default:
      throw new ScimDoorError('BAD_PATH', `The operator ${filter.op} is not supported in a PATCH path`);
  }
}

/** What an element made for a filter that matched nothing starts with: its eq conditions (type eq "work"). */
export function seedOf(filter: Filter): Record<string, unknown> {
  if (filter.op === 'eq') return { [(filter as Compare).attrPath]: (filter as Compare).compValue };
  if (filter.op === 'and') return Object.assign({}, ...(filter as { filters: Filter[] }).filters.map(seedOf)) as Record<string, unknown>;
  throw new ScimDoorError('NO_TARGET', 'The path filter matches no value and names none to add');
}
