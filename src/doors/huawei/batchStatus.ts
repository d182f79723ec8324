import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { isEngineError, type UserStatus } from '../../engine';
import { requestIdOf } from '../../http/requestId';
import { HUAWEI_DOOR_ERRORS, HuaweiDoorError } from './errorTable';
import { sendEmpty } from './render';
import { readJson } from './readJson';
import { accessTokenOf } from './tokens';

export type AccountBy = 'userName' | 'thirdPartyId';

/** accountType 0 (the default) names accounts by user name, 1 by third-party user id. */
export function parseAccountType(raw: unknown): AccountBy {
  if (raw === undefined || raw === '0') return 'userName';
  if (raw === '1') return 'thirdPartyId';
  throw new HuaweiDoorError('BAD_ACCOUNT_TYPE');
}

/** Path value 0 is normal (enabled), 1 disabled. */
function parseStatus(raw: string): UserStatus {
  if (raw === '0') return 'enabled';
  if (raw === '1') return 'disabled';
  throw new HuaweiDoorError('BAD_STATUS_VALUE');
}

/** The body as a list of accounts; each way it can be wrong has its own code. */
function parseAccounts(body: unknown): string[] {
  if (!Array.isArray(body)) throw new HuaweiDoorError('BATCH_NOT_ARRAY');
  if (body.length === 0) throw new HuaweiDoorError('BATCH_EMPTY');
  const index = body.findIndex((item) => typeof item !== 'string');
  if (index >= 0) throw new HuaweiDoorError('BATCH_ITEM_NOT_STRING', `[${index}]`);
  return body as string[];
}

function checkLength(accounts: string[], max: number): void {
  if (accounts.length > max) throw new HuaweiDoorError('BATCH_TOO_LONG', String(max));
}

interface BatchRequest {
  status: UserStatus;
  by: AccountBy;
  token: string;
}

/**
 * The checks after the list is known. A refusal decided here, before the engine saw the
 * accounts, leaves one audit row for the request, naming the list as far as the audit's field
 * bound allows: a list too long, or sent without a token, must not cost a row per account.
 */
async function checkRequest(deps: DoorDeps, req: Request, res: Response, verb: string, accounts: string[]): Promise<BatchRequest> {
  try {
    checkLength(accounts, deps.config.huaweiMaxBatchAccounts);
    return { status: parseStatus(String(req.params.value)), by: parseAccountType(req.query.accountType), token: accessTokenOf(req) };
  } catch (err) {
    const outcome = err instanceof HuaweiDoorError ? HUAWEI_DOOR_ERRORS[err.key].code : isEngineError(err) ? err.code : 'INTERNAL';
    const caller = { kind: 'session', sessionKind: 'huawei-access' } as const;
    await deps.engine.refuse({ requestId: requestIdOf(res), door: 'huawei', caller, verb, targets: accounts, outcome });
    throw err;
  }
}

/** PUT /v1/usg/dcs/corp/member/status/{value}?accountType=: the whole list changes, or none of it. */
export function batchStatus(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const accounts = parseAccounts(await readJson(req, deps.config.maxBodyBytes));
    // The path value as sent, cut short: the audit should show what was asked, not store a novel.
    const verb = `member/status/${String(req.params.value).slice(0, 16)}`;
    const checked = await checkRequest(deps, req, res, verb, accounts);
    await deps.engine.changeStatusBatch({
      requestId: requestIdOf(res),
      door: 'huawei',
      credential: { kind: 'session', sessionKind: 'huawei-access', secret: checked.token },
      verb,
      by: checked.by,
      accounts,
      status: checked.status,
      reason: `huawei:${verb}`,
    });
    sendEmpty(res);
  };
}
