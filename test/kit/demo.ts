import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface DemoFile {
  directories: { id: string; name: string; seatLimit: number | null }[];
  users: {
    userName: string;
    id: string;
    directoryId: string;
    password: string;
    isAdmin?: boolean;
    ownerId?: string;
    thirdPartyId?: string;
  }[];
  tickets: { userName: string; ticket: string }[];
  accessKeys: { userName: string; id: string; secret: string }[];
  huaweiApps: { userName: string; appId: string; appKey: string }[];
  huaweiTokens: { userName: string; token: string; clientType: number }[];
}

export const DEMO_FILE = join(__dirname, '..', '..', 'fixtures', 'demo.json');

const file = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoFile;

function user(userName: string) {
  const found = file.users.find((u) => u.userName === userName);
  if (!found) throw new Error(`fixtures/demo.json lost its user ${userName}`);
  return {
    userName: found.userName,
    id: found.id,
    password: found.password,
    ownerId: found.ownerId ?? null,
    thirdPartyId: found.thirdPartyId ?? null,
  };
}

/**
 * What demo mode loads (fixtures/demo.json), read from the file the server loads, so a test
 * names a demo identity by its role and never by its literal value.
 */
export const DEMO = {
  directory: file.directories[0],
  admin: user('admin'),
  jdoe: user('jdoe'),
  test010: user('test010'),
  /** The administrator's never-expiring asmx ticket. */
  ticket: file.tickets[0].ticket,
  /** The administrator's Alibaba access key, in the shape the Alibaba SDKs take it. */
  accessKey: { accessKeyId: file.accessKeys[0].id, accessKeySecret: file.accessKeys[0].secret },
  huaweiApp: { appId: file.huaweiApps[0].appId, appKey: file.huaweiApps[0].appKey },
  /** The administrator's never-expiring Huawei access token. */
  huaweiToken: file.huaweiTokens[0].token,
} as const;

/** Every demo user's password by user name. */
export const DEMO_PASSWORDS: Readonly<Record<string, string>> = Object.fromEntries(file.users.map((u) => [u.userName, u.password]));
