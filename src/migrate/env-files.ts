import { readFileSync } from 'node:fs';
import { configKind, type ConfigKind } from '../collect/discover.js';
import { decode } from '../collect/encoding.js';
import type { SkippedFile } from '../scan/sites.js';
import { envVarSdk, isRenamableKey } from '../sources/openai/surface.js';
import { eolOf } from './edits.js';
import { ENV_NAME } from '../templates/values.js';

/**
 * A single OpenAI (or Azure OpenAI) key under any of its names: the provider's key variable goes next to it.
 * Not a key pool or a NEXT_PUBLIC_ key (the code reading those is marked, never switched), and never a base URL:
 * an empty `X_BASE_URL=` would override the `?? 'https://…'` fallback the migrated client reads it with.
 */
function isKeyAnchor(name: string): boolean {
  return envVarSdk(name) !== null && isRenamableKey(name);
}

export { configKind };

export interface EnvFileChange {
  file: string;
  rel: string;
  before: string;
  after: string;
  /** The 1-based line of the first added variable. */
  line: number;
  /** The 1-based lines of every added variable (one per `environment:` / `env:` block in YAML). */
  lines: number[];
}

/**
 * Adds the provider's key variable, by name only, next to OpenAI's key in each config file discovery found
 * (under the named paths, honouring .gitignore and --include/--exclude, as for code): empty in `.env*`,
 * `${NAME}` in docker-compose, `${{ secrets.NAME }}` in workflows. Values are never read into the new line,
 * copied or moved: the user fills in the new key.
 */
export function planEnvFiles(files: Array<{ file: string; rel: string }>, keyEnv: string): { changes: EnvFileChange[]; skipped: SkippedFile[] } {
  // The name becomes a line of the file and part of a pattern: only a plain variable name may.
  if (!ENV_NAME.test(keyEnv)) throw new Error(`not an environment variable name: ${JSON.stringify(keyEnv)}`);
  const changes: EnvFileChange[] = [];
  const skipped: SkippedFile[] = [];
  for (const { file, rel } of files) {
    const kind = configKind(rel);
    if (!kind) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    const decoded = decode(bytes);
    if (!decoded.ok) {
      if (mentionsKey(decoded.text)) skipped.push({ file: rel, reason: decoded.reason, encoding: decoded.encoding });
      continue;
    }
    const change = planEnvFile(decoded.text, keyEnv, undefined, kind);
    if (change) changes.push({ ...change, file, rel });
  }
  return { changes: changes.sort((a, b) => (a.rel < b.rel ? -1 : 1)), skipped };
}

function mentionsKey(text: string): boolean {
  return (text.match(/[A-Z][A-Z0-9_]*/g) ?? []).some(isKeyAnchor);
}

/**
 * The text with `keyEnv` added after OpenAI's key (or after the `anchor` variable, when given: a routed
 * provider's key goes after the first provider's), or undefined when nothing is to be added.
 */
