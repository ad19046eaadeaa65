/** Loading provider templates: the built-in ones under templates/, and a user's own file (`--template`). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { TemplateError, UsageError } from '../errors.js';
import { checkRegistry, templatesDir } from './builtins.js';
import { TemplateSchema, type Template } from './schema.js';
import { looksLikeKey, redact } from '../redact/redact.js';

export { checkRegistry, resolveProviderId, templatesDir } from './builtins.js';

function describePath(path: PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/**
 * The offending value, when it is short enough for a one-line message (not a whole object) and plain: the
 * file's text is never echoed when it holds quotes, code-like characters, line breaks or anything key-shaped.
 */
function shownInput(input: unknown): string {
  if (input === undefined || (typeof input === 'object' && input !== null && !Array.isArray(input))) return '';
  const json = JSON.stringify(input);
  const plain = /^[\w .,:[\]()/"+-]*$/.test(json) && !json.includes('\\');
  if (json.length > 60 || !plain || redact(json) !== json || (typeof input === 'string' && looksLikeKey(input))) return '';
  return ` (got ${json})`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'missing';
  return `${issue.message}${shownInput(issue.input)}`;
}

/** Validates parsed YAML; `label` names the template in errors (a path or `templates/<id>`). */
export function validateTemplate(data: unknown, label: string): Template {
  const result = TemplateSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  if (!first) throw new TemplateError(`${label}: invalid template`);
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new TemplateError(`${label}: ${describePath(first.path)}: ${describeIssue(first)}${more}`);
}

/** Parses and validates template YAML text. */
export function parseTemplate(text: string, label: string): Template {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos ? `:${pos.line}:${pos.col}` : '';
      const what = err.message.split('\n')[0] ?? 'invalid YAML';
      throw new TemplateError(`${label}${where}: not valid YAML: ${what}`);
    }
    throw err;
  }
  return validateTemplate(data, label);
}

/** Loads a user's template (e.g. a company gateway). A broken file is a `TemplateError`, never a crash. */
export function loadTemplateFile(path: string): Template {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`template file not found: ${path}`);
    if (code === 'EISDIR') throw new UsageError(`template path is a directory, not a file: ${path}`);
    throw new UsageError(`cannot read template ${path}: ${(err as Error).message}`);
  }
  return parseTemplate(text, path);
}

/** Loads every `templates/<id>/template.yaml` from a directory (folders starting with `_` or `.` are skipped). */
export function loadTemplatesFrom(dir: string): Template[] {
  const templates: Template[] = [];
  const labels = new Map<Template, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const folder = join(dir, name);
    if (!statSync(folder).isDirectory()) continue;
    const file = join(folder, 'template.yaml');
    const label = relative(process.cwd(), file) || file;
    if (!existsSync(file)) throw new TemplateError(`${label}: missing (every provider folder needs a template.yaml)`);
    const t = parseTemplate(readFileSync(file, 'utf8'), label);
    if (t.id !== name) throw new TemplateError(`${label}: id: "${t.id}" does not match its folder "${name}"`);
    templates.push(t);
    labels.set(t, label);
  }
  checkRegistry(templates, (t) => labels.get(t) ?? t.id);
  return templates;
}

let builtins: Template[] | undefined;

/** The built-in templates, sorted by id; read and validated once per process. */
export function loadBuiltinTemplates(): Template[] {
  builtins ??= loadTemplatesFrom(templatesDir());
  return builtins;
}
