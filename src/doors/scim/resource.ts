import type { User, UserChanges, UserEmail } from '../../engine';
import { ENTERPRISE_ATTRIBUTES, READ_ONLY, WRITE_ONLY, resolveAttribute, resolveSub, type AttributeDef } from './attributes';
import { ScimDoorError } from './errorTable';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schemaNames';

/** A User as this door holds it: core attributes under their RFC names, the Enterprise ones under its URN. */
export type ScimDoc = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** active as a boolean, or Entra's "True"/"False" (without the aadOptscim062020 flag) in any case. */
export function toBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimDoorError('BAD_VALUE', `${name} must be a boolean (or "True"/"False"), not ${JSON.stringify(value)}`);
}

/** Sub-attribute names in their RFC spelling; values this server does not know are kept as sent. */
function canonicalSubs(def: AttributeDef, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(value)) {
    const known = resolveSub(def, key);
    if (known?.type === 'boolean' && sub !== null && sub !== undefined) out[known.name] = toBoolean(sub, `${def.name}.${known.name}`);
    else out[known?.name ?? key] = sub;
  }
  return out;
}

/** A value checked against its attribute's type; null means unassigned. */
export function checkValue(def: AttributeDef, value: unknown): unknown {
  if (value === null) return null;
  const where = def.name;
  if (def.multiValued) {
    if (!Array.isArray(value) || !value.every(isObject)) throw new ScimDoorError('BAD_VALUE', `${where} must be a list of objects`);
    return value.map((item) => canonicalSubs(def, item));
  }
  switch (def.type) {
    case 'complex':
      // Entra sends the Enterprise manager as the manager's id alone: it is the value sub-attribute.
      if (typeof value === 'string' && resolveSub(def, 'value')) return { value };
      if (!isObject(value)) throw new ScimDoorError('BAD_VALUE', `${where} must be an object`);
      return canonicalSubs(def, value);
    case 'boolean':
      return toBoolean(value, where);
    default:
      if (typeof value !== 'string') throw new ScimDoorError('BAD_VALUE', `${where} must be a string`);
      return value;
  }
}

function enterpriseDef(name: string): AttributeDef {
  const def = ENTERPRISE_ATTRIBUTES.find((d) => d.name.toLowerCase() === name.toLowerCase());
  if (!def)
    throw new ScimDoorError('UNKNOWN_ATTRIBUTE', `${ENTERPRISE_SCHEMA}:${name} is not an attribute of the Enterprise User extension`);
  return def;
}

/**
 * A User body (POST, PUT, or the result of a PATCH) as this door holds it: names in their RFC
 * spelling, types checked, read-only attributes (id, meta, groups) and the password dropped.
 * An attribute in neither schema is UNKNOWN_ATTRIBUTE.
 */
export function normaliseUser(body: Record<string, unknown>): ScimDoc {
  const doc: ScimDoc = {};
  const enterprise: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (READ_ONLY.has(key.toLowerCase()) || WRITE_ONLY.has(key.toLowerCase())) continue;
    if (key.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase()) {
      if (value === null) continue;
      if (!isObject(value)) throw new ScimDoorError('BAD_VALUE', `${ENTERPRISE_SCHEMA} must be an object`);
      for (const [name, sub] of Object.entries(value)) enterprise[enterpriseDef(name).name] = checkValue(enterpriseDef(name), sub);
      continue;
    }
    const found = resolveAttribute(key);
    if (!found) throw new ScimDoorError('UNKNOWN_ATTRIBUTE', `${key} is not an attribute of ${USER_SCHEMA} or ${ENTERPRISE_SCHEMA}`);
    if (READ_ONLY.has(found.def.name.toLowerCase()) || WRITE_ONLY.has(found.def.name.toLowerCase())) continue;
    if (found.schema === 'enterprise') enterprise[found.def.name] = checkValue(found.def, value);
    else doc[found.def.name] = checkValue(found.def, value);
  }
  const kept = Object.fromEntries(Object.entries(enterprise).filter(([, v]) => v !== null));
  if (Object.keys(kept).length > 0) doc[ENTERPRISE_SCHEMA] = kept;
  // Unassigned (RFC 7643 §2.5): null, and a complex value left with no sub-attribute (a PATCH removed its last one).
  for (const key of Object.keys(doc)) if (doc[key] === null || (isObject(doc[key]) && Object.keys(doc[key]).length === 0)) delete doc[key];
  return doc;
}

/** The addresses a user query finds the account by. */
function emailsOf(doc: ScimDoc): UserEmail[] {
  const emails = Array.isArray(doc.emails) ? (doc.emails as Record<string, unknown>[]) : [];
  return emails
    .filter((e) => typeof e.value === 'string')
    .map((e) => ({ type: typeof e.type === 'string' ? e.type : null, value: e.value as string }));
}

/** The address other doors show: the primary one, else the work one, else the first; a user's own if none. */
function mainEmail(doc: ScimDoc): string {
  const emails = (Array.isArray(doc.emails) ? (doc.emails as Record<string, unknown>[]) : []).filter((e) => typeof e.value === 'string');
  const chosen = emails.find((e) => e.primary === true) ?? emails.find((e) => e.type === 'work') ?? emails[0];
  return (chosen?.value as string | undefined) ?? '';
}

/** What the engine keeps of a whole User: columns for what other doors and queries use, the rest as the profile. */
export function changesFrom(doc: ScimDoc): UserChanges & { userName: string } {
  const { userName, active, externalId, ...profile } = doc;
  if (typeof userName !== 'string' || userName === '') throw new ScimDoorError('BAD_VALUE', 'userName is required');
  return {
    userName,
    ...(active === undefined ? {} : { status: active ? 'enabled' : 'disabled' }),
    externalId: typeof externalId === 'string' ? externalId : null,
    // What other doors show changes only when the client says so: an operator's name and address stay otherwise.
    ...(typeof profile.displayName === 'string' ? { displayName: profile.displayName } : {}),
    ...(Array.isArray(doc.emails) ? { email: mainEmail(doc), emails: emailsOf(doc) } : {}),
    profile,
  };
}

/** The stored account as a whole User document, without meta (PATCH works on this). */
export function docOf(user: User): ScimDoc {
  return {
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    userName: user.userName,
    ...(user.profile ?? {}),
    active: user.status === 'enabled',
  };
}

/** The weak entity tag of a version: W/"3" (RFC 7644 §3.14). */
export const etagOf = (user: User): string => `W/"${user.version}"`;

/** The User resource as the wire shows it (RFC 7643 §4.1), with meta. */
export function toResource(user: User, location: string): Record<string, unknown> {
  const doc = docOf(user);
  const schemas = doc[ENTERPRISE_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA];
  return {
    schemas,
    id: user.id,
    ...doc,
    meta: {
      resourceType: 'User',
      created: new Date(user.createdAt).toISOString(),
      lastModified: new Date(user.updatedAt).toISOString(),
      location,
      version: etagOf(user),
    },
  };
}
