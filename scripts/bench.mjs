#!/usr/bin/env node
// npm run bench [-- --profile monorepo|ai-heavy|all] [--files N] [--runs N] [--regenerate] [--seed N] [--json] [--bin path/to/cli.js]
//
// WHAT IS MEASURED (for each profile; `all`, the default, runs both)
//   0. Profiles (scripts/bench/generate.mjs PROFILES): `monorepo`, 10,000 files of which about 1% use the
//      OpenAI SDK; `ai-heavy`, 2,500 files of which one in five reaches OpenAI through the SDK, LangChain or
//      the AI SDK (shared client and provider modules, wrappers), where parsing and analysis dominate.
//   1. A synthetic tree of N source files is generated deterministically into .bench/<profile>
//      (reused while .bench/<profile>.stamp.json matches the generator version, seed and N):
//      React components, hooks, services, route handlers, tests, configs in .ts/.tsx/.js/.jsx/.mjs/.cjs,
//      about 1% of them using the openai SDK, ~4% with words the scanner's prefilter looks for, some using
//      other LLM SDKs, plus build output and node_modules under .gitignore'd paths (not counted in N).
//   2. The floor: `node scripts/bench/read-floor.mjs .bench/files.txt`, a fresh Node process that reads
//      each of the N source files with readFileSync(f, 'utf8') and does nothing else.
//   3. The scan: `node bin/qianyi.js scan .bench/monorepo --format json --performance`. Its stdout must be
//      JSON with summary.sites > 0, or the benchmark fails. Its stderr `qianyi-performance {...}` line, when
//      present, gives phase timings and file counts.
//      The scan keeps a cache of per-file results (node_modules/.cache/qianyi/ in the tree), so after the
//      warm-up this measures a repeat scan of an unchanged repo: every file read and prefiltered again, the
//      parser not loaded. The same scan with --no-cache is measured too: that is a first run, or a CI job
//      without the cache, parsing and analysing every candidate file.
//   4. `qianyi check --provider deepseek --format json` on the same tree: a cold run by construction (check
//      never uses the scan cache), which plans every edit and prints the pending work.
//   5. Optionally `rg -l -i openai` over the same tree, as a yardstick, when rg is on PATH.
//   6. `qianyi --help`, which must not load the parser.
//   Each is timed as a whole child process, spawn to exit (Node startup and module loading included), with
//   process.hrtime.bigint(): one warm-up run of each (which also fills the OS page cache), then --runs
//   (default 5) rounds of floor, scan, scan --no-cache[, rg] back to back.
//
// HOW TO READ IT
//   - "ratio" is median scan time / median floor time from the same invocation, so machine speed and
//     page-cache state mostly cancel out. Targets (issue "cold scans within budget"): monorepo cold <= 4x,
//     warm <= 2.5x; ai-heavy cold <= 15x; check <= 1.5x the cold scan; peak RSS < 300 MB; --help < 300 ms.
//   - "peak RSS" is the process's maxRSS (the highest over all runs), from the CLI's own report or,
//     failing that, from a --require'd probe (scripts/bench/rss-probe.cjs). MB = 2^20 bytes.
//   - The phase table is the scan run with the median wall time; "outside phases" is wall time the CLI did
//     not attribute to a phase (process startup, module loading, writing the report).
//   - The sanity line compares the files the scan reported sites in with the files the generator put
//     OpenAI usage in; a mismatch is a detection difference, not a timing problem, but sites under ignored
//     paths mean the scan did work it should have skipped.
//   The exit code is 0 even when a target is missed (this is a benchmark, not a test); it is non-zero when
//   the benchmark cannot run (no build, the scan fails or reports no sites).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, GENERATOR_VERSION, PROFILES } from './bench/generate.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const READ_FLOOR = path.join(ROOT, 'scripts', 'bench', 'read-floor.mjs');
const RSS_PROBE = path.join(ROOT, 'scripts', 'bench', 'rss-probe.cjs');
/** Where a profile's tree and bookkeeping live. */
const pathsFor = (profile) => ({
  tree: path.join(BENCH_DIR, profile),
  stamp: path.join(BENCH_DIR, `${profile}.stamp.json`),
  manifest: path.join(BENCH_DIR, `${profile}.manifest.json`),
  filesTxt: path.join(BENCH_DIR, `${profile}.files.txt`),
});
const TARGETS = {
  monorepo: { cold: 4, warm: 2.5 },
  'ai-heavy': { cold: 15, warm: null },
};
const TARGET_CHECK_VS_COLD = 1.5;
const TARGET_RSS_MB = 300;
const TARGET_HELP_MS = 300;
const CHECK_PROVIDER = 'deepseek';
const PERF_PREFIX = 'qianyi-performance ';
const PROBE_PREFIX = 'qianyi-bench-rss ';

