import type { Config } from '../config';
import type { User } from '../engine';
import { parse, UsageError, type Io } from './io';
import { withEngine } from './withEngine';

function userLine(user: User): string {
  const flags = [user.isAdmin ? 'admin' : '', user.hosted ? 'hosted' : ''].filter(Boolean).join(',');
  return [user.userName, user.id, user.status, user.directoryId, user.thirdPartyId ?? '-', user.ownerId ?? '-', flags || '-'].join('\t');
}

function publicUser(user: User): Omit<User, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

export async function userCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    const { values, positionals } = parse(rest, {
      admin: { type: 'boolean' },
      password: { type: 'string' },
      directory: { type: 'string' },
      'third-party-id': { type: 'string' },
      'owner-id': { type: 'string' },
      id: { type: 'string' },
      'display-name': { type: 'string' },
      email: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('user add takes exactly one user name');
    return withEngine(config, io, async (engine) => {
      const directoryId = values.directory ?? (await engine.listDirectories())[0]?.id;
      if (!directoryId) throw new UsageError('no directory exists: add one with directory add');
      const user = await engine.addUser({
        userName: positionals[0],
        directoryId,
        password: values.password,
        isAdmin: values.admin ?? false,
        id: values.id,
        thirdPartyId: values['third-party-id'] ?? null,
        ownerId: values['owner-id'] ?? null,
        displayName: values['display-name'],
        email: values.email,
      });
      io.out(values.json ? JSON.stringify(publicUser(user)) : userLine(user));
      return 0;
    });
  }
  if (verb === 'list') {
    const { values } = parse(rest, { directory: { type: 'string' } });
    return withEngine(config, io, async (engine) => {
      const users = await engine.listUsers(values.directory);
      if (values.json) io.out(JSON.stringify(users.map(publicUser)));
      else users.forEach((u) => io.out(userLine(u)));
      return 0;
    });
  }
  if (verb === 'show') {
    const { values, positionals } = parse(rest, {});
    if (positionals.length !== 1) throw new UsageError('user show takes exactly one user name');
    return withEngine(config, io, async (engine) => {
      const user = await engine.findUser({ by: 'userName', value: positionals[0] });
      if (!user) {
        io.err(`statusbridge: user not found: ${positionals[0]}`);
        return 3;
      }
      io.out(values.json ? JSON.stringify(publicUser(user)) : JSON.stringify(publicUser(user), null, 2));
      return 0;
    });
  }
  throw new UsageError(`unknown user command '${verb ?? ''}'`);
}
