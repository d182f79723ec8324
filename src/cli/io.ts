import { parseArgs } from 'node:util';

export const USAGE = `usage: statusbridge <command> [options]

  serve [--demo] [--port N] [--host H]     serve every door (SQLite at STATUSBRIDGE_DB unless DATABASE_URL)
  migrate                                  apply schema migrations and exit
  user add <name> [--admin] [--password P] [--directory D] [--third-party-id T] [--owner-id O]
                  [--id U] [--display-name N] [--email E]
  user list [--directory D] [--json]
  user show <name> [--json]
  directory add <name> [--id D] [--seats N]
  directory list [--json]
  directory set-seats <id> <N|unlimited>
  key create --user <admin> [--policy FILE]   Alibaba access key; the secret is shown once
  key list [--json]
  key revoke <id>
  app create --user <admin>                   Huawei app id and app key
  app list [--json]
  app revoke <appId>
  audit [--user NAME] [--door DOOR] [--request-id ID] [--limit N] [--json]
  scim token create --user <admin> [--directory D] [--json]   SCIM bearer token; shown once
  scim token list [--json]
  scim token revoke <id>
`;

/** A command line that cannot run as written: exit 2 with the usage text. */
export class UsageError extends Error {}

/** What every command prints: one line at a time to each stream. */
export type Out = (line: string) => void;

export interface Io {
  out: Out;
  err: Out;
}

export const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

type Options = Record<string, { type: 'string' | 'boolean' }>;

export function parse<O extends Options>(args: string[], options: O) {
  try {
    const all = { json: { type: 'boolean' as const }, ...options };
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function positiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a whole number, got '${text}'`);
  return Number(text);
}
