import './threadPool';
import { ConfigError, loadConfig } from './config';
import { isEngineError } from './engine';
import { auditCommand } from './cli/auditCommand';
import { appCommand, keyCommand } from './cli/credentialCommands';
import { directoryCommand } from './cli/directoryCommands';
import { defaultIo, UsageError, USAGE, type Io } from './cli/io';
import { scimCommand } from './cli/scimCommands';
import { migrate } from './cli/migrate';
import { serve } from './cli/serve';
import { userCommand } from './cli/userCommands';

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const config = loadConfig();
    switch (command) {
      case 'migrate':
        return await migrate(config, io);
      case 'user':
        return await userCommand(rest, config, io);
      case 'directory':
        return await directoryCommand(rest, config, io);
      case 'key':
        return await keyCommand(rest, config, io);
      case 'app':
        return await appCommand(rest, config, io);
      case 'audit':
        return await auditCommand(rest, config, io);
      case 'scim':
        return await scimCommand(rest, config, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`statusbridge: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.err(`statusbridge: ${err.message}`);
      return 78;
    }
    if (isEngineError(err)) {
      io.err(`statusbridge: ${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`statusbridge: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
