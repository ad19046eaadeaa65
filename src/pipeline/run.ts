import type { AnalyzedFile } from './analyze-files.js';
import { startCollect } from './collect-async.js';
import type { Marker } from './collect.js';
import type { Site, SkippedFile } from './sites.js';
import type { Evaluator } from './values.js';

export type { AnalyzedFile } from './analyze-files.js';
export { MARKER, type Marker } from './collect.js';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  include?: string[];
  exclude?: string[];
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
    phases: Record<'discover' | 'prefilter' | 'load' | 'parse' | 'detect', number>;
    files: { discovered: number; candidates: number; parsed: number };
  };
}

/** The scan with what later stages need: the trees and the evaluator that resolved them. */
export interface Analysis extends ScanResult {
  files: AnalyzedFile[];
  markers: Marker[];
  evaluator: Evaluator;
}

/** discover → prefilter → parse → detect. Pure data out; nothing is written. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { root, filesScanned, sites, skipped, performance } = await analyze(options);
  return { root, filesScanned, sites, skipped, performance };
}

/** The scan, keeping the parsed trees for planning edits. */
export async function analyze(options: ScanOptions): Promise<Analysis> {
  const { paths, cwd, include, exclude } = options;
  // Collecting starts first (on a worker when built) so that it overlaps with loading the parser.
  const collecting = startCollect({ paths, cwd, include, exclude });
  collecting.catch(() => {}); // handled below; avoids an unhandled rejection while the parser loads
  const loadStart = performance.now();
  const { analyzeFiles } = await import('./analyze-files.js');
  const load = Math.round(performance.now() - loadStart);
  const collected = await collecting;
  options.onProgress?.({ phase: 'candidates', files: collected.candidates.length, of: collected.filesScanned });

  const analyzed = analyzeFiles(collected.root, collected.candidates, (done, total) => options.onProgress?.({ phase: 'parsed', done, total }));
  const skipped = [...collected.skipped, ...analyzed.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    root: collected.root,
    filesScanned: collected.filesScanned,
    sites: analyzed.sites,
    skipped,
    files: analyzed.files,
    markers: collected.markers,
    evaluator: analyzed.evaluator,
    performance: {
      phases: { ...collected.phases, load, ...analyzed.phases },
      files: { discovered: collected.filesScanned, candidates: collected.candidates.length, parsed: analyzed.files.length },
    },
  };
}
