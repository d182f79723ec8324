import type { Config } from '../../config';
import type { DoorEngine, NonceClaim, PolicyCheck, User } from '../../engine';
import type { ReplyBody } from './render';

export type AliyunDoorName = 'aliyun-bss' | 'aliyun-cloudsso';

/** What an action needs once the request is proven: the engine, settings, parameters and who signed. */
export interface ActionContext {
  engine: DoorEngine;
  config: Readonly<Config>;
  params: ReadonlyMap<string, string>;
  keyId: string;
  requestId: string;
  /** The request's nonce, for the engine command: spent in the change's transaction. */
  nonce: NonceClaim;
}

export interface AliyunAction {
  name: string;
  version: string;
  door: AliyunDoorName;
  /** The action a key policy names, e.g. bssapi:SetResellerUserStatus. */
  ramAction: string;
  /** How the audit names the attempt when the door refuses it before the engine sees it. */
  describe(params: ReadonlyMap<string, string>): { verb: string; target: string };
  run(ctx: ActionContext): Promise<ReplyBody>;
}

/** pop-core sends an unset value as the text "undefined"; empty values arrive too (`StopMode=`). Both mean absent. */
export function paramOf(params: ReadonlyMap<string, string>, name: string): string | undefined {
  const value = params.get(name);
  return value === undefined || value === '' || value === 'undefined' ? undefined : value;
}

const userResource = (config: Readonly<Config>, directoryId: string, userId: string): string =>
  `acs:cloudsso:${config.aliyunRegion}:${config.aliyunAccountId}:directory/${directoryId}/user/${userId}`;

/**
 * The RAM resource a key policy is matched against: every user is a CloudSSO user resource. A
 * request naming directory and user (CloudSSO) names its resource itself; one naming an OwnerId
 * (BSS) does not, and its refusals name the OwnerId as sent, never the user's internal id.
 */
export function userPolicy(
  config: Readonly<Config>,
  action: string,
  named: { directoryId: string; userId: string } | { ownerId: string },
): PolicyCheck {
  const byId = 'userId' in named;
  return {
    action,
    resourceOf: (user: User) => userResource(config, user.directoryId, user.id),
    requestedResource: byId ? userResource(config, named.directoryId, named.userId) : undefined,
    requested: byId ? userResource(config, named.directoryId, named.userId) : `ownerId:${named.ownerId}`,
  };
}
