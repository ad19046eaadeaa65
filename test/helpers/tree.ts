import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under a folder but .git and qianyi's own .qianyi record: relative POSIX path → absolute path. */
function filesUnder(dir: string): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== '.qianyi') walk(full);
      } else files.push([path.relative(dir, full).split(path.sep).join('/'), full]);
    }
  };
  walk(dir);
  return files;
}

/** Every file under a folder (but .git and .qianyi): relative POSIX path → content. */
export function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map(([rel, full]) => [rel, readFileSync(full, 'utf8')]));
}

/** Replaces `target` with a copy of `source`. */
export function replaceTree(source: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
}

/** Every file (but .git and .qianyi) as mode and bytes: what "untouched" means. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map(([rel, full]) => [rel, `${(statSync(full).mode & 0o7777).toString(8)} ${readFileSync(full).toString('base64')}`]));
}
