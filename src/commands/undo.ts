import path from 'node:path';
import { UsageError } from '../errors.js';
import { listRuns, undoLast } from '../migrate/undo.js';
import { warn } from './migrate.js';
import { writeOut } from '../redact/output.js';
import type { RouteRecord } from '../policy/route.js';

export interface UndoCommandOptions {
  list?: boolean;
  force?: boolean;
  format: string;
}

/** `qianyi undo [path]`: restores the last migrate run byte for byte; `--list` shows the recorded runs. */
export async function undoCommand(target: string | undefined, options: UndoCommandOptions): Promise<number> {
  if (options.format !== 'pretty' && options.format !== 'json') throw new UsageError(`undo prints pretty or json, not "${options.format}"`);
  const start = path.resolve(target ?? '.');
  const json = options.format === 'json';
  if (options.list) {
    const { root, runs } = listRuns(start);
    if (json) {
      writeOut(`${JSON.stringify({ tool: 'qianyi', command: 'undo', root: root ?? null, runs: runs.map(summary) }, null, 2)}\n`);
    } else if (runs.length === 0) {
      writeOut(`No qianyi run is recorded for ${start}.\n`);
    } else {
      writeOut(`Runs recorded in ${path.join(root!, '.qianyi')} (newest last):\n`);
      for (const run of runs) {
        const routes = (run.routes ?? []).map((r) => ` + ${r.capability} → ${r.provider}`).join('');
        writeOut(`  ${run.id}  ${run.status.padEnd(7)}  ${run.command} → ${run.provider} (${run.region})${routes}  ${run.files.length} file${run.files.length === 1 ? '' : 's'}  ${run.startedAt}\n`);
      }
    }
    return 0;
  }
  const outcome = undoLast(start, { force: options.force });
  outcome.recovered.forEach(warn);
  if (json) {
    writeOut(`${JSON.stringify({ tool: 'qianyi', command: 'undo', run: summary(outcome.run), restored: outcome.restored, unchanged: outcome.unchanged }, null, 2)}\n`);
    return 0;
  }
  const n = outcome.restored.length;
  writeOut(`Undid run ${outcome.run.id} (${outcome.run.command} → ${outcome.run.provider}): ${n} file${n === 1 ? '' : 's'} restored byte for byte.\n`);
  for (const file of outcome.restored) writeOut(`  restored   ${file}\n`);
  for (const file of outcome.unchanged) writeOut(`  unchanged  ${file}  (already its original bytes)\n`);
  return 0;
}

function summary(run: { id: string; status: string; command: string; provider: string; region: string; routes?: RouteRecord[]; startedAt: string; finishedAt?: string; undoneAt?: string; files: Array<{ path: string }> }) {
  const { id, status, command, provider, region, startedAt, finishedAt, undoneAt } = run;
  return { id, status, command, provider, region, ...(run.routes?.length ? { routes: run.routes } : {}), startedAt, ...(finishedAt ? { finishedAt } : {}), ...(undoneAt ? { undoneAt } : {}), files: run.files.map((f) => f.path) };
}
