import type { UserStatus } from '../../src/engine';
import { DEMO } from './demo';
import { send, type HttpAnswer, type Listening } from './http';

/** The in-band success of every asmx operation that answers with a bare response element. */
export const ASMX_SUCCESS = '<response success="true" error="" />';

/** ChangeUserStatus over infoRouter's HTTP GET binding: StatusCode 1 enables, 0 disables. */
export function asmxChange(
  server: Listening,
  userName: string,
  code: 0 | 1,
  options: { ticket?: string; requestId?: string } = {},
): Promise<HttpAnswer> {
  const query = new URLSearchParams({ authenticationTicket: options.ticket ?? DEMO.ticket, UserName: userName, StatusCode: String(code) });
  return send(server, `/srv.asmx/ChangeUserStatus?${query}`, { headers: options.requestId ? { 'X-Request-Id': options.requestId } : {} });
}

/**
 * The status of a user as the asmx door shows it (GetUser over HTTP GET, the demo ticket unless
 * another is given): how a test reads back what another door changed. Fails when GetUser does.
 */
export async function asmxStatus(server: Listening, userName: string, ticket: string = DEMO.ticket): Promise<UserStatus> {
  const query = new URLSearchParams({ AuthenticationTicket: ticket, UserName: userName });
  const { text } = await send(server, `/srv.asmx/GetUser?${query}`);
  const enabled = /<User\b[^>]*\bEnabled="(TRUE|FALSE)"/.exec(text);
  if (!text.includes('<response success="true"') || !enabled)
    throw new Error(`asmx GetUser ${userName} did not answer: ${text.slice(0, 300)}`);
  return enabled[1] === 'TRUE' ? 'enabled' : 'disabled';
}
