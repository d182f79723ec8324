import type { Config } from '../config';
import { parse, UsageError, type Io } from './io';
import { withEngine } from './withEngine';

/** SCIM bearer tokens for identity providers: `scim token create|list|revoke`. */
export async function scimCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [noun, verb, ...rest] = args;
  if (noun !== 'token') throw new UsageError(`unknown scim command '${noun ?? ''}'`);
  const { values, positionals } = parse(rest, { user: { type: 'string' }, directory: { type: 'string' } });
  if (verb === 'create') {
    if (!values.user) throw new UsageError('scim token create needs --user <administrator>');
    return withEngine(config, io, async (engine) => {
      const { token, secret } = await engine.createProvisioningToken({
        userName: values.user as string,
        directoryId: values.directory as string | undefined,
      });
      io.out(
        values.json
          ? JSON.stringify({ id: token.id, token: secret, userId: token.userId, directoryId: token.directoryId })
          : `Token id: ${token.id}\nBearer token: ${secret}\nDirectory: ${token.directoryId}`,
      );
      io.err('The token is shown once and stored only as its hash: keep it now.');
      return 0;
    });
  }
  if (verb === 'list') {
    return withEngine(config, io, async (engine) => {
      const tokens = (await engine.listProvisioningTokens()).map(({ hash: _h, ...t }) => t);
      if (values.json) io.out(JSON.stringify(tokens));
      else tokens.forEach((t) => io.out(`${t.id}\t${t.userId}\t${t.directoryId}\t${t.revokedAt ? 'revoked' : 'active'}`));
      return 0;
    });
  }
  if (verb === 'revoke') {
    if (positionals.length !== 1) throw new UsageError('scim token revoke takes exactly one token id');
    return withEngine(config, io, async (engine) => {
      await engine.revokeProvisioningToken(positionals[0]);
      io.out(`revoked ${positionals[0]}`);
      return 0;
    });
  }
  throw new UsageError(`unknown scim token command '${verb ?? ''}'`);
}
