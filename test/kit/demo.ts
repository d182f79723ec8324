import { readFileSync } from 'node:fs';
import { DEMO_FIXTURE_PATH, type DemoFixture } from '../../src/bootstrap';

/** The file demo mode loads. */
export const DEMO_FILE = DEMO_FIXTURE_PATH;

const file = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoFixture;

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
  /** The administrator's SCIM bearer token. */
  scimToken: file.scimTokens[0].token,
} as const;

/** Every demo user's password by user name. */
export const DEMO_PASSWORDS: Readonly<Record<string, string>> = Object.fromEntries(file.users.map((u) => [u.userName, u.password]));
