import path from 'node:path';

/** Paths in reports are POSIX on every platform. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
