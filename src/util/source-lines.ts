import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const IGNORE = /\/\/\s*qianyi-ignore:\s*\S/;

/** Unique, line-shift-proof keys: equal (file, what, normalised line) get occurrence indexes in file order. */
export class KeyMaker {
  private readonly seen = new Map<string, number>();
  constructor(private readonly lines: LineReader) {}

  key(file: string, what: string, line: number): string {
    const text = this.lines.line(file, line).replace(/\s+/g, ' ').trim();
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    const base = `${file}:${what}:${hash}`;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return `${base}:${n}`;
  }
}

/** Source lines by file (read once), for keys and for `qianyi-ignore` lines above markers. */
export class LineReader {
  private readonly cache = new Map<string, string[]>();
  constructor(private readonly root: string) {}

  line(file: string, line: number): string {
    return this.lines(file)[line - 1] ?? '';
  }

  ignoredAbove(file: string, line: number): boolean {
    return this.ignoreReason(file, line) !== undefined;
  }

  /** The reason of a `// qianyi-ignore: <reason>` in the comment block holding `line` (above or below it). */
  ignoreReason(file: string, line: number): string | undefined {
    const lines = this.lines(file);
    const isComment = (i: number) => (lines[i] ?? '').trim().startsWith('//');
    let from = line - 1;
    while (from > 0 && isComment(from - 1)) from--;
    for (let i = from; i < lines.length && isComment(i); i++) {
      const text = lines[i]!.trim();
      if (IGNORE.test(text)) return text.slice(text.indexOf(':') + 1).trim();
    }
    return undefined;
  }

  /** Whether the comment lines right above `line` hold a `// qianyi-ignore` without a reason (which does not count). */
  bareIgnoreAbove(file: string, line: number): boolean {
    const lines = this.lines(file);
    for (let i = line - 2; i >= 0 && (lines[i] ?? '').trim().startsWith('//'); i--) {
      if (/^\/\/\s*qianyi-ignore\s*:?\s*$/.test(lines[i]!.trim())) return true;
    }
    return false;
  }

  private lines(file: string): string[] {
    let lines = this.cache.get(file);
    if (!lines) {
      try {
        // Only a regular file: a FIFO listed as skipped would block the read forever (the corpus test has one).
        const full = path.join(this.root, file);
        lines = statSync(full).isFile() ? readFileSync(full, 'utf8').split(/\r?\n/) : [];
      } catch {
        lines = [];
      }
      this.cache.set(file, lines);
    }
    return lines;
  }
}
