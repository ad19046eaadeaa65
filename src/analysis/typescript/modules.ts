import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ts } from './parse.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `import './a.js'` in TypeScript means `./a.ts`. */
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

interface PathsConfig {
  /** Directory that `paths` targets are relative to. */
  base: string;
  paths: Array<{ pattern: string; targets: string[] }>;
  /** The config files it was read from (the `extends` chain): a resolution through it depends on them. */
  files: string[];
}

export interface Resolution {
  file: string | null;
  /** Config files the resolution read (tsconfig/jsconfig `paths`). */
  configs: string[];
}

/**
 * Resolves the module specifiers of user code to files: relative paths, and the `paths` aliases of the
 * nearest tsconfig.json / jsconfig.json (`@/lib/openai`). Bare package names are not resolved: qianyi looks
 * at the project's own code, never into node_modules.
 */
export class ModuleResolver {
  private readonly configByDir = new Map<string, PathsConfig | null>();
  private readonly cache = new Map<string, Resolution>();
  private readonly isFile = fileCheck();

  constructor(private readonly stopDir: string) {}

  resolve(specifier: string, fromFile: string): Resolution {
    const key = `${fromFile}\0${specifier}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const resolved = this.resolveUncached(specifier, fromFile);
    this.cache.set(key, resolved);
    return resolved;
  }

  private resolveUncached(specifier: string, fromFile: string): Resolution {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return { file: resolveFile(path.resolve(path.dirname(fromFile), specifier), this.isFile), configs: [] };
    }
    const config = this.pathsConfigFor(path.dirname(fromFile));
    if (!config) return { file: null, configs: [] };
    return { file: this.throughPaths(specifier, config), configs: config.files };
  }

  private throughPaths(specifier: string, config: PathsConfig): string | null {
    for (const { pattern, targets } of config.paths) {
      const star = pattern.indexOf('*');
      let captured: string | null = null;
      if (star === -1) {
        if (pattern === specifier) captured = '';
      } else {
        const prefix = pattern.slice(0, star);
        const suffix = pattern.slice(star + 1);
        if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
          captured = specifier.slice(prefix.length, specifier.length - suffix.length);
        }
      }
      if (captured === null) continue;
      for (const target of targets) {
        const found = resolveFile(path.resolve(config.base, target.replace('*', captured)), this.isFile);
        if (found) return found;
      }
    }
    return null;
  }

  private pathsConfigFor(dir: string): PathsConfig | null {
    const cached = this.configByDir.get(dir);
    if (cached !== undefined) return cached;
    let result: PathsConfig | null = null;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      if (existsSync(file)) {
        result = readPathsConfig(file, 0);
        break;
      }
    }
    if (!result) {
      const parent = path.dirname(dir);
      const atStop = dir === this.stopDir || parent === dir || !dir.startsWith(this.stopDir);
      result = atStop ? null : this.pathsConfigFor(parent);
    }
    this.configByDir.set(dir, result);
    return result;
  }
}

function readPathsConfig(file: string, depth: number, chain: string[] = []): PathsConfig | null {
  let raw: unknown;
  try {
    raw = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8')).config;
  } catch {
    return null;
  }
  if (!isRecord(raw)) return null;
  const dir = path.dirname(file);
  const options = isRecord(raw.compilerOptions) ? raw.compilerOptions : {};
  if (isRecord(options.paths)) {
    const base = typeof options.baseUrl === 'string' ? path.resolve(dir, options.baseUrl) : dir;
    const paths = Object.entries(options.paths).flatMap(([pattern, targets]) =>
      Array.isArray(targets) ? [{ pattern, targets: targets.filter((t): t is string => typeof t === 'string') }] : [],
    );
    return { base, paths, files: [...chain, file] };
  }
  // Only relative `extends` are followed: a package's shared config would need node_modules.
  if (typeof raw.extends === 'string' && raw.extends.startsWith('.') && depth < 5) {
    const parent = path.resolve(dir, raw.extends);
    return readPathsConfig(parent.endsWith('.json') ? parent : `${parent}.json`, depth + 1, [...chain, file]);
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a path is a file, remembered by the resolver (one per scan): resolution tries up to 17 names per
 * specifier, mostly missing ones, and the same modules are imported from many files. A missing entry is an
 * `undefined` stat, not an exception (building one per miss cost a cold scan of the bench's AI-heavy tree 0.1 s).
 */
function fileCheck(): (p: string) => boolean {
  const known = new Map<string, boolean>();
  return (p) => {
    let is = known.get(p);
    if (is === undefined) {
      try {
        is = statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        is = false;
      }
      known.set(p, is);
    }
    return is;
  };
}

function resolveFile(base: string, isFile: (p: string) => boolean): string | null {
  const ext = path.extname(base);
  const mapped = JS_TO_TS[ext];
  if (mapped) {
    const stem = base.slice(0, -ext.length);
    for (const candidate of mapped) if (isFile(stem + candidate)) return stem + candidate;
  }
  if (EXTENSIONS.includes(ext) && isFile(base)) return base;
  for (const candidate of EXTENSIONS) if (isFile(base + candidate)) return base + candidate;
  for (const candidate of EXTENSIONS) {
    const index = path.join(base, `index${candidate}`);
    if (isFile(index)) return index;
  }
  return null;
}
