export { Engine } from './engine';
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
export type { CallerCredential, PolicyCheck } from './callers';
export type { ChangeStatusCommand, StatusChangeResult } from './changeStatus';
export type { ChangeStatusBatchCommand, BatchChangeResult } from './changeStatusBatch';
export type { SetHostedCommand } from './setHosted';
export type { NonceClaim, RequestMeta, RefusalRow } from './attempt';
export type { EngineSettings, Clock } from './context';
export { safeEqual, sha256Hex } from './secrets';
export type { SessionRequest, IssuedSessions } from './appLogon';
export type { IssueOptions } from './sessions';
