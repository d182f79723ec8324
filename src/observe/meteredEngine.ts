import { isEngineError, type CallerCredential, type ClaimedCaller, type DoorEngine } from '../engine';
import type { Logger } from '../log';
import type { Metrics } from './metrics';
import type { OutcomeBook } from './outcomes';

const codeOf = (err: unknown): string => (isEngineError(err) ? err.code : 'INTERNAL');

/** The caller an access-log line may name: never a secret, and a session only by its kind. */
function callerOf(credential: CallerCredential | ClaimedCaller | undefined): string | undefined {
  if (!credential) return undefined;
  if (credential.kind === 'access-key') return credential.keyId.slice(0, 128);
  if (credential.kind === 'system') return credential.label;
  if (credential.kind === 'provisioning-token') return 'provisioning-token';
  return credential.sessionKind;
}

export interface Watchers {
  metrics: Metrics | null;
  outcomes: OutcomeBook;
  logger: Logger;
}

/**
 * One door's engine, counting what passes through it: status changes and logons by outcome,
 * lockouts, and each request's outcome for the access log. It only watches calls and their
 * results; the engine decides everything as before.
 */
export function meteredEngine(door: string, engine: DoorEngine, { metrics, outcomes, logger }: Watchers): DoorEngine {
  const logon = async <T>(userName: string | null, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      metrics?.logons.inc({ door, outcome: 'ok' });
      return result;
    } catch (err) {
      const code = codeOf(err);
      metrics?.logons.inc({ door, outcome: code });
      if (code === 'ACCOUNT_LOCKED') metrics?.lockouts.inc({ door });
      if (code !== 'STORE_UNAVAILABLE' && code !== 'INTERNAL') logger.info({ door, user: userName, outcome: code }, 'logon refused');
      throw err;
    }
  };
  return {
    ...engine,
    now: () => engine.now(),
    authenticate: (userName, password) => logon(userName, () => engine.authenticate(userName, password)),
    logonWithTicket: (userName, password) => logon(userName, () => engine.logonWithTicket(userName, password)),
    logonWithApp: (appId, thirdPartyId, requests, nonce) => logon(null, () => engine.logonWithApp(appId, thirdPartyId, requests, nonce)),
    async changeStatus(cmd) {
      const caller = callerOf(cmd.credential);
      try {
        const result = await engine.changeStatus(cmd);
        const outcome = result.changed ? 'changed' : 'unchanged';
        metrics?.statusChanges.inc({ door: cmd.door, outcome });
        outcomes.note(cmd.requestId, { outcome, caller });
        return result;
      } catch (err) {
        metrics?.statusChanges.inc({ door: cmd.door, outcome: codeOf(err) });
        outcomes.note(cmd.requestId, { outcome: codeOf(err), caller });
        throw err;
      }
    },
    async changeStatusBatch(cmd) {
      const caller = callerOf(cmd.credential);
      try {
        const result = await engine.changeStatusBatch(cmd);
        if (result.changed) metrics?.statusChanges.inc({ door: cmd.door, outcome: 'changed' }, result.changed);
        if (result.unchanged) metrics?.statusChanges.inc({ door: cmd.door, outcome: 'unchanged' }, result.unchanged);
        outcomes.note(cmd.requestId, { outcome: 'ok', caller });
        return result;
      } catch (err) {
        metrics?.statusChanges.inc({ door: cmd.door, outcome: codeOf(err) });
        outcomes.note(cmd.requestId, { outcome: codeOf(err), caller });
        throw err;
      }
    },
    async setHosted(cmd) {
      const caller = callerOf(cmd.credential);
      try {
        const result = await engine.setHosted(cmd);
        outcomes.note(cmd.requestId, { outcome: result.changed ? 'changed' : 'unchanged', caller });
        return result;
      } catch (err) {
        outcomes.note(cmd.requestId, { outcome: codeOf(err), caller });
        throw err;
      }
    },
    refuse(refusal) {
      // A refusal the door decided: the outcome is the door's, whether or not the audit write succeeds.
      outcomes.note(refusal.requestId, { outcome: refusal.outcome, caller: callerOf(refusal.caller) });
      return engine.refuse(refusal);
    },
  };
}
