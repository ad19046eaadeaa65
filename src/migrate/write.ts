import { renameSync, statSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file's content atomically: the new text goes to a temporary file beside it, which is then
 * renamed over the original, so a crash leaves either the old file or the new one, never half of each.
 * A read-only file is refused (checked on the mode bits: root bypasses access checks).
 */
export function writeAtomic(file: string, text: string): void {
  const stat = statSync(file);
  if ((stat.mode & 0o222) === 0) throw new Error('the file is read-only');
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.qianyi-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { mode: stat.mode & 0o7777 });
    chmodSync(temp, stat.mode & 0o7777);
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    throw error;
  }
}
