import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toPosix } from '../util/path.js';
import { bumpOpenAi, CURRENT_OPENAI_VERSION } from '../sources/openai/v3-rewrite.js';
import { configKind, planEnvFile, planEnvFiles } from './env-files.js';
import { planRoutes } from './route.js';
import { routeRecords, type Route, type RouteRecord } from '../policy/route.js';
import { unmigratedSources } from '../sources/labels.js';
import { applyEdits, EditConflictError } from './edits.js';
import { unifiedDiff } from './diff.js';
import { firstSyntaxError, PARSE_OPTIONS, scriptKindOf, ts } from '../analysis/typescript/parse.js';
import { acknowledgedClients, planFile, type Bucket, type PlanItem } from './plan.js';
import { analyze, type Analysis, type Marker, type ScanOptions } from '../scan/scan.js';
import type { SkippedFile } from '../scan/sites.js';
import { apply, type AppliedRun } from './apply.js';
import { sha256 } from './write.js';
import type { Template } from '../templates/schema.js';
import { manifestAdditions, type ManifestAddition } from '../sources/ai-sdk/packages.js';
import { nearestManifest } from '../sources/manifest.js';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileOutcome {
  file: string;
  status: FileStatus;
  /** What changed in this file (migrated and review items). */
  edits: Array<{ line: number; bucket: Bucket; reason: string }>;
  /** Why the file was skipped or failed. */
  reason?: string;
  /** Unified diff, secrets redacted; only when the file changes. */
  diff?: string;
}

export interface MigrateOptions extends ScanOptions {
  template: Template;
  region?: string;
  models?: Record<string, string>;
  /** `--route`: capabilities whose calls go to a second provider. */
  routes?: Route[];
  /** False for --dry-run and `check`: plan and diff, write nothing. */
  write: boolean;
  /** `--rewrite-v3`: openai 3.x code rewritten to the current client shape (and `openai` bumped in package.json). */
  rewriteV3?: boolean;
}

/** One file the plan changes. Plain data: it can be shown, filtered, serialised and applied as it is. */
export interface PlannedFile {
  /** Absolute path. */
  file: string;
  /** POSIX, relative to the plan's root: the name every report uses. */
  rel: string;
  /** `manifest`: a package.json gaining a package the migrated code imports, or `openai` bumped for rewritten 3.x code. */
  kind: 'code' | 'env' | 'manifest';
  /** sha256 of the bytes the plan was made from: `apply` writes only over exactly these. */
  sha256: string;
  /** The new text (UTF-8; line endings and BOM as in the original). */
  after: string;
  /** Unified diff, secrets redacted. */
  diff: string;
  edits: FileOutcome['edits'];
  items: PlanItem[];
}

/** What a migration will do, decided once: the wizard shows it, the user filters it, `apply` writes it. */
export interface MigrationPlan {
  provider: string;
  region: string;
  /** `--route`: the capabilities sent to a second provider (empty without). */
  routes: RouteRecord[];
  root: string;
  filesScanned: number;
  /** Code files that change. */
  files: PlannedFile[];
  /** .env files that get the provider's key variable. */
  envFiles: PlannedFile[];
  /** Candidates that need no change. */
  unchanged: string[];
  /** Files the plan cannot change safely (conflicting edits, a result that would not parse): left as they are. */
  failed: Array<{ file: string; reason: string; edits: FileOutcome['edits'] }>;
  /** Files not read or not parsed, and files left out at the review. */
  skipped: SkippedFile[];
  /** Every site's outcome, sorted by file and position. */
  items: PlanItem[];
  /** TODO(qianyi) markers in the code as it is now. */
  markers: Marker[];
}

export interface MigrateResult {
  provider: string;
  region: string;
  root: string;
  files: FileOutcome[];
  items: PlanItem[];
  /** TODO(qianyi) markers in the code as it is now (before this run writes). */
  markers: Marker[];
  summary: {
    filesScanned: number;
    changed: number;
    unchanged: number;
    skipped: number;
    errors: number;
    migrated: number;
    review: number;
    manual: number;
  };
  /** The plan the result reports. */
  plan: MigrationPlan;
  /** The recorded run, when the plan was applied (`qianyi undo` reverts it). */
  run?: AppliedRun;
}

/**
 * Plans every analysed file for one provider: edits → new text → still parses? → diff. Pure: nothing is
 * written. A file whose edits conflict or whose result would not parse is kept as it is and reported.
 */
