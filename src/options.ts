import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { builtinTemplates, checkRegistry, resolveProviderId } from './templates/builtins.js';
import type { Template } from './templates/schema.js';
import { ID, MODEL_ID, problemWith } from './templates/values.js';
import { looksLikeKey, registerKeyPatterns } from './redact/redact.js';
import { writeErr } from './redact/output.js';

/** What `qianyi.config.json` (or the `qianyi` key of package.json) may hold. Flags win over it. */
export interface Config {
  /** Provider id or alias used by `migrate` and `check` when --provider is not given. */
  provider?: string;
  region?: string;
  /** OpenAI model id → provider model id, like `--model`. */
  models?: Record<string, string>;
  /** Extra provider template files, relative to the config file. */
  templates?: string[];
  /** Globs relative to the config file's folder (scan, migrate and check). */
  include?: string[];
  exclude?: string[];
  /** `--route`: capability → second provider id, e.g. `{ "embeddings": "qwen" }`; applies to `provider` only, like `region`. */
  routes?: Record<string, string>;
  /** Built-in provider ids that a user template may replace (`"override": ["zhipu"]`); refused otherwise. */
  override?: string[];
}

const STRING_KEYS = ['provider', 'region'] as const;
const LIST_KEYS = ['templates', 'include', 'exclude', 'override'] as const;

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when there is none. */
  file: string | null;
  /** True when named by --config: then its templates may live anywhere. */
  explicit?: boolean;
  /** The repository's git top level (or the scanned folder outside git): nothing above it is trusted. */
  top?: string;
}

/**
 * Finds the config by walking up from `start`, but never above the repository being migrated: the git top
 * level, or the scanned folder itself outside git (a config in a CI runner's home or on a shared machine is
 * not the repository's). The first folder with `qianyi.config.json`, or with a package.json that has a
 * `qianyi` key, wins. `explicit` (--config) skips the search. The file used is named on stderr.
 */
export function loadConfig(start: string, explicit?: string): LoadedConfig {
  let dir = existsSync(start) && statSync(start).isFile() ? path.dirname(start) : start;
  const top = trustTop(dir);
  if (explicit) {
    const file = path.resolve(explicit);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${file}`);
    return announce({ config: parseConfig(file, readJson(file)), file, explicit: true, top });
  }
  for (;;) {
    const own = path.join(dir, 'qianyi.config.json');
    if (existsSync(own)) return announce({ config: parseConfig(own, readJson(own)), file: own, top });
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const data = readJson(pkg);
      if (data && typeof data === 'object' && 'qianyi' in data) {
        return announce({ config: parseConfig(`${pkg} (key "qianyi")`, (data as Record<string, unknown>).qianyi), file: pkg, top });
      }
    }
    const parent = path.dirname(dir);
    if (dir === top || parent === dir) return { config: {}, file: null, top };
    dir = parent;
  }
}

function announce(loaded: LoadedConfig): LoadedConfig {
  writeErr(`qianyi: using config ${loaded.file}\n`);
  return loaded;
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in a worktree), else `dir`. */
export function trustTop(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return dir;
  }
}

/** Whether `file` (symbolic links resolved) lies inside `dir`. */
function isInside(file: string, dir: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(dir), real(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Checks the config by hand: six fields do not warrant loading a schema library on every run. */
function parseConfig(label: string, data: unknown): Config {
  const fail = (where: string, problem: string): never => {
    throw new UsageError(`${label}: ${where}: ${problem}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('(top level)', 'expected an object');
  const record = data as Record<string, unknown>;
  const known = new Set<string>([...STRING_KEYS, ...LIST_KEYS, 'models', 'routes']);
  for (const key of Object.keys(record)) if (!known.has(key)) fail(key, `unknown field (known: ${[...known].join(', ')})`);
  for (const key of STRING_KEYS) {
    if (record[key] !== undefined && (typeof record[key] !== 'string' || record[key] === '')) fail(key, 'expected a non-empty string');
  }
  // Ids are matched case-insensitively (`--provider GLM`), so the provider is checked in lower case.
  if (typeof record.provider === 'string') {
    const problem = problemWith(record.provider.toLowerCase(), ID);
    if (problem) fail('provider', problem);
  }
  if (typeof record.region === 'string') {
    const problem = problemWith(record.region, ID);
    if (problem) fail('region', problem);
  }
  for (const key of LIST_KEYS) {
    const value = record[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '' || /[\p{Cc}]/u.test(v)))) {
      fail(key, 'expected a list of non-empty single-line strings');
    }
  }
  for (const [i, id] of ((record.override as string[] | undefined) ?? []).entries()) {
    const problem = problemWith(id, ID);
    if (problem) fail(`override[${i}]`, problem);
  }
  const routes = record.routes;
  if (routes !== undefined) {
    if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) fail('routes', 'expected an object of "capability": "provider", e.g. { "embeddings": "qwen" }');
    for (const [capability, provider] of Object.entries(routes as Record<string, unknown>)) {
      // The capability is checked with the provider's templates (policy/route.ts); here only its shape.
      const problem = /^[a-z_]{1,40}$/.test(capability) ? (typeof provider === 'string' ? problemWith(provider.toLowerCase(), ID) : 'expected a provider id') : 'expected a capability name such as embeddings';
      if (problem) fail(`routes.${JSON.stringify(capability)}`, problem);
    }
    if (record.provider === undefined) fail('routes', 'routes belong to a provider: set "provider" too');
  }
  const models = record.models;
  if (models !== undefined) {
    if (typeof models !== 'object' || models === null || Array.isArray(models)) fail('models', 'expected an object of "openai-model": "provider-model"');
    for (const [from, to] of Object.entries(models as Record<string, unknown>)) {
      const problem = modelPairProblem(from, to);
      if (problem) fail(`models.${JSON.stringify(from)}`, problem);
    }
  }
  return record as Config;
}

