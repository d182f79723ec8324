import {
  createEngine,
  type AuditEntry,
  type DoorEngine,
  type Engine,
  type CallerCredential,
  type EngineSettings,
  type User,
} from '../../src/engine';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore';

/** Epoch milliseconds well past 2^32, so nothing relies on small numbers. */
export const T0 = 1_790_000_000_000;
export const DIR = 'd-000000000001';
export const OTHER_DIR = 'd-000000000002';
export const ADMIN_PASSWORD = 'Admin-Password-1';
export const USER_PASSWORD = 'User-Password-1';

/** A clock the test moves by hand: expiry and lockout are proven without waiting. */
export class ManualClock {
  private current = T0;
  readonly read = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface Harness {
  engine: Engine;
  store: SqliteStore;
  clock: ManualClock;
  admin: User;
  /** A live ticket of the administrator 'admin'. */
  adminTicket: string;
  asAdmin: CallerCredential;
  close(): Promise<void>;
}

export const SMALL_SETTINGS: Partial<EngineSettings> = {
  ticketLifetimeMs: 10 * 60_000,
  maxFailedLogons: 3,
  lockoutMs: 5 * 60_000,
};

export function ticketCredential(secret: string): CallerCredential {
  return { kind: 'session', sessionKind: 'ticket', secret };
}

/**
 * An engine on a fresh SQLite database (in memory unless path is given) holding the directory
 * DIR with an administrator 'admin' and a live ticket for it.
 */
export async function openHarness(
  options: { path?: string; settings?: Partial<EngineSettings>; seatLimit?: number | null } = {},
): Promise<Harness> {
  const store = new SqliteStore({ path: options.path ?? ':memory:', synchronous: 'NORMAL', busyTimeoutMs: 1000 });
  const clock = new ManualClock();
  const engine = createEngine(store, { clock: clock.read, settings: { ...SMALL_SETTINGS, ...options.settings } });
  await engine.addDirectory({ id: DIR, name: 'Main', seatLimit: options.seatLimit ?? null });
  const admin = await engine.addUser({ userName: 'admin', directoryId: DIR, password: ADMIN_PASSWORD, isAdmin: true, id: 'u-admin' });
  const { ticket } = await engine.logonWithTicket('admin', ADMIN_PASSWORD);
  return {
    engine,
    store,
    clock,
    admin,
    adminTicket: ticket,
    asAdmin: ticketCredential(ticket),
    close: () => store.close(),
  };
}

/** Adds an ordinary enabled user; hashing a password costs one scrypt, so only when asked. */
export function addUser(
  h: Harness,
  userName: string,
  fields: { password?: string; isAdmin?: boolean; thirdPartyId?: string; directoryId?: string } = {},
): Promise<User> {
  return h.engine.addUser({ userName, directoryId: fields.directoryId ?? DIR, ...fields });
}

export async function statusOf(h: Harness, userName: string): Promise<User['status'] | undefined> {
  return (await h.engine.findUser({ by: 'userName', value: userName }))?.status;
}

export function auditFor(h: Harness, requestId: string): Promise<AuditEntry[]> {
  return h.engine.listAudit({ requestId });
}

let requestCounter = 0;
/** A fresh request id per attempt, so each test reads exactly the audit rows its attempt wrote. */
export function nextRequestId(): string {
  requestCounter += 1;
  return `req-${requestCounter}`;
}

/** A nonce spent on its own: a door's refusal of a verified request that names no account. */
export function spendNonce(engine: DoorEngine, scope: string, nonce: string, windowMs: number): Promise<void> {
  return engine.refuse({
    requestId: nextRequestId(),
    door: 'test',
    nonce: { scope, nonce, windowMs },
    verb: 'test',
    targets: [],
    outcome: 'TEST',
  });
}
