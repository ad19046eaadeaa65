import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temporary folder holding the given files (relative path → content). */
export function testdir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qianyi-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** A temporary copy of a fixture folder, so a test can add files to it. */
export function copyFixture(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qianyi-fixture-'));
  cpSync(source, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