export function planEnvFile(before: string, keyEnv: string, anchor?: string, kind: ConfigKind = 'dotenv'): { before: string; after: string; line: number; lines: number[] } | undefined {
  if (!ENV_NAME.test(keyEnv) || (anchor !== undefined && !ENV_NAME.test(anchor))) throw new Error(`not an environment variable name: ${JSON.stringify(keyEnv)}`);
  const isAnchor = anchor ? (name: string) => name === anchor : isKeyAnchor;
  const lines = before.split('\n');
  const inserts: Array<{ after: number; text: string }> = [];
  if (kind === 'dotenv') {
    const entries = lines.map((text, index) => ({ index, m: /^[ \t]*(export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=/.exec(text) }));
    const at = entries.find((e) => e.m && isAnchor(e.m[2]!));
    if (at && !entries.some((e) => e.m?.[2] === keyEnv)) inserts.push({ after: at.index, text: `${at.m![1] ? 'export ' : ''}${keyEnv}=` });
  } else {
    const blocks = yamlBlocks(lines, kind === 'compose' ? 'environment' : 'env');
    // A workflow's env blocks nest (workflow, job, step): one that sets the provider's key anywhere already has it.
    // A compose file's services do not share their environment: each block is judged alone.
    if (kind === 'workflow' && blocks.some((block) => block.some((e) => e.name === keyEnv))) return undefined;
    for (const block of blocks) {
      const at = block.find((e) => isAnchor(e.name));
      if (!at || block.some((e) => e.name === keyEnv)) continue;
      inserts.push({ after: at.last, text: entryLike(at, keyEnv, kind) });
    }
  }
  if (inserts.length === 0) return undefined;
  const out = [...lines];
  const added: number[] = [];
  for (const [i, insert] of inserts.sort((a, b) => a.after - b.after).entries()) {
    // Line `after` (0-based, before any insert) is now at `after + i`; the new line goes right below it, ending
    // as it does. A last line without an end of line gets the file's; the new line then ends the file without one.
    const at = insert.after + i;
    const last = insert.after === lines.length - 1;
    if (last && eolOf(before) === '\r\n' && !out[at]!.endsWith('\r')) out[at] += '\r';
    const cr = !last && out[at]!.endsWith('\r') ? '\r' : '';
    out.splice(at + 1, 0, insert.text + cr);
    added.push(at + 2);
  }
  const after = out.join('\n');
  return { before, after, line: added[0]!, lines: added };
}

interface YamlEntry {
  name: string;
  /** 0-based line of the entry, and of its last line (values continued on deeper lines). */
  line: number;
  last: number;
  form: 'map' | 'list';
  /** The text before the name (indent, `- `) and the quote around a list entry. */
  prefix: string;
  quote: string;
  hasValue: boolean;
}

/**
 * The entries of every block `key:` (a mapping or a sequence of `NAME=value`) in a YAML text, read line by
 * line: enough for the flat blocks compose and workflows use. Flow style (`env: { A: 1 }`) is left out.
 */
function yamlBlocks(lines: string[], key: string): YamlEntry[][] {
  const blocks: YamlEntry[][] = [];
  const head = new RegExp(`^([ \\t]*(?:-[ \\t]+)?)${key}[ \\t]*:[ \\t]*(?:#.*)?\\r?$`);
  for (let i = 0; i < lines.length; i++) {
    const h = head.exec(lines[i]!);
    if (!h) continue;
    const keyCol = h[1]!.length;
    const entries: YamlEntry[] = [];
    let childCol = -1;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j]!.replace(/\r$/, '');
      if (/^[ \t]*(?:#.*)?$/.test(text)) continue;
      const col = /^[ \t]*/.exec(text)![0].length;
      const isItem = /^[ \t]*-[ \t]/.test(text);
      // A sequence may sit at its key's own indent ("environment:\n- A=1").
      if (col < keyCol || (col === keyCol && !(isItem && (childCol === -1 || childCol === keyCol)))) break;
      if (childCol === -1) childCol = col;
      if (col > childCol) {
        if (entries.length > 0) entries[entries.length - 1]!.last = j;
        continue;
      }
      if (col < childCol) break;
      const list = /^([ \t]*-[ \t]+)(["']?)([A-Za-z_][A-Za-z0-9_]*)(=|\2[ \t]*(?:#.*)?$)/.exec(text);
      const map = /^([ \t]*)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2[ \t]*:(?:[ \t]+(.*))?$/.exec(text);
      if (list) entries.push({ name: list[3]!, line: j, last: j, form: 'list', prefix: list[1]!, quote: list[2]!, hasValue: list[4] === '=' });
      else if (map) entries.push({ name: map[3]!, line: j, last: j, form: 'map', prefix: map[1]!, quote: map[2]!, hasValue: Boolean(map[4] && !map[4].startsWith('#')) });
    }
    if (entries.length > 0) blocks.push(entries);
    i = j - 1;
  }
  return blocks;
}

/** An entry for `name` written as `like` is: the same form, indent and quotes, its value a reference by name. */
function entryLike(like: YamlEntry, name: string, kind: ConfigKind): string {
  const ref = kind === 'workflow' ? `\${{ secrets.${name} }}` : `\${${name}}`;
  if (like.form === 'list') return `${like.prefix}${like.quote}${name}${like.hasValue ? `=${ref}` : ''}${like.quote}`;
  return `${like.prefix}${like.quote}${name}${like.quote}:${like.hasValue || kind === 'workflow' ? ` ${ref}` : ''}`;
}
