import path from 'node:path';
import { UsageError } from '../errors.js';
import { rootOf } from '../collect/discover.js';
import { apply } from '../migrate/apply.js';
import { firstDirtyPath, someOutsideGit } from '../migrate/git.js';
import { Journal, journalRootFor } from '../migrate/journal.js';
import { plan, resultOf, type MigrateResult, type MigrationPlan } from '../migrate/migrate.js';
import { analyze } from '../scan/scan.js';
import { allTemplates, checkRegion, chooseTemplate, configRegion, loadConfig, parseModelOverrides, routeValues, scopeGlobs } from '../options.js';
import { parseRoutes, routeFlag, type Route } from '../policy/route.js';
import { findJournal } from '../migrate/journal.js';
import { writeErr, writeOut } from '../redact/output.js';
import { migrationJson, migrationPretty, type MigrationView } from '../reporters/migration.js';
import { stalenessWarnings } from '../templates/catalog.js';
import type { Template } from '../templates/schema.js';
import { useColor } from '../ui/color.js';
import { startProgress } from '../ui/progress.js';

export interface MigrateCommandOptions {
  provider?: string;
  region?: string;
  model?: string[];
  /** `--route <capability>=<provider>` (repeatable). */
  route?: string[];
  template?: string[];
  config?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  format: string;
  include?: string[];
  exclude?: string[];
  progress: boolean;
  types: boolean;
  rewriteV3?: boolean;
}

export interface PreparedRun {
  template: Template;
  region: string;
  models: Record<string, string>;
  /** `--route`, the config's `routes`, or the routes of the last run recorded for this provider. */
  routes: Route[];
  include?: string[];
  exclude?: string[];
  /** The folder include/exclude are relative to, when they come from the config file. */
  globBase?: string;
  types: boolean;
  templates: Template[];
  /** `--rewrite-v3`: openai 3.x code rewritten to the current client instead of re-pointed. */
  rewriteV3?: boolean;
}

/** Flags and config file → the provider template and options a migration runs with. */
export async function prepare(paths: string[], options: MigrateCommandOptions, command: 'migrate' | 'check'): Promise<PreparedRun | { templates: Template[]; missing: true }> {
  const start = path.resolve(paths[0] ?? '.');
  const loaded = loadConfig(start, options.config);
  const templates = await allTemplates(options.template ?? [], loaded);
  const template = chooseTemplate(options.provider, loaded.config, templates);
  if (!template) return { templates, missing: true };
  if (!options.provider && command === 'check' && !loaded.config.provider) {
    throw new UsageError('check needs a provider: pass --provider <id>');
  }
  const models = parseModelOverrides(options.model, loaded.config);
  const routes = parseRoutes(routeValues(options.route, loaded, template, templates, () => recordedRoutes(start, template.id)), template, templates);
  // Stale facts and retired or ending models, once per run of migrate and check (stderr).
  for (const line of stalenessWarnings([template], { overrides: models })) writeErr(`${line}\n`);
  return {
    template,
    region: checkRegion(template, options.region ?? configRegion(loaded, template, templates)),
    models,
    routes,
    ...scopeGlobs(options, loaded),
    types: options.types !== false,
    templates,
    ...(options.rewriteV3 ? { rewriteV3: true } : {}),
  };
}

/** The routes of the last applied run for this provider, named on stderr when they apply. */
function recordedRoutes(start: string, provider: string): string[] {
  const last = findJournal(start)?.runs().filter((r) => r.status === 'applied').pop();
  if (!last || last.provider !== provider || !last.routes?.length) return [];
  const values = last.routes.map(routeFlag);
  writeErr(`qianyi: routes of run ${last.id}: ${values.map((v) => `--route ${v}`).join(' ')}\n`);
  return values;
}

/** Scans once and plans once: the value the preview shows and `apply` writes. */
export async function planRun(paths: string[], run: PreparedRun, progressOn: boolean): Promise<MigrationPlan> {
  const progress = await startProgress(`Scanning for OpenAI usage…`, { enabled: progressOn });
  try {
    const analysis = await analyze({ paths, cwd: process.cwd(), include: run.include, exclude: run.exclude, globBase: run.globBase, types: run.types });
    return plan(analysis, { template: run.template, region: run.region, models: run.models, routes: run.routes, ...(run.rewriteV3 ? { rewriteV3: true } : {}) });
  } finally {
    progress.stop();
  }
}

