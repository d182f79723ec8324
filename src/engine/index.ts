export { createEngine, type Engine, type EngineOptions } from './engine';
export type { DoorEngine } from './doorEngine';
export type { AdminEngine } from './adminEngine';
export * from './errors';
export type * from './model';
export type {
  Store,
  StoreTx,
  LockOptions,
  StatusUpdate,
  BatchAccountKind,
  BatchAuditCommon,
  BatchDirectoryCount,
  BatchListedUser,
  BatchLoaded,
} from './storePort';
export type { CallerCredential, ClaimedCaller, PolicyCheck } from './callers';
export type { ChangeStatusCommand, StatusChangeResult } from './changeStatus';
export type { ChangeStatusBatchCommand, BatchChangeResult } from './changeStatusBatch';
export type { SetHostedCommand } from './setHosted';
export type { RequestMeta, ChangeRequest } from './attempt';
export type { NonceClaim } from './nonces';
export type { DoorRefusal } from './doorRefusal';
export type { EngineSettings, Clock } from './context';
export type { NewUser } from './users';
export { safeEqual, sha256Hex } from './secrets';
export type { SessionRequest, IssuedSessions, IssueOptions } from './sessions';
export type { CreateUserCommand } from './createUser';
export type { DeleteUserCommand } from './deleteUser';
export type { PatchUserCommand, UserChangeResult } from './patchUser';
export type { ReplaceUserCommand } from './replaceUser';
export type { UserChanges } from './userChanges';
export type { IssuedProvisioningToken } from './provisioningTokens';
