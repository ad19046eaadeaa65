import { Command, CommanderError, Option } from 'commander';
import { ExitError, QianyiError } from './errors.js';
import { VERSION } from './version.js';
import { writeErr } from './redact/output.js';

/**
 * Parses argv and runs one command. The exit code is decided here, once: 0 success, 1 `check` found work
 * pending, 2 usage or runtime error. Command modules (and ts-morph with them) load only when a command runs,
 * so `--help` and `--version` stay fast.
 */
// The commands that scan start their file-collecting threads now, so that Node boots them while this thread
// loads the command's modules and reads the config (collect/collect-async.ts `prestartCollectors`).
const [commandName, ...commandArgs] = process.argv.slice(2);
if (['scan', 'check', 'migrate'].includes(commandName ?? '') && !commandArgs.some((a) => a === '-h' || a === '--help')) {
  import('./collect/collect-async.js').then((m) => m.prestartCollectors(), () => {});
}

const program = new Command('qianyi')
  .description('Move a JS/TS codebase off the OpenAI API and onto a Chinese LLM provider.')
  .version(VERSION, '-v, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ writeErr });

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
/** Every command's --help ends with two examples. */
const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

program
  .command('scan')
  .description('find every OpenAI usage site (imports, clients, calls, models, env vars) and report it')
  .argument('[paths...]', 'files or directories to scan', ['.'])
  .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension, else pretty)').choices(['pretty', 'json', 'sarif', 'markdown']))
  .option('-o, --output <file>', 'write the report to a file instead of stdout (.sarif, .json, .md choose the format)')
  .option('--root <dir>', 'make SARIF paths relative to this folder (default: the git top level)')
  .option('-p, --provider <id>', 'judge the code for one provider only (default: rank them all)')
  .option('--template <file>', 'add a provider template file, e.g. your own gateway (repeatable)', collect)
  .option('--config <file>', 'config file (default: qianyi.config.json or package.json "qianyi", found upwards to the git top level)')
  .option('--include <glob>', 'only scan files matching this glob (repeatable; relative to the scanned folder)', collect)
  .option('--exclude <glob>', 'skip files and folders matching this glob (repeatable)', collect)
  .option('--no-progress', 'do not show a spinner on stderr')
  .option('--no-cache', 'analyse every file again instead of reusing the results of unchanged files')
  .option('--no-types', 'do not ask the type checker about calls whose client syntax cannot trace (faster; they stay likely)')
  .option('--performance', 'print phase timings and peak memory to stderr')
  .addHelpText('after', examples('qianyi scan .', 'qianyi scan packages/api --provider zhipu -o qianyi-scan.sarif'))
  .action(async (paths: string[], options) => {
    const { scanCommand } = await import('./commands/scan.js');
    process.exitCode = await scanCommand(paths, options);
  });

/** Options shared by migrate and check. */
function migrationOptions(command: Command, verb: string): Command {
  return command
    .argument('[paths...]', `files or directories to ${verb}`, ['.'])
    .option('-p, --provider <id>', 'provider id or alias (see qianyi providers)')
    .option('--region <id>', "the provider's region, e.g. cn or intl (default: the template's)")
    .option('--model <from=to>', 'map an OpenAI model to a provider model, e.g. gpt-4o=glm-4.7 (repeatable)', collect)
    .option('--route <capability=provider>', "send one capability's calls to a second provider through a client of its own, e.g. embeddings=qwen (repeatable; capabilities: embeddings, images, image_edits, audio_transcription, audio_translation, audio_speech, moderations)", collect)
    .option('--template <file>', 'add a provider template file, e.g. your own gateway (repeatable)', collect)
    .option('--config <file>', 'config file (default: qianyi.config.json or package.json "qianyi", found upwards to the git top level)')
    .option('--include <glob>', 'only migrate files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files and folders matching this glob (repeatable)', collect)
    .option('--no-progress', 'do not show a spinner on stderr')
    .option('--no-types', 'do not ask the type checker about calls whose client syntax cannot trace (they stay likely: marked, not migrated)')
    .option('--rewrite-v3', 'rewrite openai 3.x code to the current client (new OpenAI, chat.completions.create, no .data) and bump openai in package.json, instead of re-pointing its Configuration');
}

migrationOptions(
  program
    .command('migrate')
    .description('rewrite the code for a provider: re-point clients, map models, adapt parameters, mark what needs manual work'),
  'migrate',
)
  .option('-y, --yes', 'apply without asking')
  .option('--dry-run', 'print the diff and write nothing')
  .option('--force', 'run even when the git working tree has uncommitted changes')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .addHelpText('after', examples('qianyi migrate', 'qianyi migrate . --provider deepseek --route embeddings=qwen --model gpt-4o=deepseek-flash --yes'))
  .action(async (paths: string[], options) => {
    await preloadCompiler();
    const { migrateCommand } = await import('./commands/migrate.js');
    process.exitCode = await migrateCommand(paths, options);
  });

