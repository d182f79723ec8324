import { AliyunDoorError } from './aliyunError';
import type { ReplyBody } from './render';
import { paramOf, userPolicy, type ActionContext, type AliyunAction } from './actionContext';

const RAM_ACTION = 'bssapi:SetResellerUserStatus';

type BssStatus = 'Freeze' | 'Thaw' | 'Trusteeship' | 'TrusteeshipCancel';

const BUSINESS_TYPE: Record<BssStatus, string> = {
  Freeze: 'FREEZE',
  Thaw: 'FREEZE',
  Trusteeship: 'TRUSTEESHIP',
  TrusteeshipCancel: 'TRUSTEESHIP',
};

const parameterError = (message: string): AliyunDoorError => new AliyunDoorError('ParameterError', message);

function requireParam(params: ReadonlyMap<string, string>, name: string): string {
  const value = paramOf(params, name);
  if (value === undefined) throw parameterError(`Missing the must parameter: ${name}.`);
  return value;
}

function readStatus(params: ReadonlyMap<string, string>): BssStatus {
  const status = requireParam(params, 'Status');
  if (!Object.hasOwn(BUSINESS_TYPE, status)) throw parameterError('Status must be Freeze, Thaw, Trusteeship or TrusteeshipCancel.');
  const typed = status as BssStatus;
  const businessType = requireParam(params, 'BusinessType');
  if (businessType !== BUSINESS_TYPE[typed]) throw parameterError(`Status ${typed} needs BusinessType ${BUSINESS_TYPE[typed]}.`);
  return typed;
}

/** StopMode 1 is an immediate shutdown: live sessions end now. 0 or absent lets them run out. */
function readEndSessions(params: ReadonlyMap<string, string>): boolean {
  const stopMode = paramOf(params, 'StopMode');
  if (stopMode !== undefined && stopMode !== '0' && stopMode !== '1') throw parameterError('StopMode must be 0 or 1.');
  return stopMode === '1';
}

async function setResellerUserStatus(ctx: ActionContext): Promise<ReplyBody> {
  const ownerId = requireParam(ctx.params, 'OwnerId');
  const status = readStatus(ctx.params);
  const endSessions = readEndSessions(ctx.params);
  const common = {
    requestId: ctx.requestId,
    door: 'aliyun-bss',
    nonce: ctx.nonce,
    credential: { kind: 'access-key' as const, keyId: ctx.keyId },
    verb: `SetResellerUserStatus:${status}`,
    target: { by: 'ownerId' as const, value: ownerId },
    policy: userPolicy(ctx.config, RAM_ACTION, { ownerId }),
  };
  if (status === 'Freeze' || status === 'Thaw') {
    await ctx.engine.changeStatus({
      ...common,
      status: status === 'Freeze' ? 'disabled' : 'enabled',
      reason: `aliyun:${status}`,
      endSessions: status === 'Freeze' ? endSessions : undefined,
    });
  } else {
    await ctx.engine.setHosted({ ...common, hosted: status === 'Trusteeship' });
  }
  return { Code: '200', Message: 'Successful!', Data: true, RequestId: ctx.requestId, Success: true };
}

export const SET_RESELLER_USER_STATUS: AliyunAction = {
  name: 'SetResellerUserStatus',
  version: '2017-12-14',
  door: 'aliyun-bss',
  ramAction: RAM_ACTION,
  describe: (params) => ({
    verb: `SetResellerUserStatus:${paramOf(params, 'Status') ?? '-'}`.slice(0, 64),
    target: `ownerId:${paramOf(params, 'OwnerId') ?? '-'}`.slice(0, 128),
  }),
  run: setResellerUserStatus,
};
