import type { Request, Response } from 'express';
import type { CallerCredential, ChangeRequest } from '../../engine';
import { requestIdOf } from '../../http/requestId';
import { readBodyOr413 } from '../../http/rawBody';
import { ScimDoorError } from './errorTable';

/**
 * The bearer token of `Authorization: Bearer <token>`. Anything else (Basic, a ticket, a Huawei
 * X-Access-Token) is no credential here: the engine then finds no token for it either way.
 */
export function credentialOf(req: Request): CallerCredential {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('authorization') ?? '');
  if (!match) throw new ScimDoorError('NO_TOKEN');
  return { kind: 'provisioning-token', secret: match[1] };
}

/** Who asks for a change, as every engine command of this door names it. */
export function changeRequest(req: Request, res: Response, verb: string): ChangeRequest {
  return { requestId: requestIdOf(res), door: 'scim', credential: credentialOf(req), verb };
}

/** application/scim+json (RFC 7644 §3.1) and application/json (older clients, Microsoft's validator). */
const JSON_TYPES = /^application\/(scim\+)?json\s*(;|$)/i;

function refuseTooLarge(_req: Request, limit: number): never {
  throw new ScimDoorError('BODY_TOO_LARGE', `The body is larger than ${limit} bytes`);
}

/** The body as a JSON object, read within limit bytes. */
export async function readObject(req: Request, limit: number): Promise<Record<string, unknown>> {
  const type = req.get('content-type');
  if (type !== undefined && !JSON_TYPES.test(type))
    throw new ScimDoorError('BAD_MEDIA_TYPE', `Content-Type ${type} is not application/scim+json`);
  const raw = await readBodyOr413(req, limit, refuseTooLarge);
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ScimDoorError('BAD_JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ScimDoorError('BAD_JSON', 'The body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** If-Match as the version it names: W/"3", "3" or * (any version); none when absent. */
export function ifMatchVersion(req: Request): number | undefined {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!match) throw new ScimDoorError('BAD_VERSION', `If-Match ${header} is not an entity tag of this server`);
  return Number(match[1]);
}

/** The absolute URL of this door's path, as the client reached it. */
export function baseUrl(req: Request): string {
  const host = (req.get('host') ?? 'localhost').replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return `${req.protocol}://${host}/scim/v2`;
}

/** A query parameter as a single string, whatever Express parsed it into. */
export function queryText(req: Request, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(req.query).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : req.query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ScimDoorError('BAD_VALUE', `${name} must be given once`);
  return value;
}

/** An integer query parameter (startIndex, count); absent gives the default. */
export function queryInt(req: Request, name: string, fallback: number): number {
  const text = queryText(req, name);
  if (text === undefined || text === '') return fallback;
  if (!/^-?\d{1,15}$/.test(text.trim())) throw new ScimDoorError('BAD_PAGING', `${name} must be an integer`);
  return Number(text);
}
