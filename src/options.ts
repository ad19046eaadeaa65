import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { builtinTemplates, checkRegistry, resolveProviderId } from './templates/builtins.js';
import type { Template } from './templates/schema.js';

/** What `qianyi.config.json` (or the `qianyi` key of package.json) may hold. Flags win over it. */
export interface Config {
  /** Provider id or alias used by `migrate` and `check` when --provider is not given. */
  provider?: string;
  region?: string;
  /** OpenAI model id → provider model id, like `--model`. */
  models?: Record<string, string>;
  /** Extra provider template files, relative to the config file. */
  templates?: string[];
  include?: string[];
  exclude?: string[];
}

const STRING_KEYS = ['provider', 'region'] as const;
const LIST_KEYS = ['templates', 'include', 'exclude'] as const;

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null when there is none. */
  file: string | null;
}

/**
 * Finds the config by walking up from `start`: the first folder with `qianyi.config.json`, or with a
 * package.json that has a `qianyi` key, wins. `explicit` (--config) skips the search.
 */
export function loadConfig(start: string, explicit?: string): LoadedConfig {
  if (explicit) {
    const file = path.resolve(explicit);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${file}`);
    return { config: parseConfig(file, readJson(file)), file };
  }
  let dir = existsSync(start) && statSync(start).isFile() ? path.dirname(start) : start;
  for (;;) {
    const own = path.join(dir, 'qianyi.config.json');
    if (existsSync(own)) return { config: parseConfig(own, readJson(own)), file: own };
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const data = readJson(pkg);
      if (data && typeof data === 'object' && 'qianyi' in data) {
        return { config: parseConfig(`${pkg} (key "qianyi")`, (data as Record<string, unknown>).qianyi), file: pkg };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { config: {}, file: null };
    dir = parent;
  }
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
  const known = new Set<string>([...STRING_KEYS, ...LIST_KEYS, 'models']);
  for (const key of Object.keys(record)) if (!known.has(key)) fail(key, `unknown field (known: ${[...known].join(', ')})`);
  for (const key of STRING_KEYS) {
    if (record[key] !== undefined && (typeof record[key] !== 'string' || record[key] === '')) fail(key, 'expected a non-empty string');
  }
  for (const key of LIST_KEYS) {
    const value = record[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))) {
      fail(key, 'expected a list of non-empty strings');
    }
  }
  const models = record.models;
  if (models !== undefined) {
    if (typeof models !== 'object' || models === null || Array.isArray(models)) fail('models', 'expected an object of "openai-model": "provider-model"');
    for (const [from, to] of Object.entries(models as Record<string, unknown>)) {
      if (typeof to !== 'string' || to === '') fail(`models.${from}`, 'expected a non-empty string');
    }
  }
  return record as Config;
}

/** Built-in templates plus the user's (`--template`, config `templates`), checked together. */
export async function allTemplates(templateFiles: string[], loaded: LoadedConfig): Promise<Template[]> {
  const configDir = loaded.file ? path.dirname(loaded.file) : process.cwd();
  const files = [
    ...templateFiles.map((f) => path.resolve(f)),
    ...(loaded.config.templates ?? []).map((f) => path.resolve(configDir, f)),
  ];
  let user: Template[] = [];
  if (files.length > 0) {
    // The validator is loaded only for templates that have not been checked at build time.
    const { loadTemplateFile } = await import('./templates/load.js');
    user = files.map((f) => loadTemplateFile(f));
  }
  const builtins = await builtinTemplates();
  const templates = [...user, ...builtins.filter((b) => !user.some((u) => u.id === b.id))];
  checkRegistry(templates, (t) => t.id);
  return templates;
}

/** `gpt-4o=glm-4.7` pairs from --model, over the config's `models`. */
export function parseModelOverrides(pairs: string[] | undefined, config: Config): Record<string, string> {
  const models: Record<string, string> = { ...(config.models ?? {}) };
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new UsageError(`--model takes FROM=TO, like --model gpt-4o=glm-4.7 (got "${pair}")`);
    }
    models[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return models;
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
