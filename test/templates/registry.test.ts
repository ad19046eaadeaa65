import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadBuiltinTemplates, parseTemplate, resolveProviderId, templatesDir } from '../../src/templates/load.js';
import { OPENAI_MODELS } from '../../src/sources/openai/models.js';
import { CAPABILITIES, templateJsonSchema } from '../../src/templates/schema.js';
import { lifecycle, stalenessWarnings, usedModels } from '../../src/templates/catalog.js';
import { UsageError } from '../../src/errors.js';

const dir = templatesDir();
const root = join(dir, '..');

/** The providers of the issue, with the aliases that must resolve to them. */
const PROVIDERS: Record<string, string[]> = {
  sensenova: ['sensetime'],
  qianfan: ['ernie', 'baidu'],
  zhipu: ['glm', 'bigmodel', 'zai'],
  hunyuan: ['tencent'],
  deepseek: [],
  qwen: ['dashscope', 'bailian', 'alibaba'],
  moonshot: ['kimi'],
  doubao: ['ark', 'volcengine'],
  minimax: [],
  siliconflow: [],
  stepfun: [],
  baichuan: [],
  yi: ['lingyi'],
  spark: ['iflytek'],
};

describe('built-in templates', () => {
  const templates = loadBuiltinTemplates();

  it('has exactly the issue’s providers, sorted by id', () => {
    expect(templates.map((t) => t.id)).toEqual(Object.keys(PROVIDERS).sort());
  });

  it('skips folders starting with _ (the skeleton), which still validates', () => {
    expect(existsSync(join(dir, '_template', 'template.yaml'))).toBe(true);
    const skeleton = parseTemplate(readFileSync(join(dir, '_template', 'template.yaml'), 'utf8'), '_template');
    expect(skeleton.id).toBe('my-gateway');
  });

  it('every id equals its folder name', () => {
    const folders = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(templates.map((t) => t.id));
  });

  it('resolves every id and alias, case-insensitively', () => {
    for (const [id, aliases] of Object.entries(PROVIDERS)) {
      for (const name of [id, ...aliases, id.toUpperCase()]) expect(resolveProviderId(name, templates).id).toBe(id);
    }
  });

  it('aliases are unique across providers', () => {
    const names = templates.flatMap((t) => [t.id, ...t.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('an unknown provider is a UsageError listing the valid ids', () => {
    let error: unknown;
    try {
      resolveProviderId('openai', templates);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('unknown provider "openai"');
    expect((error as UsageError).hint).toBe(`valid providers: ${Object.keys(PROVIDERS).sort().join(', ')}`);
  });

  it('the cache returns the same objects', () => {
    expect(loadBuiltinTemplates()).toBe(templates);
  });

  for (const t of templates) {
    describe(t.id, () => {
      it('maps every common OpenAI model', () => {
        const missing = Object.keys(OPENAI_MODELS).filter((m) => !Object.hasOwn(t.models.map, m));
        expect(missing).toEqual([]);
      });

      it('states every capability explicitly in the YAML', () => {
        const raw = parse(readFileSync(join(dir, t.id, 'template.yaml'), 'utf8')) as { capabilities: object };
        expect(Object.keys(raw.capabilities).sort()).toEqual([...CAPABILITIES].sort());
      });

      it('has a README citing its sources, and a verdict fixture', () => {
        const readme = readFileSync(join(dir, t.id, 'README.md'), 'utf8');
        expect(readme).toContain(t.name.en);
        for (const s of t.sources.filter((s) => s.url)) expect(readme).toContain(s.url as string);
        expect(existsSync(join(root, 'fixtures', 'verdicts', 'expected', `${t.id}.json`))).toBe(true);
      });

      it('maps models only to ones that exist for the kind (no embedding model for chat ids, ...)', () => {
        for (const [openai, kind] of Object.entries(OPENAI_MODELS)) {
          const target = t.models.map[openai];
          // A provider without a default for a kind has no model of that kind to map to.
          if (t.models.defaults[kind] === null) expect(target, `${openai}`).toBeNull();
        }
      });

      it('has a model catalog covering every model it sends, none retired or past its shutdown when checked', () => {
        const catalog = t.models.catalog ?? {};
        expect(Object.keys(catalog).length).toBeGreaterThan(0);
        for (const id of usedModels(t)) {
          const entry = catalog[id];
          expect(entry, `${id} is not in the catalog`).toBeDefined();
          expect(lifecycle(entry!, t.checked).state, `${id} as of ${t.checked}`).not.toBe('retired');
        }
        // Nothing a built-in template sends is about to go: such a model should already be remapped.
        expect(stalenessWarnings([t], { day: t.checked })).toEqual([]);
      });

      it('an `unknown` capability always says what is unconfirmed', () => {
        for (const c of CAPABILITIES) {
          const entry = t.capabilities[c];
          if (entry.support === 'unknown' || entry.support === 'partial') expect(entry.note, c).toBeTruthy();
        }
      });
    });
  }
});

describe('templates/schema.json', () => {
  it('is current (regenerate with `npm run build && node scripts/gen-template-schema.mjs`)', () => {
    const onDisk = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual(templateJsonSchema());
  });
});
