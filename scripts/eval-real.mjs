#!/usr/bin/env node
// npm run eval:real [-- --providers deepseek,zhipu] [--repos a,b] [--json [file]] [--details]
//                      [--mirror /work/.mirror] [--no-tsc] [--tsc-timeout 180] [--timeout 600] [--keep]
//
// Runs the built CLI (node bin/qianyi.js; `npm run build` first) on the real-repo corpus of eval/real/:
// each repo of eval/real/repos.json is extracted from its local snapshot (a bare git mirror, as the
// `fetch` tool leaves it under /work/.mirror/<owner>+<name>/repo) at its pinned commit into a temp dir;
// a repo whose snapshot or commit is missing gets one line saying so and the others go on.
// Per repo: `scan --format json` is judged against eval/real/labels/<name>.json (recall, precision);
// for each provider a scratch copy gets `migrate --provider P --yes --force --format json`, and the
// changed lines (in the original's numbering, mapped through the diff) are judged against the labels:
// wrong edits, missed edits, mixed requests; `tsc --noEmit` runs before and after on the same tree
// (no node_modules: the absolute counts are noise, the delta is the measure). Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { extract, mirrorDir } from './eval-real/extract.mjs';
import { CODE_FILE, fileChanges, judgeEdits, judgeScan, textMixed } from './eval-real/judge.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'eval', 'real');
const CLI = path.join(ROOT, 'bin', 'qianyi.js');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
// .qianyi/ holds migrate's own run record (originals for `undo`), not an edit of the repo.
const SKIP_DIRS = new Set(['node_modules', '.git', '.qianyi']);

