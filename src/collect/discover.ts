import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { UsageError } from '../errors.js';
import { toPosix } from '../util/path.js';

/** Source files qianyi reads. `.d.ts` files are declarations only and are dropped below. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Directory names never descended into: dependencies, VCS data, build output, caches. */
export const ALWAYS_SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.qianyi', '.hg', '.svn', 'dist', 'build', 'coverage', '.next', '.nuxt', '.output',
  '.svelte-kit', '.turbo', '.vercel', '.cache', '.yarn', '.pnpm-store',
]);

/** `.env`, `.env.example`, `.env.local` ...: where apps keep OPENAI_API_KEY. Found by the same rules as code. */
export const ENV_FILE = /^\.env(?:\.[\w.-]+)?$/;

/**
 * Where apps set their environment besides code: `.env*` files, docker-compose `environment:` entries and
 * GitHub Actions workflow `env:` blocks, found by these names with the same rules as code.
 */
export type ConfigKind = 'dotenv' | 'compose' | 'workflow';

const COMPOSE = /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/;
const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;

/** The kind of a config file by its path (POSIX, relative or absolute), or null when it is none of them. */
export function configKind(file: string): ConfigKind | null {
  const posix = file.replace(/\\/g, '/');
  const base = posix.slice(posix.lastIndexOf('/') + 1);
  if (ENV_FILE.test(base)) return 'dotenv';
  if (WORKFLOW.test(posix)) return 'workflow';
  if (COMPOSE.test(base)) return 'compose';
  return null;
}

const DECLARATION_FILE = /\.d\.[mc]?ts$/;
const MINIFIED_FILE = /\.min\.[mc]?js$/;

export interface DiscoverOptions {
  /** Files or directories to scan (absolute or relative to cwd). */
  paths: string[];
  cwd: string;
  /** Globs (relative to the root, POSIX); when given, only files matching one of them are kept. */
  include?: string[];
  /** Globs (relative to the root, POSIX); matching files and directories are skipped. */
  exclude?: string[];
  /** The folder include/exclude are relative to, when not the root (they came from a config file there). */
  globBase?: string;
}

/** Called with each source file as the walk finds it (once each, in walk order, not sorted). */
export type OnFile = (file: string) => void;

export interface Discovery {
  /** Absolute path that reported file paths are relative to. */
  root: string;
  /** Absolute paths, sorted. */
  files: string[];
  /** `.env*`, docker-compose and GitHub workflow files under the same paths and filters (absolute, sorted). */
  envFiles: string[];
  /** Source-named entries that are not regular files (a FIFO, a socket, a device): never opened. */
  special: string[];
}

interface IgnoreLayer {
  /** Absolute directory the patterns are relative to, with a trailing separator. */
  prefix: string;
  ig: Ignore;
}

/**
 * Finds the source files under the given paths, honouring .gitignore files at every level (including those
 * between the git top level and the scanned folder) and .git/info/exclude. Symbolic links are not followed,
 * as git and ripgrep do not follow them: that also rules out symlink loops.
 */
export function discover(options: DiscoverOptions, onFile?: OnFile): Discovery {
  const targets = (options.paths.length > 0 ? options.paths : ['.']).map((p) => path.resolve(options.cwd, p));
  for (const target of targets) {
    if (!existsSync(target)) throw new UsageError(`path not found: ${target}`);
  }
  const root = chooseRoot(targets, options.cwd);
  const isIncluded = options.include?.length ? picomatch(options.include, { dot: true }) : () => true;
  const isExcluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const files = new Set<string>();
  const envFiles = new Set<string>();
  const special: string[] = [];
  const add = (file: string) => {
    if (!isSourceFile(path.basename(file))) envFiles.add(file);
    else if (!files.has(file)) {
      files.add(file);
      onFile?.(file);
    }
  };

  const hasFilters = Boolean(options.include?.length || options.exclude?.length);
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  const base = options.globBase;
  const relative = base ? (full: string) => toPosix(path.relative(base, full))
    : (full: string) => toPosix(full.startsWith(rootPrefix) ? full.slice(rootPrefix.length) : path.relative(root, full));
  for (const target of targets) {
    const stat = statSync(target);
    if (stat.isFile()) {
      // A file named explicitly is scanned even if ignored, as long as it is a source or .env file.
      if (isSourceFile(path.basename(target)) || configKind(target)) add(target);
      continue;
    }
    if (!stat.isDirectory()) {
      // A FIFO would block the read forever; a device or socket is no source either.
      if (isSourceFile(path.basename(target))) special.push(target);
      continue;
    }
    // A folder named on the command line is scanned even when a .gitignore above it ignores it (a build
    // folder, a vendored copy): then only the .gitignore files inside it apply.
    const inherited = ancestorIgnoreLayers(target);
    const layers = isIgnoredPath(inherited, target) ? [] : inherited;
    walk(target, layers, (file) => {
      if (!hasFilters) {
        add(file);
        return;
      }
      const rel = relative(file);
      if (isIncluded(rel) && !isExcluded(rel)) add(file);
    }, (file) => {
      if (!hasFilters) special.push(file);
      else {
        const rel = relative(file);
        if (isIncluded(rel) && !isExcluded(rel)) special.push(file);
      }
    }, (dir) => {
      if (!hasFilters) return false;
      const rel = relative(dir);
      return rel !== '' && (isExcluded(rel) || isExcluded(`${rel}/`));
    });
  }
  return { root, files: [...files].sort(), envFiles: [...envFiles].sort(), special: special.sort() };
}

