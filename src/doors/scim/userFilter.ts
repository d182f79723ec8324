import type { Compare, Filter, Suffix } from 'scim2-parse-filter';
import type { UserCondition, UserQuery } from '../../engine';
import { ScimDoorError } from './errorTable';
import { toBoolean } from './resource';
import { USER_SCHEMA } from './schemaNames';

const OPS: Record<string, UserCondition['op']> = { eq: 'equals', co: 'contains', sw: 'startsWith', pr: 'present' };

/** The text attributes a filter may name, lower-cased, with the query field each is. */
const TEXT_FIELDS: Record<string, UserCondition['field']> = {
  username: 'userName',
  externalid: 'externalId',
  id: 'id',
  displayname: 'displayName',
  'emails.value': 'email',
  emails: 'email',
};

const CORE_PREFIX = `${USER_SCHEMA.toLowerCase()}:`;

function attributeOf(path: string): string {
  const lower = path.toLowerCase();
  return lower.startsWith(CORE_PREFIX) ? lower.slice(CORE_PREFIX.length) : lower;
}

function operatorOf(op: string, path: string): UserCondition['op'] {
  const mapped = OPS[op.toLowerCase()];
  if (!mapped) throw new ScimDoorError('BAD_FILTER', `The operator ${op} is not supported (eq, co, sw, pr, and, or are)`);
  if (mapped !== 'present' && mapped !== 'equals' && attributeOf(path) === 'active') {
    throw new ScimDoorError('BAD_FILTER', `active takes eq or pr, not ${op}`);
  }
  return mapped;
}

function textValue(cmp: Compare | Suffix): string | undefined {
  if (cmp.op === 'pr') return undefined;
  if (typeof cmp.compValue !== 'string') throw new ScimDoorError('BAD_FILTER', `${cmp.attrPath} compares with a string`);
  return cmp.compValue;
}

function comparison(cmp: Compare | Suffix): UserQuery {
  const op = operatorOf(cmp.op, cmp.attrPath);
  const attribute = attributeOf(cmp.attrPath);
  if (attribute === 'active') {
    // Every user has a status: `active pr` matches them all.
    if (op === 'present') return { and: [] };
    const value = (cmp as Compare).compValue;
    if (typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value))) {
      throw new ScimDoorError('BAD_FILTER', 'active compares with true or false');
    }
    const active = toBoolean(value, 'active');
    return { field: 'status', op: 'equals', value: active ? 'enabled' : 'disabled' };
  }
  const field = TEXT_FIELDS[attribute];
  if (!field) throw new ScimDoorError('BAD_FILTER', `Filtering on ${cmp.attrPath} is not supported`);
  return { field, op, value: textValue(cmp) };
}

/** emails[type eq "work" and value eq "x"]: type by eq only, the value by any operator. */
function emailPath(filter: Filter): UserQuery {
  const parts = filter.op === 'and' ? (filter as { filters: Filter[] }).filters : [filter];
  let emailType: string | undefined;
  let value: UserCondition | undefined;
  for (const part of parts) {
    if (!('attrPath' in part) || part.op === '[]')
      throw new ScimDoorError('BAD_FILTER', 'emails[...] takes type eq and one value condition');
    const sub = part.attrPath.toLowerCase();
    if (sub === 'type' && part.op === 'eq' && typeof (part as Compare).compValue === 'string' && emailType === undefined) {
      emailType = (part as Compare).compValue as string;
    } else if (sub === 'value' && value === undefined) {
      value = { field: 'email', op: operatorOf(part.op, sub), value: textValue(part as Compare | Suffix) };
    } else {
      throw new ScimDoorError('BAD_FILTER', `emails[...] does not filter on ${part.attrPath} ${part.op}`);
    }
  }
  return { ...(value ?? { field: 'email', op: 'present' }), ...(emailType !== undefined ? { emailType } : {}) };
}

/** A parsed SCIM filter as the engine's user query; anything this server cannot run as SQL is BAD_FILTER. */
export function userQueryOf(filter: Filter): UserQuery {
  switch (filter.op) {
    case 'and':
    case 'or': {
      const parts = (filter as { filters: Filter[] }).filters.map(userQueryOf);
      return filter.op === 'and' ? { and: parts } : { or: parts };
    }
    case 'not':
      throw new ScimDoorError('BAD_FILTER', 'The operator not is not supported');
    case '[]': {
      const path = filter as { attrPath: string; valFilter: Filter };
      if (attributeOf(path.attrPath) !== 'emails')
        throw new ScimDoorError('BAD_FILTER', `Filtering on ${path.attrPath}[...] is not supported`);
      return emailPath(path.valFilter);
    }
    default:
      return comparison(filter as Compare | Suffix);
  }
}