migrationOptions(
  program
    .command('check')
    .description('CI gate: list each site still pending (talks to OpenAI, or an open TODO(qianyi)); exit 1 when any is'),
  'check',
)
  .addOption(new Option('-f, --format <format>', 'output format (default: from the -o extension, else pretty)').choices(['pretty', 'json', 'sarif', 'markdown']))
  .option('-o, --output <file>', 'write the report to a file and print only the verdict (.sarif, .json, .md choose the format)')
  .option('--diff', 'print the diff a migration would make (default: on a terminal)')
  .option('--no-diff', 'do not print the diff')
  .option('-q, --quiet', 'print only the verdict line')
  .option('--baseline <file>', 'accept the pending sites listed in this file: fail only on new ones')
  .option('--write-baseline <file>', "write today's pending sites to a baseline file (and exit 0)")
  .option('--root <dir>', 'make SARIF and annotation paths relative to this folder (default: the git top level)')
  .addHelpText('after', examples('qianyi check . --provider zhipu', 'qianyi check . --provider zhipu -o qianyi.sarif --baseline .qianyi-baseline.json'))
  .action(async (paths: string[], options) => {
    await preloadCompiler();
    const { checkCommand } = await import('./commands/check.js');
    process.exitCode = await checkCommand(paths, options);
  });

migrationOptions(
  program
    .command('verify')
    .description('live smoke test with your key: list the models, then one minimal request per endpoint/model/feature the code sends; exit 1 when any fails'),
  'verify',
)
  .option('--max-requests <n>', 'send at most this many requests, the models list included', '20')
  .option('--timeout <ms>', 'give up on a request after this many milliseconds', '20000')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .addHelpText('after', examples('qianyi verify . --provider deepseek', 'qianyi verify src --provider qwen --region intl --max-requests 5 --format json'))
  .action(async (paths: string[], options) => {
    await preloadCompiler();
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
  .addHelpText('after', examples('qianyi undo', 'qianyi undo --list --format json'))
  .action(async (target: string, options) => {
    const { undoCommand } = await import('./commands/undo.js');
    process.exitCode = await undoCommand(target, options);
  });

program
  .command('init')
  .description('write qianyi.config.json (provider, region, models) and a GitHub Actions workflow that runs check')
  .argument('[path]', 'the folder to migrate (the workflow goes to its git top level)', '.')
  .option('-p, --provider <id>', 'provider id or alias (see qianyi providers)')
  .option('--region <id>', "the provider's region, e.g. cn or intl (default: the template's)")
  .option('--model <from=to>', 'map an OpenAI model to a provider model (repeatable)', collect)
  .option('--template <file>', 'add a provider template file (repeatable)', collect)
  .option('--package <spec>', 'what the workflow installs with npm install -g (default: the packed tarball in .github/qianyi/)')
  .option('--force', 'overwrite an existing config or workflow')
  .addHelpText('after', examples('qianyi init --provider zhipu', 'qianyi init packages/api --provider qwen --region intl --model gpt-4o=qwen-max'))
  .action(async (target: string, options) => {
    const { initCommand } = await import('./commands/init.js');
    process.exitCode = await initCommand(target, options);
  });

program
  .command('providers')
  .description('list the provider templates and what each supports; `providers show <id>` for one in full')
  .argument('[action]', '"show" to print one provider in full')
  .argument('[id]', 'provider id or alias')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .option('--template <file>', 'add a provider template file (repeatable)', collect)
  .option('--config <file>', 'config file whose "templates" are added')
  .addHelpText('after', examples('qianyi providers', 'qianyi providers show zhipu --format json'))
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
    writeErr('qianyi: cancelled, nothing was written\n');
    return 130;
  }
  if (error instanceof QianyiError) {
    writeErr(`qianyi: ${error.message}\n`);
    if (error.hint) writeErr(`${error.hint}\n`);
    return error.exitCode;
  }
  const debug = process.argv.includes('--debug') || process.env.QIANYI_DEBUG;
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`qianyi: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) writeErr(`${error.stack}\n`);
  else writeErr('This is a bug in qianyi. Run again with QIANYI_DEBUG=1 for the stack trace, and report it.\n');
  return 2;
}

/** migrate and check import ts-morph with their modules: compile it from its code cache first. */
async function preloadCompiler(): Promise<void> {
  (await import('./analysis/typescript/compiler-cache.js')).preloadCompiler();
}
