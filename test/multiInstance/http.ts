/** What one HTTP call answered, and how long it took to answer. */
export interface Answer {
  status: number;
  text: string;
  ms: number;
}

/** The longest any single call may take: a door that hangs fails the test instead of the run. */
export const CLIENT_TIMEOUT_MS = 10_000;

/** One request over real HTTP with a client-side timeout; a timeout rejects with a message naming the call. */
export async function send(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? CLIENT_TIMEOUT_MS;
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, text, ms: Date.now() - started };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new Error(`${options.method ?? 'GET'} ${path.split('?')[0]} did not answer within ${timeoutMs} ms`);
    }
    throw err;
  }
}

export function jsonOf(answer: Answer): Record<string, unknown> {
  return JSON.parse(answer.text) as Record<string, unknown>;
}

export const DEMO_TICKET = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
export const ASMX_SUCCESS = '<response success="true" error="" />';

/** infoRouter's HTTP GET binding of ChangeUserStatus. */
export function asmxChange(baseUrl: string, userName: string, code: 0 | 1, options: { ticket?: string; requestId?: string } = {}) {
  const query = new URLSearchParams({ authenticationTicket: options.ticket ?? DEMO_TICKET, UserName: userName, StatusCode: String(code) });
  return send(baseUrl, `/srv.asmx/ChangeUserStatus?${query}`, {
    headers: options.requestId ? { 'X-Request-Id': options.requestId } : {},
  });
}

/** Reads a user back through infoRouter's GetUser: Enabled="TRUE" or "FALSE", or null when the call failed. */
export async function asmxEnabled(baseUrl: string, userName: string): Promise<boolean | null> {
  const query = new URLSearchParams({ AuthenticationTicket: DEMO_TICKET, UserName: userName });
  const answer = await send(baseUrl, `/srv.asmx/GetUser?${query}`);
  const enabled = / Enabled="(TRUE|FALSE)"/.exec(answer.text);
  return enabled ? enabled[1] === 'TRUE' : null;
}

/** Huawei account authentication (Basic), as its integrations log on. */
export async function huaweiToken(baseUrl: string, account: string, password: string): Promise<string> {
  const answer = await send(baseUrl, '/v1/usg/acs/auth/account', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${account}:${password}`).toString('base64')}`,
      'Content-Type': 'application/json; charset=UTF-8',
    },
    body: JSON.stringify({ account, clientType: 72 }),
  });
  if (answer.status !== 200) throw new Error(`Huawei account authentication failed: ${answer.status} ${answer.text}`);
  return String(jsonOf(answer).accessToken);
}

/** Huawei's batch status call: status/0 enables, status/1 disables, accountType=0 names user names. */
export function huaweiBatch(baseUrl: string, token: string, value: 0 | 1, accounts: string[]): Promise<Answer> {
  return send(baseUrl, `/v1/usg/dcs/corp/member/status/${value}?accountType=0`, {
    method: 'PUT',
    headers: { 'X-Access-Token': token, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(accounts),
  });
}
