import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VERSION } from '../version.js';
import type { Candidate } from '../collect/collect.js';
import type { Site } from './sites.js';
import { redact } from '../redact/redact.js';

/** Bump when the site model or the detectors change in a way that old entries would not show. */
const FORMAT = 4;

interface Entry {
  /** Hash of the file's text. */
  hash: string;
  /** Every other file its sites were derived from, with its hash then (null: it did not exist). */
  deps: Record<string, string | null>;
  sites: Site[];
  /** Set when the file did not parse. */
  skipped?: string;
}

interface CacheFile {
  format: number;
  version: string;
  root: string;
  entries: Record<string, Entry>;
}

export type Cached = { sites: Site[] } | { skipped: string };

/**
 * The scan's results per file, kept between runs: a file is analysed again only when its text, or the text of
 * a module it took a client, a model or a path alias from, has changed. When every candidate file is
 * unchanged the parser is not even loaded. Stored in node_modules/.cache/qianyi/ under the scanned root when
 * that folder has node_modules, otherwise in the user's cache folder; `scan --no-cache` bypasses it.
 */
export class ScanCache {
  private readonly hashes = new Map<string, string | null>();
  private readonly next: Record<string, Entry> = {};

  private constructor(
    readonly file: string,
    private readonly root: string,
    private readonly entries: Record<string, Entry>,
  ) {}

  static open(root: string): ScanCache {
    const file = cacheFile(root);
    let entries: Record<string, Entry> = {};
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.version === VERSION && data.root === root) entries = data.entries;
    } catch {
      // no cache yet, or an unreadable one: start afresh
    }
    return new ScanCache(file, root, entries);
  }

  /** Whether a cache file exists for this root (then the parser may not be needed at all). */
  static exists(root: string): boolean {
    return existsSync(cacheFile(root));
  }

  /** Registers the candidates' texts, so their hashes need no second read. */
  know(candidates: readonly Candidate[]): void {
    for (const c of candidates) this.hashes.set(c.file, hash(c.text));
  }

  /** The cached result of a candidate when neither it nor anything it depends on has changed. */
  get(candidate: Candidate): Cached | undefined {
    const entry = this.entries[candidate.rel];
    if (!entry || entry.hash !== this.hashOf(candidate.file)) return undefined;
    for (const [dep, was] of Object.entries(entry.deps)) if (this.hashOf(dep) !== was) return undefined;
    this.next[candidate.rel] = entry;
    return entry.skipped !== undefined ? { skipped: entry.skipped } : { sites: entry.sites };
  }

  put(candidate: Candidate, result: { sites: Site[]; deps: string[] } | { skipped: string }): void {
    const deps: Record<string, string | null> = {};
    if ('deps' in result) for (const dep of result.deps) deps[dep] = this.hashOf(dep);
    this.next[candidate.rel] = {
      hash: this.hashOf(candidate.file) ?? '',
      deps,
      // Stored on disk: a key in the code (say one used as a model id) is redacted like any output.
      sites: 'sites' in result ? (JSON.parse(redact(JSON.stringify(result.sites))) as Site[]) : [],
      ...('skipped' in result ? { skipped: redact(result.skipped) } : {}),
    };
  }

  /** Writes the entries of this run (files that are no longer candidates drop out). Failures are ignored. */
  save(): void {
    const data: CacheFile = { format: FORMAT, version: VERSION, root: this.root, entries: this.next };
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(data));
      renameSync(temp, this.file);
    } catch {
      // a read-only checkout still scans; it just cannot remember
    }
  }

  private hashOf(file: string): string | null {
    let known = this.hashes.get(file);
    if (known === undefined) {
      try {
        known = hash(readFileSync(file, 'utf8'));
      } catch {
        known = null;
      }
      this.hashes.set(file, known);
    }
    return known;
  }
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function cacheFile(root: string): string {
  if (existsSync(path.join(root, 'node_modules'))) return path.join(root, 'node_modules', '.cache', 'qianyi', 'scan.json');
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const key = createHash('sha1').update(root).digest('hex').slice(0, 16);
  return path.join(base, 'qianyi', `scan-${key}.json`);
}
