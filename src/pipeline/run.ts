import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { toPosix } from '../util/path.js';
import { collectNodes, runDetectors } from './detect/index.js';
import type { SiteDraft } from './detect/context.js';
import { discover } from './discover.js';
import { ModuleResolver } from './modules.js';
import { firstSyntaxError, Parser, type ts } from './parse.js';
import { isCandidate } from './prefilter.js';
import type { Site, SiteKind, SkippedFile } from './sites.js';
import { Evaluator } from './values.js';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  include?: string[];
  exclude?: string[];
  /** Called as the scan advances, for progress display. */
  onProgress?: (event: ScanProgress) => void;
}

export type ScanProgress =
  | { phase: 'discovered'; files: number }
  | { phase: 'candidates'; files: number }
  | { phase: 'parsed'; done: number; total: number };

/** One parsed candidate file, for the stages after detection (plan, apply). */
export interface AnalyzedFile {
  /** Absolute path. */
  file: string;
  /** POSIX, relative to the root. */
  rel: string;
  text: string;
  sf: ts.SourceFile;
  sites: Site[];
}

/** A `TODO(qianyi)` marker left in the code by an earlier migration. */
export interface Marker {
  file: string;
  line: number;
  text: string;
}

/** The scan with what later stages need: the trees and the evaluator that resolved them. */
export interface Analysis extends ScanResult {
  files: AnalyzedFile[];
  markers: Marker[];
  evaluator: Evaluator;
}

export const MARKER = 'TODO(qianyi)';

export interface ScanResult {
  root: string;
  filesScanned: number;
  sites: Site[];
  skipped: SkippedFile[];
  performance: {
    phases: Record<'discover' | 'prefilter' | 'parse' | 'detect', number>;
    files: { discovered: number; candidates: number; parsed: number };
  };
}

/** Files larger than this are generated bundles or data, not code to migrate. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const KIND_ORDER: Record<SiteKind, number> = { import: 0, client: 1, call: 2, env: 3, model: 4 };

/** discover → prefilter → parse → detect. Pure data out; nothing is written. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { root, filesScanned, sites, skipped, performance } = await analyze(options);
  return { root, filesScanned, sites, skipped, performance };
}

/** The scan, keeping the parsed trees for planning edits. */
export async function analyze(options: ScanOptions): Promise<Analysis> {
  const timer = phaseTimer();
  const { root, files } = discover(options);
  timer.end('discover');
  options.onProgress?.({ phase: 'discovered', files: files.length });

  const skipped: SkippedFile[] = [];
  const markers: Marker[] = [];
  const candidates: Array<{ file: string; text: string }> = [];
  for (const file of files) {
    const rel = toPosix(path.relative(root, file));
    let text: string;
    try {
      if (statSync(file).size > MAX_FILE_BYTES) {
        skipped.push({ file: rel, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (error) {
      skipped.push({ file: rel, reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    if (isCandidate(text)) candidates.push({ file, text });
    if (text.includes(MARKER)) markers.push(...markersIn(rel, text));
  }
  timer.end('prefilter');
  options.onProgress?.({ phase: 'candidates', files: candidates.length });

  const parser = new Parser();
  const trees: AnalyzedFile[] = [];
  for (const { file, text } of candidates) {
    const rel = toPosix(path.relative(root, file));
    const sf = parser.parse(file, text);
    const error = firstSyntaxError(sf);
    if (error) skipped.push({ file: rel, reason: error });
    else trees.push({ file, rel, text, sf, sites: [] });
    options.onProgress?.({ phase: 'parsed', done: trees.length, total: candidates.length });
  }
  timer.end('parse');

  const evaluator = new Evaluator(parser, new ModuleResolver(root));
  const sites: Site[] = [];
  for (const tree of trees) {
    const { rel, sf } = tree;
    const report = (node: ts.Node, draft: SiteDraft): void => {
      const start = node.getStart(sf);
      const { line, character } = sf.getLineAndCharacterOfPosition(start);
      tree.sites.push(makeSite(rel, line + 1, character + 1, start, node.getEnd(), draft));
    };
    runDetectors({ sf, nodes: collectNodes(sf), evaluator, report });
    tree.sites.sort(compareSites);
    sites.push(...tree.sites);
  }
  sites.sort(compareSites);
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  timer.end('detect');

  return {
    root,
    filesScanned: files.length,
    sites,
    skipped,
    files: trees,
    markers,
    evaluator,
    performance: {
      phases: timer.phases,
      files: { discovered: files.length, candidates: candidates.length, parsed: trees.length },
    },
  };
}

function makeSite(file: string, line: number, column: number, start: number, end: number, draft: SiteDraft): Site {
  const site: Site = {
    id: `${file}:${line}:${column}:${draft.kind}`,
    file,
    line,
    column,
    kind: draft.kind,
    sdk: draft.sdk,
    api: draft.api,
    model: draft.model,
    features: draft.features,
    confidence: draft.confidence,
    name: draft.name,
    start,
    end,
  };
  if (draft.options !== undefined) site.options = draft.options;
  return site;
}

function compareSites(a: Site, b: Site): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

function phaseTimer() {
  const phases = { discover: 0, prefilter: 0, parse: 0, detect: 0 };
  let last = performance.now();
  return {
    phases,
    end(phase: keyof typeof phases) {
      const now = performance.now();
      phases[phase] = Math.round(now - last);
      last = now;
    },
  };
}

function markersIn(file: string, text: string): Marker[] {
  const found: Marker[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const at = line.indexOf(MARKER);
    if (at !== -1) found.push({ file, line: i + 1, text: line.slice(at).trim() });
  });
  return found;
}