class BenchError extends Error {}

function usage() {
  return `usage: npm run bench -- [options]
  --profile P     monorepo, ai-heavy or all (default all)
  --files N       source files to generate (default: the profile's, 10000 and 2500)
  --runs N        timed rounds after the warm-up (default 5)
  --regenerate    regenerate the trees under .bench/ even if they are up to date
  --seed N        generator seed (default 1)
  --json          print a machine-readable summary instead of the table
  --bin PATH      CLI entry to benchmark instead of bin/qianyi.js (e.g. a stand-in)
  --help`;
}

function options() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'all' },
      files: { type: 'string' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      regenerate: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      bin: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new BenchError(`--${name} must be an integer >= ${min}\n${usage()}`);
    return n;
  };
  const profiles = values.profile === 'all' ? Object.keys(PROFILES) : [values.profile];
  for (const p of profiles) if (!PROFILES[p]) throw new BenchError(`--profile must be monorepo, ai-heavy or all, not ${values.profile}\n${usage()}`);
  return {
    help: values.help,
    profiles,
    files: values.files === undefined ? null : int('files', 100),
    runs: int('runs', 1),
    seed: int('seed', 0),
    regenerate: values.regenerate,
    json: values.json,
    bin: values.bin ? path.resolve(values.bin) : null,
  };
}

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// ------------------------------------------------------------------------------------------ the tree

/** Deletes a path, refusing anything outside .bench/. */
function removeInsideBench(target) {
  const rel = path.relative(BENCH_DIR, target);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`refusing to delete ${target}: not inside ${BENCH_DIR}`);
  fs.rmSync(target, { recursive: true, force: true });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function ensureTree(opts, profile) {
  const files = opts.files ?? PROFILES[profile].defaultFiles;
  const where = pathsFor(profile);
  const want = { generator: GENERATOR_VERSION, profile, seed: opts.seed, files };
  const stamp = readJson(where.stamp);
  const upToDate = stamp && stamp.generator === want.generator && stamp.seed === want.seed && stamp.files === want.files && fs.existsSync(where.tree);
  let manifest = upToDate && !opts.regenerate ? readJson(where.manifest) : null;
  let generated = false;
  if (!manifest) {
    log(`generating ${files.toLocaleString('en-US')} files into ${path.relative(ROOT, where.tree)} ...`);
    fs.mkdirSync(BENCH_DIR, { recursive: true });
    for (const entry of fs.readdirSync(BENCH_DIR)) if (entry.startsWith(`${profile}.tmp-`)) removeInsideBench(path.join(BENCH_DIR, entry));
    removeInsideBench(where.stamp); // an interrupted run must not leave a stamp that vouches for a half-written tree
    const tmp = path.join(BENCH_DIR, `${profile}.tmp-${process.pid}`);
    manifest = generate({ outDir: tmp, files, seed: opts.seed, profile });
    removeInsideBench(where.tree);
    fs.renameSync(tmp, where.tree);
    fs.writeFileSync(where.manifest, `${JSON.stringify(manifest)}\n`);
    fs.writeFileSync(where.stamp, `${JSON.stringify({ ...want, generatedAt: new Date().toISOString() }, null, 2)}\n`);
    generated = true;
    log(`generated in ${(manifest.generationMs / 1000).toFixed(1)} s`);
  }
  // Absolute paths, rewritten every run so that a moved checkout still works.
  fs.writeFileSync(where.filesTxt, `${manifest.sourceList.map((p) => path.join(where.tree, p)).join('\n')}\n`);
  return { manifest, generated, where };
}

