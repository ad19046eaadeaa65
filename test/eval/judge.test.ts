// The judge behind `npm run eval:real` (scripts/eval-real/judge.mjs): line mapping through a diff, scan
// recall/precision against labels, wrong/missed edits and mixed requests. The corpus run itself is not
// part of the suite; these cases pin the arithmetic it reports.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { fileChanges, judgeEdits, judgeScan, textMixed } from '../../scripts/eval-real/judge.mjs';

const site = (kind: string, file: string, line: number, model: string | null = null) => ({ kind, file, line, model });

describe('fileChanges', () => {
  const before = 'a\nb\nc\nd\n';
  it('reports a modified line once, in the original numbering', () => {
    expect(fileChanges(before, 'a\nB\nc\nd\n')).toEqual({ changed: [{ line: 2, before: 'b' }], inserted: [], markers: [] });
  });
  it('anchors inserted code lines to the original line they precede, after earlier insertions', () => {
    const r = fileChanges(before, 'x\na\nb\ny\nc\nd\n');
    expect(r.changed).toEqual([]);
    expect(r.inserted).toEqual([{ line: 1, text: 'x' }, { line: 3, text: 'y' }]);
  });
  it('counts marker comments as reports, inserted or appended, never as edits', () => {
    expect(fileChanges(before, 'a\n// TODO(qianyi): move this\nb\nc\nd\n')).toEqual({ changed: [], inserted: [], markers: [{ line: 2, text: '// TODO(qianyi): move this' }] });
    expect(fileChanges(before, 'a\nb // qianyi: check\nc\nd\n').markers).toEqual([{ line: 2, text: 'b // qianyi: check' }]);
  });
  it('reports deletions', () => {
    expect(fileChanges(before, 'a\nd\n').changed.map((c: { line: number }) => c.line)).toEqual([2, 3]);
  });
});

describe('judgeScan', () => {
  const labels = [
    { file: 'a.ts', line: 2, end: 4, what: 'client', site: true, expect: 'repoint' },
    { file: 'a.ts', line: 6, end: 8, what: 'call', site: true, expect: 'repoint' },
    { file: 'a.ts', line: 7, what: 'model', site: true, expect: 'map model' },
    { file: 'a.ts', line: 10, what: 'model', site: false, expect: 'leave: storage key' },
    { file: 'test/', line: 0, what: 'model', site: 'optional', many: true, expect: 'leave: tests' },
  ];
  it('finds inline models through their call site, ignores imports, and splits false positives', () => {
    const r = judgeScan([site('import', 'a.ts', 1), site('client', 'a.ts', 2), site('call', 'a.ts', 6, 'gpt-4o'), site('model', 'a.ts', 10), site('model', 'b.ts', 1), site('model', 'test/x.ts', 3)], labels);
    expect(r.sites).toBe(5);
    expect(r.recall).toBe(1);
    expect(r.precision).toBe(3 / 5);
    expect(r.lookalikes.map((x: { site: { line: number } }) => x.site.line)).toEqual([10]);
    expect(r.unlabelled.map((s: { file: string }) => s.file)).toEqual(['b.ts']);
  });
  it('misses a required site that was not reported', () => {
    const r = judgeScan([site('client', 'a.ts', 3)], labels);
    expect(r.missed.map((l: { line: number }) => l.line)).toEqual([6, 7]);
  });
});

