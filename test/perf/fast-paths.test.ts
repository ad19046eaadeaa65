import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, collectShard, discoverFiles, mergeShards } from '../../src/collect/collect.js';
import { candidateAlternatives, factorAlternatives } from '../../src/collect/prefilter.js';
import { firstSyntaxError, Parser, scriptKindOf, setParents, ts } from '../../src/analysis/typescript/parse.js';
import { REPO } from '../helpers/exec.js';
import { copyFixture, removeDir } from '../helpers/testdir.js';

/**
 * The scan's fast paths (issue 14) must give exactly what the plain versions give: the same candidates from
 * the factored prefilter and from collecting in slices, the same parent pointers from our own walk.
 */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(?:[mc]?[jt]s|[jt]sx)$/.test(entry.name)) out.push(full);
  }
  return out;
}
const FIXTURE_FILES = sourceFiles(path.join(REPO, 'fixtures'));

describe('factored prefilter', () => {
  const plain = new RegExp(candidateAlternatives().join('|'));
  const factored = new RegExp(factorAlternatives(candidateAlternatives()));

  it('keeps exactly the files the alternatives keep, on every fixture file and on near misses', () => {
    const texts = FIXTURE_FILES.map((f) => readFileSync(f, 'utf8'));
    texts.push('client.beta.x', 'client.bet.x', '.realtime.', '.realtimes', "model: 'o1'", "model: 'o2'", 'OPENAI_KEY', 'OPENAI', 'chat .completions', 'chatcompletions', "import x from 'openai/resources'", "import x from 'openaix'", 'x.fine_tuning.jobs', 'x.fineTuning.jobs', '/audio/speech', '/audio/speeches');
    const differing = texts.filter((t) => plain.test(t) !== factored.test(t));
    expect(differing).toEqual([]);
    expect(texts.filter((t) => plain.test(t)).length).toBeGreaterThan(20);
  });

  it('merges alternatives on a shared first character, leaving the rest as they are', () => {
    expect(factorAlternatives(['\\.beta\\.', '\\.realtime\\.', 'OPENAI_', 'O?x', '(?:a|b)c', 'ab|cd', 'abc'])).toBe('\\.(?:beta\\.|realtime\\.)|OPENAI_|O?x|(?:a|b)c|ab|cd|abc');
    expect(new RegExp(factorAlternatives(['ab|cd', 'ax'])).test('cd')).toBe(true);
  });
});

describe('collecting in slices', () => {
  it('gives the same collection as reading every file in one go, for any slicing, in any order', () => {
    const dir = copyFixture(path.join(REPO, 'fixtures'));
    // What collecting records besides candidates: markers (two in one file), unreadable encodings, deep
    // nesting, and files that count only because another names the AI SDK's OpenAI provider.
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, `marked-${i}.ts`), `// TODO(qianyi): one\nconst a = ${i};\n// TODO(qianyi): two\n`);
    writeFileSync(path.join(dir, 'gbk.ts'), Buffer.concat([Buffer.from("import OpenAI from 'openai';\n// "), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('\n')]));
    writeFileSync(path.join(dir, 'deep.ts'), `import OpenAI from 'openai';\nconst x = ${'['.repeat(600)}${']'.repeat(600)};\n`);
    for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, `route-${i}.ts`), "import { generateText } from 'ai';\n");
    writeFileSync(path.join(dir, 'zz-provider.ts'), "import { openai } from '@ai-sdk/openai';\nexport const model = openai('gpt-4o');\n");
    const options = { paths: [dir], cwd: REPO };
    const whole = collect(options);
    const walked: string[] = [];
    const discovered = discoverFiles(options, (file) => walked.push(file));
    expect([...walked].sort()).toEqual(discovered.files);
    // The walk's own order (what the reading threads get), the sorted order, and both reversed.
    for (const files of [walked, discovered.files, [...walked].reverse(), [...discovered.files].reverse()]) {
      for (const size of [1, 7, 64]) {
        const shards = [];
        for (let i = 0; i < files.length; i += size) shards.push(collectShard(discovered.root, files.slice(i, i + size)));
        const merged = mergeShards(discovered, shards.reverse(), 0);
        expect({ ...merged, phases: whole.phases }).toEqual(whole);
      }
    }
    expect(whole.candidates.length).toBeGreaterThan(20);
    expect(whole.markers.length).toBeGreaterThanOrEqual(10);
    expect(whole.skipped.map((s) => s.file)).toEqual(expect.arrayContaining(['gbk.ts', 'deep.ts']));
    expect(whole.candidates.map((c) => c.rel)).toEqual(expect.arrayContaining(['route-0.ts', 'route-2.ts']));
    removeDir(dir);
  });
});

