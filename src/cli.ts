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
  .option('-p, --provider <id>', 'judge the code for one provider only (default: rank them all)')
  .option('--template <file>', 'add a provider template file, e.g. your own gateway (repeatable)', collect)
  .option('--config <file>', 'config file (default: qianyi.config.json or package.json "qianyi", found upwards)')
  .option('--include <glob>', 'only scan files matching this glob (repeatable; relative to the scanned folder)', collect)
  .option('--exclude <glob>', 'skip files and folders matching this glob (repeatable)', collect)
  .option('--no-progress', 'do not show a spinner on stderr')
  .option('--no-cache', 'analyse every file again instead of reusing the results of unchanged files')
  .option('--no-types', 'do not ask the type checker about calls whose client syntax cannot trace (faster; they stay likely)')
  .option('--performance', 'print phase timings and peak memory to stderr')
  .action(async (paths: string[], options) => {
    const { scanCommand } = await import('./commands/scan.js');
    process.exitCode = await scanCommand(paths, options);
  });

/** Options shared by migrate and check. */
function migrationOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'files or directories to migrate', ['.'])
    .option('-p, --provider <id>', 'provider id or alias (see qianyi providers)')
    .option('--region <id>', "the provider's region, e.g. cn or intl (default: the template's)")
    .option('--model <from=to>', 'map an OpenAI model to a provider model, e.g. gpt-4o=glm-4.7 (repeatable)', collect)
    .option('--template <file>', 'add a provider template file, e.g. your own gateway (repeatable)', collect)
    .option('--config <file>', 'config file (default: qianyi.config.json or package.json "qianyi", found upwards)')
    .option('--include <glob>', 'only migrate files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files and folders matching this glob (repeatable)', collect)
    .option('--no-progress', 'do not show a spinner on stderr')
    .option('--no-types', 'do not ask the type checker about calls whose client syntax cannot trace (they stay likely: marked, not migrated)');
}

migrationOptions(
  program
    .command('migrate')
    .description('rewrite the code for a provider: re-point clients, map models, adapt parameters, mark what needs manual work'),
)
  .option('-y, --yes', 'apply without asking')
  .option('--dry-run', 'print the diff and write nothing')
  .option('--force', 'run even when the git working tree has uncommitted changes')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .action(async (paths: string[], options) => {
    await preloadCompiler();
    const { migrateCommand } = await import('./commands/migrate.js');
    process.exitCode = await migrateCommand(paths, options);
  });

migrationOptions(
  program
    .command('check')
    .description('CI gate: print the diff a migration would make and the manual work left; exit 1 when anything is pending'),
)
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json', 'sarif']).default('pretty'))
  .action(async (paths: string[], options) => {
    await preloadCompiler();
    const { checkCommand } = await import('./commands/check.js');
    process.exitCode = await checkCommand(paths, options);
  });

migrationOptions(
  program
    .command('verify')
    .description('live smoke test with your key: list the models, then one minimal request per endpoint/model/feature the code sends; exit 1 when any fails'),
)
  .option('--max-requests <n>', 'send at most this many requests, the models list included', '20')
  .option('--timeout <ms>', 'give up on a request after this many milliseconds', '20000')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .action(async (paths: string[], options) => {
    const { verifyCommand } = await import('./commands/verify.js');
    process.exitCode = await verifyCommand(paths, options);
  });

program
  .command('undo')
  .description('restore the files the last `qianyi migrate` run changed, byte for byte; --list shows the recorded runs')
  .argument('[path]', 'the repository (or a folder in it) the run was made on', '.')
  .option('--list', 'list the recorded runs instead of undoing one')
  .option('--force', 'restore files even where they were changed after the run')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .action(async (target: string, options) => {
    const { undoCommand } = await import('./commands/undo.js');
    process.exitCode = await undoCommand(target, options);
  });

program
  .command('providers')
  .description('list the provider templates and what each supports; `providers show <id>` for one in full')
  .argument('[action]', '"show" to print one provider in full')
  .argument('[id]', 'provider id or alias')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .option('--template <file>', 'add a provider template file (repeatable)', collect)
  .option('--config <file>', 'config file whose "templates" are added')
  .action(async (action: string | undefined, id: string | undefined, options) => {
    const { providersCommand } = await import('./commands/providers.js');
    process.exitCode = await providersCommand(action, id, options);
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
  if (error instanceof Error && error.name === 'ExitPromptError') {
    // Ctrl-C at a prompt: nothing has been written at that point.
    process.stderr.write('qianyi: cancelled, nothing was written\n');
    return 130;
  }
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

/** migrate and check import ts-morph with their modules: compile it from its code cache first. */
async function preloadCompiler(): Promise<void> {
  (await import('./analysis/typescript/compiler-cache.js')).preloadCompiler();
}