/**
 * The `--route` values of a run: the flags; else the config's `routes` when the run's provider is the config's;
 * else the routes of the last applied run recorded for this provider (so a second run and `check` after a
 * routed migration keep the split). Empty when none.
 */
export function routeValues(flags: string[] | undefined, loaded: LoadedConfig, template: Template, templates: Template[], recorded: () => string[]): string[] {
  if (flags && flags.length > 0) return flags;
  const configProvider = loaded.config.provider ? resolveProviderId(loaded.config.provider, templates).id : undefined;
  if (loaded.config.routes && configProvider === template.id) return Object.entries(loaded.config.routes).map(([c, p]) => `${c}=${p}`);
  return recorded();
}

/** What is wrong with a `from → to` model pair, or null: both are model ids, and the target is no key. */
function modelPairProblem(from: string, to: unknown): string | null {
  const fromProblem = problemWith(from, MODEL_ID);
  if (fromProblem) return `the OpenAI model ${fromProblem}`;
  const toProblem = problemWith(to, MODEL_ID);
  if (toProblem) return `the provider model ${toProblem}`;
  if (looksLikeKey(to as string)) return 'the provider model looks like an API key, not a model id';
  return null;
}

/**
 * Built-in templates plus the user's (`--template`, config `templates`), checked together. A config found
 * in the repository may name templates only inside the repository. A user template may not take the id or
 * an alias of a built-in provider unless the config lists that provider in `override`. Every user template
 * used is named on stderr.
 */
export async function allTemplates(templateFiles: string[], loaded: LoadedConfig): Promise<Template[]> {
  const configDir = loaded.file ? path.dirname(loaded.file) : process.cwd();
  const fromConfig = (loaded.config.templates ?? []).map((f) => path.resolve(configDir, f));
  if (loaded.file && !loaded.explicit && loaded.top) {
    const outside = fromConfig.find((f) => !isInside(f, loaded.top!));
    if (outside) {
      throw new UsageError(`${loaded.file}: templates: ${outside} is outside the repository (${loaded.top})`, 'name a template outside the repository with --template, or its config with --config');
    }
  }
  const files = [...templateFiles.map((f) => path.resolve(f)), ...fromConfig];
  let user: Template[] = [];
  if (files.length > 0) {
    // The validator is loaded only for templates that have not been checked at build time.
    const { loadTemplateFile } = await import('./templates/load.js');
    user = files.map((f) => loadTemplateFile(f));
  }
  const builtins = await builtinTemplates();
  const overrides = new Set(loaded.config.override ?? []);
  const replaced = new Set<Template>();
  user.forEach((u, i) => {
    const names = [u.id, ...u.aliases];
    for (const b of builtins.filter((b) => [b.id, ...b.aliases].some((n) => names.includes(n)))) {
      if (!overrides.has(b.id)) {
        throw new UsageError(
          `${files[i]}: id or alias "${names.find((n) => n === b.id || b.aliases.includes(n))}" is the built-in provider ${b.id}; a user template replaces a built-in one only when the config says "override": ["${b.id}"]`,
        );
      }
      replaced.add(b);
    }
    writeErr(`qianyi: using user template ${u.id} from ${files[i]}${[...replaced].some((b) => b.id === u.id) ? ` (replaces the built-in ${u.id})` : ''}\n`);
  });
  const templates = [...user, ...builtins.filter((b) => !replaced.has(b))];
  checkRegistry(templates, (t) => t.id);
  registerKeyPatterns(templates);
  return templates;
}

/** `gpt-4o=glm-4.7` pairs from --model, over the config's `models`; both sides must be model ids. */
export function parseModelOverrides(pairs: string[] | undefined, config: Config): Record<string, string> {
  const models: Record<string, string> = { ...(config.models ?? {}) };
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new UsageError('--model takes FROM=TO, like --model gpt-4o=glm-4.7');
    }
    const [from, to] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    const problem = modelPairProblem(from, to);
    if (problem) throw new UsageError(`--model ${JSON.stringify(from)}: ${problem}`);
    models[from] = to;
  }
  return models;
}

/** The config's region, which belongs to the config's provider: it applies only when that one is used. */
export function configRegion(loaded: LoadedConfig, template: Template, templates: Template[]): string | undefined {
  const { provider, region } = loaded.config;
  if (!region) return undefined;
  if (!provider) {
    throw new UsageError(`${loaded.file}: region: "${region}" needs a "provider" it belongs to`);
  }
  return resolveProviderId(provider, templates) === template ? region : undefined;
}

/** Include/exclude globs: the flags' (relative to the scanned folder), else the config's (relative to its file). */
export function scopeGlobs(
  options: { include?: string[]; exclude?: string[] },
  loaded: LoadedConfig,
): { include?: string[]; exclude?: string[]; globBase?: string } {
  if (options.include || options.exclude || !loaded.file) return { include: options.include, exclude: options.exclude };
  const { include, exclude } = loaded.config;
  if (!include && !exclude) return {};
  return { include, exclude, globBase: path.dirname(loaded.file) };
}

/** The template for --provider (or the config's provider); a usage error when neither names one. */
export function chooseTemplate(provider: string | undefined, config: Config, templates: Template[]): Template | undefined {
  const wanted = provider ?? config.provider;
  return wanted ? resolveProviderId(wanted, templates) : undefined;
}

export function checkRegion(template: Template, region: string | undefined): string {
  const id = region ?? template.defaultRegion;
  if (!template.regions[id]) {
    throw new UsageError(`provider ${template.id} has no region "${id}"`, `regions: ${Object.keys(template.regions).join(', ')}`);
  }
  return id;
}
