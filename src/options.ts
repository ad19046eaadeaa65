import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { loadBuiltinTemplates, loadTemplateFile, resolveProviderId, checkRegistry } from './templating/load.js';
import type { Template } from './templating/schema.js';

/** What `qianyi.config.json` (or the `qianyi` key of package.json) may hold. Flags win over it. */
export const ConfigSchema = z.strictObject({
  /** Provider id or alias used by `migrate` and `check` when --provider is not given. */
  provider: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  /** OpenAI model id → provider model id, like `--model`. */
  models: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** Extra provider template files, relative to the config file. */
  templates: z.array(z.string().min(1)).optional(),
  include: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

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

function parseConfig(label: string, data: unknown): Config {
  const result = ConfigSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  throw new UsageError(`${label}: ${where}: ${issue.message}`);
}

/** Built-in templates plus the user's (`--template`, config `templates`), checked together. */
export function allTemplates(templateFiles: string[], loaded: LoadedConfig): Template[] {
  const configDir = loaded.file ? path.dirname(loaded.file) : process.cwd();
  const files = [
    ...templateFiles.map((f) => path.resolve(f)),
    ...(loaded.config.templates ?? []).map((f) => path.resolve(configDir, f)),
  ];
  const user = files.map((f) => loadTemplateFile(f));
  const templates = [...user, ...loadBuiltinTemplates().filter((b) => !user.some((u) => u.id === b.id))];
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
