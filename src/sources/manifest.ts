/** The version range a project's package.json gives a dependency, for sources whose behaviour changed by major. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Evaluator } from '../analysis/typescript/evaluator.js';

const manifests = new Map<string, string | null>();
const parsed = new Map<string, Record<string, string> | null>();

/** The nearest package.json above `file` (null when none). */
function manifestFor(dir: string): string | null {
  const cached = manifests.get(dir);
  if (cached !== undefined) return cached;
  const candidate = path.join(dir, 'package.json');
  const parent = path.dirname(dir);
  const found = existsSync(candidate) ? candidate : parent === dir ? null : manifestFor(parent);
  manifests.set(dir, found);
  return found;
}

/**
 * The package.json nearest to `dir` inside `root` (undefined when there is none): the manifest a planned edit
 * may change, never one above the project. The same walk as `manifestFor`, bounded by the root.
 */
export function nearestManifest(dir: string, root: string): string | undefined {
  const found = manifestFor(dir);
  return found !== null && path.dirname(found).startsWith(root) ? found : undefined;
}

function dependenciesOf(file: string): Record<string, string> | null {
  if (parsed.has(file)) return parsed.get(file)!;
  let deps: Record<string, string> | null = null;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    deps = {};
    for (const key of ['peerDependencies', 'devDependencies', 'dependencies']) {
      const group = json[key];
      if (group && typeof group === 'object') Object.assign(deps, group);
    }
  } catch {
    deps = null;
  }
  parsed.set(file, deps);
  return deps;
}

/**
 * The major version of `pkg` that the package.json nearest to `file` asks for (`^4.3.0`, `~5`, `5.0.0-beta.1`),
 * or null when it does not name the package or the range has no number (`latest`, `workspace:*`).
 */
export function dependencyMajor(file: string, pkg: string, ev: Evaluator): number | null {
  const manifest = manifestFor(path.dirname(file));
  if (!manifest) return null;
  ev.depend(manifest);
  const range = dependenciesOf(manifest)?.[pkg];
  const match = range ? /(\d+)/.exec(range.replace(/^npm:[^@]+@/, '')) : null;
  return match ? Number(match[1]) : null;
}