const { values: opts } = parseArgs({
  options: {
    providers: { type: 'string', default: 'deepseek,zhipu' },
    repos: { type: 'string' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    details: { type: 'boolean', default: false },
    mirror: { type: 'string', default: process.env.QIANYI_MIRROR ?? '/work/.mirror' },
    'no-tsc': { type: 'boolean', default: false },
    'tsc-timeout': { type: 'string', default: '180' },
    timeout: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 3).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
  console.error('eval:real: no build (dist/cli.js); run `npm run build` first');
  process.exit(2);
}

const providers = opts.providers.split(',').map((p) => p.trim()).filter(Boolean);
const keyEnv = Object.fromEntries(providers.map((p) => {
  const file = path.join(ROOT, 'templates', p, 'template.yaml');
  return [p, fs.existsSync(file) ? YAML.parse(fs.readFileSync(file, 'utf8')).apiKey?.env ?? null : null];
}));
const wanted = opts.repos ? new Set(opts.repos.split(',')) : null;
const repos = JSON.parse(fs.readFileSync(path.join(CORPUS, 'repos.json'), 'utf8')).filter((r) => !wanted || wanted.has(r.name));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qianyi-eval-real-'));
const timeoutMs = Number(opts.timeout) * 1000;

function run(cmd, args, cwd, ms) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 29, timeout: ms, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: r.error?.code === 'ETIMEDOUT', ms: Date.now() - started };
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function walk(dir, base = dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** `tsc --noEmit` error count with the project's tsconfig.json (null when it has none), capped in time. */
function tscErrors(dir) {
  if (opts['no-tsc'] || !fs.existsSync(path.join(dir, 'tsconfig.json'))) return null;
  const r = run(process.execPath, [TSC, '--noEmit', '-p', 'tsconfig.json', '--incremental', 'false', '--composite', 'false', '--pretty', 'false'], dir, Number(opts['tsc-timeout']) * 1000);
  if (r.timedOut) return 'timeout';
  return (r.stdout.match(/error TS\d+/g) ?? []).length;
}

function evalRepo(repo) {
  const labelsFile = path.join(CORPUS, 'labels', `${repo.name}.json`);
  const labels = fs.existsSync(labelsFile) ? JSON.parse(fs.readFileSync(labelsFile, 'utf8')).sites : null;
  const gitDir = mirrorDir(opts.mirror, repo.source);
  if (!gitDir) return { name: repo.name, missing: `no local snapshot of ${repo.source} under ${opts.mirror} (bring it with the fetch tool)` };
  if (!labels) return { name: repo.name, missing: `no labels at eval/real/labels/${repo.name}.json` };
  const orig = path.join(work, repo.name, 'orig');
  const got = extract(gitDir, repo.commit, orig);
  if (!got.ok) return { name: repo.name, missing: `${repo.source}: ${got.reason}` };
  // Copies first, so nothing run on the original (tsc) can leak into a copy.
  const copies = Object.fromEntries(providers.map((p) => {
    const dir = path.join(work, repo.name, p);
    fs.cpSync(orig, dir, { recursive: true });
    return [p, dir];
  }));

  const scanRun = run(process.execPath, [CLI, 'scan', '--format', 'json', '--no-progress', '--no-cache', '.'], orig, timeoutMs);
  const scan = parseJson(scanRun.stdout);
  const result = {
    name: repo.name,
    kind: repo.kind,
    files: got.files,
    absentBlobs: got.absent,
    scan: scan ? judgeScan(scan.sites, labels) : { error: `scan exited ${scanRun.code}${scanRun.timedOut ? ' (timeout)' : ''}: ${scanRun.stderr.trim().split('\n')[0] ?? ''}` },
    scanMs: scanRun.ms,
    tscBefore: tscErrors(orig),
    providers: {},
  };

  const before = new Map(walk(orig).filter((f) => CODE_FILE.test(f)).map((f) => [f, fs.readFileSync(path.join(orig, f), 'utf8')]));
  for (const provider of providers) {
    const dir = copies[provider];
    const m = run(process.execPath, [CLI, 'migrate', '--provider', provider, '--yes', '--force', '--format', 'json', '--no-progress', '.'], dir, timeoutMs);
    const report = parseJson(m.stdout);
    const changes = new Map();
    const otherFiles = [];
    const textual = [];
    const origFiles = new Set(walk(orig));
    for (const file of walk(dir)) {
      const after = fs.readFileSync(path.join(dir, file));
      if (!origFiles.has(file)) {
        otherFiles.push(`${file} (new)`);
        continue;
      }
      const prior = fs.readFileSync(path.join(orig, file));
      if (prior.equals(after)) continue;
      if (!CODE_FILE.test(file)) {
        otherFiles.push(file);
        continue;
      }
      const a = after.toString('utf8');
      const b = before.get(file);
      changes.set(file, fileChanges(b, a));
      const t = keyEnv[provider] ? textMixed(file, b, a, keyEnv[provider]) : null;
      if (t) textual.push(t);
    }
    const edits = judgeEdits(changes, labels, provider, report);
    result.providers[provider] = {
      exit: m.code,
      error: report ? null : `migrate exited ${m.code}${m.timedOut ? ' (timeout)' : ''}: ${m.stderr.trim().split('\n')[0] ?? ''}`,
      summary: report?.summary ?? null,
      changedFiles: changes.size,
      changedLines: [...changes.values()].reduce((n, c) => n + c.changed.length + c.inserted.length, 0),
      otherFiles,
      wrongLines: edits.wrong.reduce((n, w) => n + w.edits.length, 0),
      ...edits,
      textMixed: textual,
      tscAfter: tscErrors(dir),
    };
  }
  if (!opts.keep) fs.rmSync(path.join(work, repo.name), { recursive: true, force: true });
  return result;
}

// ---- output ----

const pct = (x) => (x === null || x === undefined ? '-' : `${Math.round(x * 100)}%`);
const per = (r, f) => providers.map((p) => (r.providers[p] ? f(r.providers[p]) : '?')).join('/');
const where = (l) => `${l.file}${l.line ? `:${l.line}` : ''}`;

function tscCell(r) {
  if (r.tscBefore === null) return '-';
  return `${r.tscBefore}→${per(r, (p) => p.tscAfter)}`;
}

function table(results) {
  const head = ['repo', 'sites', 'recall', 'precision', `wrong lines (${providers.join('/')})`, 'missed edits', 'mixed', 'unmarked', 'unlabelled edits', 'tsc before→after'];
  const rows = results.map((r) => r.missing
    ? [r.name, `MISSING: ${r.missing}`, '', '', '', '', '', '', '', '']
    : [
      r.name,
      r.scan.error ? 'scan failed' : String(r.scan.sites),
      pct(r.scan.recall),
      pct(r.scan.precision),
      per(r, (p) => (p.error ? 'err' : p.wrongLines)),
      per(r, (p) => p.missed.length),
      per(r, (p) => p.mixed.length + p.textMixed.length),
      per(r, (p) => p.unmarked.length),
      per(r, (p) => p.unlabelled.length),
      tscCell(r),
    ]);
  const ok = results.filter((r) => !r.missing);
  const sum = (f) => providers.map((p) => ok.reduce((n, r) => n + (r.providers[p] ? f(r.providers[p]) : 0), 0)).join('/');
  const added = providers.map((p) => ok.filter((r) => typeof r.tscBefore === 'number' && typeof r.providers[p]?.tscAfter === 'number' && r.providers[p].tscAfter > r.tscBefore).length).join('/');
  rows.push([
    `total (${ok.length} repos${results.length > ok.length ? `, ${results.length - ok.length} missing` : ''})`,
    String(ok.reduce((n, r) => n + (r.scan.sites ?? 0), 0)), '', '',
    sum((p) => p.wrongLines), sum((p) => p.missed.length), sum((p) => p.mixed.length + p.textMixed.length),
    sum((p) => p.unmarked.length), sum((p) => p.unlabelled.length), `${added} repos gain errors`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function details(r) {
  if (r.missing) return [];
  const out = [`## ${r.name}`];
  if (r.scan.error) out.push(`  scan: ${r.scan.error}`);
  else {
    for (const l of r.scan.missed) out.push(`  scan missed ${l.what} ${where(l)}`);
    for (const { site, label } of r.scan.lookalikes) out.push(`  scan reported look-alike ${site.kind} ${site.file}:${site.line} (${label.expect})`);
    for (const s of r.scan.unlabelled) out.push(`  scan site on no label: ${s.kind} ${s.file}:${s.line}${s.model ? ` ${s.model}` : ''}${s.name ? ` ${s.name}` : ''}`);
  }
  for (const [p, x] of Object.entries(r.providers)) {
    if (x.error) out.push(`  [${p}] ${x.error}`);
    for (const w of x.wrong) out.push(`  [${p}] WRONG ${w.label.what} ${where(w.label)} (${w.text}): ${w.edits.map((e) => `${e.how} ${e.file}:${e.line}`).join(', ')}`);
    for (const m of x.missed) out.push(`  [${p}] missed ${m.label.what} ${where(m.label)} (${m.text})`);
    for (const m of x.mixed) out.push(`  [${p}] MIXED request '${m.request}': ${m.why}: ${m.labels.map(where).join(', ')}`);
    for (const m of x.textMixed) out.push(`  [${p}] MIXED (text) ${m.file}: ${m.why}`);
    for (const u of x.unmarked) out.push(`  [${p}] not reported ${u.label.what} ${where(u.label)} (${u.text})`);
    for (const u of x.unlabelled) out.push(`  [${p}] edit on no label: ${u.how} ${u.file}:${u.line}: ${(u.before ?? u.text).trim().slice(0, 100)}`);
    if (x.otherFiles.length) out.push(`  [${p}] other files changed: ${x.otherFiles.join(', ')}`);
  }
  return out;
}

/** The JSON document: stable keys, labels reduced to where/what so runs diff cleanly. */
function toJson(results, commit) {
  const ref = (l) => ({ at: where(l), what: l.what });
  return {
    tool: 'qianyi-eval-real',
    commit,
    providers,
    repos: results.map((r) => r.missing ? { name: r.name, missing: r.missing } : {
      name: r.name,
      files: r.files,
      absentBlobs: r.absentBlobs,
      scan: r.scan.error ? { error: r.scan.error } : {
        sites: r.scan.sites, required: r.scan.required, recall: r.scan.recall, precision: r.scan.precision,
        missed: r.scan.missed.map(ref),
        lookalikes: r.scan.lookalikes.map(({ site }) => `${site.kind} ${site.file}:${site.line}`),
        unlabelled: r.scan.unlabelled.map((s) => `${s.kind} ${s.file}:${s.line}`),
      },
      tscBefore: r.tscBefore,
      providers: Object.fromEntries(Object.entries(r.providers).map(([p, x]) => [p, {
        error: x.error, summary: x.summary, changedFiles: x.changedFiles, changedLines: x.changedLines, wrongLines: x.wrongLines,
        wrong: x.wrong.map((w) => ({ ...ref(w.label), expect: w.text, edits: w.edits.map((e) => `${e.how} ${e.file}:${e.line}`) })),
        missed: x.missed.map((m) => ({ ...ref(m.label), expect: m.text })),
        mixed: [...x.mixed.map((m) => ({ request: m.request, why: m.why, at: m.labels.map(where) })), ...x.textMixed],
        unmarked: x.unmarked.map((u) => ref(u.label)),
        unlabelled: x.unlabelled.map((u) => `${u.how} ${u.file}:${u.line}`),
        otherFiles: x.otherFiles,
        tscAfter: x.tscAfter,
      }])),
    }),
  };
}

const results = [];
for (const repo of repos) {
  process.stderr.write(`eval:real: ${repo.name} ...\n`);
  let r;
  try {
    r = evalRepo(repo);
  } catch (error) {
    r = { name: repo.name, missing: `evaluation failed: ${error.message}` };
  }
  if (r.missing) process.stderr.write(`eval:real: missing ${repo.name}: ${r.missing}\n`);
  results.push(r);
}
if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
else process.stderr.write(`eval:real: trees kept in ${work}\n`);

const commit = run('git', ['rev-parse', '--short', 'HEAD'], ROOT, 10_000).stdout.trim() || null;
const doc = toJson(results, commit);
if (opts.out) fs.writeFileSync(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
if (opts.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
else {
  console.log(`qianyi eval:real on ${commit ?? 'unknown commit'} — providers ${providers.join(', ')}\n`);
  console.log(table(results));
  if (opts.details) console.log(`\n${results.flatMap(details).join('\n')}`);
}
