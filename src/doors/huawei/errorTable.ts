import type { EngineErrorTable, WireError } from '../wireError';
import { messageFor } from './messages';

function row(status: number, code: string, meaning: string): WireError {
  return { status, code, message: messageFor(code, 'en-US'), meaning };
}

/**
 * How the huawei door shows every engine error. USG.000000004 and USG.201040000 are Huawei's
 * public codes; the rest are ours in the USG. space, because Huawei does not publish them.
 */
export const HUAWEI_ENGINE_ERRORS: EngineErrorTable = {
  AUTHENTICATION_FAILED: row(
    401,
    'USG.000000001',
    'Account authentication was refused: the account is unknown, the password wrong, or the account locked or disabled (one answer for all, so it reveals no account).',
  ),
  ACCOUNT_DISABLED: row(
    412,
    'USG.000000002',
    'App ID authentication: the administrator the app ID is bound to, or the user named by userId, is disabled, so no token is issued (account logons answer USG.000000001 instead).',
  ),
  ACCOUNT_LOCKED: row(
    423,
    'USG.000000003',
    "Not answered by this door today: a locked account's logon answers USG.000000001, as a wrong password does.",
  ),
  SESSION_INVALID: row(401, 'USG.000000004', 'The X-Access-Token (or refresh token) is missing, unknown, logged out or expired.'),
  ACCESS_DENIED: row(403, 'USG.000000005', 'The token belongs to a user who is not an administrator, and only administrators may do this.'),
  INVALID_ARGUMENT: row(400, 'USG.000000006', 'The engine refused a value in the request as invalid.'),
  NONCE_REPLAYED: row(
    401,
    'USG.000000007',
    'The nonce of an App ID authentication was already used within its window: the request is a replay.',
  ),
  KEY_NOT_FOUND: row(
    401,
    'USG.000000008',
    'The app ID of an App ID authentication is unknown or has been revoked (statusbridge app revoke).',
  ),
  STORE_UNAVAILABLE: row(503, 'USG.000000009', 'The database did not answer; nothing was changed and the request may be retried.'),
  INTERNAL: row(500, 'USG.000000010', 'An unexpected server error; the details are in the server log under the request id.'),
  USER_NOT_FOUND: row(
    400,
    'USG.201040000',
    'A named account does not exist (for a batch, the message lists the unknown accounts and nothing was changed).',
  ),
  DIRECTORY_NOT_FOUND: row(400, 'USG.201040001', 'The directory named in the request does not exist.'),
  USER_EXISTS: row(409, 'USG.201040002', 'A user with this name or identifier already exists.'),
  DIRECTORY_EXISTS: row(409, 'USG.201040003', 'A directory with this id already exists.'),
  SEAT_LIMIT_REACHED: row(
    400,
    'USG.201040004',
    'Enabling the accounts would take a directory past its seat limit, so the whole batch was refused and nothing was changed.',
  ),
  LAST_ADMIN: row(
    400,
    'USG.201040005',
    'The batch would disable the last enabled administrator, so the whole batch was refused and nothing was changed.',
  ),
  NOT_HOSTED: row(400, 'USG.201040006', 'The account is not under trusteeship.'),
  VERSION_CONFLICT: row(400, 'USG.000000006', 'Never raised here (no API names a version); listed so that every engine error has a row.'),
};

const DOOR_ERRORS = {
  BAD_JSON: row(400, 'USG.000000020', 'The request body is not valid JSON.'),
  BODY_TOO_LARGE: row(413, 'USG.000000021', 'The request body is larger than maxBodyBytes and was not read.'),
  BAD_PARAMETER: row(
    400,
    'USG.000000022',
    'A field of a token request is missing or has the wrong type (for example a nonce that is not 32 to 64 characters).',
  ),
  BAD_AUTHORIZATION: row(
    401,
    'USG.000000023',
    'The Authorization header is missing or is not "Basic base64(account:password)" or "HMAC-SHA256 signature=...,access=...".',
  ),
  BAD_SIGNATURE: row(
    401,
    'USG.000000024',
    'The HMAC-SHA256 signature over appId:userId:expireTime:nonce does not match the app key, or access does not name the body appId.',
  ),
  SIGNATURE_EXPIRED: row(401, 'USG.000000025', 'The expireTime of an App ID authentication is in the past by the server clock.'),
  NOT_FOUND: row(404, 'USG.000000026', 'No huawei door API answers this method and path.'),
  BATCH_NOT_ARRAY: row(400, 'USG.201040020', 'The body of a batch status change is not a JSON array of accounts.'),
  BATCH_EMPTY: row(400, 'USG.201040021', 'The account list of a batch status change is empty.'),
  BATCH_ITEM_NOT_STRING: row(400, 'USG.201040022', 'An item of the account list is not a string.'),
  BATCH_TOO_LONG: row(
    400,
    'USG.201040023',
    'The account list is longer than huaweiMaxBatchAccounts (1,000 by default); nothing was changed.',
  ),
  BAD_STATUS_VALUE: row(400, 'USG.201040024', 'The status in the path is neither 0 (normal) nor 1 (disabled).'),
  BAD_ACCOUNT_TYPE: row(400, 'USG.201040025', 'The accountType query parameter is neither 0 (account name) nor 1 (third-party user id).'),
} satisfies Record<string, WireError>;

export type HuaweiDoorErrorKey = keyof typeof DOOR_ERRORS;

/** Errors the door raises itself, before or instead of calling the engine. */
export const HUAWEI_DOOR_ERRORS: Record<string, WireError> = DOOR_ERRORS;

/** A refusal the door decides on its own (bad JSON, a bad signature, a list too long). */
export class HuaweiDoorError extends Error {
  override name = 'HuaweiDoorError';

  constructor(
    readonly key: HuaweiDoorErrorKey,
    /** A fact for the message, in neither language (a number, account names). */
    readonly detail?: string,
  ) {
    super(DOOR_ERRORS[key].message);
  }
}
