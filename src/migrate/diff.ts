import { createTwoFilesPatch } from 'diff';
import type { TextEdit } from './edits.js';

const SECRET_PATTERNS: RegExp[] = [
  // OpenAI and most providers' keys.
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g,
  // Bearer tokens and long opaque strings assigned to key-like names.
  /((?:api[_-]?key|apikey|secret|token|password|authorization)["']?\s*[:=]\s*["'`])[^"'`\s]{8,}(["'`])/gi,
];

/** Hides secrets before anything is printed: a diff must never echo an API key. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, p1: string, p2: string) => {
      if (typeof p2 === 'string' && p1 && !/^(sk|pk|rk)$/.test(p1)) return `${p1}***${p2}`;
      return `${match.slice(0, 3)}***`;
    });
  }
  return out;
}

/** In .env files every value is a potential secret: show names only. */
export function redactEnvValues(text: string): string {
  return text.replace(/^([ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*)([^\r\n]+)$/gm, (_, name: string) => `${name}***`);
}

/** A unified diff of one file, secrets redacted. */
export function unifiedDiff(file: string, before: string, after: string, isEnvFile = false, _edits?: readonly TextEdit[]): string {
  const redact = isEnvFile ? (t: string) => redactEnvValues(t) : redactSecrets;
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, redact(before), redact(after), undefined, undefined, { context: 3 });
  // Drop the "Index:"/"===" header lines jsdiff adds; keep ---/+++ and the hunks.
  return patch.split('\n').filter((line) => !line.startsWith('Index: ') && !/^=+$/.test(line)).join('\n');
}
