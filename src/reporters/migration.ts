import { Chalk, type ChalkInstance } from 'chalk';
import type { MigrateResult } from '../migrate/migrate.js';
import type { CheckOutcome, PendingSite } from '../migrate/pending.js';
import { baseUrlEnv } from '../policy/decide.js';
import type { PlanItem } from '../migrate/plan.js';
import type { Template } from '../templates/schema.js';
import type { UriBase } from '../util/repo-root.js';
import { VERSION } from '../version.js';
import { sarifLocation, sarifLog, sarifRule } from './sarif.js';

export interface MigrationView {
  result: MigrateResult;
  template: Template;
  /** `migrate --dry-run` and `check`: nothing was written. */
  dryRun: boolean;
  command: 'migrate' | 'check';
  /** The paths and models of the run, so that "next steps" repeat them in the check command line. */
  paths?: string[];
  models?: Record<string, string>;
}

/** `check`'s view: the migration planned, what is pending, and where code hosts anchor paths. */
export interface CheckView extends MigrationView {
  command: 'check';
  outcome: CheckOutcome;
  base: UriBase;
}

/** The JSON contract of `migrate --format json` and `check --format json`. */
export function migrationJson(view: MigrationView | CheckView): string {
  const { result, dryRun, command } = view;
  const pick = (bucket: PlanItem['bucket']) =>
    result.items.filter((i) => i.bucket === bucket).map(({ file, line, column, api, reason, provider }) => ({ file, line, column, api, reason, ...(provider ? { provider } : {}) }));
  const doc = {
    tool: 'qianyi',
    version: VERSION,
    command,
    provider: result.provider,
    region: result.region,
    routes: result.plan.routes,
    root: result.root,
    dryRun,
    files: result.files.map(({ file, status, edits, reason, diff }) => ({ file, status, edits, ...(reason ? { reason } : {}), ...(diff ? { diff } : {}) })),
    migrated: pick('migrated'),
    review: pick('review'),
    manual: pick('manual'),
    acknowledged: 'outcome' in view ? view.outcome.acknowledged : pick('acknowledged'),
    markers: result.markers,
    summary: result.summary,
    ...('outcome' in view ? {
      pending: view.outcome.pending,
      baselined: view.outcome.baselined,
      verdict: view.outcome.passed ? 'passed' : 'failed',
    } : {}),
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
  section('Acknowledged', 'kept as they are: "// qianyi-ignore:" above them', result.items.filter((i) => i.bucket === 'acknowledged'));

  const s = result.summary;
  out.push(
    `${s.changed} file${s.changed === 1 ? '' : 's'} ${dryRun ? 'would change' : 'changed'}, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.errors} failed; ` +
      `${s.migrated} migrated, ${s.review} to review, ${s.manual} need manual work.`,
  );
  if (dryRun && command === 'migrate') out.push(c.dim('Dry run: nothing was written.'));
  if (command === 'migrate' && !dryRun && s.changed > 0) {
    out.push('', c.bold('Next steps'));
    out.push(`  1. Set ${template.apiKey.env} to your ${template.name.en} API key (.env files got an empty ${template.apiKey.env}=). Keys: ${template.docs}`);
    for (const r of result.plan.routes) {
      out.push(`     --route ${r.capability}=${r.provider}: set ${r.apiKeyEnv} too (the ${r.capability} calls go to ${r.provider} at ${r.baseURL}; ${r.baseURLEnv} overrides it).`);
    }
    out.push(`  2. Optional: ${baseUrlEnv(template)} overrides the base URL (another region, or a gateway).`);
    out.push(`  3. Work through the TODO(qianyi) items, then keep the migration honest in CI: ${checkCommandLine(view)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The `check` command line of the same run: paths, provider, region and models as chosen. */
export function checkCommandLine({ result, paths, models }: MigrationView): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ['qianyi', 'check', ...(paths ?? []).filter((p) => p !== '.').map(q), '--provider', result.provider, '--region', q(result.region)];
  for (const [from, to] of Object.entries(models ?? {})) parts.push('--model', q(`${from}=${to}`));
  for (const r of result.plan.routes) parts.push('--route', q(`${r.capability}=${r.provider}`));
  return parts.join(' ');
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

/** The last line of every `check`: `qianyi check: 3 pending, 2 acknowledged — failed`. */
export function verdictLine({ outcome, result }: CheckView): string {
  const parts = [`${outcome.pending.length} pending`, `${outcome.acknowledged.length} acknowledged`];
  if (outcome.baselined.length > 0) parts.push(`${outcome.baselined.length} in the baseline`);
  const errors = result.summary.errors;
  if (errors > 0) parts.push(`${errors} file${errors === 1 ? '' : 's'} failed`);
  return `qianyi check: ${parts.join(', ')} — ${errors > 0 ? 'error' : outcome.passed ? 'passed' : 'failed'}`;
}

/** `check` in a terminal: one entry per pending site, the acknowledged ones, the diff with --diff, the verdict. */
export function checkPretty(view: CheckView, options: { color: boolean; diff: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const { result, template, outcome } = view;
  const out: string[] = [];
  out.push(c.bold(`Checking the migration to ${template.name.en} (${template.id}, ${result.region}: ${template.regions[result.region]!.baseURL})`));
  for (const r of result.plan.routes) out.push(c.bold(`  with ${r.capability} routed to ${r.provider} (${r.region}: ${r.baseURL})`));
  out.push('');
  if (options.diff) {
    for (const file of result.files) if (file.diff) out.push(colorDiff(c, file.diff), '');
  }
  const list = (title: string, hint: string, rows: Array<{ at: string; what: string; why: string; error?: boolean }>) => {
    if (rows.length === 0) return;
    out.push(`${c.bold(`${title} (${rows.length})`)}${hint ? `  ${c.dim(hint)}` : ''}`);
    for (const row of rows) out.push(`  ${row.at}  ${row.error === undefined ? row.what : row.error ? c.red(row.what) : c.yellow(row.what)}  ${row.why}`);
    out.push('');
  };
  const at = (p: { file: string; line: number; column: number }) => `${p.file}:${p.line}:${p.column}`;
  list('Pending', '', outcome.pending.map((p) => ({ at: at(p), what: p.what, why: p.why, error: p.level === 'error' })));
  list('Acknowledged', '"// qianyi-ignore: <reason>"', outcome.acknowledged.map((a) => ({ at: at(a), what: a.what, why: a.reason })));
  if (outcome.baselined.length > 0) out.push(c.dim(`${outcome.baselined.length} pending site${outcome.baselined.length === 1 ? ' is' : 's are'} in the baseline and not counted.`), '');
  for (const file of result.files.filter((f) => f.status === 'error')) out.push(`${c.red('error')}  ${file.file}  ${file.reason ?? ''}`);
  if (outcome.pending.some((p) => p.type === 'change')) {
    const routes = result.plan.routes.map((r) => ` --route ${r.capability}=${r.provider}`).join('');
    out.push(c.dim(`Apply the changes with qianyi migrate --provider ${template.id}${routes}${options.diff ? '' : ' (see them with --diff)'}.`));
  }
  if (outcome.pending.some((p) => p.type === 'manual' || p.type === 'todo')) {
    out.push(c.dim('Rework what is marked TODO(qianyi), or keep it on purpose with "// qianyi-ignore: <reason>" above it.'));
  }
  out.push(verdictLine(view));
  return `${out.join('\n')}\n`;
}

/** SARIF rules of `check`, one per kind of pending work; help links resolve to README headings (tested). */
const CHECK_RULES = {
  change: { id: 'qianyi/pending-change', name: 'PendingChange', level: 'warning', anchor: 'pending-work', text: 'Code that still talks to OpenAI: the migration would change it' },
  manual: { id: 'qianyi/manual-work', name: 'ManualWork', level: 'error', anchor: 'pending-work', text: 'Code the migration cannot move to the provider: manual work' },
  todo: { id: 'qianyi/todo-marker', name: 'TodoMarker', level: 'error', anchor: 'acknowledging-a-site', text: 'An open TODO(qianyi) marker' },
  unparsed: { id: 'qianyi/unparsed-file', name: 'UnparsedFile', level: 'error', anchor: 'pending-work', text: 'A file qianyi could not check (it does not parse, or cannot be read)' },
  acknowledged: { id: 'qianyi/acknowledged', name: 'Acknowledged', level: 'note', anchor: 'acknowledging-a-site', text: 'A site kept on purpose with qianyi-ignore' },
} as const;
const CHECK_RULE_KEYS = Object.keys(CHECK_RULES) as Array<keyof typeof CHECK_RULES>;

/** `check --format sarif`: one result per pending site, URIs relative to the repository; acknowledged sites are suppressed results. */
export function checkSarif(view: CheckView): string {
  const { outcome, template, base } = view;
  const result = (rule: keyof typeof CHECK_RULES, p: { file: string; line: number; column: number; key: string }, text: string, extra: object) => ({
    ruleId: CHECK_RULES[rule].id,
    ruleIndex: CHECK_RULE_KEYS.indexOf(rule),
    level: CHECK_RULES[rule].level,
    message: { text },
    locations: [sarifLocation(base.prefix + p.file, p.line, p.column)],
    partialFingerprints: { 'qianyiSite/v1': base.prefix + p.key },
    ...extra,
  });
  const results = [
    ...outcome.pending.map((p) => result(p.type, p, `${p.what}: ${p.why}`, outcome.baselined.length > 0 ? { baselineState: 'new' } : {})),
    ...outcome.baselined.map((p) => result(p.type, p, `${p.what}: ${p.why}`, { baselineState: 'unchanged' })),
    ...outcome.acknowledged.map((a) => result('acknowledged', a, `${a.what}: acknowledged: ${a.reason}`, {
      suppressions: [{ kind: 'inSource', status: 'accepted', justification: a.reason }],
    })),
  ];
  return sarifLog({
    base,
    command: 'check',
    rules: CHECK_RULE_KEYS.map((k) => sarifRule(CHECK_RULES[k], `${CHECK_RULES[k].text} (migrating to ${template.name.en}).`)),
    results,
  });
}

/**
 * GitHub shows at most 10 error and 10 warning annotations per step (actions/toolkit docs/problem-matchers.md,
 * "Limitations"); more are dropped silently, so the rest are counted in the job summary instead.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface Annotations {
  text: string;
  /** Pending sites that did not fit, by level. */
  hidden: { error: number; warning: number };
}

/** GitHub Actions workflow commands: one annotation per pending site, paths relative to the repository. */
export function githubAnnotations({ outcome, base }: CheckView): Annotations {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  const hidden = { error: 0, warning: 0 };
  const shown = { error: 0, warning: 0 };
  for (const p of [...outcome.pending].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))) {
    if (shown[p.level] >= ANNOTATIONS_PER_LEVEL) {
      hidden[p.level]++;
      continue;
    }
    shown[p.level]++;
    const title = p.type === 'change' ? 'qianyi: not migrated yet' : p.type === 'unparsed' ? 'qianyi: not checked' : 'qianyi: manual work';
    lines.push(`::${p.level} file=${prop(base.prefix + p.file)},line=${p.line},col=${p.column},title=${prop(title)}::${esc(`${p.what}: ${p.why}`)}`);
  }
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', hidden };
}

/** The pending sites, in the `--write-baseline` file format. */
export function baselineJson(view: CheckView): string {
  const sites: PendingSite[] = [...view.outcome.pending, ...view.outcome.baselined];
  const doc = {
    tool: 'qianyi',
    version: VERSION,
    provider: view.result.provider,
    pending: sites.map(({ key, file, line, what, why }) => ({ key, file, line, what, why })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
