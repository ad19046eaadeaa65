import { diffArrays, FILE_HEADERS_ONLY, formatPatch } from 'diff';
import type { TextEdit } from './edits.js';
import { redact as redactSecrets, redactEnvText as redactEnvValues } from '../redact/redact.js';

/** The one redactor's passes, under the names this module has always exported. */
export { redactSecrets, redactEnvValues };

/**
 * A unified diff of one file, secrets redacted (src/redact/). Line diffs are quadratic in the number of changes (a
 * generated file with 4,000 calls took minutes), so the lines compared exactly are only those the plan's
 * edits touch: each run of touched lines is diffed on its own and the untouched lines between runs are known
 * to be equal. Without edits (a .env file) the common first and last lines are set aside the same way.
 * Redaction keeps every line where it is, so the line numbers of the raw texts hold for the redacted ones.
 */
export function unifiedDiff(file: string, before: string, after: string, isEnvFile = false, edits?: readonly TextEdit[]): string {
  const redact = isEnvFile ? (t: string) => redactEnvValues(t) : redactSecrets;
  const old = splitLines(redact(before));
  const now = splitLines(redact(after));
  const windows = edits && edits.length > 0 ? editWindows(before, after, edits) : [trimmedWindow(old, now)];
  const parts: Part[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const w of windows) {
    push(parts, { lines: old.slice(oldAt, w.oldStart) });
    for (const change of diffArrays(old.slice(w.oldStart, w.oldEnd), now.slice(w.newStart, w.newEnd))) {
      push(parts, { lines: change.value, added: change.added, removed: change.removed });
    }
    oldAt = w.oldEnd;
    newAt = w.newEnd;
  }
  push(parts, { lines: old.slice(oldAt) });
  void newAt;
  return formatPatch({ oldFileName: `a/${file}`, newFileName: `b/${file}`, oldHeader: undefined, newHeader: undefined, hunks: hunksOf(parts, 3) }, FILE_HEADERS_ONLY);
}

/** Line ranges [start, end) of the old and new texts that may differ. */
interface Window {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

interface Part {
  lines: string[];
  added?: boolean;
  removed?: boolean;
}

/** Lines with their line break, as jsdiff's line diff splits them. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const out = lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The index of the line holding offset `at` (binary search over the line starts). */
function lineAt(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The whole lines each edit touches, merged where they meet, in old and new line numbers. */
function editWindows(before: string, after: string, edits: readonly TextEdit[]): Window[] {
  const oldStarts = lineStarts(before);
  const newStarts = lineStarts(after);
  const oldLineEnd = (line: number) => (line + 1 < oldStarts.length ? oldStarts[line + 1]! : before.length);
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const windows: Window[] = [];
  let delta = 0; // new offset - old offset, for text after the edits seen so far
  let i = 0;
  while (i < sorted.length) {
    const first = lineAt(oldStarts, sorted[i]!.start);
    let last = lineAt(oldStarts, sorted[i]!.end);
    const deltaBefore = delta;
    // Take every edit that starts on a line of this window. Windows that only touch stay apart, so that a
    // run of changed lines (one generated call per line) is many small diffs, not one quadratic one.
    while (i < sorted.length && lineAt(oldStarts, sorted[i]!.start) <= last) {
      const edit = sorted[i]!;
      last = Math.max(last, lineAt(oldStarts, edit.end));
      delta += edit.text.length - (edit.end - edit.start);
      i++;
    }
    const oldFrom = oldStarts[first]!;
    const oldTo = oldLineEnd(last);
    const newFrom = oldFrom + deltaBefore;
    const newTo = oldTo + delta;
    windows.push({
      oldStart: first,
      oldEnd: oldTo === before.length && oldStarts[last] === before.length ? last : last + 1,
      newStart: lineAt(newStarts, newFrom),
      newEnd: newTo >= after.length ? countLines(after) : lineAt(newStarts, newTo),
    });
  }
  return windows;
}

function countLines(text: string): number {
  return splitLines(text).length;
}

/** Everything but the common first and last lines. */
function trimmedWindow(old: string[], now: string[]): Window {
  let start = 0;
  while (start < old.length && start < now.length && old[start] === now[start]) start++;
  let end = 0;
  while (end < old.length - start && end < now.length - start && old[old.length - 1 - end] === now[now.length - 1 - end]) end++;
  return { oldStart: start, oldEnd: old.length - end, newStart: start, newEnd: now.length - end };
}

/**
 * Appends a part. Equal lines join the equal lines before them; a change joins the change block before it,
 * removed lines first and added lines after, as a line diff prints a block of changed lines.
 */
function push(parts: Part[], part: Part): void {
  if (part.lines.length === 0) return;
  const last = parts[parts.length - 1];
  const copy = { ...part, lines: [...part.lines] };
  if (!part.added && !part.removed) {
    if (last && !last.added && !last.removed) last.lines.push(...part.lines);
    else parts.push(copy);
    return;
  }
  const added = last?.added ? last : undefined;
  const removed = last?.removed ? last : added && parts[parts.length - 2]?.removed ? parts[parts.length - 2] : undefined;
  if (part.added) {
    if (added) added.lines.push(...part.lines);
    else parts.push(copy);
  } else if (removed) removed.lines.push(...part.lines);
  else if (added) parts.splice(parts.length - 1, 0, copy);
  else parts.push(copy);
}

/** jsdiff's hunk builder (structuredPatch), over the parts: the same hunks, context and EOF markers. */
function hunksOf(parts: Part[], context: number) {
  const diff = [...parts, { lines: [] as string[] }];
  const hunks: Array<{ oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }> = [];
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let range: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  const contextLines = (lines: string[]) => lines.map((l) => ` ${l}`);
  for (let i = 0; i < diff.length; i++) {
    const current = diff[i]!;
    if (current.added || current.removed) {
      if (!oldRangeStart) {
        const prev = diff[i - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (prev) {
          range = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
          oldRangeStart -= range.length;
          newRangeStart -= range.length;
        }
      }
      for (const line of current.lines) range.push(`${current.added ? '+' : '-'}${line}`);
      if (current.added) newLine += current.lines.length;
      else oldLine += current.lines.length;
    } else {
      if (oldRangeStart) {
        if (current.lines.length <= context * 2 && i < diff.length - 2) {
          range.push(...contextLines(current.lines));
        } else {
          const size = Math.min(current.lines.length, context);
          range.push(...contextLines(current.lines.slice(0, size)));
          hunks.push({ oldStart: oldRangeStart, oldLines: oldLine - oldRangeStart + size, newStart: newRangeStart, newLines: newLine - newRangeStart + size, lines: range });
          oldRangeStart = 0;
          newRangeStart = 0;
          range = [];
        }
      }
      oldLine += current.lines.length;
      newLine += current.lines.length;
    }
  }
  for (const hunk of hunks) {
    for (let i = 0; i < hunk.lines.length; i++) {
      if (hunk.lines[i]!.endsWith('\n')) hunk.lines[i] = hunk.lines[i]!.slice(0, -1);
      else hunk.lines.splice(++i, 0, '\\ No newline at end of file');
    }
  }
  return hunks;
}
