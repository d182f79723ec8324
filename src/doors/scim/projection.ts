import type { Request } from 'express';
import { queryText } from './request';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schemaNames';

/** Returned whatever attributes or excludedAttributes say (RFC 7643 §7: returned "always"). */
const ALWAYS = new Set(['id', 'schemas', 'username', 'meta']);

const names = (text: string | undefined): string[] | undefined =>
  text === undefined || text.trim() === ''
    ? undefined
    : text.split(',').map((n) => {
        const lower = n.trim().toLowerCase();
        const core = `${USER_SCHEMA.toLowerCase()}:`;
        return lower.startsWith(core) ? lower.slice(core.length) : lower;
      });

/** What a top-level or sub-attribute name is called in a projection list: `name.givenName`, enterprise ones behind their URN. */
function pick(resource: Record<string, unknown>, wanted: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ent = ENTERPRISE_SCHEMA.toLowerCase();
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (ALWAYS.has(lower) || wanted.includes(lower)) {
      out[key] = value;
      continue;
    }
    const subs = wanted.filter((w) => w.startsWith(`${lower}.`) || (lower === ent && w.startsWith(`${ent}:`)));
    if (subs.length === 0 || typeof value !== 'object' || value === null) continue;
    const prefix = lower === ent ? `${ent}:` : `${lower}.`;
    const keep = (item: object) => Object.fromEntries(Object.entries(item).filter(([k]) => subs.includes(`${prefix}${k.toLowerCase()}`)));
    // emails.value picks the value of every address.
    out[key] = Array.isArray(value) ? value.map((item: object) => keep(item)) : keep(value);
  }
  return out;
}

function drop(resource: Record<string, unknown>, excluded: string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => ALWAYS.has(key.toLowerCase()) || !excluded.includes(key.toLowerCase())),
  );
}

/** attributes / excludedAttributes (RFC 7644 §3.4.2.5) as a function over a resource. */
export function projectionOf(req: Request): (resource: Record<string, unknown>) => Record<string, unknown> {
  const wanted = names(queryText(req, 'attributes'));
  const excluded = names(queryText(req, 'excludedAttributes'));
  if (wanted) return (resource) => pick(resource, wanted);
  if (excluded) return (resource) => drop(resource, excluded);
  return (resource) => resource;
}
