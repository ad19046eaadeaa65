import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toPosix } from '../util/path.js';
import { discover, type OnFile } from './discover.js';
import { decode } from './encoding.js';
import { enabledWeakSources, isCandidate, weakMatches } from './prefilter.js';
import type { SkippedFile } from '../scan/sites.js';

/** What `collect` needs: the scan's paths and filters. Plain data, so it can cross to a worker thread. */
export interface CollectOptions {
  paths: string[];
  cwd: string;
  include?: string[];
  exclude?: string[];
  /** The folder the globs are relative to, when not the root (a config file's folder). */
  globBase?: string;
}

/** A `TODO(qianyi)` marker left in the code by an earlier migration. */
export interface Marker {
  file: string;
  line: number;
  text: string;
}

export interface Candidate {
  /** Absolute path. */
  file: string;
  /** POSIX, relative to the root. */
  rel: string;
  text: string;
}

/** The files to parse and what was learnt while reading everything else. */
export interface Collected {
  root: string;
  filesScanned: number;
  candidates: Candidate[];
  skipped: SkippedFile[];
  markers: Marker[];
  /** `.env*` files found by the same rules, for the migration to add the provider's key to. */
  envFiles: Array<{ file: string; rel: string }>;
  phases: { discover: number; prefilter: number };
}

export const MARKER = 'TODO(qianyi)';
/** Files larger than this are generated bundles or data, not code to migrate. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Deeper bracket nesting than this is generated or hostile, never code to migrate. */
const MAX_NESTING = 500;

/** discover → read every file once → keep the candidates. Node built-ins only: no parser is loaded here. */
export function collect(options: CollectOptions): Collected {
  const started = performance.now();
  const discovered = discoverFiles(options);
  const shard = collectShard(discovered.root, discovered.files);
  return mergeShards(discovered, [shard], Math.round(performance.now() - started - discovered.discoverMs));
}

/** What `discover` found, as plain data (it crosses from the worker that walks the tree). */
export interface Discovered {
  root: string;
  files: string[];
  envFiles: string[];
  special: string[];
  discoverMs: number;
}

export function discoverFiles(options: CollectOptions, onFile?: OnFile): Discovered {
  const started = performance.now();
  const { root, files, envFiles, special } = discover(options, onFile);
  return { root, files, envFiles, special, discoverMs: Math.round(performance.now() - started) };
}

/** What reading one slice of the discovered files found. Plain data: shards are read on worker threads. */
export interface Shard {
  candidates: Candidate[];
  /** Files that name only a weak module (see `weakMatches`), with the indexes of those sources. */
  maybe: Array<{ candidate: Candidate; weak: number[] }>;
  /** The weak sources (indexes) the candidates enable. */
  enabled: number[];
  skipped: SkippedFile[];
  markers: Marker[];
}

/**
 * Reads and prefilters `files` (a slice of the discovered files, in order). `onCandidate` sees each candidate
 * as soon as it is found (a worker streams them to the parser); the weak ones come only with the result.
 */
export function collectShard(root: string, files: readonly string[], onCandidate?: (candidate: Candidate) => void): Shard {
  const skipped: SkippedFile[] = [];
  const markers: Marker[] = [];
  const candidates: Candidate[] = [];
  const maybe: Shard['maybe'] = [];
  const enabled = new Set<number>();
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  const relOf = (file: string) => toPosix(file.startsWith(rootPrefix) ? file.slice(rootPrefix.length) : path.relative(root, file));
  for (const file of files) {
    const rel = relOf(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
      if (bytes.length > MAX_FILE_BYTES) {
        skipped.push({ file: rel, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
        continue;
      }
    } catch (error) {
      skipped.push({ file: rel, reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const decoded = decode(bytes);
    const text = decoded.text;
    if (!decoded.ok) {
      // Never parsed, so never rewritten; listed only when it would have been migrated.
      if (isCandidate(text)) skipped.push({ file: rel, reason: decoded.reason, encoding: decoded.encoding });
      continue;
    }
    if (isCandidate(text)) {
      // The parser and the detectors recurse per level: a pathological nesting would overflow the stack.
      const depth = nestingDepth(text);
      if (depth > MAX_NESTING) skipped.push({ file: rel, reason: `nested more than ${MAX_NESTING} levels deep (brackets): not parsed` });
      else {
        const candidate = { file, rel, text };
        candidates.push(candidate);
        onCandidate?.(candidate);
        for (const i of enabledWeakSources(text)) enabled.add(i);
      }
    } else {
      const weak = weakMatches(text);
      if (weak.length > 0) maybe.push({ candidate: { file, rel, text }, weak });
    }
    if (text.includes(MARKER)) markers.push(...markersIn(rel, text));
  }
  return { candidates, maybe, enabled: [...enabled], skipped, markers };
}

/**
 * The shards of slices of `discovered.files` (in any order: the reading threads start on files as the walk
 * finds them) as one collection, in file order as if read in one go.
 */
export function mergeShards(discovered: Discovered, shards: readonly Shard[], prefilterMs: number): Collected {
  const { root, files } = discovered;
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  const relOf = (file: string) => toPosix(file.startsWith(rootPrefix) ? file.slice(rootPrefix.length) : path.relative(root, file));
  const order = new Map(files.map((f, i) => [f, i]));
  const byRel = new Map(files.map((f, i) => [relOf(f), i]));
  const inFileOrder = <T>(items: T[], indexOf: (item: T) => number): T[] => {
    for (let i = 1; i < items.length; i++) if (indexOf(items[i - 1]!) > indexOf(items[i]!)) return items.sort((a, b) => indexOf(a) - indexOf(b));
    return items;
  };
  const special = discovered.special.map((file) => ({ file: relOf(file), reason: 'not a regular file (a FIFO, socket or device): not read' }));
  const skipped: SkippedFile[] = [...special, ...inFileOrder(shards.flatMap((s) => s.skipped), (s) => byRel.get(s.file)!)];
  const candidates = shards.flatMap((s) => s.candidates);
  const enabled = new Set(shards.flatMap((s) => s.enabled));
  // Files that name only a weak module (`ai`) count once some file names that source's own modules.
  candidates.push(...shards.flatMap((s) => s.maybe).filter((m) => m.weak.some((i) => enabled.has(i))).map((m) => m.candidate));
  return {
    root,
    filesScanned: files.length,
    candidates: inFileOrder(candidates, (c) => order.get(c.file)!),
    skipped,
    // A stable sort: a file's markers stay in line order.
    markers: inFileOrder(shards.flatMap((s) => s.markers), (m) => byRel.get(m.file)!),
    envFiles: discovered.envFiles.map((file) => ({ file, rel: relOf(file) })),
    phases: { discover: discovered.discoverMs, prefilter: prefilterMs },
  };
}

/** The deepest nesting of ( [ { in a text (strings and comments are not told apart: an upper bound). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

function markersIn(file: string, text: string): Marker[] {
  const found: Marker[] = [];
  text.split('\n').forEach((line, i) => {
    const at = line.indexOf(MARKER);
    if (at !== -1) found.push({ file, line: i + 1, text: line.slice(at).trim() });
  });
  return found;
}
