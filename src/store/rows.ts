import type { AccessKey, AuditEntry, Directory, HuaweiApp, ProvisioningToken, Session, User } from '../engine';
import type { Dialect } from './dialect';
import { rowCodec, type RowCodec } from './rowCodec';
import { ACCESS_KEYS, AUDIT, DIRECTORIES, HUAWEI_APPS, PROVISIONING_TOKENS, SESSIONS, USERS } from './schema';

/** Every modelled table's codec on one dialect. */
export interface TableCodecs {
  directories: RowCodec<Directory>;
  users: RowCodec<User>;
  sessions: RowCodec<Session>;
  accessKeys: RowCodec<AccessKey>;
  apps: RowCodec<HuaweiApp>;
  audit: RowCodec<AuditEntry>;
  tokens: RowCodec<ProvisioningToken>;
}

/** Built once per dialect, when its adapter loads. */
export const tableCodecs = (dialect: Dialect): TableCodecs => ({
  directories: rowCodec(DIRECTORIES, dialect),
  users: rowCodec(USERS, dialect),
  sessions: rowCodec(SESSIONS, dialect),
  accessKeys: rowCodec(ACCESS_KEYS, dialect),
  apps: rowCodec(HUAWEI_APPS, dialect),
  audit: rowCodec(AUDIT, dialect),
  tokens: rowCodec(PROVISIONING_TOKENS, dialect),
});
