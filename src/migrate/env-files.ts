import { readFileSync } from 'node:fs';
import { decode } from '../collect/encoding.js';
import type { SkippedFile } from '../scan/sites.js';
import { eolOf } from './edits.js';
import { ENV_NAME } from '../templates/values.js';

const OPENAI_KEY_LINE = /^[ \t]*(?:export[ \t]+)?OPENAI_API_KEY[ \t]*=.*$/m;

export interface EnvFileChange {
  file: string;
  rel: string;
  before: string;
  after: string;
  /** The 1-based line of the added variable. */
  line: number;
}

/**
 * Adds the provider's key variable, empty, next to OPENAI_API_KEY in each `.env`-style file discovery found
 * (under the named paths, honouring .gitignore and --include/--exclude, as for code). Values are never read
 * into the new line, copied or moved: the user fills in the new key.
 */
export function planEnvFiles(files: Array<{ file: string; rel: string }>, keyEnv: string): { changes: EnvFileChange[]; skipped: SkippedFile[] } {
  // The name becomes a line of the file and part of a pattern: only a plain variable name may.
  if (!ENV_NAME.test(keyEnv)) throw new Error(`not an environment variable name: ${JSON.stringify(keyEnv)}`);
  const changes: EnvFileChange[] = [];
  const skipped: SkippedFile[] = [];
  for (const { file, rel } of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    const decoded = decode(bytes);
    if (!decoded.ok) {
      if (OPENAI_KEY_LINE.test(decoded.text)) skipped.push({ file: rel, reason: decoded.reason, encoding: decoded.encoding });
      continue;
    }
    const change = planEnvFile(decoded.text, keyEnv);
    if (change) changes.push({ ...change, file, rel });
  }
  return { changes: changes.sort((a, b) => (a.rel < b.rel ? -1 : 1)), skipped };
}

/** `keyEnv=` after the OPENAI_API_KEY line (or after the `anchor` variable's line, when given and present). */
export function planEnvFile(before: string, keyEnv: string, anchor?: string): { before: string; after: string; line: number } | undefined {
  if (!ENV_NAME.test(keyEnv) || (anchor !== undefined && !ENV_NAME.test(anchor))) throw new Error(`not an environment variable name: ${JSON.stringify(keyEnv)}`);
  const anchored = anchor ? new RegExp(`^[ \\t]*(?:export[ \\t]+)?${anchor}[ \\t]*=.*$`, 'm').exec(before) : null;
  const match = anchored ?? OPENAI_KEY_LINE.exec(before);
  if (!match || new RegExp(`^[ \\t]*(?:export[ \\t]+)?${keyEnv}[ \\t]*=`, 'm').test(before)) return undefined;
  const eol = eolOf(before);
  let lineEnd = match.index + match[0].length;
  if (before[lineEnd - 1] === '\r') lineEnd--;
  const exported = /^[ \t]*export[ \t]/.test(match[0]) ? 'export ' : '';
  const after = `${before.slice(0, lineEnd)}${eol}${exported}${keyEnv}=${before.slice(lineEnd)}`;
  return { before, after, line: before.slice(0, match.index).split('\n').length + 1 };
}
