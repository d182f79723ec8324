import { DEMO } from '../kit/demo';
import { send, type HttpAnswer, type Listening } from '../kit/http';

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** One SCIM call with the demo token (or the headers given), a JSON body sent as application/scim+json. */
export function scim(
  server: Listening,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return send(server, `/scim/v2${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${DEMO.scimToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json; charset=utf-8' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Creates a user through the door; resolves to its id. */
export async function createUser(server: Listening, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await scim(server, 'POST', '/Users', { schemas: [USER_URN], userName, ...extra });
  if (answer.status !== 201) throw new Error(`POST /Users ${userName}: ${answer.status} ${answer.text}`);
  return answer.json<{ id: string }>().id;
}

export const patchOp = (...operations: Record<string, unknown>[]) => ({ schemas: [PATCH_URN], Operations: operations });

/** The error body's status and scimType, for comparing refusals. */
export function scimError(answer: HttpAnswer): { http: number; status: unknown; scimType: unknown } {
  const body = answer.json();
  expect(answer.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  return { http: answer.status, status: body.status, scimType: body.scimType };
}

export interface ListBody {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: { id: string; userName: string; [key: string]: unknown }[];
}
