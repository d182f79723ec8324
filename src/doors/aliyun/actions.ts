import { AliyunDoorError, missingParameter } from './aliyunError';
import type { AliyunAction } from './actionContext';
import type { AliyunRequest } from './parseRequest';
import { SET_RESELLER_USER_STATUS } from './setResellerUserStatus';
import { UPDATE_USER_STATUS } from './updateUserStatus';

export const ALIYUN_ACTIONS: readonly AliyunAction[] = [SET_RESELLER_USER_STATUS, UPDATE_USER_STATUS];

/** An action is served only at its own API version; anything else is Alibaba's not-found. */
export function findAction(req: AliyunRequest): AliyunAction {
  const v3 = req.style === 'v3';
  if (!req.action) throw missingParameter(v3 ? 'x-acs-action' : 'Action');
  if (!req.version) throw missingParameter(v3 ? 'x-acs-version' : 'Version');
  const action = ALIYUN_ACTIONS.find((a) => a.name === req.action && a.version === req.version);
  if (!action) throw new AliyunDoorError('InvalidAction.NotFound');
  return action;
}
