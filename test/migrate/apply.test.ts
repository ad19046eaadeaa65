import * as fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { removeDir, testdir } from '../helpers/testdir.js';

/** A rename that fails once for the file named here: the writer must put back what it already replaced. */
const failing = vi.hoisted(() => ({ target: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (failing.target && String(to) === failing.target) {
        failing.target = '';
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      }
      return real.renameSync(from, to);
    },
  };
});

const { replaceAll, sha256 } = await import('../../src/migrate/write.js');

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

describe('replaceAll (the one writer)', () => {
  it('restores the files already replaced when a later rename fails, and leaves no temporary file', () => {
    const dir = testdir({ 'a.ts': 'a old\n', 'b.ts': 'b old\n', 'c.ts': 'c old\n' });
    temps.push(dir);
    const files = ['a.ts', 'b.ts', 'c.ts'].map((name) => path.join(dir, name));
    failing.target = files[2]!;
    const replacements = files.map((file) => ({
      file, label: path.basename(file), expect: sha256(fs.readFileSync(file)), bytes: Buffer.from(`${path.basename(file)[0]} new\n`),
    }));
    expect(() => replaceAll(replacements, 'test-run')).toThrow('c.ts: cannot be written (EIO); the files already replaced were restored');
    expect(files.map((f) => fs.readFileSync(f, 'utf8'))).toEqual(['a old\n', 'b old\n', 'c old\n']);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });

  it('writes nothing when one file no longer holds the expected bytes', () => {
    const dir = testdir({ 'a.ts': 'a\n', 'b.ts': 'b\n' });
    temps.push(dir);
    const [a, b] = ['a.ts', 'b.ts'].map((name) => path.join(dir, name));
    expect(() => replaceAll([
      { file: a!, label: 'a.ts', expect: sha256('a\n'), bytes: Buffer.from('A\n') },
      { file: b!, label: 'b.ts', expect: sha256('something else'), bytes: Buffer.from('B\n') },
    ], 'test-run')).toThrow('b.ts: changed since it was planned; nothing was written');
    expect([fs.readFileSync(a!, 'utf8'), fs.readFileSync(b!, 'utf8')]).toEqual(['a\n', 'b\n']);
  });

  it('refuses a symbolic link and a file with a second hard link', () => {
    const dir = testdir({ 'real.ts': 'x\n' });
    temps.push(dir);
    fs.symlinkSync(path.join(dir, 'real.ts'), path.join(dir, 'link.ts'));
    fs.linkSync(path.join(dir, 'real.ts'), path.join(dir, 'hard.ts'));
    const one = (name: string) => () => replaceAll([{ file: path.join(dir, name), label: name, bytes: Buffer.from('y\n') }], 'test-run');
    expect(one('link.ts')).toThrow('link.ts: is a symbolic link; nothing was written');
    expect(one('hard.ts')).toThrow('hard.ts: has 2 hard links (replacing it would split them); nothing was written');
    expect(fs.readFileSync(path.join(dir, 'real.ts'), 'utf8')).toBe('x\n');
  });
});
