/**
 * The package.json edit that goes with remade AI SDK models: `@ai-sdk/openai-compatible`, pinned to the
 * release line that fits the app's `ai` major (each line implements that major's provider specification).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nearestManifest } from '../manifest.js';

/** `ai` major → the @ai-sdk/openai-compatible release (checked against its @ai-sdk/provider dependency). */
export const COMPATIBLE_VERSIONS: Readonly<Record<number, string>> = { 4: '0.2.16', 5: '1.0.61', 6: '2.0.92', 7: '3.0.92' };

export interface ManifestAddition {
  file: string;
  before: string;
  after: string;
  /** 1-based line of the added dependency. */
  line: number;
  reason: string;
}

/**
 * The nearest package.json of each file that now imports `pkg`, with `pkg` added to its dependencies.
 * `textOf` gives a manifest's text as another planned edit leaves it, so the edits compose.
 */
export function manifestAdditions(files: readonly string[], pkg: string, root: string, textOf: (file: string) => string | undefined = () => undefined): ManifestAddition[] {
  const manifests = new Set<string>();
  for (const file of files) {
    const found = nearestManifest(path.dirname(file), root);
    if (found) manifests.add(found);
  }
  const out: ManifestAddition[] = [];
  for (const file of [...manifests].sort()) {
    const before = textOf(file) ?? readFileSync(file, 'utf8');
    const added = addDependency(before, pkg);
    if (added) out.push({ file, before, ...added });
  }
  return out;
}

/** The manifest text with `pkg` added in sorted position to `dependencies`, or null (present already, no `ai` major to fit, no such block). */
export function addDependency(text: string, pkg: string): Omit<ManifestAddition, 'file' | 'before'> | null {
  let json: Record<string, Record<string, string> | undefined>;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const groups = ['dependencies', 'devDependencies', 'peerDependencies'];
  if (groups.some((g) => json[g]?.[pkg] !== undefined)) return null;
  const range = groups.map((g) => json[g]?.ai).find((r) => r !== undefined) ?? groups.map((g) => json[g]?.['@ai-sdk/openai']).find((r) => r !== undefined);
  const major = range ? /(\d+)/.exec(range.replace(/^npm:[^@]+@/, ''))?.[1] : undefined;
  const fromProvider = !groups.some((g) => json[g]?.ai !== undefined);
  const aiMajor = major === undefined ? undefined : Number(major) + (fromProvider ? 3 : 0);
  const version = aiMajor === undefined ? undefined : COMPATIBLE_VERSIONS[aiMajor];
  if (!version) return null;
  const group = groups.find((g) => json[g]?.ai !== undefined || json[g]?.['@ai-sdk/openai'] !== undefined) ?? 'dependencies';
  const open = new RegExp(`"${group}"\\s*:\\s*\\{`).exec(text);
  if (!open) return null;
  const bodyStart = open.index + open[0].length;
  const bodyEnd = text.indexOf('}', bodyStart);
  const body = text.slice(bodyStart, bodyEnd);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entries = [...body.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*"(?:[^"\\]|\\.)*"/g)];
  if (entries.length === 0 || !body.includes('\n')) return null;
  const lineStartOf = (i: number) => text.lastIndexOf('\n', i - 1) + 1;
  const firstAt = bodyStart + entries[0]!.index!;
  const indent = text.slice(lineStartOf(firstAt), firstAt);
  const entry = `"${pkg}": "${version}"`;
  const next = entries.find((e) => e[1]! > pkg);
  let after: string;
  let at: number;
  if (next) {
    at = lineStartOf(bodyStart + next.index!);
    after = `${text.slice(0, at)}${indent}${entry},${eol}${text.slice(at)}`;
  } else {
    const lastEntry = entries[entries.length - 1]!;
    const end = bodyStart + lastEntry.index! + lastEntry[0].length;
    at = end;
    after = `${text.slice(0, end)},${eol}${indent}${entry}${text.slice(end)}`;
  }
  const line = after.slice(0, next ? at : at + 1 + eol.length).split('\n').length;
  return { after, line, reason: `added ${pkg} ${version} to ${group} (the release for ai ${aiMajor}.x), which the migrated code imports` };
}
