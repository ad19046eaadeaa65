import { UsageError } from '../errors.js';
import { githubAnnotations, migrationJson, migrationPretty, migrationSarif, type MigrationView } from '../reporters/migration.js';
import { useColor } from '../ui/color.js';
import { prepare, runMigration, type MigrateCommandOptions } from './migrate.js';

/** `qianyi check [paths...]`: 0 nothing to do, 1 work pending, 2 error. */
export async function checkCommand(paths: string[], options: MigrateCommandOptions): Promise<number> {
  const format = options.format;
  if (!['pretty', 'json', 'sarif'].includes(format)) throw new UsageError(`check prints pretty, json or sarif, not "${format}"`);
  const prepared = await prepare(paths, options, 'check');
  if ('missing' in prepared) throw new UsageError('check needs a provider: pass --provider <id>');
  const result = await runMigration(paths, prepared, false, options.progress && format === 'pretty');
  const view: MigrationView = { result, template: prepared.template, dryRun: true, command: 'check' };
  const annotations = process.env.GITHUB_ACTIONS === 'true' ? githubAnnotations(view) : '';
  if (format === 'json') process.stdout.write(migrationJson(view));
  else if (format === 'sarif') process.stdout.write(migrationSarif(view));
  else process.stdout.write(migrationPretty(view, useColor(process.stdout)));
  // Workflow commands are read from stdout; keep machine formats clean by sending them to stderr there.
  if (annotations) (format === 'pretty' ? process.stdout : process.stderr).write(annotations);
  if (result.summary.errors > 0) return 2;
  const pending = result.summary.changed + result.summary.manual + result.markers.length + result.summary.skipped;
  return pending > 0 ? 1 : 0;
}