export async function runMigration(paths: string[], run: PreparedRun, write: boolean, progressOn: boolean): Promise<MigrateResult> {
  const planned = await planRun(paths, run, progressOn);
  return resultOf(planned, write ? apply(planned, { onRecovered: warn }) : undefined);
}

/**
 * Takes the writer's lock on the repository before anything is read (rolling back a run a killed process
 * left half done, so the tree is checked and planned as it was), then checks the git tree of each path.
 */
export function lockAndCheck(paths: string[], force: boolean | undefined): Journal | undefined {
  const cwd = process.cwd();
  const root = rootOf(paths, cwd);
  if (root === null) return undefined; // the scan names the missing path
  const { journal, recovered } = Journal.lock(journalRootFor(root));
  recovered.forEach(warn);
  try {
    const dirty = firstDirtyPath(paths, cwd);
    if (dirty && !force) {
      const where = paths.length > 1 ? ` of ${dirty.path}` : '';
      throw new UsageError(
        `the git working tree${where} has uncommitted changes (${dirty.files.length} file${dirty.files.length === 1 ? '' : 's'}, e.g. ${dirty.files[0]})`,
        'commit or stash them first so the migration can be reviewed and undone with git, or pass --force (or use --dry-run)',
      );
    }
  } catch (error) {
    journal.release();
    throw error;
  }
  return journal;
}

export function warn(message: string): void {
  writeErr(`qianyi: ${message}\n`);
}

/** `qianyi migrate [paths...]`: returns the exit code. */
export async function migrateCommand(paths: string[], options: MigrateCommandOptions): Promise<number> {
  const format = options.format;
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`migrate prints pretty or json, not "${format}"`);
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !process.env.CI;
  const prepared = await prepare(paths, options, 'migrate');
  if ('missing' in prepared) {
    if (interactive && !options.yes && format === 'pretty') {
      const { runWizard } = await import('../ui/wizard.js');
      return runWizard(paths, options, prepared.templates);
    }
    throw new UsageError('no provider chosen', `pass --provider <id> (one of: ${prepared.templates.map((t) => t.id).join(', ')}), or run qianyi migrate in a terminal for the wizard`);
  }
  const dryRun = options.dryRun === true;
  const progressOn = options.progress && format === 'pretty';
  const journal = dryRun ? undefined : lockAndCheck(paths, options.force);
  try {
    if (!dryRun) {
      if (someOutsideGit(paths, process.cwd()) && !options.force) {
        writeErr('qianyi: warning: not a git repository, so the changes cannot be undone with git (qianyi undo can)\n');
      }
      if (!options.yes && !interactive) {
        throw new UsageError('migrate writes files: pass --yes to apply without a prompt, or --dry-run to preview');
      }
    }
    const planned = await planRun(paths, prepared, progressOn);
    if (!dryRun && !options.yes) {
      // The preview is the plan that gets written: nothing is scanned or planned again after the answer.
      const preview = resultOf(planned);
      writeOut(migrationPretty({ result: preview, template: prepared.template, dryRun: true, command: 'migrate' }, useColor(process.stdout)));
      if (preview.summary.changed === 0) return 0;
      const { confirmWrite } = await import('../ui/prompts.js');
      if (!(await confirmWrite(preview.summary.changed))) {
        writeErr('qianyi: nothing was written\n');
        return 0;
      }
    }
    const result = resultOf(planned, dryRun ? undefined : apply(planned, { journal }));
    const view: MigrationView = { result, template: prepared.template, dryRun, command: 'migrate', paths, models: prepared.models };
    writeOut(format === 'json' ? migrationJson(view) : migrationPretty(view, useColor(process.stdout)));
    if (result.run && format === 'pretty') writeOut(`\nRecorded as run ${result.run.id}: qianyi undo puts every file back as it was.\n`);
    return result.summary.errors > 0 ? 2 : 0;
  } finally {
    journal?.release();
  }
}