// -------------------------------------------------------------------------------------- processes

function onPath(name) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of exts) {
      const full = path.join(dir, name + ext);
      try {
        fs.accessSync(full, fs.constants.X_OK);
        if (fs.statSync(full).isFile()) return full;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Runs a command to completion; ms is spawn to exit. */
function timed(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const out = [];
    const err = [];
    const t0 = process.hrtime.bigint();
    let t1;
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('exit', () => {
      t1 = process.hrtime.bigint();
    });
    child.on('close', (code, signal) => {
      resolve({
        ms: Number((t1 ?? process.hrtime.bigint()) - t0) / 1e6,
        code, signal, pid: child.pid,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** The end of a child's stderr, without the benchmark's own probe line. */
const tail = (text, n = 1500) => {
  const clean = text
    .split('\n')
    .filter((l) => !l.startsWith(PROBE_PREFIX))
    .join('\n')
    .trim();
  return clean.length > n ? `...${clean.slice(-n)}` : clean;
};

function parseFloor(run) {
  if (run.code !== 0) throw new BenchError(`read-floor failed (exit ${run.code ?? run.signal}):\n${tail(run.stderr)}`);
  const result = JSON.parse(run.stdout);
  return { ms: run.ms, maxRSS: result.maxRSS, files: result.files };
}

/** Validates one scan run and extracts its numbers. Throws (fails the benchmark) on unusable output. */
function parseScan(run, command) {
  const perfLine = run.stderr.split('\n').find((l) => l.startsWith(PERF_PREFIX));
  let perf = null;
  if (perfLine) {
    try {
      perf = JSON.parse(perfLine.slice(PERF_PREFIX.length));
    } catch {
      perf = null;
    }
  }
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new BenchError(
      `the scan did not print JSON on stdout (exit ${run.code ?? run.signal}).\n  command: ${command}\n  stdout: ${JSON.stringify(run.stdout.slice(0, 300))}\n  stderr: ${tail(run.stderr)}`,
    );
  }
  const sites = report?.summary?.sites;
  if (typeof sites !== 'number' || !(sites > 0)) {
    throw new BenchError(
      `the scan reported no sites (summary.sites = ${JSON.stringify(sites)}); the synthetic tree has ~1% OpenAI files, so the scan is broken or scanned nothing.\n  command: ${command}\n  summary: ${JSON.stringify(report?.summary)}\n  stderr: ${tail(run.stderr)}`,
    );
  }
  // Peak RSS: the probe's line for the scan process, plus any subprocesses it started (upper bound), and the
  // CLI's own figure when it gives one; the highest wins.
  let probeMain = null;
  let probeChildren = 0;
  for (const line of run.stderr.split('\n')) {
    if (!line.startsWith(PROBE_PREFIX)) continue;
    try {
      const p = JSON.parse(line.slice(PROBE_PREFIX.length));
      if (p.pid === run.pid) probeMain = p.maxRSS;
      else probeChildren += p.maxRSS;
    } catch {
      // garbled line: ignore
    }
  }
  const cliRSS = typeof perf?.maxRSS === 'number' ? perf.maxRSS : null;
  const maxRSS = Math.max(cliRSS ?? 0, (probeMain ?? 0) + probeChildren) || null;
  return { ms: run.ms, code: run.code, report, sites, perf, maxRSS, cliRSS, probeRSS: probeMain, probeChildren };
}

// ---------------------------------------------------------------------------------------- stats

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** The run whose wall time is the (lower) median. */
function medianRun(runs) {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return sorted[(sorted.length - 1) >> 1];
}

/** Compares the files with sites against the generator's OpenAI files. */
function sanity(report, manifest) {
  if (!Array.isArray(report.sites)) return null;
  const withSites = new Set(report.sites.map((s) => s?.file).filter((f) => typeof f === 'string'));
  const expected = new Set(manifest.openaiFiles);
  const sources = new Set(manifest.sourceList);
  const missing = manifest.openaiFiles.filter((f) => !withSites.has(f));
  const unexpected = [...withSites].filter((f) => !expected.has(f)).sort();
  const outsideSources = unexpected.filter((f) => !sources.has(f));
  return { filesWithSites: withSites.size, expected: expected.size, missing, unexpected, outsideSources };
}

// ---------------------------------------------------------------------------------------- output

const num = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => `${num(n)} ms`;
const mb = (kb) => (kb == null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const pad = (s, n) => String(s).padStart(n);
const padEnd = (s, n) => String(s).padEnd(n);

function table(r) {
  const lines = [];
  lines.push(`qianyi bench · node ${r.node} · ${r.platform}, ${r.cpus} CPUs · load average ${r.loadavg.start} at start, ${r.loadavg.end} at end`);
  for (const p of r.profiles) profileTable(lines, p, r.runs);
  lines.push(`--help     ${ms(r.help.median)} median (${r.help.target.pass ? 'PASS' : 'FAIL'}: ${r.help.target.label})`);
  if (r.warnings.length) {
    lines.push('');
    for (const w of r.warnings) lines.push(`warning: ${w}`);
  }
  return lines.join('\n');
}

function profileTable(lines, r, runs) {
  const m = r.monorepo;
  lines.push('');
  lines.push(`== profile ${r.profile} ==`);
  lines.push(`tree       ${m.path} (generator v${m.generator}, seed ${m.seed}; ${m.generated ? `generated now in ${(m.generationMs / 1000).toFixed(1)} s` : `reused; generation took ${(m.generationMs / 1000).toFixed(1)} s`})`);
  lines.push(`           ${num(m.files)} source files, ${(m.bytes / 2 ** 20).toFixed(1)} MB · ${num(m.openaiFiles)} reach OpenAI (${((100 * m.openaiFiles) / m.files).toFixed(2)}%) · ${num(m.noiseFiles)} prefilter noise · ${num(m.otherSdkFiles)} other LLM SDKs · ${num(m.mentionFiles)} mention OpenAI`);
  lines.push(`           + ${num(m.ignoredFiles)} files (${(m.ignoredBytes / 2 ** 20).toFixed(1)} MB) under ignored paths and node_modules, ${num(m.otherFiles)} non-source files`);
  lines.push(`scan       ${r.scan.command}`);
  const s = r.scan.sanity;
  if (s) {
    lines.push(`           ${num(r.scan.sites)} sites in ${num(s.filesWithSites)} files (generator put OpenAI usage in ${num(s.expectedFiles)}: ${num(s.missingCount)} of them without sites, ${num(s.unexpectedCount)} other files with sites)`);
  } else {
    lines.push(`           ${num(r.scan.sites)} sites (no sites[] array to compare with the generator's files)`);
  }
  lines.push(`check      ${r.check.command}`);
  lines.push('');
  const head = `wall time, spawn to exit (${runs} timed runs each)`;
  lines.push(`${padEnd(head, 52)}${pad('median', 10)}${pad('min', 10)}${pad('max', 10)}${pad('peak RSS', 11)}`);
  const row = (label, t, rss) => lines.push(`  ${padEnd(label, 50)}${pad(ms(t.median), 10)}${pad(ms(t.min), 10)}${pad(ms(t.max), 10)}${pad(rss == null ? '' : mb(rss), 11)}`);
  row('read-all floor (readFileSync loop)', r.floor, r.floor.maxRSS);
  row('qianyi scan (its cache warm from the warm-up)', r.scan, r.scan.maxRSS);
  row('qianyi scan --no-cache (cold)', r.cold, r.cold.maxRSS);
  row(`qianyi check --provider ${CHECK_PROVIDER} (cold)`, r.check, r.check.maxRSS);
  if (r.rg) row(`rg -l -i openai (yardstick, ${num(r.rg.matches)} files)`, r.rg, null);
  lines.push(`  ${padEnd('ratio scan / floor (medians)', 50)}${pad(`${r.ratio.toFixed(2)}x`, 10)}`);
  lines.push(`  ${padEnd('ratio scan --no-cache / floor (medians)', 50)}${pad(`${r.coldRatio.toFixed(2)}x`, 10)}`);
  lines.push(`  ${padEnd('ratio check / scan --no-cache (medians)', 50)}${pad(`${r.checkVsCold.toFixed(2)}x`, 10)}`);
  lines.push('');
  for (const [title, run] of [['scan', r.scan], ['scan --no-cache', r.cold]]) phaseLines(lines, title, run, r, m);
  lines.push('targets');
  for (const t of Object.values(r.targets)) lines.push(`  ${t.pass == null ? 'N/A ' : t.pass ? 'PASS' : 'FAIL'}  ${padEnd(t.label, 40)}${t.shown}`);
}

function phaseLines(lines, title, run, r, m) {
  const phases = run.phases;
  if (phases) {
    lines.push(`${title} phases (the run with the ${r.runs % 2 ? '' : 'lower '}median wall time, ${ms(run.medianRunMs)})`);
    const share = (v) => `${((100 * v) / run.medianRunMs).toFixed(1)}%`;
    let inPhases = 0;
    for (const [name, value] of Object.entries(phases)) {
      if (typeof value !== 'number' || name === 'total' || name === 'startup') continue;
      inPhases += value;
      lines.push(`  ${padEnd(name, 48)}${pad(ms(value), 12)}${pad(share(value), 8)}`);
    }
    // The phases overlap (collection runs while the parser loads), so their sum is no part of the wall time:
    // the wall time splits into startup (process start to the command), the command (total) and the rest.
    if (typeof phases.total === 'number') {
      lines.push(`  ${padEnd('sum of the phases above (they overlap)', 48)}${pad(ms(inPhases), 12)}${pad(share(inPhases), 8)}`);
      if (typeof phases.startup === 'number') lines.push(`  ${padEnd('startup (Node and qianyi modules, to the command)', 48)}${pad(ms(phases.startup), 12)}${pad(share(phases.startup), 8)}`);
      lines.push(`  ${padEnd('command (as reported by the CLI)', 48)}${pad(ms(phases.total), 12)}${pad(share(phases.total), 8)}`);
      const outside = run.medianRunMs - phases.total - (phases.startup ?? 0);
      lines.push(`  ${padEnd(typeof phases.startup === 'number' ? 'outside (process spawn and exit)' : 'outside the command (startup, module loading, exit)', 48)}${pad(ms(outside), 12)}${pad(share(outside), 8)}`);
    } else {
      const outside = run.medianRunMs - inPhases;
      lines.push(`  ${padEnd('outside phases (startup, module loading, output)', 48)}${pad(ms(outside), 12)}${pad(share(outside), 8)}`);
    }
    const f = run.files;
    if (f) lines.push(`  files: ${Object.entries(f).map(([k, v]) => `${k} ${typeof v === 'number' ? num(v) : JSON.stringify(v)}`).join(' · ')}${typeof f.discovered === 'number' && f.discovered !== m.files ? `   (the tree has ${num(m.files)} source files)` : ''}`);
  } else {
    lines.push(`${title} phases: n/a (no qianyi-performance line on stderr)`);
  }
  lines.push('');
}

// ------------------------------------------------------------------------------------------- main

/** Parses a `check --format json` run: exit 0 or 1 (pending work) with a JSON document, else the bench fails. */
function parseCheck(run, command) {
  if (run.code !== 0 && run.code !== 1) throw new BenchError(`check failed (exit ${run.code ?? run.signal}).\n  command: ${command}\n  stderr: ${tail(run.stderr)}`);
  try {
    JSON.parse(run.stdout);
  } catch {
    throw new BenchError(`check did not print JSON on stdout.\n  command: ${command}\n  stderr: ${tail(run.stderr)}`);
  }
  let maxRSS = 0;
  for (const line of run.stderr.split('\n')) {
    if (!line.startsWith(PROBE_PREFIX)) continue;
    try {
      maxRSS += JSON.parse(line.slice(PROBE_PREFIX.length)).maxRSS;
    } catch {
      // garbled line: ignore
    }
  }
  return { ms: run.ms, code: run.code, maxRSS: maxRSS || null };
}

const target = (label, value, limit, shown) => ({ label, limit, value: Math.round(value * 100) / 100, shown, pass: value <= limit });
const rssTarget = (label, kb) => ({
  label, limitMB: TARGET_RSS_MB, valueMB: kb == null ? null : Math.round(kb / 1024), shown: mb(kb), pass: kb == null ? null : kb / 1024 < TARGET_RSS_MB,
});

/** One profile: its tree, then warm-up and --runs rounds of floor, scan, scan --no-cache, check[, rg], alternating. */
async function benchProfile(profile, opts, bin, warnings) {
  const { manifest, generated, where } = ensureTree(opts, profile);
  const relTree = path.relative(ROOT, where.tree);
  const floorCmd = [process.execPath, [READ_FLOOR, where.filesTxt]];
  const scanArgs = ['scan', relTree, '--format', 'json', '--performance'];
  const scanCmd = [process.execPath, ['--require', RSS_PROBE, bin, ...scanArgs]];
  const binRel = path.relative(ROOT, bin);
  const binShown = binRel.startsWith('..') ? bin : binRel;
  const scanDisplay = `node ${binShown} ${scanArgs.join(' ')}`;
  // The same scan without its cache: every candidate parsed and analysed, as on a first run or in a fresh CI job.
  const coldArgs = [...scanArgs, '--no-cache'];
  const coldCmd = [process.execPath, ['--require', RSS_PROBE, bin, ...coldArgs]];
  const coldDisplay = `${scanDisplay} --no-cache`;
  const checkArgs = ['check', relTree, '--provider', CHECK_PROVIDER, '--format', 'json', '--no-progress'];
  const checkCmd = [process.execPath, ['--require', RSS_PROBE, bin, ...checkArgs]];
  const checkDisplay = `node ${binShown} ${checkArgs.join(' ')}`;
  const rgPath = onPath('rg');
  // rg only honours .gitignore inside a git repository and also reads ignore files above the tree; be explicit.
  const rgCmd = rgPath ? [rgPath, ['-l', '-i', '--no-require-git', '--no-ignore-parent', 'openai', '.']] : null;
  const note = (w) => warnings.push(`${profile}: ${w}`);

  const floorRuns = [];
  const scanRuns = [];
  const coldRuns = [];
  const checkRuns = [];
  const rgRuns = [];
  const runRg = async () => {
    const run = await timed(rgCmd[0], rgCmd[1], where.tree);
    if (run.code !== 0 && run.code !== 1) throw new BenchError(`rg failed (exit ${run.code}): ${tail(run.stderr)}`);
    return { ms: run.ms, matches: run.stdout.split('\n').filter(Boolean).length };
  };

  log(`${profile}: warm-up ...`);
  const warmFloor = parseFloor(await timed(floorCmd[0], floorCmd[1], ROOT));
  if (warmFloor.files !== manifest.files) throw new BenchError(`read-floor read ${warmFloor.files} files, expected ${manifest.files}`);
  const warmScan = parseScan(await timed(scanCmd[0], scanCmd[1], ROOT), scanDisplay);
  const check = sanity(warmScan.report, manifest);
  if (warmScan.code !== 0) note(`the scan exited with code ${warmScan.code} (its JSON output was valid).`);
  if (check?.outsideSources.length) {
    note(`sites reported in ${check.outsideSources.length} files that are not source files of the tree (ignored paths?), e.g. ${check.outsideSources.slice(0, 3).join(', ')}`);
  }
  if (check && check.missing.length) note(`${check.missing.length} generated OpenAI files got no site, e.g. ${check.missing.slice(0, 3).join(', ')}`);
  if (check && check.unexpected.length > check.outsideSources.length) {
    const inTree = check.unexpected.filter((f) => !check.outsideSources.includes(f));
    note(`${inTree.length} files without generated OpenAI usage got sites, e.g. ${inTree.slice(0, 3).join(', ')}`);
  }
  if (!warmScan.perf) note('no qianyi-performance line on the scan\'s stderr: phase timings are unavailable.');
  if (rgCmd) await runRg();
  const warmCold = parseScan(await timed(coldCmd[0], coldCmd[1], ROOT), coldDisplay);
  if (warmCold.sites !== warmScan.sites) note(`the scan without its cache found ${warmCold.sites} sites, with it ${warmScan.sites}`);
  parseCheck(await timed(checkCmd[0], checkCmd[1], ROOT), checkDisplay);

  for (let i = 0; i < opts.runs; i++) {
    log(`${profile}: run ${i + 1}/${opts.runs} ...`);
    floorRuns.push(parseFloor(await timed(floorCmd[0], floorCmd[1], ROOT)));
    const scan = parseScan(await timed(scanCmd[0], scanCmd[1], ROOT), scanDisplay);
    if (scan.sites !== warmScan.sites) note(`run ${i + 1}: ${scan.sites} sites, the warm-up found ${warmScan.sites} (nondeterministic scan?)`);
    scanRuns.push(scan);
    const cold = parseScan(await timed(coldCmd[0], coldCmd[1], ROOT), coldDisplay);
    if (cold.sites !== warmScan.sites) note(`run ${i + 1}: ${cold.sites} sites without the cache, ${warmScan.sites} with it`);
    coldRuns.push(cold);
    checkRuns.push(parseCheck(await timed(checkCmd[0], checkCmd[1], ROOT), checkDisplay));
    if (rgCmd) rgRuns.push(await runRg());
  }

  const maxOf = (runs) => Math.max(...runs.map((r) => r.maxRSS ?? 0)) || null;
  const floor = stats(floorRuns.map((r) => r.ms));
  const scan = stats(scanRuns.map((r) => r.ms));
  const mid = medianRun(scanRuns);
  const scanRSS = maxOf(scanRuns);
  const ratio = scan.median / floor.median;
  const coldStats = stats(coldRuns.map((r) => r.ms));
  const coldMid = medianRun(coldRuns);
  const coldRSS = maxOf(coldRuns);
  const coldRatio = coldStats.median / floor.median;
  const checkStats = stats(checkRuns.map((r) => r.ms));
  const checkRSS = maxOf(checkRuns);
  const checkVsCold = checkStats.median / coldStats.median;
  const limits = TARGETS[profile];
  const targets = {
    coldRatio: target(`scan --no-cache <= ${limits.cold}x the floor`, coldRatio, limits.cold, `${coldRatio.toFixed(2)}x`),
    ...(limits.warm ? { ratio: target(`scan (cache warm) <= ${limits.warm}x the floor`, ratio, limits.warm, `${ratio.toFixed(2)}x`) } : {}),
    checkVsCold: target(`check <= ${TARGET_CHECK_VS_COLD}x scan --no-cache`, checkVsCold, TARGET_CHECK_VS_COLD, `${checkVsCold.toFixed(2)}x`),
    rss: rssTarget(`scan peak RSS < ${TARGET_RSS_MB} MB`, scanRSS),
    coldRss: rssTarget(`scan --no-cache peak RSS < ${TARGET_RSS_MB} MB`, coldRSS),
    checkRss: rssTarget(`check peak RSS < ${TARGET_RSS_MB} MB`, checkRSS),
  };
  return {
    profile,
    monorepo: {
      path: relTree,
      generator: manifest.generator,
      seed: manifest.seed,
      generated,
      generationMs: Math.round(manifest.generationMs),
      files: manifest.files,
      bytes: manifest.sourceBytes,
      extensions: manifest.extensions,
      openaiFiles: manifest.openaiFiles.length,
      openaiRoles: manifest.openaiRoles,
      noiseFiles: manifest.noiseFiles,
      otherSdkFiles: manifest.otherSdkFiles,
      mentionFiles: manifest.mentionFiles,
      ignoredFiles: manifest.ignoredFiles,
      ignoredBytes: manifest.ignoredBytes,
      otherFiles: manifest.extraFiles,
    },
    floor: { command: `node scripts/bench/read-floor.mjs ${path.relative(ROOT, where.filesTxt)}`, ...floor, runsMs: floorRuns.map((r) => round1(r.ms)), maxRSS: maxOf(floorRuns) },
    scan: {
      command: scanDisplay,
      ...scan,
      runsMs: scanRuns.map((r) => round1(r.ms)),
      maxRSS: scanRSS,
      maxRSSReportedByCli: Math.max(...scanRuns.map((r) => r.cliRSS ?? 0)) || null,
      maxRSSFromProbe: Math.max(...scanRuns.map((r) => (r.probeRSS ?? 0) + r.probeChildren)) || null,
      sites: warmScan.sites,
      sanity: check && {
        filesWithSites: check.filesWithSites,
        expectedFiles: check.expected,
        missingCount: check.missing.length,
        unexpectedCount: check.unexpected.length,
        outsideSourcesCount: check.outsideSources.length,
        missing: check.missing.slice(0, 20),
        unexpected: check.unexpected.slice(0, 20),
        outsideSources: check.outsideSources.slice(0, 20),
      },
      medianRunMs: mid.ms,
      phases: mid.perf?.phases ?? null,
      files: mid.perf?.files ?? null,
    },
    cold: {
      command: coldDisplay,
      ...coldStats,
      runsMs: coldRuns.map((r) => round1(r.ms)),
      maxRSS: coldRSS,
      medianRunMs: coldMid.ms,
      phases: coldMid.perf?.phases ?? null,
      files: coldMid.perf?.files ?? null,
    },
    check: { command: checkDisplay, ...checkStats, runsMs: checkRuns.map((r) => round1(r.ms)), maxRSS: checkRSS },
    coldRatio,
    checkVsCold,
    rg: rgRuns.length ? { command: `rg -l -i openai (in ${relTree})`, ...stats(rgRuns.map((r) => r.ms)), matches: rgRuns[0].matches } : null,
    ratio,
    targets,
  };
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(usage());
    return 0;
  }
  const warnings = [];
  const bin = opts.bin ?? path.join(ROOT, 'bin', 'qianyi.js');
  if (!opts.bin) {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) throw new BenchError('dist/cli.js is missing: run `npm run build` first (the benchmark runs the built CLI).');
    const newestSrc = newestMtime(path.join(ROOT, 'src'));
    if (newestSrc > fs.statSync(cli).mtimeMs) warnings.push('src/ has changes newer than dist/cli.js: run `npm run build` to benchmark the current code.');
  }
  const loadStart = Math.round(os.loadavg()[0] * 100) / 100;
  if (loadStart > os.availableParallelism() / 2) {
    warnings.push(`the 1-minute load average was ${loadStart} on ${os.availableParallelism()} CPUs at the start: other work competes with the benchmark, timings are noisy.`);
  }
  const profiles = [];
  for (const profile of opts.profiles) profiles.push(await benchProfile(profile, opts, bin, warnings));

  // --help: a fresh process that must not load the parser.
  await timed(process.execPath, [bin, '--help'], ROOT);
  const helpRuns = [];
  for (let i = 0; i < Math.max(3, opts.runs); i++) helpRuns.push((await timed(process.execPath, [bin, '--help'], ROOT)).ms);
  const help = stats(helpRuns);

  const result = {
    benchmark: 'qianyi scan and check vs read-all floor',
    node: process.versions.node,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.availableParallelism(),
    loadavg: { start: loadStart, end: Math.round(os.loadavg()[0] * 100) / 100 },
    runs: opts.runs,
    profiles,
    help: { command: `node ${path.relative(ROOT, bin)} --help`, ...help, target: target(`--help < ${TARGET_HELP_MS} ms`, help.median, TARGET_HELP_MS, ms(help.median)) },
    warnings,
  };
  if (opts.json) {
    for (const p of profiles) {
      for (const t of [p.floor, p.scan, p.cold, p.check, p.rg]) if (t) for (const k of ['median', 'min', 'max', 'medianRunMs']) if (k in t) t[k] = round1(t[k]);
      p.ratio = Math.round(p.ratio * 1000) / 1000;
      p.coldRatio = Math.round(p.coldRatio * 1000) / 1000;
      p.checkVsCold = Math.round(p.checkVsCold * 1000) / 1000;
      for (const t of Object.values(p.targets)) delete t.shown;
    }
    for (const k of ['median', 'min', 'max']) result.help[k] = round1(result.help[k]);
    delete result.help.target.shown;
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(table(result));
  }
  return 0;
}

const round1 = (n) => Math.round(n * 10) / 10;

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof BenchError || err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`bench: FAILED: ${err.message}\n`);
    } else {
      process.stderr.write(`bench: FAILED: ${err?.stack ?? err}\n`);
    }
    process.exit(1);
  },
);
