import { createHmac, randomBytes } from 'node:crypto';
import type { User } from '../../src/engine';
import type { TestServer } from '../kit/server';
import { DEMO } from '../kit/demo';
import { send, type Listening } from '../kit/http';

export const DEMO_TOKEN = DEMO.huaweiToken;
export const DEMO_APP = DEMO.huaweiApp;
export const JSON_TYPE = 'application/json;charset=UTF-8';

export interface Reply {
  status: number;
  /** Names in lower case. */
  headers: Map<string, string>;
  text: string;
  /** The body parsed, or null when there is none. */
  json: Record<string, unknown> | null;
  ms: number;
}

export async function call(
  server: Listening,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { status, headers, text, ms } = await send(server, path, { method, headers: options.headers, body: options.body });
  return { status, headers, text, ms, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** The batch call as the Node SDK sends it (wire-huawei.md, "The batch status call (captured)"). */
export function batch(
  server: Listening,
  value: string,
  accountType: string | null,
  accounts: unknown,
  options: { token?: string | null; language?: string; requestId?: string; rawBody?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (options.token !== null) headers['X-Access-Token'] = options.token ?? DEMO_TOKEN;
  if (options.requestId) headers['X-Request-Id'] = options.requestId;
  if (options.language) headers['Accept-Language'] = options.language;
  const query = accountType === null ? '' : `?accountType=${accountType}`;
  return call(server, 'PUT', `/v1/usg/dcs/corp/member/status/${value}${query}`, {
    headers,
    body: options.rawBody ?? JSON.stringify(accounts),
  });
}

export function nonce(): string {
  return randomBytes(24).toString('hex');
}

export interface AppAuthInput {
  appId?: string;
  appKey?: string;
  userId?: string | null;
  expireTime?: number;
  nonce?: string;
  clientType?: number;
  signature?: string;
  /** Hex digits in upper case: either case is accepted. */
  upperCase?: boolean;
  access?: string;
}

/** App ID authentication as the SDKs build it: explicit nulls, HMAC-SHA256 over appId:userId:expireTime:nonce. */
export function appAuth(server: Listening, input: AppAuthInput = {}, language?: string): Promise<Reply> {
  const appId = input.appId ?? DEMO_APP.appId;
  const appKey = input.appKey ?? DEMO_APP.appKey;
  const body = {
    appId,
    clientType: input.clientType ?? 72,
    corpId: null,
    deptCode: null,
    expireTime: input.expireTime ?? 0,
    nonce: input.nonce ?? nonce(),
    userEmail: null,
    userId: input.userId ?? null,
    userName: null,
    userPhone: null,
  };
  const signature =
    input.signature ??
    createHmac('sha256', appKey)
      .update(`${appId}:${body.userId ?? ''}:${body.expireTime}:${body.nonce}`)
      .digest('hex');
  const access = input.access ?? Buffer.from(appId).toString('base64');
  const headers: Record<string, string> = {
    Authorization: `HMAC-SHA256 signature=${signature},access=${access}`,
    'Content-Type': 'application/json; charset=UTF-8',
  };
  if (language) headers['Accept-Language'] = language;
  return call(server, 'POST', '/v2/usg/acs/auth/appauth', { headers, body: JSON.stringify(body) });
}

export function accountAuth(server: Listening, account: string, password: string, language?: string): Promise<Reply> {
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${account}:${password}`).toString('base64')}`,
    'Content-Type': 'application/json; charset=UTF-8',
  };
  if (language) headers['Accept-Language'] = language;
  return call(server, 'POST', '/v1/usg/acs/auth/account', { headers, body: JSON.stringify({ account, clientType: 72 }) });
}

export async function tokenOf(reply: Promise<Reply>): Promise<string> {
  const { status, json } = await reply;
  if (status !== 200 || !json) throw new Error(`token call failed: ${status} ${JSON.stringify(json)}`);
  return String(json.accessToken);
}

export function getMember(
  server: Listening,
  account: string,
  accountType: string | null,
  token = DEMO_TOKEN,
  language?: string,
): Promise<Reply> {
  const query = accountType === null ? '' : `?accountType=${accountType}`;
  const headers: Record<string, string> = { 'X-Access-Token': token };
  if (language) headers['Accept-Language'] = language;
  return call(server, 'GET', `/v1/usg/dcs/corp/member/${encodeURIComponent(account)}${query}`, { headers });
}

/** Every user's status by user name: the "nothing changed" check of every refusal. */
export async function statuses(server: TestServer): Promise<Record<string, User['status']>> {
  const users = await server.engine.listUsers();
  return Object.fromEntries(users.map((u) => [u.userName, u.status]));
}

export async function statusOf(server: TestServer, userName: string): Promise<User['status'] | undefined> {
  return (await server.engine.findUser({ by: 'userName', value: userName }))?.status;
}

/** Tests here set a starting status the way every suite does. */
export { setStatus } from '../kit/server';

/** Asserts the Huawei error shape: status, code, and the message in the asked language. */
export function expectError(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.json?.error_code }).toEqual({ status, code });
  expect(reply.headers.get('content-type')).toBe(JSON_TYPE);
  expect(reply.json?.request_id).toBe(reply.headers.get('x-request-id'));
  expect(typeof reply.json?.error_msg).toBe('string');
}

export const HAN = /[\u4e00-\u9fff]/;
