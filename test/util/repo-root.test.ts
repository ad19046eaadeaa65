import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFormat } from '../../src/commands/output.js';
import { uriBase } from '../../src/util/repo-root.js';
import { gitInit } from '../helpers/git.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

describe('uriBase', () => {
  it('anchors paths at the git top level, at --root, or at the scanned folder outside git', () => {
    const top = realpathSync(testdir({ 'packages/app/src/a.ts': 'x\n' }));
    temps.push(top);
    const app = path.join(top, 'packages/app');
    expect(uriBase(app)).toEqual({ dir: app, prefix: '' });
    gitInit(top);
    expect(uriBase(app)).toEqual({ dir: top, prefix: 'packages/app/' });
    expect(uriBase(path.join(app, 'src'), path.join(top, 'packages'))).toEqual({ dir: path.join(top, 'packages'), prefix: 'app/src/' });
    mkdirSync(path.join(top, 'other'));
    // A --root that does not hold the scanned folder cannot anchor it: the scanned folder does.
    expect(uriBase(app, path.join(top, 'other'))).toEqual({ dir: app, prefix: '' });
  });
});

describe('resolveFormat', () => {
  it('takes --format, else the -o extension, else pretty; refuses what the command cannot print', () => {
    const all = ['pretty', 'json', 'sarif', 'markdown'];
    expect(resolveFormat('check', 'json', 'x.sarif', all)).toBe('json');
    expect(resolveFormat('check', undefined, 'out/x.SARIF', all)).toBe('sarif');
    expect(resolveFormat('check', undefined, 'x.md', all)).toBe('markdown');
    expect(resolveFormat('check', undefined, 'x.json', all)).toBe('json');
    expect(resolveFormat('check', undefined, 'x.txt', all)).toBe('pretty');
    expect(resolveFormat('check', undefined, undefined, all)).toBe('pretty');
    expect(() => resolveFormat('migrate', undefined, 'x.sarif', ['pretty', 'json'])).toThrow('migrate prints pretty, json, not "sarif"');
  });
});
