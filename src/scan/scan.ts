import type { AnalyzedFile } from '../analysis/analyze-files.js';
import { ScanCache } from './cache.js';
import { startCollect } from '../collect/collect-async.js';
import type { Candidate, Marker } from '../collect/collect.js';
import { rootOf } from '../collect/discover.js';
import { compareSites } from './site-order.js';
import type { Site, SkippedFile } from './sites.js';
import type { Evaluator } from '../analysis/typescript/evaluator.js';

export type { AnalyzedFile } from '../analysis/analyze-files.js';
export type { Marker } from '../collect/collect.js';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  include?: string[];
  exclude?: string[];
  /** The folder include/exclude are relative to (the config file's); the scanned root when absent. */
  globBase?: string;
  /** Reuse the results of files unchanged since the last scan (`scan` only: planning needs the trees). */
  cache?: boolean;
  /** Ask the type checker about calls syntax could not decide (default true; `--no-types`). */
  types?: boolean;
  /** Called as the scan advances, for progress display. */
  onProgress?: (event: ScanProgress) => void;
}

export type ScanProgress =
  | { phase: 'candidates'; files: number; of: number }
  | { phase: 'parsed'; done: number; total: number };

export interface ScanResult {
  root: string;
  filesScanned: number;
  sites: Site[];
  skipped: SkippedFile[];
  performance: {
    phases: Record<'discover' | 'prefilter' | 'load' | 'parse' | 'detect' | 'types', number>;
    files: { discovered: number; candidates: number; parsed: number; cached: number };
  };
}

/** The scan with what later stages need: the trees and the evaluator that resolved them. */
export interface Analysis extends ScanResult {
  files: AnalyzedFile[];
  markers: Marker[];
  /** `.env*` files under the scanned paths (same discovery rules as code). */
  envFiles: Array<{ file: string; rel: string }>;
  evaluator: Evaluator;
}

/** discover → prefilter → parse → detect. Pure data out; nothing is written but the scan cache. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  if (options.cache) return cachedScan(options);
  const { root, filesScanned, sites, skipped, performance } = await analyze(options);
  return { root, filesScanned, sites, skipped, performance };
}

/** The scan, keeping the parsed trees for planning edits. */
export async function analyze(options: ScanOptions): Promise<Analysis> {
  const { paths, cwd, include, exclude, globBase } = options;
  // Collecting starts first (on worker threads when built) so that it overlaps with loading the parser, and
  // candidates are parsed as they arrive.
  const early = earlyParsing();
  const collecting = startCollect({ paths, cwd, include, exclude, globBase }, early.onCandidate);
  collecting.catch(() => {}); // handled below; avoids an unhandled rejection while the parser loads
  const loadStart = performance.now();
  const { analyzeFiles } = await early.start();
  const load = Math.round(performance.now() - loadStart);
  const collected = await collecting;
  options.onProgress?.({ phase: 'candidates', files: collected.candidates.length, of: collected.filesScanned });

  const analyzed = await analyzeFiles(collected.root, collected.candidates, { types: options.types !== false, onParsed: (done, total) => options.onProgress?.({ phase: 'parsed', done, total }), preparsed: early.preparsed() });
  return {
    root: collected.root,
    filesScanned: collected.filesScanned,
    sites: analyzed.sites,
    skipped: sortSkipped([...collected.skipped, ...analyzed.skipped]),
    files: analyzed.files,
    markers: collected.markers,
    envFiles: collected.envFiles,
    evaluator: analyzed.evaluator,
    performance: {
      phases: { ...collected.phases, load, ...analyzed.phases },
      files: { discovered: collected.filesScanned, candidates: collected.candidates.length, parsed: analyzed.files.length, cached: 0 },
    },
  };
}

/**
 * The scan with the cache: only candidates that changed (or whose dependencies did) are parsed. With a cache
 * on disk the parser is loaded only once collection shows it is needed; without one it loads while files are
 * collected, as in `analyze`.
 */
