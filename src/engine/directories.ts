import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { Directory } from './model';
import { randomId } from './secrets';

const DIRECTORY_ID = /^d-[a-z0-9]{12}$/;

export async function addDirectory(ctx: EngineContext, input: { id?: string; name: string; seatLimit: number | null }): Promise<Directory> {
  const id = input.id ?? randomId('d-', 12);
  if (!DIRECTORY_ID.test(id)) throw new EngineError('INVALID_ARGUMENT', 'A directory id is d- and 12 lower-case letters or digits');
  if (input.seatLimit !== null && (!Number.isInteger(input.seatLimit) || input.seatLimit < 0)) {
    throw new EngineError('INVALID_ARGUMENT', 'A seat limit is a whole number of 0 or more');
  }
  const directory: Directory = { id, name: input.name, seatLimit: input.seatLimit, createdAt: ctx.clock() };
  return ctx.store.withTransaction(async (tx) => {
    if (await tx.directories.get(id)) throw new EngineError('DIRECTORY_EXISTS');
    await tx.directories.insert(directory);
    return directory;
  });
}

export async function setSeatLimit(ctx: EngineContext, id: string, seatLimit: number | null): Promise<void> {
  if (seatLimit !== null && (!Number.isInteger(seatLimit) || seatLimit < 0)) {
    throw new EngineError('INVALID_ARGUMENT', 'A seat limit is a whole number of 0 or more');
  }
  const found = await ctx.store.withTransaction((tx) => tx.directories.setSeatLimit(id, seatLimit));
  if (!found) throw new EngineError('DIRECTORY_NOT_FOUND');
}

export function listDirectories(ctx: EngineContext): Promise<Directory[]> {
  return ctx.store.withTransaction((tx) => tx.directories.list());
}

/** A database with no directory is new: the first start fills it. */
export async function isEmpty(ctx: EngineContext): Promise<boolean> {
  return (await listDirectories(ctx)).length === 0;
}
