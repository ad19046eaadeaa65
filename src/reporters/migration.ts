import { Chalk, type ChalkInstance } from 'chalk';
import { pathToFileURL } from 'node:url';
import type { MigrateResult } from '../migrate/migrate.js';
import { baseUrlEnv, type PlanItem } from '../migrate/plan.js';
import type { Template } from '../templates/schema.js';
import { VERSION } from '../version.js';

export interface MigrationView {
  result: MigrateResult;
  template: Template;
  /** `migrate --dry-run` and `check`: nothing was written. */
  dryRun: boolean;
  command: 'migrate' | 'check';
}

/** The JSON contract of `migrate --format json` and `check --format json`. */
export function migrationJson({ result, dryRun, command }: MigrationView): string {
  const pick = (bucket: PlanItem['bucket']) =>
    result.items.filter((i) => i.bucket === bucket).map(({ file, line, column, api, reason }) => ({ file, line, column, api, reason }));
  const doc = {
    tool: 'qianyi',
    version: VERSION,
    command,
    provider: result.provider,
    region: result.region,
    root: result.root,
    dryRun,
    files: result.files.map(({ file, status, edits, reason, diff }) => ({ file, status, edits, ...(reason ? { reason } : {}), ...(diff ? { diff } : {}) })),
    migrated: pick('migrated'),
    review: pick('review'),
    manual: pick('manual'),
    markers: result.markers,
    summary: result.summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The terminal report: diffs (dry run), file statuses, the three buckets, and what to do next. */
export function migrationPretty(view: MigrationView, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const { result, template, dryRun, command } = view;
  const out: string[] = [];
  const region = template.regions[result.region]!;
  const verb = command === 'check' ? 'Checking the migration' : dryRun ? 'Planning the migration' : 'Migrating';
  out.push(c.bold(`${verb} to ${template.name.en} (${template.id}, ${result.region}: ${region.baseURL})`), '');

  if (dryRun) {
    for (const file of result.files) if (file.diff) out.push(colorDiff(c, file.diff), '');
  }
  const notable = result.files.filter((f) => f.status !== 'unchanged');
  if (notable.length > 0) {
    const width = Math.max(...notable.map((f) => f.status.length));
    for (const file of notable) {
      const status = file.status === 'changed' ? c.green(dryRun ? 'would change'.padEnd(width) : file.status.padEnd(width))
        : file.status === 'error' ? c.red(file.status.padEnd(width)) : c.yellow(file.status.padEnd(width));
      out.push(`${status}  ${file.file}${file.reason ? `  ${c.dim(file.reason)}` : ''}`);
    }
    out.push('');
  }

  const section = (title: string, hint: string, items: PlanItem[]) => {
    if (items.length === 0) return;
    out.push(`${c.bold(`${title} (${items.length})`)}${hint ? `  ${c.dim(hint)}` : ''}`);
    for (const item of items) out.push(`  ${item.file}:${item.line}  ${item.api ? `${item.api}: ` : ''}${item.reason}`);
    out.push('');
  };
  section('Migrated', '', result.items.filter((i) => i.bucket === 'migrated'));
  section(command === 'check' ? 'Review notes' : 'Review', command === 'check' ? 'the "// qianyi:" notes in the code' : 'changed for you: read the "// qianyi:" notes', result.items.filter((i) => i.bucket === 'review'));
  section('Manual work', 'marked "// TODO(qianyi):" in the code', result.items.filter((i) => i.bucket === 'manual'));
  if (command === 'check' && result.markers.length > 0) {
    out.push(c.bold(`Open TODO(qianyi) markers (${result.markers.length})`));
    for (const marker of result.markers) out.push(`  ${marker.file}:${marker.line}  ${marker.text}`);
    out.push('');
  }

  const s = result.summary;
  out.push(
    `${s.changed} file${s.changed === 1 ? '' : 's'} ${dryRun ? 'would change' : 'changed'}, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.errors} failed; ` +
      `${s.migrated} migrated, ${s.review} to review, ${s.manual} need manual work.`,
  );
  if (dryRun && command === 'migrate') out.push(c.dim('Dry run: nothing was written.'));
  if (command === 'migrate' && !dryRun && s.changed > 0) {
    out.push('', c.bold('Next steps'));
    out.push(`  1. Set ${template.apiKey.env} to your ${template.name.en} API key (.env files got an empty ${template.apiKey.env}=). Keys: ${template.docs}`);
    out.push(`  2. Optional: ${baseUrlEnv(template)} overrides the base URL (another region, or a gateway).`);
    out.push(`  3. Work through the TODO(qianyi) items, then keep the migration honest in CI: qianyi check --provider ${template.id}`);
  }
  return `${out.join('\n')}\n`;
}

/** A unified diff with added lines green, removed red, hunk headers cyan. */
export function colorDiff(c: ChalkInstance, diff: string): string {
  return diff.split('\n').map((line) => {
    if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
    if (line.startsWith('+')) return c.green(line);
    if (line.startsWith('-')) return c.red(line);
    if (line.startsWith('@@')) return c.cyan(line);
    return line;
  }).join('\n');
}

/** `check --format sarif`: pending edits, manual work and open markers as code-scanning results. */
export function migrationSarif({ result, template }: MigrationView): string {
  const rules = [
    { id: 'qianyi/pending-change', text: `Code that the migration to ${template.name.en} would still change`, level: 'warning' },
    { id: 'qianyi/manual-work', text: `Code that cannot be migrated to ${template.name.en} automatically`, level: 'error' },
    { id: 'qianyi/todo-marker', text: 'An open TODO(qianyi) marker left by a migration', level: 'warning' },
  ];
  const results = [
    ...result.files.filter((f) => f.status === 'changed').flatMap((f) =>
      (f.edits.length > 0 ? f.edits : [{ line: 1, reason: 'the migration would change this file' }]).map((e) => ({
        ruleId: rules[0]!.id, ruleIndex: 0, level: 'warning', message: { text: e.reason }, locations: [loc(f.file, e.line)],
      }))),
    ...result.items.filter((i) => i.bucket === 'manual').map((i) => ({
      ruleId: rules[1]!.id, ruleIndex: 1, level: 'error', message: { text: `${i.api ? `${i.api}: ` : ''}${i.reason}` }, locations: [loc(i.file, i.line, i.column)],
    })),
    ...result.markers.map((m) => ({ ruleId: rules[2]!.id, ruleIndex: 2, level: 'warning', message: { text: m.text }, locations: [loc(m.file, m.line)] })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'qianyi', version: VERSION, semanticVersion: VERSION, informationUri: 'https://www.npmjs.com/package/qianyi',
          rules: rules.map((r) => ({ id: r.id, name: r.id.split('/')[1], shortDescription: { text: r.text }, defaultConfiguration: { level: r.level } })),
        },
      },
      originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(result.root).href}/` } },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function loc(file: string, line: number, column?: number) {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' }, region: { startLine: line, ...(column ? { startColumn: column } : {}) } } };
}

/** GitHub Actions workflow commands: annotations on the pull request's files. */
export function githubAnnotations({ result }: MigrationView): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  for (const item of result.items.filter((i) => i.bucket === 'manual')) {
    lines.push(`::error file=${prop(item.file)},line=${item.line},col=${item.column},title=qianyi manual work::${esc(item.reason)}`);
  }
  for (const file of result.files.filter((f) => f.status === 'changed')) {
    lines.push(`::warning file=${prop(file.file)},line=${file.edits[0]?.line ?? 1},title=qianyi pending migration::run qianyi migrate --provider ${result.provider} to apply ${file.edits.length} change(s)`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
