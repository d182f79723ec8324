import { EngineError, isEngineError } from '../../engine';

/** Socket errors: the database host refused, dropped or never answered the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATEs that say the server cannot serve us right now: shutting down or starting up
 * (57P0x), out of resources or connections (53000, 53100, 53200, 53300, 53400), not in a state
 * to do this now (55000, e.g. a standby; 55P03, a lock not available; 55006, an object in use),
 * or (57014) a statement cancelled by statement_timeout, which a healthy database does not hit
 * on our short queries.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '57P04',
  '57P05',
  '53000',
  '53100',
  '53200',
  '53300',
  '53400',
  '55000',
  '55006',
  '55P03',
  '57014',
]);

/** Transient conflicts PostgreSQL resolves by aborting one transaction: run it again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/** pg reports pool and client timeouts (a connect cut short: 'timeout expired') and dropped sockets only in the message, without a code. */
const CONNECTION_MESSAGES =
  /timeout exceeded when trying to connect|connection timeout|timeout expired|Connection terminated|Client has encountered a connection error|not queryable|Client was closed/i;

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionError(err: unknown): boolean {
  if (isEngineError(err)) return err.code === 'STORE_UNAVAILABLE';
  const code = codeOf(err);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (err instanceof AggregateError) return err.errors.some(isConnectionError);
  return err instanceof Error && CONNECTION_MESSAGES.test(err.message);
}

export function isRetryable(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

/** Engine errors pass through; a database that cannot serve becomes STORE_UNAVAILABLE; the rest stays as it is. */
export function translatePgError(err: unknown): unknown {
  if (isEngineError(err)) return err;
  if (isConnectionError(err) || isRetryable(err)) return new EngineError('STORE_UNAVAILABLE');
  return err;
}
