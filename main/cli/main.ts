import { Command } from 'commander';
import { join } from 'node:path';

import { configureLogging } from '../log/logger';
import { ConnectorService } from '../service/connector-service';
import {
  applyCommand,
  integrationListCommand,
} from './commands/config-commands';
import { demoCommand, type DemoOptions } from './commands/demo-command';
import { serveCommand } from './commands/serve-command';
import {
  deliveriesCommand,
  healthCommand,
  syncCommand,
  testTicketCommand,
} from './commands/sync-commands';
import { defaultDataDir, extractDataDir } from './data-dir';
import { reportFailure } from './output';

type JsonOption = { json?: boolean };

/**
 * Runs `action` with a service on the data folder, turning any failure into
 * a one-line reason on standard error and exit status 1.
 */
function withService<T extends JsonOption>(
  dataDir: string,
  action: (service: ConnectorService, options: T) => Promise<void> | void,
) {
  return async (options: T) => {
    let service: ConnectorService | undefined;
    try {
      configureLogging({
        file: join(dataDir, 'logs', 'connector.log'),
        level: 'info',
      });
      service = ConnectorService.open({ dataDir });
      await action(service, options);
    } catch (error) {
      process.exitCode = reportFailure(error, options.json === true);
    } finally {
      service?.close();
    }
  };
}

function buildProgram(dataDirOption: string | undefined): Command {
  const dataDir = dataDirOption ?? defaultDataDir();
  const program = new Command('dwid-bms')
    .description(
      'Turns Dark Web ID compromises into Kaseya BMS service tickets.',
    )
    .option(
      '--data-dir <dir>',
      `data folder with the database and logs (default: ${defaultDataDir()})`,
    )
    .showHelpAfterError();

  program
    .command('apply <file>')
    .description(
      'create or update the Dark Web ID connection and integrations from a JSON file',
    )
    .option(
      '--password-stdin',
      'read passwords from standard input, one per line, for entries without passwordEnv (source first, then integrations in file order)',
    )
    .option('--json', 'print machine-readable JSON')
    .action((file: string, options: JsonOption & { passwordStdin?: boolean }) =>
      withService(dataDir, (service, opts: typeof options) =>
        applyCommand(service, file, opts),
      )(options),
    );

  program
    .command('integration')
    .description('inspect integrations')
    .command('list')
    .description('list integrations with health and linked organizations')
    .option('--json', 'print machine-readable JSON')
    .action(withService(dataDir, integrationListCommand));

  program
    .command('sync')
    .description('pull compromises and create tickets')
    .option(
      '--once',
      'run one sync and exit (the default unless --interval is given)',
    )
    .option(
      '--interval <minutes>',
      'keep running, one sync every this many minutes',
    )
    .option('--json', 'print machine-readable JSON')
    .action(withService(dataDir, syncCommand));

  program
    .command('test-ticket')
    .description(
      'create one ticket from built-in sample data in the Catchall Account',
    )
    .requiredOption('--integration <name>', 'integration to use')
    .option('--json', 'print machine-readable JSON')
    .action(withService(dataDir, testTicketCommand));

  program
    .command('deliveries')
    .description(
      'list the delivery ledger: one row per compromise and integration',
    )
    .option('--integration <name>', 'only this integration')
    .option(
      '--state <state>',
      'only rows in this state: pending, sending, sent or skipped',
    )
    .option('--limit <n>', 'at most this many rows (newest first)')
    .option('--json', 'print machine-readable JSON')
    .action(withService(dataDir, deliveriesCommand));

  program
    .command('health')
    .description("show each integration's health and recent errors")
    .option('--json', 'print machine-readable JSON')
    .action(withService(dataDir, healthCommand));

  program
    .command('serve')
    .description(
      "serve the technician's window and its API on 127.0.0.1 for a browser",
    )
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: a free port)')
    .option('--json', 'print the URL and token as JSON')
    .action(withService(dataDir, serveCommand));

  program
    .command('demo')
    .description(
      'run a sync against seeded emulators on 127.0.0.1 (no account needed)',
    )
    .option('--compromises <n>', 'compromises to seed', '1200')
    .option('--organizations <n>', 'organizations to seed', '30')
    .option('--seed <n>', 'seed of the generated data', '42')
    .option(
      '--serve',
      "keep the emulators running and serve the technician's window",
    )
    .option('--port <n>', 'TCP port for --serve (default: a free port)')
    .option('--json', 'print machine-readable JSON')
    .action(async (options: DemoOptions) => {
      try {
        await demoCommand(dataDirOption, options);
      } catch (error) {
        process.exitCode = reportFailure(error, options.json === true);
      }
    });

  program.addHelpText('after', () => describeCommands(program));
  return program;
}

/**
 * Lists every command with its options under the main help, so one
 * `--help` shows the whole tool.
 */
function describeCommands(program: Command): string {
  const lines = ['', 'Commands and their options:'];
  const visit = (command: Command, prefix: string) => {
    const name = `${prefix}${command.name()}`;
    if (command.commands.length > 0) {
      for (const sub of command.commands) visit(sub, `${name} `);
      return;
    }
    const args = command.registeredArguments
      .map(arg => (arg.required ? `<${arg.name()}>` : `[${arg.name()}]`))
      .join(' ');
    lines.push(`  ${name}${args === '' ? '' : ` ${args}`}`);
    for (const option of command.options) {
      lines.push(`      ${option.flags.padEnd(24)} ${option.description}`);
    }
  };
  for (const command of program.commands) visit(command, '');
  lines.push('  (every command) --data-dir <dir>, before or after the command');
  return lines.join('\n');
}

const { dataDir, rest } = extractDataDir(process.argv.slice(2));
await buildProgram(dataDir).parseAsync(rest, { from: 'user' });
