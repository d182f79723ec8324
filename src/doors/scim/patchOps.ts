import { ScimDoorError } from './errorTable';
import { matches, parsePatchPath, seedOf, type PatchPath } from './patchPath';
import type { ScimDoc } from './resource';
import { ENTERPRISE_SCHEMA, PATCH_SCHEMA } from './schemaNames';

type Op = 'add' | 'replace' | 'remove';
type Item = Record<string, unknown>;

const isObject = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a path's attribute lives: the document, or the Enterprise extension's object in it. */
function containerOf(doc: ScimDoc, path: PatchPath): Item {
  if (path.schema === 'core') return doc;
  if (!isObject(doc[ENTERPRISE_SCHEMA])) doc[ENTERPRISE_SCHEMA] = {};
  return doc[ENTERPRISE_SCHEMA] as Item;
}

function listOf(container: Item, name: string): Item[] {
  const list = container[name];
  return Array.isArray(list) ? (list as Item[]) : [];
}

function applyFiltered(op: Op, container: Item, path: PatchPath, value: unknown): void {
  const { def, sub } = path;
  const filter = path.filter!;
  const list = listOf(container, def.name);
  const hits = list.filter((element) => isObject(element) && matches(filter, element));
  if (op === 'remove') {
    if (sub) hits.forEach((element) => delete element[sub.name]);
    else container[def.name] = list.filter((element) => !hits.includes(element));
    return;
  }
  if (hits.length === 0) {
    // Entra sets emails[type eq "work"].value on a user with no work address: the address is added.
    const made = { ...seedOf(filter), ...(sub ? { [sub.name]: value } : isObject(value) ? value : {}) };
    container[def.name] = [...list, made];
    return;
  }
  for (const element of hits) {
    if (sub) element[sub.name] = value;
    else if (isObject(value)) Object.assign(element, value);
    else throw new ScimDoorError('BAD_VALUE', `${def.name}[...] takes an object`);
  }
}

/** One operation on one path; value as the operation carries it. */
function applyAt(op: Op, doc: ScimDoc, path: PatchPath, value: unknown): void {
  const container = containerOf(doc, path);
  const { def, sub } = path;
  if (path.filter) return applyFiltered(op, container, path, value);
  if (sub) {
    if (def.multiValued) throw new ScimDoorError('BAD_PATH', `${def.name}.${sub.name} needs a filter: ${def.name}[...].${sub.name}`);
    if (op === 'remove') {
      if (isObject(container[def.name])) delete (container[def.name] as Item)[sub.name];
      return;
    }
    container[def.name] = { ...(isObject(container[def.name]) ? (container[def.name] as Item) : {}), [sub.name]: value };
    return;
  }
  if (op === 'remove') {
    delete container[def.name];
    return;
  }
  if (def.multiValued && op === 'add') {
    container[def.name] = [...listOf(container, def.name), ...(Array.isArray(value) ? value : [value])];
  } else if (def.type === 'complex' && !def.multiValued && isObject(value) && isObject(container[def.name])) {
    // RFC 7644 §3.5.2.3: sub-attributes the value does not name are left as they are.
    container[def.name] = { ...(container[def.name] as Item), ...value };
  } else {
    container[def.name] = value;
  }
}

/** add or replace without a path: each key of the value is a path of its own (dotted, or behind a schema URN). */
function applyWithoutPath(op: Op, doc: ScimDoc, value: unknown): void {
  if (op === 'remove') throw new ScimDoorError('NO_TARGET', 'remove needs a path');
  if (!isObject(value)) throw new ScimDoorError('BAD_VALUE', `${op} without a path takes an object`);
  for (const [key, sub] of Object.entries(value)) {
    if (key.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase() && isObject(sub)) {
      for (const [name, inner] of Object.entries(sub)) applyAt(op, doc, parsePatchPath(`${ENTERPRISE_SCHEMA}:${name}`), inner);
    } else {
      applyAt(op, doc, parsePatchPath(key), sub);
    }
  }
}

/**
 * A PatchOp message (RFC 7644 §3.5.2) applied to a copy of the document: every operation or,
 * when one fails, none (the caller keeps the original). op in any case, as Entra sends it.
 */
export function applyPatch(doc: ScimDoc, body: unknown): ScimDoc {
  if (!isObject(body)) throw new ScimDoorError('BAD_JSON', 'The body must be a JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))
    throw new ScimDoorError('BAD_SCHEMA', `schemas must be ["${PATCH_SCHEMA}"]`);
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimDoorError('BAD_PATCH_OP', 'Operations must be a non-empty list');
  const copy = structuredClone(doc);
  for (const operation of ops) {
    if (!isObject(operation)) throw new ScimDoorError('BAD_PATCH_OP', 'Each operation must be an object');
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new ScimDoorError('BAD_PATCH_OP', `op must be add, replace or remove, not ${JSON.stringify(operation.op)}`);
    }
    const path = operation.path;
    if (path === undefined || path === null || path === '') applyWithoutPath(op, copy, operation.value);
    else if (typeof path !== 'string') throw new ScimDoorError('BAD_PATH', 'path must be a string');
    else applyAt(op, copy, parsePatchPath(path), operation.value);
  }
  return copy;
}
