import { loadConfig, type Config } from '../config';
import { startServer } from '../server';
import { parse, positiveInt, type Io } from './io';

/** Serves every door until SIGTERM or SIGINT, then drains and resolves to exit code 0. */
export async function serve(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } });
  const overrides: Partial<Config> = {};
  if (values.demo) overrides.demo = true;
  if (values.port !== undefined) overrides.port = positiveInt(values.port, '--port');
  if (values.host !== undefined) overrides.host = values.host;
  const config = loadConfig(process.env, overrides);
  // Signal handlers before anything else: a supervisor may signal as soon as it sees the
  // listening line, and a signal that finds no handler kills the process without a drain.
  let stop: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const server = await startServer(config);
  if (config.demo) io.err('WARNING: demo mode. The demo passwords, ticket, keys and tokens are public. Never use it for real accounts.');
  io.err(`statusbridge listening on ${server.url}`);
  const signal = await stopped;
  server.logger.info({ signal }, 'shutting down');
  await server.close();
  return 0;
}
