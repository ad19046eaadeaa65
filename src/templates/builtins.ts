import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError, UsageError } from '../errors.js';
import type { Template } from './schema.js';

/**
 * The built-in templates without the validator. `npm run build` validates templates/ and writes the result
 * to dist/builtin-templates.json; reading that is a few milliseconds, where loading zod and yaml and
 * validating 14 files took about 0.3 s of every command (README "Performance"). When the snapshot is
 * missing or older than a template file (an edit without a rebuild), the YAML is read and validated.
 */
export async function builtinTemplates(): Promise<Template[]> {
  const snapshot = fileURLToPath(new URL('../builtin-templates.json', import.meta.url));
  if (existsSync(snapshot) && !isStale(snapshot)) return JSON.parse(readFileSync(snapshot, 'utf8')) as Template[];
  const { loadBuiltinTemplates } = await import('./load.js');
  return loadBuiltinTemplates();
}

/** templates/ at the package root (this module is two levels below it in src/ and in dist/). */
export function templatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

function isStale(snapshot: string): boolean {
  const built = statSync(snapshot).mtimeMs;
  const dir = templatesDir();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name, 'template.yaml');
    if (!name.startsWith('_') && existsSync(file) && statSync(file).mtimeMs > built) return true;
  }
  return false;
}

/** Checks a set of templates together: unique ids, and no alias that names two providers. */
export function checkRegistry(templates: readonly Template[], labelOf: (t: Template) => string): void {
  const owner = new Map<string, Template>();
  for (const t of templates) {
    for (const name of [t.id, ...t.aliases]) {
      const prev = owner.get(name);
      if (prev && prev !== t) {
        throw new TemplateError(`${labelOf(t)}: "${name}" is already the id or an alias of provider "${prev.id}"`);
      }
      owner.set(name, t);
    }
  }
}

/**
 * The template for a provider id or alias (case-insensitive): `glm` → zhipu, `kimi` → moonshot.
 * An unknown name is a `UsageError` listing the valid ids.
 */
export function resolveProviderId(idOrAlias: string, templates: readonly Template[]): Template {
  const wanted = idOrAlias.trim().toLowerCase();
  const found = templates.find((t) => t.id === wanted) ?? templates.find((t) => t.aliases.includes(wanted));
  if (found) return found;
  const ids = templates.map((t) => t.id).join(', ');
  throw new UsageError(`unknown provider "${idOrAlias}"`, `valid providers: ${ids}`);
}