describe('judgeEdits', () => {
  const labels = [
    { file: 'a.ts', line: 2, end: 4, what: 'client', site: true, request: 'r', expect: 'repoint' },
    { file: 'a.ts', line: 3, what: 'key', site: false, request: 'r', expect: 'mark: key from settings' },
    { file: 'a.ts', line: 7, what: 'model', site: true, request: 'r', expect: { deepseek: 'map model', zhipu: 'leave: no counterpart' } },
    { file: 'f.ts', line: 5, what: 'endpoint', site: 'optional', request: 'f', expect: 'mark: raw fetch' },
    { file: 'f.ts', line: 6, what: 'env', site: 'optional', request: 'f', expect: 'leave: raw fetch key' },
  ];
  const edits = (entries: Record<string, { changed?: number[]; inserted?: number[]; markers?: number[] }>) =>
    new Map(Object.entries(entries).map(([file, e]) => [file, {
      changed: (e.changed ?? []).map((line) => ({ line, before: '' })),
      inserted: (e.inserted ?? []).map((line) => ({ line, text: 'x' })),
      markers: (e.markers ?? []).map((line) => ({ line, text: '// TODO(qianyi): x' })),
    }]));

  it('a clean migration: client and model moved, the settings key kept with a marker', () => {
    const r = judgeEdits(edits({ 'a.ts': { inserted: [4], changed: [7], markers: [3] } }), labels, 'deepseek', null);
    expect(r.wrong).toEqual([]);
    expect(r.missed).toEqual([]);
    expect(r.mixed).toEqual([]);
    expect(r.unmarked.map((u: { label: { file: string } }) => u.label.file)).toEqual(['f.ts']);
  });
  it('a key rewritten under an unmoved client is wrong and mixed; an unmoved model is missed and mixed', () => {
    const r = judgeEdits(edits({ 'a.ts': { changed: [3] } }), labels, 'deepseek', null);
    expect(r.wrong.map((w: { label: { line: number } }) => w.label.line)).toEqual([3]);
    expect(r.missed.map((m: { label: { line: number } }) => m.label.line)).toEqual([2, 7]);
    expect(r.mixed.map((m: { why: string }) => m.why)).toEqual(['model/key moved, OpenAI endpoint stayed']);
    const moved = judgeEdits(edits({ 'a.ts': { inserted: [4] } }), labels, 'deepseek', null);
    expect(moved.mixed.map((m: { why: string }) => m.why)).toEqual(['endpoint moved, OpenAI model/key stayed']);
  });
  it('per-provider expectations, and a key renamed next to an unmoved raw fetch is wrong and mixed', () => {
    const r = judgeEdits(edits({ 'a.ts': { inserted: [4], changed: [7] }, 'f.ts': { changed: [6] } }), labels, 'zhipu', { manual: [{ file: 'f.ts', line: 5 }], review: [] });
    expect(r.wrong.map((w: { label: { file: string; line: number } }) => `${w.label.file}:${w.label.line}`)).toEqual(['a.ts:7', 'f.ts:6']);
    expect(r.mixed.map((m: { request: string }) => m.request)).toEqual(['f']);
    expect(r.unmarked).toEqual([]);
  });
  it('a call moves with its client; a client pair (Configuration + OpenAIApi) moves when either half does; manual work counts as reported through its request', () => {
    const pair = [
      { file: 'v3.js', line: 1, end: 3, what: 'client', site: true, request: 'v3', expect: 'repoint' },
      { file: 'v3.js', line: 5, what: 'client', site: 'optional', request: 'v3', expect: 'repoint' },
      { file: 'v3.js', line: 8, end: 10, what: 'call', site: true, request: 'v3', expect: 'repoint' },
      { file: 'm.js', line: 1, what: 'client', site: true, request: 'm', expect: 'mark: assistants only' },
      { file: 'm.js', line: 3, what: 'call', site: true, request: 'm', expect: 'mark: assistants' },
    ];
    const r = judgeEdits(edits({ 'v3.js': { inserted: [3] } }), pair, 'deepseek', { manual: [{ file: 'm.js', line: 3 }], review: [] });
    expect(r.missed).toEqual([]);
    expect(r.unmarked).toEqual([]);
    const none = judgeEdits(edits({}), pair, 'deepseek', null);
    expect(none.missed.map((m: { label: { line: number } }) => m.label.line)).toEqual([1, 5]);
    expect(none.unmarked.map((m: { label: { line: number } }) => m.label.line)).toEqual([1, 3]);
  });
  it('an edit outside every label is reported as unlabelled', () => {
    expect(judgeEdits(edits({ 'z.ts': { changed: [1] } }), labels, 'deepseek', null).unlabelled.map((u: { file: string }) => u.file)).toEqual(['z.ts']);
  });
});

describe('textMixed', () => {
  it('flags a file that gained the provider key while still naming api.openai.com', () => {
    const before = 'fetch("https://api.openai.com/v1", { key: process.env.OPENAI_API_KEY })';
    expect(textMixed('f.ts', before, before.replace('OPENAI_API_KEY', 'DEEPSEEK_API_KEY'), 'DEEPSEEK_API_KEY')).not.toBeNull();
    expect(textMixed('f.ts', before, before, 'DEEPSEEK_API_KEY')).toBeNull();
  });
  it('does not count a marker that names the provider key as code', () => {
    const before = 'const url = "https://api.openai.com/v1/audio/transcriptions";\nconst key = process.env.OPENAI_API_KEY;\n';
    const marked = before.replace('const key', '// TODO(qianyi): OPENAI_API_KEY is read by a hand-written HTTP request: switch it to DEEPSEEK_API_KEY with the URL\nconst key');
    expect(textMixed('f.ts', before, marked, 'DEEPSEEK_API_KEY')).toBeNull();
    expect(textMixed('f.ts', before, marked.replace('process.env.OPENAI_API_KEY', 'process.env.DEEPSEEK_API_KEY'), 'DEEPSEEK_API_KEY')).not.toBeNull();
  });
});
