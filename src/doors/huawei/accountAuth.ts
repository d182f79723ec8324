import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { EngineError, isEngineError, type User } from '../../engine';
import { HuaweiDoorError } from './errorTable';
import { sendJson } from './render';
import { readJson } from './readJson';
import { API_CLIENT_TYPE, issuedReply, tokenRequests } from './tokenPair';
import { ajv, validOrThrow } from './validate';

interface AccountAuthBody {
  account?: string | null;
  clientType?: number;
}

const validateBody = ajv.compile<AccountAuthBody>({
  type: 'object',
  properties: {
    account: { type: ['string', 'null'], maxLength: 256 },
    clientType: { type: 'integer', minimum: 0 },
  },
});

/** `Basic base64(account:password)`; the password may itself contain colons. */
function parseBasic(header: string | undefined): { account: string; password: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header?.trim() ?? '');
  if (!match) throw new HuaweiDoorError('BAD_AUTHORIZATION');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at <= 0) throw new HuaweiDoorError('BAD_AUTHORIZATION');
  return { account: decoded.slice(0, at), password: decoded.slice(at + 1) };
}

/** Answers that would tell a guesser the account exists: all of them become the wrong-password answer. */
const REVEALING = new Set(['ACCOUNT_LOCKED', 'ACCOUNT_DISABLED', 'USER_NOT_FOUND']);

/**
 * The logon, answering locked, disabled, unknown and wrong password alike (401 USG.000000001), as
 * the asmx door answers [900] for all: the difference would tell a guesser which accounts exist.
 */
async function authenticate(deps: DoorDeps, account: string, password: string): Promise<User> {
  try {
    return await deps.engine.authenticate(account, password);
  } catch (err) {
    if (isEngineError(err) && REVEALING.has(err.code)) throw new EngineError('AUTHENTICATION_FAILED');
    throw err;
  }
}

/** POST /v1/usg/acs/auth/account: account and password authentication. */
export function accountAuth(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const credentials = parseBasic(req.get('authorization'));
    const body = validOrThrow(validateBody, (await readJson(req, deps.config.maxBodyBytes)) ?? {});
    // The body repeats the account; two different accounts in one request is a client bug, not a logon.
    if (body.account && body.account.toLowerCase() !== credentials.account.toLowerCase()) {
      throw new HuaweiDoorError('BAD_PARAMETER', 'account');
    }
    const user = await authenticate(deps, credentials.account, credentials.password);
    const issued = await deps.engine.openSessions(user.id, tokenRequests(deps, body.clientType ?? API_CLIENT_TYPE));
    sendJson(res, issuedReply(issued, req.ip ?? ''));
  };
}