export function plan(analysis: Analysis, options: { template: Template; region?: string; models?: Record<string, string>; routes?: Route[]; rewriteV3?: boolean }): MigrationPlan {
  const region = options.region ?? options.template.defaultRegion;
  const routes = options.routes ?? [];
  const routing = planRoutes(analysis, routes, options.template);
  const result: MigrationPlan = {
    provider: options.template.id,
    region,
    routes: routeRecords(routes),
    root: analysis.root,
    filesScanned: analysis.filesScanned,
    files: [],
    envFiles: [],
    unchanged: [],
    failed: [],
    skipped: [...analysis.skipped],
    items: [],
    markers: analysis.markers,
  };
  // Clients of sources this version leaves alone (LangChain, the AI SDK, raw fetch ...) may read the same env vars.
  const otherSources = unmigratedSources(analysis.sites);
  const base = { template: options.template, region, models: options.models, sites: analysis.sites, otherSources, ...(options.rewriteV3 ? { rewriteV3: true } : {}) };
  const v3 = { rewritten: [] as string[], held: 0 };
  // A client the user keeps (qianyi-ignore) keeps its calls as they are, in every file.
  const kept = new Set(analysis.files.flatMap((file) => acknowledgedClients(file, base, analysis.evaluator)));
  /** Package → the code files whose planned edits import it. */
  const imported = new Map<string, string[]>();
  for (const file of analysis.files) {
    const planned = planFile(file, { ...base, kept, routeOf: routing.of }, analysis.evaluator);
    if (planned.v3) {
      if (planned.v3.rewritten > 0) v3.rewritten.push(file.file);
      v3.held += planned.v3.held;
    }
    // The second clients of --route: declared next to the first, routed calls re-pointed to them.
    planned.edits.push(...(routing.edits.get(file.file) ?? []));
    planned.items.push(...(routing.items.get(file.file) ?? []));
    result.items.push(...planned.items);
    const edits = planned.items.filter((i) => i.bucket === 'migrated' || i.bucket === 'review').map(({ line, bucket, reason }) => ({ line, bucket, reason }));
    if (planned.edits.length === 0) {
      result.unchanged.push(file.rel);
      continue;
    }
    let after: string;
    try {
      after = applyEdits(file.text, planned.edits);
    } catch (error) {
      if (!(error instanceof EditConflictError)) throw error;
      result.failed.push({ file: file.rel, edits, reason: `conflicting edits (${error.message}); the file was left as it is` });
      continue;
    }
    if (after === file.text) {
      result.unchanged.push(file.rel);
      continue;
    }
    const broken = firstSyntaxError(ts.createSourceFile(file.file, after, PARSE_OPTIONS, false, scriptKindOf(file.file)));
    if (broken) {
      result.failed.push({ file: file.rel, edits, reason: `the edited text would not parse (${broken}); the file was left as it is` });
      continue;
    }
    for (const pkg of planned.packages ?? []) imported.set(pkg, [...(imported.get(pkg) ?? []), file.file]);
    result.files.push({
      file: file.file,
      rel: file.rel,
      kind: 'code',
      // The text was decoded from valid UTF-8 (collect/ skips anything else), so it encodes back to the same bytes.
      sha256: sha256(file.text),
      after,
      diff: unifiedDiff(file.rel, file.text, after, false, planned.edits),
      edits,
      items: planned.items,
    });
  }

  // The package.json edits that go with the migrated code, composed per manifest so two never race for one
  // file: `openai` set to the current release for rewritten 3.x code (only when nothing of 3.x is left
  // behind), then the packages the migrated code now imports, pinned in the package.json nearest to it.
  const manifests = new Map<string, { rel: string; before: string; after: string; edits: PlannedFile['edits'] }>();
  const addManifest = (added: ManifestAddition) => {
    const rel = toPosix(path.relative(analysis.root, added.file));
    const entry = manifests.get(added.file) ?? { rel, before: added.before, after: added.before, edits: [] };
    entry.after = added.after;
    entry.edits.push({ line: added.line, bucket: 'migrated', reason: added.reason });
    manifests.set(added.file, entry);
    result.items.push({ file: rel, line: added.line, column: 1, api: null, siteId: null, bucket: 'migrated', reason: added.reason, changes: true });
  };
  if (v3.rewritten.length > 0 && v3.held === 0) bumpManifests(v3.rewritten, analysis.root).forEach(addManifest);
  const textOf = (file: string) => manifests.get(file)?.after;
  for (const [pkg, files] of imported) manifestAdditions(files, pkg, analysis.root, textOf).forEach(addManifest);
  for (const [file, m] of manifests) {
    result.files.push({ file, rel: m.rel, kind: 'manifest', sha256: sha256(m.before), after: m.after, diff: unifiedDiff(m.rel, m.before, m.after, false), edits: m.edits, items: [] });
  }

  const keyEnv = options.template.apiKey.env;
  // Config files gain the provider's key only when the migrated code reads it: a run that moves nothing (every
  // client kept, marked or foreign) leaves them alone too.
  const readsKey = result.files.some((f) => f.kind === 'code' && f.after.includes(keyEnv))
    || analysis.files.some((f) => f.text.includes(keyEnv));
  const env = readsKey ? planEnvFiles(analysis.envFiles, keyEnv) : { changes: [], skipped: [] };
  result.skipped.push(...env.skipped);
  type EnvEdit = { line: number; bucket: 'migrated'; reason: string };
  const added = (rel: string, name: string, whose: string) => configKind(rel) === 'dotenv'
    ? `added ${name}= (empty: fill in your ${whose} key` : `added ${name} (by name: set your ${whose} key`;
  const envChanges = new Map(env.changes.map((c) => [c.rel, {
    ...c, edits: c.lines.map((line) => ({ line, bucket: 'migrated', reason: `${added(c.rel, keyEnv, options.template.name.en)})` })) as EnvEdit[],
  }]));
  // A routed provider's key goes right after the first provider's, when some code of this plan reads it.
  for (const t of routing.used) {
    const reason = (rel: string) => `${added(rel, t.apiKey.env, t.name.en)}, for --route)`;
    for (const change of planEnvFiles(analysis.envFiles, t.apiKey.env).changes) {
      const known = envChanges.get(change.rel);
      if (!known) {
        envChanges.set(change.rel, { ...change, edits: change.lines.map((line) => ({ line, bucket: 'migrated', reason: reason(change.rel) })) });
        continue;
      }
      const next = planEnvFile(known.after, t.apiKey.env, keyEnv, configKind(change.rel) ?? 'dotenv');
      if (!next) continue;
      // Lines added after an earlier one move down by one each.
      for (const edit of known.edits) edit.line += next.lines.filter((l) => l <= edit.line).length;
      known.after = next.after;
      known.edits.push(...next.lines.map((line) => ({ line, bucket: 'migrated' as const, reason: reason(change.rel) })));
    }
  }
  for (const change of [...envChanges.values()].sort((x, y) => compare(x.rel, y.rel))) {
    result.envFiles.push({
      file: change.file,
      rel: change.rel,
      kind: 'env',
      sha256: sha256(change.before),
      after: change.after,
      diff: unifiedDiff(change.rel, change.before, change.after, configKind(change.rel) === 'dotenv'),
      // Reported on the file, not as a site item (as before).
      edits: change.edits.sort((a, b) => a.line - b.line),
      items: [],
    });
  }
  result.skipped.sort((a, b) => compare(a.file, b.file));
  result.items.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column);
  return result;
}

