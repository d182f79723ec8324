import type { Config } from '../config';
import { parse, positiveInt, UsageError, type Io } from './io';
import { withEngine } from './withEngine';

export async function auditCommand(args: string[], config: Config, io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    user: { type: 'string' },
    door: { type: 'string' },
    'request-id': { type: 'string' },
    limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`audit takes no positional arguments, got '${positionals[0]}'`);
  const limit = values.limit === undefined ? undefined : positiveInt(values.limit, '--limit');
  return withEngine(config, io, async (engine) => {
    const rows = await engine.listAudit({ target: values.user, door: values.door, requestId: values['request-id'], limit });
    if (values.json) io.out(JSON.stringify(rows));
    else
      rows.forEach((r) =>
        io.out(
          [
            new Date(r.at).toISOString(),
            r.requestId,
            r.door,
            r.caller,
            r.verb,
            r.target,
            `${r.before ?? '-'}->${r.after ?? '-'}`,
            r.outcome,
          ].join('\t'),
        ),
      );
    return 0;
  });
}
