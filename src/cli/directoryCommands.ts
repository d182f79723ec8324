import type { Config } from '../config';
import { parse, positiveInt, UsageError, type Io } from './io';
import { withEngine } from './withEngine';

export async function directoryCommand(args: string[], config: Config, io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    const { values, positionals } = parse(rest, { id: { type: 'string' }, seats: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('directory add takes exactly one name');
    const seatLimit = values.seats === undefined ? null : positiveInt(values.seats, '--seats');
    return withEngine(config, io, async (engine) => {
      const d = await engine.addDirectory({ id: values.id, name: positionals[0], seatLimit });
      io.out(values.json ? JSON.stringify(d) : `${d.id}\t${d.name}\t${d.seatLimit ?? 'unlimited'}`);
      return 0;
    });
  }
  if (verb === 'list') {
    const { values } = parse(rest, {});
    return withEngine(config, io, async (engine) => {
      const list = await engine.listDirectories();
      if (values.json) io.out(JSON.stringify(list));
      else list.forEach((d) => io.out(`${d.id}\t${d.name}\t${d.seatLimit ?? 'unlimited'}`));
      return 0;
    });
  }
  if (verb === 'set-seats') {
    const { positionals } = parse(rest, {});
    if (positionals.length !== 2) throw new UsageError('directory set-seats takes a directory id and a number (or unlimited)');
    const seatLimit = positionals[1] === 'unlimited' ? null : positiveInt(positionals[1], 'the seat limit');
    return withEngine(config, io, async (engine) => {
      await engine.setSeatLimit(positionals[0], seatLimit);
      io.out(`${positionals[0]}\t${seatLimit ?? 'unlimited'}`);
      return 0;
    });
  }
  throw new UsageError(`unknown directory command '${verb ?? ''}'`);
}
