import { adminEngine } from '../../src/engine/adminEngine';
import { DEFAULT_ENGINE_SETTINGS } from '../../src/engine/context';
import { doorEngine } from '../../src/engine/doorEngine';
import type { DoorDeps } from '../../src/doors/doorDeps';
import { openHarness } from './harness';

/** Checked by tsc (npm test's lint step): a door that reached for administration would not compile. */
export function doorsSeeOnlyTheDoorSurface(deps: DoorDeps): unknown[] {
  return [
    // @ts-expect-error adding users is administration
    deps.engine.addUser,
    // @ts-expect-error so is reading the audit trail
    deps.engine.listAudit,
    // @ts-expect-error and opening a session without a logon
    deps.engine.openSession,
    deps.engine.changeStatus,
  ];
}

describe('the engine surfaces', () => {
  it('split the engine in two with no member on both, and the engine of a process offers both', async () => {
    const h = await openHarness();
    try {
      const ctx = { store: h.store, clock: h.clock.read, settings: DEFAULT_ENGINE_SETTINGS };
      const door = Object.keys(doorEngine(ctx));
      const admin = Object.keys(adminEngine(ctx));
      expect(door.filter((name) => admin.includes(name))).toEqual([]);
      expect(Object.keys(h.engine).sort()).toEqual([...door, ...admin].sort());
      expect(door).toEqual(expect.arrayContaining(['changeStatus', 'changeStatusBatch', 'setHosted', 'refuse']));
    } finally {
      await h.close();
    }
  });
});
