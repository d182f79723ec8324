import type { EngineErrorTable, WireError } from '../wireError';

/** A SCIM error as the wire shows it: status, scimType (the wire code, empty where RFC 7644 defines none) and detail. */
function row(status: number, scimType: string, message: string, meaning: string): WireError {
  return { status, code: scimType, message, meaning };
}

/**
 * How the scim door shows every engine error (RFC 7644 §3.12). A refusal by a rule (seat limit,
 * last administrator) is 400 with the engine's reason in detail: 404 would tell Okta and Entra
 * the account is gone, and they would try to create it again.
 */
export const SCIM_ENGINE_ERRORS: EngineErrorTable = {
  AUTHENTICATION_FAILED: row(401, '', 'Authentication failed', 'The bearer token is missing or wrong.'),
  ACCOUNT_DISABLED: row(401, '', 'The token’s administrator is disabled', 'The administrator the token is bound to is disabled or gone.'),
  ACCOUNT_LOCKED: row(401, '', 'The account is locked', 'Not raised by this door (it takes no passwords).'),
  SESSION_INVALID: row(401, '', 'The bearer token is not valid', 'The token is unknown or revoked (statusbridge scim token revoke).'),
  ACCESS_DENIED: row(403, '', 'The caller may not do this', 'The token’s user is not an administrator.'),
  USER_NOT_FOUND: row(404, '', 'Resource not found', 'No user has this id.'),
  DIRECTORY_NOT_FOUND: row(
    400,
    'invalidValue',
    'The token’s directory does not exist',
    'Users created through this token would go into a directory that no longer exists.',
  ),
  USER_EXISTS: row(
    409,
    'uniqueness',
    'A user with this userName exists',
    'userName is unique (compared without regard to case) across statusbridge.',
  ),
  DIRECTORY_EXISTS: row(409, 'uniqueness', 'A directory with this id exists', 'Not raised by this door.'),
  INVALID_ARGUMENT: row(
    400,
    'invalidValue',
    'Invalid value',
    'The engine refused a value (for example a userName with spaces, colons or slashes); detail says which.',
  ),
  SEAT_LIMIT_REACHED: row(
    400,
    'invalidValue',
    'Enabling would exceed the directory seat limit',
    'Activating (or creating an active) user would take its directory past its seat limit; nothing changed.',
  ),
  LAST_ADMIN: row(
    400,
    'mutability',
    'The last enabled administrator cannot be disabled',
    'Deactivating or deleting this user would leave no enabled administrator; nothing changed.',
  ),
  NOT_HOSTED: row(400, 'invalidValue', 'The account is not under trusteeship', 'Not raised by this door.'),
  VERSION_CONFLICT: row(
    412,
    '',
    'Precondition failed',
    'If-Match names a version the user no longer has; nothing changed (RFC 7644 §3.14).',
  ),
  NONCE_REPLAYED: row(400, 'invalidValue', 'Request replayed', 'Not raised by this door.'),
  KEY_NOT_FOUND: row(401, '', 'The bearer token is not valid', 'The credential names no active token.'),
  STORE_UNAVAILABLE: row(
    503,
    '',
    'The database is unavailable',
    'The database did not answer; nothing changed and the request may be retried.',
  ),
  INTERNAL: row(500, '', 'Internal error', 'An unexpected server error; the details are in the server log under the request id.'),
};

const DOOR_ERRORS = {
  NO_TOKEN: row(
    401,
    '',
    'A bearer token is required',
    'The Authorization header is missing or is not "Bearer <token>" (Basic, a ticket or a Huawei token is not one).',
  ),
  BAD_JSON: row(400, 'invalidSyntax', 'The body is not valid JSON', 'The request body does not parse as one JSON object.'),
  BAD_MEDIA_TYPE: row(
    415,
    '',
    'Unsupported media type',
    'A body with a Content-Type other than application/scim+json or application/json.',
  ),
  BODY_TOO_LARGE: row(413, 'tooMany', 'The body is too large', 'The request body is larger than maxBodyBytes and was not read.'),
  BAD_SCHEMA: row(
    400,
    'invalidSyntax',
    'Wrong or missing schemas',
    'schemas does not name the message or resource schema this request needs, or names one this server does not know.',
  ),
  UNKNOWN_ATTRIBUTE: row(
    400,
    'invalidSyntax',
    'Unknown attribute',
    'The body names an attribute that is in neither the core User schema nor the Enterprise User extension.',
  ),
  BAD_VALUE: row(
    400,
    'invalidValue',
    'Invalid value',
    'An attribute has the wrong type (active that is not a boolean or "True"/"False", userName missing, emails not a list).',
  ),
  BAD_FILTER: row(
    400,
    'invalidFilter',
    'Invalid filter',
    'The filter does not parse, or uses an operator or attribute this server does not filter on, or is longer than scimMaxFilterLength.',
  ),
  BAD_PATH: row(400, 'invalidPath', 'Invalid path', 'A PATCH path names an attribute outside the declared schemas, or does not parse.'),
  NO_TARGET: row(
    400,
    'noTarget',
    'No target',
    'A PATCH remove has no path, or a path whose filter matches nothing where a target is required.',
  ),
  BAD_PATCH_OP: row(
    400,
    'invalidSyntax',
    'Invalid PATCH operation',
    'Operations is missing or empty, or an op is not add, replace or remove (in any case).',
  ),
  BAD_VERSION: row(400, 'invalidVers', 'Invalid version', 'If-Match is not an entity tag this server issued.'),
  BAD_PAGING: row(400, 'invalidValue', 'Invalid paging', 'startIndex or count is not an integer.'),
  NOT_FOUND: row(404, '', 'Not found', 'No SCIM endpoint answers this path (Groups, Bulk, /Me and .search are not supported).'),
  METHOD_NOT_ALLOWED: row(405, '', 'Method not allowed', 'The endpoint exists but does not take this method.'),
} satisfies Record<string, WireError>;

export type ScimDoorErrorKey = keyof typeof DOOR_ERRORS;

/** Errors the door raises itself, before or instead of calling the engine. */
export const SCIM_DOOR_ERRORS: Record<string, WireError> = DOOR_ERRORS;

/** A refusal the door decides on its own; detail says what exactly, for the client's log. */
export class ScimDoorError extends Error {
  override name = 'ScimDoorError';

  constructor(
    readonly key: ScimDoorErrorKey,
    readonly detail?: string,
  ) {
    super(detail ?? DOOR_ERRORS[key].message);
  }
}