/** The root `discover` will report paths against, or null when a path does not exist (discover says so). */
export function rootOf(paths: string[], cwd: string): string | null {
  const targets = (paths.length > 0 ? paths : ['.']).map((p) => path.resolve(cwd, p));
  return targets.every((t) => existsSync(t)) ? chooseRoot(targets, cwd) : null;
}

function chooseRoot(targets: string[], cwd: string): string {
  if (targets.length === 1) {
    const only = targets[0]!;
    return statSync(only).isDirectory() ? only : path.dirname(only);
  }
  return cwd;
}

export function isSourceFile(name: string): boolean {
  if (DECLARATION_FILE.test(name) || MINIFIED_FILE.test(name)) return false;
  const ext = path.extname(name);
  return (SOURCE_EXTENSIONS as readonly string[]).includes(ext);
}

function walk(
  start: string,
  inherited: IgnoreLayer[],
  onFile: (file: string) => void,
  onSpecial: (file: string) => void,
  isPruned: (dir: string) => boolean,
): void {
  // Paths are built by concatenation and made relative by slicing: path.join/relative dominate a
  // 10,000-file walk otherwise.
  const stack: Array<{ dir: string; layers: IgnoreLayer[] }> = [{ dir: start, layers: inherited }];
  while (stack.length > 0) {
    const { dir, layers: parentLayers } = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable directory: nothing in it can be scanned
    }
    const hasGitignore = entries.some((e) => e.name === '.gitignore' && e.isFile());
    const layers = hasGitignore ? withLayer(parentLayers, dir, dir + path.sep + '.gitignore') : parentLayers;
    for (const entry of entries) {
      const full = dir + path.sep + entry.name;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || isIgnored(layers, full, true) || isPruned(full)) continue;
        stack.push({ dir: full, layers });
      } else if (entry.isFile()) {
        if ((isSourceFile(entry.name) || (/^\.env|\.ya?ml$/.test(entry.name) && configKind(full))) && !isIgnored(layers, full, false)) onFile(full);
      } else if (!entry.isSymbolicLink() && isSourceFile(entry.name) && !isIgnored(layers, full, false)) {
        onSpecial(full); // symbolic links are not followed (as git does); anything else is not a file
      }
    }
  }
}

/** Whether a directory, or any directory above it, is ignored by the layers. */
function isIgnoredPath(layers: IgnoreLayer[], dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (isIgnored(layers, current, true)) return true;
    if (path.dirname(current) === current) return false;
  }
}

function isIgnored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const { prefix, ig } of layers) {
    if (!full.startsWith(prefix)) continue;
    let rel = toPosix(full.slice(prefix.length));
    if (rel === '') continue;
    if (isDir) rel += '/';
    if (ig.ignores(rel)) return true;
  }
  return false;
}

function withLayer(layers: IgnoreLayer[], base: string, file: string): IgnoreLayer[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return layers;
  }
  return [...layers, { prefix: base.endsWith(path.sep) ? base : base + path.sep, ig: ignore().add(text) }];
}

/**
 * The ignore rules that apply to `dir` from above it: .git/info/exclude and every .gitignore from the git
 * top level down to (not including) `dir` itself, which the walk reads.
 */
function ancestorIgnoreLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = dir;
  let gitTop: string | undefined;
  for (;;) {
    chain.push(current);
    if (existsSync(path.join(current, '.git'))) {
      gitTop = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (!gitTop) return [];
  let layers = withLayer([], gitTop, path.join(gitTop, '.git', 'info', 'exclude'));
  for (const ancestor of chain.reverse()) {
    if (ancestor === dir) break;
    layers = withLayer(layers, ancestor, path.join(ancestor, '.gitignore'));
  }
  return layers;
}
