/**
 * The one way out: every command prints through these, so that nothing leaves qianyi unredacted. Files it
 * writes (-o reports and baselines: commands/output.ts; the scan cache) call `redact` themselves.
 */
import { redact } from './redact.js';

export function writeOut(text: string): void {
  process.stdout.write(redact(text));
}

export function writeErr(text: string): void {
  process.stderr.write(redact(text));
}
