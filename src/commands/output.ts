import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { redact } from '../redact/redact.js';

/** `-o` extensions that choose the format when `--format` is absent. */
const BY_EXTENSION: Record<string, string> = { '.sarif': 'sarif', '.json': 'json', '.md': 'markdown', '.markdown': 'markdown' };

/** `--format`, else the `-o` file's extension, else pretty; one clear line when the command cannot print it. */
export function resolveFormat(command: string, format: string | undefined, output: string | undefined, allowed: readonly string[]): string {
  const chosen = format ?? (output ? BY_EXTENSION[path.extname(output).toLowerCase()] : undefined) ?? 'pretty';
  if (!allowed.includes(chosen)) throw new UsageError(`${command} prints ${allowed.join(', ')}, not "${chosen}"`);
  return chosen;
}

/** Fails before any work when the file cannot be written: its folder must exist (one line, exit 2). */
export function checkWritable(file: string | undefined, flag: string): void {
  if (!file) return;
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) throw new UsageError(`${flag} ${file}: the folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${flag} ${file}: ${dir} is not a folder`);
}

/** A report or baseline file; redacted like everything qianyi prints or stores. */
export function writeOutput(file: string, text: string, flag: string): void {
  try {
    writeFileSync(path.resolve(file), redact(text));
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
