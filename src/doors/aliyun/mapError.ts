import { toEngineError } from '../../engine';
import type { WireError } from '../wireError';
import { AliyunDoorError } from './aliyunError';
import { ALIYUN_DOOR_ERRORS, ALIYUN_ENGINE_ERRORS, CLOUDSSO_ENGINE_OVERRIDES } from './errorTable';
import type { AliyunAction } from './actionContext';

export interface MappedError {
  wire: WireError;
  message: string;
  accessDeniedDetail?: Record<string, string>;
}

/** Any error to its wire form; an unexpected one becomes INTERNAL, with no detail. */
export function mapAliyunError(err: unknown, action: AliyunAction | undefined, keyId: string | undefined): MappedError {
  if (err instanceof AliyunDoorError) return { wire: ALIYUN_DOOR_ERRORS[err.code], message: err.message };
  const engineError = toEngineError(err);
  const override = action?.door === 'aliyun-cloudsso' ? CLOUDSSO_ENGINE_OVERRIDES[engineError.code] : undefined;
  const wire = override ? ALIYUN_DOOR_ERRORS[override] : ALIYUN_ENGINE_ERRORS[engineError.code];
  const mapped: MappedError = { wire, message: wire.message };
  if (engineError.code === 'ACCESS_DENIED') {
    const { action: authAction, resource } = engineError.details;
    mapped.accessDeniedDetail = {
      AuthAction: typeof authAction === 'string' ? authAction : (action?.ramAction ?? ''),
      AuthResource: typeof resource === 'string' ? resource : '',
      AuthPrincipalType: 'AccessKey',
      AuthPrincipalDisplayName: keyId ?? '',
      NoPermissionType: typeof resource === 'string' ? 'ImplicitDeny' : 'NotAdministrator',
      PolicyType: 'AccessKeyPolicy',
    };
  }
  return mapped;
}
