import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover } from '../../src/collect/discover.js';
import { removeDir, testdir } from '../helpers/testdir.js';

let dir = '';
afterEach(() => removeDir(dir));

function relFiles(options: Partial<Parameters<typeof discover>[0]> = {}): string[] {
  return discover({ paths: [dir], cwd: dir, ...options }).files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

describe('discover', () => {
  it('keeps every source extension and drops declarations, minified files, build output and dependencies', () => {
    dir = testdir({
      'a.ts': '', 'b.tsx': '', 'c.mts': '', 'd.cts': '', 'e.js': '', 'f.jsx': '', 'g.mjs': '', 'h.cjs': '',
      'types.d.ts': '', 'x.d.mts': '', 'vendor.min.js': '', 'readme.md': '', 'data.json': '',
      'node_modules/pkg/index.js': '', 'dist/out.js': '', 'build/out.js': '', 'coverage/x.js': '', '.next/x.js': '',
      'packages/app/node_modules/y.js': '', 'packages/app/src/z.ts': '',
    });
    expect(relFiles()).toEqual(['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs', 'packages/app/src/z.ts']);
  });

  it('honours .gitignore at every level and .git/info/exclude', () => {
    dir = testdir({
      '.gitignore': 'generated/\n*.gen.ts\n',
      '.git/info/exclude': 'secret.ts\n',
      'generated/a.ts': '', 'x.gen.ts': '', 'secret.ts': '', 'keep.ts': '',
      'packages/app/.gitignore': 'local.ts\n/only-here.ts\n',
      'packages/app/local.ts': '', 'packages/app/only-here.ts': '', 'packages/app/sub/only-here.ts': '', 'packages/app/ok.ts': '',
      'packages/other/local.ts': '',
    });
    expect(relFiles()).toEqual(['keep.ts', 'packages/app/ok.ts', 'packages/app/sub/only-here.ts', 'packages/other/local.ts']);
  });

  it('applies the .gitignore files above a scanned subfolder', () => {
    dir = testdir({ '.git/HEAD': '', '.gitignore': 'ignored.ts\n', 'pkg/ignored.ts': '', 'pkg/kept.ts': '' });
    const files = discover({ paths: [path.join(dir, 'pkg')], cwd: dir }).files.map((f) => path.basename(f));
    expect(files).toEqual(['kept.ts']);
  });

  it('scans a folder named on the command line even when a .gitignore above it ignores it', () => {
    dir = testdir({ '.git/HEAD': '', '.gitignore': 'out/\n*.gen.ts\n', 'out/app/a.ts': '', 'out/app/b.gen.ts': '', 'out/app/.gitignore': 'c.ts\n', 'out/app/c.ts': '' });
    const files = discover({ paths: [path.join(dir, 'out/app')], cwd: dir }).files.map((f) => path.basename(f));
    // The folder's own .gitignore still applies; the rules above it, which ignore the folder itself, do not.
    expect(files).toEqual(['a.ts', 'b.gen.ts']);
  });

  it('applies --include and --exclude globs relative to the root', () => {
    dir = testdir({ 'src/a.ts': '', 'src/a.test.ts': '', 'scripts/b.js': '', 'legacy/c.ts': '' });
    expect(relFiles({ include: ['src/**'] })).toEqual(['src/a.test.ts', 'src/a.ts']);
    expect(relFiles({ exclude: ['**/*.test.ts', 'legacy'] })).toEqual(['scripts/b.js', 'src/a.ts']);
  });

  it('does not follow symbolic links, so a link loop ends', () => {
    dir = testdir({ 'src/a.ts': '' });
    mkdirSync(path.join(dir, 'src/deep'));
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'src/deep/loop'));
    writeFileSync(path.join(dir, 'src/deep/b.ts'), '');
    expect(relFiles()).toEqual(['src/a.ts', 'src/deep/b.ts']);
  });

  it('rejects a path that does not exist with a usage error', () => {
    dir = testdir({});
    expect(() => discover({ paths: ['nope'], cwd: dir })).toThrowError(/path not found: .*nope/);
  });
});