async function cachedScan(options: ScanOptions): Promise<ScanResult> {
  const { paths, cwd, include, exclude, globBase } = options;
  const root = rootOf(paths, cwd);
  const warm = root !== null && ScanCache.exists(root);
  // Warm: load the parser only if collection shows it is needed. Cold: every candidate will be parsed, so
  // the parser loads while files are collected and parses candidates as they arrive, as in `analyze`.
  const early = warm ? null : earlyParsing();
  const collecting = startCollect({ paths, cwd, include, exclude, globBase }, early?.onCandidate);
  collecting.catch(() => {});
  const loadStart = performance.now();
  const preload = early?.start();
  if (preload) await preload;
  let load = preload ? Math.round(performance.now() - loadStart) : 0;
  const collected = await collecting;
  options.onProgress?.({ phase: 'candidates', files: collected.candidates.length, of: collected.filesScanned });

  const cache = ScanCache.open(collected.root);
  cache.know(collected.candidates);
  const sites: Site[] = [];
  const skipped = [...collected.skipped];
  const misses: Candidate[] = [];
  for (const candidate of collected.candidates) {
    const hit = cache.get(candidate);
    if (!hit) misses.push(candidate);
    else if ('skipped' in hit) skipped.push({ file: candidate.rel, reason: hit.skipped });
    else sites.push(...hit.sites);
  }
  let phases = { parse: 0, detect: 0, types: 0 };
  let parsed = 0;
  if (misses.length > 0) {
    const started = performance.now();
    const { analyzeFiles } = await (preload ?? loadAnalyzer());
    if (!preload) load = Math.round(performance.now() - started);
    const analyzed = await analyzeFiles(collected.root, misses, { types: options.types !== false, onParsed: (done, total) => options.onProgress?.({ phase: 'parsed', done, total }), preparsed: early?.preparsed() });
    phases = analyzed.phases;
    parsed = analyzed.files.length;
    sites.push(...analyzed.sites);
    skipped.push(...analyzed.skipped);
    const byRel = new Map(analyzed.files.map((f) => [f.rel, f]));
    const failed = new Map(analyzed.skipped.map((s) => [s.file, s.reason]));
    for (const candidate of misses) {
      const file = byRel.get(candidate.rel);
      // Calls for the type checker depend on installed packages (and on --no-types), which the cache does
      // not track: such files are analysed on every scan.
      if (file && (file.typeChecked || file.sites.some((s) => s.kind === 'call' && s.confidence === 'likely'))) continue;
      if (file) cache.put(candidate, { sites: file.sites, deps: file.deps });
      else cache.put(candidate, { skipped: failed.get(candidate.rel) ?? 'not parsed' });
    }
  }
  cache.save();
  sites.sort(compareSites);
  return {
    root: collected.root,
    filesScanned: collected.filesScanned,
    sites,
    skipped: sortSkipped(skipped),
    performance: {
      phases: { ...collected.phases, load, ...phases },
      files: { discovered: collected.filesScanned, candidates: collected.candidates.length, parsed, cached: collected.candidates.length - misses.length },
    },
  };
}

function sortSkipped(skipped: SkippedFile[]): SkippedFile[] {
  return skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

type AnalyzerModule = typeof import('../analysis/analyze-files.js');

/**
 * Parsing candidates while they are collected: `onCandidate` queues them until `start` has loaded the
 * analyzer, then parses each as it comes (between messages from the collecting threads).
 */
function earlyParsing() {
  let preparsed: import('../analysis/analyze-files.js').Preparsed | null = null;
  const queued: Candidate[] = [];
  return {
    onCandidate(candidate: Candidate): void {
      if (preparsed) preparsed.add(candidate);
      else queued.push(candidate);
    },
    async start(): Promise<AnalyzerModule> {
      const analyzer = await loadAnalyzer();
      preparsed = new analyzer.Preparsed();
      for (const candidate of queued.splice(0)) preparsed.add(candidate);
      return analyzer;
    },
    preparsed: () => preparsed ?? undefined,
  };
}

/**
 * The analyzer, with the compiler compiled from its code cache first (analysis/typescript/compiler-cache.ts):
 * whatever imports ts-morph must come after the preload.
 */
async function loadAnalyzer(): Promise<AnalyzerModule> {
  const { preloadCompiler } = await import('../analysis/typescript/compiler-cache.js');
  preloadCompiler(undefined, { parserOnly: true });
  return import('../analysis/analyze-files.js');
}
