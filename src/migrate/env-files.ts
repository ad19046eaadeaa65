import { readdirSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import path from 'node:path';
import { toPosix } from '../util/path.js';
import { ALWAYS_SKIPPED_DIRS } from '../collect/discover.js';
import { eolOf } from './edits.js';

/** `.env`, `.env.example`, `.env.local` ...: where apps keep OPENAI_API_KEY. */
const ENV_FILE = /^\.env(?:\.[\w.-]+)?$/;
const OPENAI_KEY_LINE = /^[ \t]*(?:export[ \t]+)?OPENAI_API_KEY[ \t]*=.*$/m;

export interface EnvFileChange {
  file: string;
  rel: string;
  before: string;
  after: string;
}

/**
 * Adds the provider's key variable, empty, next to OPENAI_API_KEY in every .env-style file under the root.
 * Values are never read into the new line, copied or moved: the user fills in the new key.
 */
export function planEnvFiles(root: string, keyEnv: string, exclude: string[] = []): EnvFileChange[] {
  const isExcluded = exclude.length > 0 ? picomatch(exclude, { dot: true }) : () => false;
  const changes: EnvFileChange[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) stack.push(full);
      } else if (entry.isFile() && ENV_FILE.test(entry.name)) {
        const rel = toPosix(path.relative(root, full));
        const change = isExcluded(rel) ? undefined : planEnvFile(full, keyEnv);
        if (change) changes.push({ ...change, file: full, rel });
      }
    }
  }
  return changes.sort((a, b) => (a.rel < b.rel ? -1 : 1));
}

function planEnvFile(file: string, keyEnv: string): { before: string; after: string } | undefined {
  let before: string;
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const match = OPENAI_KEY_LINE.exec(before);
  if (!match || new RegExp(`^[ \\t]*(?:export[ \\t]+)?${keyEnv}[ \\t]*=`, 'm').test(before)) return undefined;
  const eol = eolOf(before);
  let lineEnd = match.index + match[0].length;
  if (before[lineEnd - 1] === '\r') lineEnd--;
  const exported = /^[ \t]*export[ \t]/.test(match[0]) ? 'export ' : '';
  const after = `${before.slice(0, lineEnd)}${eol}${exported}${keyEnv}=${before.slice(lineEnd)}`;
  return { before, after };
}
