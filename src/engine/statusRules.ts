import { EngineError } from './errors';
import type { User } from './model';
import type { StoreTx } from './storePort';

/**
 * The seat limit: enabling these users must not take their directory past its limit.
 * Locks the directory row so two writers on PostgreSQL count one after the other.
 */
export async function checkSeats(tx: StoreTx, toEnable: readonly Pick<User, 'directoryId'>[]): Promise<void> {
  const perDirectory = new Map<string, number>();
  for (const user of toEnable) perDirectory.set(user.directoryId, (perDirectory.get(user.directoryId) ?? 0) + 1);
  await checkSeatsPerDirectory(tx, perDirectory);
}

/** checkSeats for a batch that has counted its users per directory as it read them. */
export async function checkSeatsPerDirectory(tx: StoreTx, perDirectory: ReadonlyMap<string, number>): Promise<void> {
  for (const [directoryId, adding] of perDirectory) {
    const directory = await tx.directories.get(directoryId, { forUpdate: true });
    if (!directory || directory.seatLimit === null) continue;
    const enabled = await tx.users.countEnabled(directoryId);
    if (enabled + adding > directory.seatLimit) {
      throw new EngineError('SEAT_LIMIT_REACHED', undefined, {
        directoryId,
        seatLimit: directory.seatLimit,
        enabled,
      });
    }
  }
}

/** The last enabled administrator cannot be disabled (nobody could change statuses after). */
export async function checkLastAdmin(tx: StoreTx, toDisable: readonly Pick<User, 'isAdmin'>[]): Promise<void> {
  await checkLastAdminCount(tx, toDisable.filter((user) => user.isAdmin).length);
}

/** checkLastAdmin for a batch that has counted the administrators it would disable. */
export async function checkLastAdminCount(tx: StoreTx, admins: number): Promise<void> {
  if (admins === 0) return;
  const enabledAdmins = await tx.users.countEnabledAdmins();
  if (enabledAdmins - admins < 1) throw new EngineError('LAST_ADMIN');
}
