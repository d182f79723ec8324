import { invalidParameter, missingParameter } from './aliyunError';
import type { ReplyBody } from './render';
import { paramOf, userPolicy, type ActionContext, type AliyunAction } from './actionContext';

const RAM_ACTION = 'cloudsso:UpdateUserStatus';

const NEW_STATUS = { Enabled: 'enabled', Disabled: 'disabled' } as const;

function requireParam(params: ReadonlyMap<string, string>, name: string): string {
  const value = paramOf(params, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

async function updateUserStatus(ctx: ActionContext): Promise<ReplyBody> {
  const directoryId = requireParam(ctx.params, 'DirectoryId');
  const userId = requireParam(ctx.params, 'UserId');
  // The API reference marks NewStatus optional, but a status change without one changes nothing we could name.
  const newStatus = requireParam(ctx.params, 'NewStatus');
  if (!Object.hasOwn(NEW_STATUS, newStatus)) throw invalidParameter('NewStatus', 'it must be Enabled or Disabled.');
  await ctx.engine.changeStatus({
    requestId: ctx.requestId,
    door: 'aliyun-cloudsso',
    nonce: ctx.nonce,
    credential: { kind: 'access-key', keyId: ctx.keyId },
    verb: `UpdateUserStatus:${newStatus}`,
    target: { by: 'id', value: userId },
    directoryId,
    status: NEW_STATUS[newStatus as keyof typeof NEW_STATUS],
    reason: `aliyun:UpdateUserStatus:${newStatus}`,
    policy: userPolicy(ctx.config, RAM_ACTION, { directoryId, userId }),
  });
  return { RequestId: ctx.requestId };
}

export const UPDATE_USER_STATUS: AliyunAction = {
  name: 'UpdateUserStatus',
  version: '2021-05-15',
  door: 'aliyun-cloudsso',
  ramAction: RAM_ACTION,
  describe: (params) => ({
    verb: `UpdateUserStatus:${paramOf(params, 'NewStatus') ?? '-'}`.slice(0, 64),
    target: `id:${paramOf(params, 'UserId') ?? '-'}`.slice(0, 128),
  }),
  run: updateUserStatus,
};