describe('parent pointers', () => {
  const describeParents = (sf: ts.SourceFile): string[] => {
    const out: string[] = [];
    const sig = (n: ts.Node | undefined) => (n ? `${n.kind}@${n.pos}-${n.end}` : '-');
    // Without recursion: long.ts is deeper than the stack.
    const stack: Array<[ts.Node, boolean]> = [[sf, false]];
    while (stack.length > 0) {
      const [node, inDoc] = stack.pop()!;
      out.push(`${sig(node)}<${sig(node.parent)}`);
      const children: Array<[ts.Node, boolean]> = [];
      if (!inDoc) for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) children.push([doc, true]);
      ts.forEachChild(node, (child) => {
        children.push([child, inDoc]);
      });
      stack.push(...children.reverse());
    }
    return out;
  };

  it('are those the compiler sets, JSDoc comments included', () => {
    const extra = {
      'jsdoc.js': '/** @param {import("openai").OpenAI} c @returns {Promise<{a: string}>} */\nfunction f(c) { return c; }\n/** @type {Array<number>} */ const x = [];\nclass A { /** @see {@link f} */ m() {} }\n',
      'long.ts': `const s = ${Array.from({ length: 3000 }, (_, i) => `'${i}'`).join(' + ')};\n`,
    };
    const inputs = [...FIXTURE_FILES.map((f) => [f, readFileSync(f, 'utf8')] as const), ...Object.entries(extra).map(([f, t]) => [path.join(REPO, f), t] as const)];
    for (const [file, text] of inputs) {
      const theirs = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
      const ours = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file));
      setParents(ours);
      expect(describeParents(ours), file).toEqual(describeParents(theirs));
    }
  });
});

describe('trees without JSDoc', () => {
  // Every node but JSDoc's, with its span and parent: what the detectors and the edits can see.
  const outline = (sf: ts.SourceFile): string[] => {
    const out: string[] = [];
    const stack: ts.Node[] = [sf];
    while (stack.length > 0) {
      const node = stack.pop()!;
      out.push(`${node.kind}@${node.pos}-${node.end}<${node.parent ? `${node.parent.kind}@${node.parent.pos}` : '-'}`);
      const children: ts.Node[] = [];
      ts.forEachChild(node, (child) => {
        children.push(child);
      });
      stack.push(...children.reverse());
    }
    return out;
  };

  it('hold every other node, span and syntax error of a full parse, and no JSDoc', () => {
    const extra = {
      'jsdoc.js': '/** @param {import("openai").OpenAI} c @returns {Promise<{a: string}>} */\nfunction f(c) { return c; }\n/** @type {Array<number>} */ const x = [];\nclass A { /** @see {@link f} */ m() {} }\n',
      'broken-doc.ts': '/** @param {{ unclosed */\nexport const model = "gpt-4o";\n',
      'broken.ts': '/** fine */\nconst a = ;\n',
    };
    const inputs = [...FIXTURE_FILES.map((f) => [f, readFileSync(f, 'utf8')] as const), ...Object.entries(extra).map(([f, t]) => [path.join(REPO, f), t] as const)];
    let docs = 0;
    for (const [file, text] of inputs) {
      const full = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
      const ours = new Parser().parse(file, text);
      const withDoc: ts.Node[] = [];
      const visit = (n: ts.Node): void => {
        if ((n as { jsDoc?: unknown[] }).jsDoc?.length) withDoc.push(n);
        ts.forEachChild(n, visit);
      };
      visit(full);
      docs += withDoc.length;
      expect(outline(ours), file).toEqual(outline(full));
      expect(firstSyntaxError(ours), file).toBe(firstSyntaxError(full));
      const oursWithDoc: ts.Node[] = [];
      const visitOurs = (n: ts.Node): void => {
        if ((n as { jsDoc?: unknown[] }).jsDoc?.length) oursWithDoc.push(n);
        ts.forEachChild(n, visitOurs);
      };
      visitOurs(ours);
      expect(oursWithDoc, file).toEqual([]);
    }
    expect(docs).toBeGreaterThan(3); // the inputs do have JSDoc, so the test compares something
    expect(firstSyntaxError(new Parser().parse(path.join(REPO, 'broken.ts'), extra['broken.ts']))).toMatch(/^syntax error at 2:/);
  });
});
