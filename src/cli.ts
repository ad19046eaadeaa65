import { Command, CommanderError, Option } from 'commander';
import { ExitError, QianyiError } from './errors.js';
import { VERSION } from './version.js';

/**
 * Parses argv and runs one command. The exit code is decided here, once: 0 success, 1 `check` found work
 * pending, 2 usage or runtime error. Command modules (and ts-morph with them) load only when a command runs,
 * so `--help` and `--version` stay fast.
 */
const program = new Command('qianyi')
  .description('Move a JS/TS codebase off the OpenAI API and onto a Chinese LLM provider.')
  .version(VERSION, '-v, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

program
  .command('scan')
  .description('find every OpenAI usage site (imports, clients, calls, models, env vars) and report it')
  .argument('[paths...]', 'files or directories to scan', ['.'])
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json', 'sarif', 'markdown']).default('pretty'))
  .option('-o, --output <file>', 'write the report to a file instead of stdout')
  .option('--include <glob>', 'only scan files matching this glob (repeatable; relative to the scanned folder)', collect)
  .option('--exclude <glob>', 'skip files and folders matching this glob (repeatable)', collect)
  .option('--no-progress', 'do not show a spinner on stderr')
  .option('--performance', 'print phase timings and peak memory to stderr')
  .action(async (paths: string[], options) => {
    const { scanCommand } = await import('./commands/scan.js');
    process.exitCode = await scanCommand(paths, options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0; commander has printed any message already.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof QianyiError) {
    process.stderr.write(`qianyi: ${error.message}\n`);
    if (error.hint) process.stderr.write(`${error.hint}\n`);
    return error.exitCode;
  }
  const debug = process.argv.includes('--debug') || process.env.QIANYI_DEBUG;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`qianyi: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('This is a bug in qianyi. Run again with QIANYI_DEBUG=1 for the stack trace, and report it.\n');
  return 2;
}
