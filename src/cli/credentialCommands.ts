import { readFileSync } from 'node:fs';
import type { Config } from '../config';
import type { AccessPolicy } from '../engine';
import { parse, UsageError, type Io } from './io';
import { withEngine } from './withEngine';

function readPolicy(file: string | undefined): AccessPolicy | null {
  if (!file) return null;
  let policy: Partial<AccessPolicy> | null;
  try {
    policy = JSON.parse(readFileSync(file, 'utf8')) as Partial<AccessPolicy> | null;
  } catch (err) {
    throw new UsageError(`cannot read the policy file ${file}: ${(err as Error).message}`);
  }
  const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!isList(policy?.actions) || !isList(policy?.resources)) {
    throw new UsageError('a policy file is {"actions": ["..."], "resources": ["..."]}');
  }
  return { actions: policy.actions, resources: policy.resources };
}

/** Alibaba access keys. */
export async function keyCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(rest, { user: { type: 'string' }, policy: { type: 'string' } });
  if (verb === 'create') {
    if (!values.user) throw new UsageError('key create needs --user <administrator>');
    const policy = readPolicy(values.policy);
    return withEngine(config, io, async (engine) => {
      const key = await engine.createAccessKey({ userName: values.user as string, policy });
      io.out(
        values.json
          ? JSON.stringify({ accessKeyId: key.id, accessKeySecret: key.secret })
          : `AccessKeyId: ${key.id}\nAccessKeySecret: ${key.secret}`,
      );
      io.err('The secret is shown once: keep it now.');
      return 0;
    });
  }
  if (verb === 'list') {
    return withEngine(config, io, async (engine) => {
      const keys = (await engine.listAccessKeys()).map(({ secret: _s, ...k }) => k);
      if (values.json) io.out(JSON.stringify(keys));
      else keys.forEach((k) => io.out(`${k.id}\t${k.userId}\t${k.revokedAt ? 'revoked' : 'active'}\t${k.policy ? 'policy' : 'no policy'}`));
      return 0;
    });
  }
  if (verb === 'revoke') {
    if (positionals.length !== 1) throw new UsageError('key revoke takes exactly one access key id');
    return withEngine(config, io, async (engine) => {
      await engine.revokeAccessKey(positionals[0]);
      io.out(`revoked ${positionals[0]}`);
      return 0;
    });
  }
  throw new UsageError(`unknown key command '${verb ?? ''}'`);
}

/** Huawei app ids and app keys. */
export async function appCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(rest, { user: { type: 'string' } });
  if (verb === 'create') {
    if (!values.user) throw new UsageError('app create needs --user <administrator>');
    return withEngine(config, io, async (engine) => {
      const app = await engine.createHuaweiApp({ userName: values.user as string });
      io.out(values.json ? JSON.stringify({ appId: app.appId, appKey: app.appKey }) : `AppId: ${app.appId}\nAppKey: ${app.appKey}`);
      io.err('The app key is shown once: keep it now.');
      return 0;
    });
  }
  if (verb === 'list') {
    return withEngine(config, io, async (engine) => {
      const apps = (await engine.listHuaweiApps()).map(({ appKey: _k, ...a }) => a);
      if (values.json) io.out(JSON.stringify(apps));
      else apps.forEach((a) => io.out(`${a.appId}\t${a.userId}\t${a.revokedAt ? 'revoked' : 'active'}`));
      return 0;
    });
  }
  if (verb === 'revoke') {
    if (positionals.length !== 1) throw new UsageError('app revoke takes exactly one app id');
    return withEngine(config, io, async (engine) => {
      await engine.revokeHuaweiApp(positionals[0]);
      io.out(`revoked ${positionals[0]}`);
      return 0;
    });
  }
  throw new UsageError(`unknown app command '${verb ?? ''}'`);
}
