/** A replacement of `text[start, end)` (an insertion when start === end). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class EditConflictError extends Error {}

/**
 * Applies edits to a text from the end backwards, so earlier offsets stay valid (knip's IssueFixer does the
 * same). Overlapping edits are a bug in the plan: refuse them rather than produce garbled code. Insertions
 * at the same offset are kept in the order given.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end) {
      throw new EditConflictError(`overlapping edits at offsets ${prev.start}-${prev.end} and ${cur.start}-${cur.end}`);
    }
  }
  const chunks: string[] = [];
  let last = text.length;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const edit = sorted[i]!;
    chunks.push(text.slice(edit.end, last), edit.text);
    last = edit.start;
  }
  chunks.push(text.slice(0, last));
  return chunks.reverse().join('');
}

/** The line ending a file uses: CRLF stays CRLF. */
export function eolOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** The quote a file prefers for strings: the more common of ' and ", single on a tie. */
export function quoteOf(text: string): "'" | '"' {
  let single = 0;
  let double = 0;
  for (const match of text.matchAll(/(?:from|require\(|import\(|[=:(,[]\s*)(['"])/g)) {
    if (match[1] === "'") single++;
    else double++;
  }
  return double > single ? '"' : "'";
}
