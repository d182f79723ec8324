/**
 * The one catalogue of engine errors. Doors map every code here to their own wire code
 * (each door has a table and a test that fails when a code is missing).
 */
export const ENGINE_ERRORS = {
  AUTHENTICATION_FAILED: 'Authentication failed',
  ACCOUNT_DISABLED: 'The account is disabled',
  ACCOUNT_LOCKED: 'The account is locked after repeated failed logons',
  SESSION_INVALID: 'Session expired or invalid',
  ACCESS_DENIED: 'The caller may not do this',
  USER_NOT_FOUND: 'User not found',
  DIRECTORY_NOT_FOUND: 'Directory not found',
  USER_EXISTS: 'A user with this name or identifier exists',
  DIRECTORY_EXISTS: 'A directory with this id exists',
  INVALID_ARGUMENT: 'Invalid argument',
  SEAT_LIMIT_REACHED: 'Enabling would exceed the directory seat limit',
  LAST_ADMIN: 'The last enabled administrator cannot be disabled',
  NOT_HOSTED: 'The account is not under trusteeship',
  VERSION_CONFLICT: 'The account changed since the version the caller names',
  NONCE_REPLAYED: 'This nonce was already used',
  KEY_NOT_FOUND: 'Access key or app not found',
  STORE_UNAVAILABLE: 'The database is unavailable',
  INTERNAL: 'Internal error',
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

export const ENGINE_ERROR_CODES = Object.keys(ENGINE_ERRORS) as EngineErrorCode[];

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** Extra facts a door may render, e.g. the unknown accounts of a batch. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: EngineErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(message ?? ENGINE_ERRORS[code]);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
}

export function isEngineError(err: unknown): err is EngineError {
  return err instanceof EngineError;
}

/** Anything that is not an engine error becomes INTERNAL, with no detail for the wire. */
export function toEngineError(err: unknown): EngineError {
  return isEngineError(err) ? err : new EngineError('INTERNAL');
}
