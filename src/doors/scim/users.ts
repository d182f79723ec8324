import type { Request, Response } from 'express';
import { EngineError, type User, type UserChanges } from '../../engine';
import type { DoorDeps } from '../doorDeps';
import { ScimDoorError } from './errorTable';
import { applyPatch } from './patchOps';
import { projectionOf } from './projection';
import { render } from './render';
import { baseUrl, changeRequest, credentialOf, ifMatchVersion, queryInt, queryText, readObject } from './request';
import { changesFrom, docOf, etagOf, normaliseUser, toResource } from './resource';
import { parseFilter } from './filterText';
import { userQueryOf } from './userFilter';
import { LIST_SCHEMA, USER_SCHEMA } from './schemaNames';

const idOf = (req: Request): string => String(req.params.id);

/** One user, with its entity tag and (for a creation) its Location. */
function sendUser(req: Request, res: Response, user: User, status = 200): void {
  const location = `${baseUrl(req)}/Users/${user.id}`;
  const headers: Record<string, string> = { ETag: etagOf(user) };
  if (status === 201) headers.Location = location;
  render(res, status, projectionOf(req)(toResource(user, location)), headers);
}

/** A User body must declare the core User schema, and only schemas this server knows. */
function checkUserBody(body: Record<string, unknown>): Record<string, unknown> {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === USER_SCHEMA.toLowerCase())) {
    throw new ScimDoorError('BAD_SCHEMA', `schemas must include ${USER_SCHEMA}`);
  }
  return body;
}

/** POST /Users: 201 with Location; a userName in use (in any case) is 409 uniqueness. */
export function createUserRoute(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const changes = changesFrom(normaliseUser(checkUserBody(await readObject(req, deps.config.maxBodyBytes))));
    const user = await deps.engine.createUser({ ...changeRequest(req, res, 'scim:POST'), user: changes, reason: 'scim:POST' });
    sendUser(req, res, user, 201);
  };
}

export function getUserRoute(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await deps.engine.readUser(credentialOf(req), { by: 'id', value: idOf(req) }, { adminOnly: true });
    sendUser(req, res, user);
  };
}

/** GET /Users: always a ListResponse, a miss or a page past the end included (Entra's connection test). */
export function listUsersRoute(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const credential = credentialOf(req);
    const filterText = queryText(req, 'filter');
    const query =
      filterText === undefined || filterText.trim() === '' ? null : userQueryOf(parseFilter(filterText, deps.config.scimMaxFilterLength));
    // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0, and the server may cap count.
    const startIndex = Math.max(1, queryInt(req, 'startIndex', 1));
    const count = Math.min(Math.max(0, queryInt(req, 'count', deps.config.scimMaxResults)), deps.config.scimMaxResults);
    const page = await deps.engine.queryUsers(credential, query, { offset: startIndex - 1, limit: count });
    const project = projectionOf(req);
    const base = baseUrl(req);
    render(res, 200, {
      schemas: [LIST_SCHEMA],
      totalResults: page.total,
      startIndex,
      itemsPerPage: page.users.length,
      Resources: page.users.map((user) => project(toResource(user, `${base}/Users/${user.id}`))),
    });
  };
}

/** PUT /Users/{id}: the whole user replaced (Okta's custom apps deactivate this way). */
export function replaceUserRoute(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const replacement = changesFrom(normaliseUser(checkUserBody(await readObject(req, deps.config.maxBodyBytes))));
    const { user } = await deps.engine.replaceUser({
      ...changeRequest(req, res, 'scim:PUT'),
      id: idOf(req),
      ifVersion: ifMatchVersion(req),
      reason: 'scim:PUT',
      replacement,
    });
    sendUser(req, res, user);
  };
}

/**
 * The user with the operations applied. A refusal here is the engine's INVALID_ARGUMENT (so the
 * audit names it), carrying the door's own error for the wire.
 */
function patched(current: User, body: Record<string, unknown>): UserChanges {
  try {
    const changes = changesFrom(normaliseUser(applyPatch(docOf(current), body)));
    // A provisioned user whose addresses the patch removed is found by none of them any more.
    return current.profile !== null && changes.emails === undefined ? { ...changes, email: '', emails: [] } : changes;
  } catch (err) {
    throw err instanceof ScimDoorError ? new EngineError('INVALID_ARGUMENT', err.message, { scim: err }) : err;
  }
}

/** PATCH /Users/{id}: applied to the user as it is in the transaction, all operations or none; 200 with the user. */
export function patchUserRoute(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = await readObject(req, deps.config.maxBodyBytes);
    const { user } = await deps.engine.patchUser({
      ...changeRequest(req, res, 'scim:PATCH'),
      id: idOf(req),
      ifVersion: ifMatchVersion(req),
      reason: 'scim:PATCH',
      changes: (current) => patched(current, body),
    });
    sendUser(req, res, user);
  };
}

/** DELETE /Users/{id}: 204; sessions, keys and apps go with the user, the last administrator stays. */
export function deleteUserRoute(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await deps.engine.deleteUser({ ...changeRequest(req, res, 'scim:DELETE'), id: idOf(req), ifVersion: ifMatchVersion(req) });
    render(res, 204, undefined);
  };
}