/**
 * The plan without the files the user left out at the review: nothing else changes, and those files are
 * reported as skipped (never carried as globs, which would match other paths too).
 */
export function withoutFiles(plan: MigrationPlan, rels: Iterable<string>, reason = 'left out at the review'): MigrationPlan {
  const out = new Set(rels);
  if (out.size === 0) return plan;
  return {
    ...plan,
    files: plan.files.filter((f) => !out.has(f.rel)),
    envFiles: plan.envFiles.filter((f) => !out.has(f.rel)),
    items: plan.items.filter((i) => !out.has(i.file)),
    skipped: [...plan.skipped, ...[...out].map((file) => ({ file, reason }))].sort((a, b) => compare(a.file, b.file)),
  };
}

/** The report of a plan (and of the run that applied it). */
export function resultOf(plan: MigrationPlan, run?: AppliedRun): MigrateResult {
  const files: FileOutcome[] = [
    ...[...plan.files, ...plan.envFiles].map(({ rel, edits, diff }): FileOutcome => ({ file: rel, status: 'changed', edits, diff })),
    ...plan.unchanged.map((file): FileOutcome => ({ file, status: 'unchanged', edits: [] })),
    ...plan.failed.map(({ file, reason, edits }): FileOutcome => ({ file, status: 'error', edits, reason })),
    ...plan.skipped.map(({ file, reason }): FileOutcome => ({ file, status: 'skipped', edits: [], reason })),
  ].sort((a, b) => compare(a.file, b.file));
  const count = (status: FileStatus) => files.filter((f) => f.status === status).length;
  const bucket = (b: Bucket) => plan.items.filter((i) => i.bucket === b).length;
  return {
    provider: plan.provider,
    region: plan.region,
    root: plan.root,
    files,
    items: plan.items,
    markers: plan.markers,
    summary: {
      filesScanned: plan.filesScanned,
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      errors: count('error'),
      migrated: bucket('migrated'),
      review: bucket('review'),
      manual: bucket('manual'),
    },
    plan,
    ...(run ? { run } : {}),
  };
}

/** scan → plan → (apply): the programmatic API and what `migrate` and `check` run. */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const planned = plan(await analyze(options), options);
  return resultOf(planned, options.write ? apply(planned) : undefined);
}

/** The package.json nearest to each rewritten file, with `openai` set to the version the rewrite targets. */
function bumpManifests(files: readonly string[], root: string): ManifestAddition[] {
  const out = new Map<string, ManifestAddition>();
  for (const file of files) {
    const manifest = nearestManifest(path.dirname(file), root);
    if (!manifest || out.has(manifest)) continue;
    const before = readFileSync(manifest, 'utf8');
    const after = bumpOpenAi(before);
    if (after === undefined) continue;
    const line = before.split('\n').findIndex((l) => /"openai"\s*:/.test(l)) + 1 || 1;
    out.set(manifest, { file: manifest, before, after, line, reason: `openai set to ${CURRENT_OPENAI_VERSION} for the rewritten 3.x code` });
  }
  return [...out.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
