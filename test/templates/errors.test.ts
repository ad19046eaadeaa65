import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError, UsageError } from '../../src/errors.js';
import { loadTemplateFile, loadTemplatesFrom, parseTemplate, templatesDir } from '../../src/templates/load.js';

const skeleton = readFileSync(join(templatesDir(), '_template', 'template.yaml'), 'utf8');

/** The skeleton with one line replaced; throws if the line is not there, so tests cannot silently pass. */
function edit(from: string, to: string, text = skeleton): string {
  if (!text.includes(from)) throw new Error(`not in the skeleton: ${from}`);
  return text.replace(from, to);
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a TemplateError');
}

const broken = (text: string) => messageOf(() => parseTemplate(text, 'my-gateway.yaml'));

describe('broken templates: one line naming the file, the field and the problem', () => {
  it('the skeleton itself is valid', () => {
    expect(parseTemplate(skeleton, 'skeleton').id).toBe('my-gateway');
  });

  it('YAML syntax errors give the position', () => {
    expect(broken('id: [oops\n')).toMatch(/^my-gateway\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('an empty file', () => {
    expect(broken('')).toBe('my-gateway.yaml: (top level): Invalid input: expected object, received null (got null)');
  });

  it('a missing field', () => {
    expect(broken(edit('checked: 2026-01-01\n', ''))).toBe('my-gateway.yaml: checked: missing');
  });

  it('an unknown field, and how many more problems there are', () => {
    expect(broken(edit('  streaming: yes', '  streaming: yes\n  telepathy: yes'))).toBe(
      'my-gateway.yaml: capabilities: unknown field "telepathy"',
    );
    expect(broken(edit('checked: 2026-01-01\n', 'colour: blue\n'))).toBe(
      'my-gateway.yaml: checked: missing (and 1 more problem)',
    );
  });

  it('a bad capability level', () => {
    expect(broken(edit('  streaming: yes', '  streaming: maybe'))).toBe(
      'my-gateway.yaml: capabilities.streaming: expected one of yes, no, partial, unknown, or { support, note, sources } (got "maybe")',
    );
  });

  it('a partial or unknown capability without a note', () => {
    expect(broken(edit('  streaming: yes', '  streaming: partial'))).toBe(
      'my-gateway.yaml: capabilities.streaming: a partial or unknown capability needs a note saying what is partial or unconfirmed',
    );
  });

  it('a note ending in a full stop', () => {
    expect(broken(edit('note: not documented }', 'note: not documented. }'))).toMatch(
      /^my-gateway\.yaml: capabilities\.json_schema\.note: must not end with a full stop/,
    );
  });

  it('a default region that does not exist', () => {
    expect(broken(edit('defaultRegion: main', 'defaultRegion: mars'))).toBe(
      'my-gateway.yaml: defaultRegion: "mars" is not one of the regions (main)',
    );
  });

  it('a bad URL', () => {
    expect(broken(edit('baseURL: https://gateway.example.com/v1', 'baseURL: gateway.example.com'))).toBe(
      'my-gateway.yaml: regions.main.baseURL: expected a URL (got "gateway.example.com")',
    );
  });

  it('a source id that is not listed', () => {
    expect(broken(edit('chat: { support: yes, sources: [S1] }', 'chat: { support: yes, sources: [S9] }'))).toBe(
      'my-gateway.yaml: capabilities.chat.sources: cites "S9", which is not in sources',
    );
  });

  it('a renamed field without `to`', () => {
    expect(broken(edit('{ support: renamed, to: user_id, note: the gateway logs user_id }', '{ support: renamed }'))).toBe(
      'my-gateway.yaml: params.fields.user: a renamed field needs `to`, and only a renamed field may have it',
    );
  });

  it('a bad interval', () => {
    expect(broken(edit('range: "[0, 2]"', 'range: "0 to 2"'))).toBe(
      'my-gateway.yaml: params.temperature.range: expected an interval such as "[0, 2]" or "(0, 1]" (got "0 to 2")',
    );
    expect(broken(edit('range: "[0, 2]"', 'range: "[2, 0]"'))).toBe(
      'my-gateway.yaml: params.temperature.range: the lower bound is above the upper bound (got "[2, 0]")',
    );
  });

  it('a snippet without placeholders', () => {
    expect(broken(edit("baseURL: '{{baseURL}}',", "baseURL: 'https://x.example',"))).toMatch(
      /^my-gateway\.yaml: client\.snippet: must contain the \{\{baseURL\}\} and \{\{apiKeyEnv\}\} placeholders/,
    );
  });

  it('a bad tool_choice mode', () => {
    expect(broken(edit('toolChoiceModes: [none, auto, required, named]', 'toolChoiceModes: [always]'))).toBe(
      'my-gateway.yaml: params.toolChoiceModes: expected a list of none, auto, required, named, or unknown (got ["always"])',
    );
  });

  it('a mapped model missing from the catalog', () => {
    expect(broken(edit('    text-embedding-3-small: my-embedding-model\n', '    text-embedding-3-small: my-embedding-model\n    gpt-4.1: my-new-model\n'))).toBe(
      'my-gateway.yaml: models.map.gpt-4.1: "my-new-model" is not in models.catalog',
    );
  });

  it('a retired model in defaults or map', () => {
    expect(broken(edit('      status: active                  #', '      status: retired  #'))).toBe(
      'my-gateway.yaml: models.defaults.chat: "my-chat-model" is retired (and 4 more problems)',
    );
  });

  it('a deprecated model without shutdown and replacement, and a replacement outside the catalog', () => {
    expect(broken(edit('      status: active                  #', '      status: deprecated  #'))).toBe(
      'my-gateway.yaml: models.catalog.my-chat-model.status: a deprecated model needs `shutdown` and `replacement`',
    );
    expect(broken(edit('      status: active                  #', '      shutdown: 2027-01-31\n      replacement: gone-model\n      status: deprecated  #'))).toBe(
      'my-gateway.yaml: models.catalog.my-chat-model.replacement: "gone-model" is not in the catalog',
    );
  });

  it('a model of the wrong kind for its default', () => {
    expect(broken(edit('    embedding: my-embedding-model', '    embedding: my-chat-model'))).toBe(
      'my-gateway.yaml: models.defaults.embedding: "my-chat-model" is a chat model, not a embedding one',
    );
  });

  it('a chat model that leaves a cell out instead of saying unknown', () => {
    expect(broken(edit('      maxTokens: "[1, 16384]"\n', ''))).toBe(
      'my-gateway.yaml: models.catalog.my-chat-model.maxTokens: missing (a chat model states it, or says unknown)',
    );
  });

  it('a catalog entry citing an undated source', () => {
    expect(broken(edit('url: https://gateway.example.com/docs, date: 2026-01-01 }', 'url: https://gateway.example.com/docs }'))).toBe(
      'my-gateway.yaml: models.catalog.my-chat-model.sources: cites "S1", which has no date (and 1 more problem)',
    );
  });

  it('a bad sampling rule and a bad status', () => {
    expect(broken(edit('      sampling: unknown               #', '      sampling: { temperature: fixed }  #'))).toMatch(
      /^my-gateway\.yaml: models\.catalog\.my-chat-model\.sampling/,
    );
    expect(broken(edit('      status: active                  #', '      status: sunset  #'))).toBe(
      'my-gateway.yaml: models.catalog.my-chat-model.status: expected one of active, preview, deprecated, retired (got "sunset")',
    );
  });
});

describe('loadTemplateFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qianyi-templates-'));

  it('loads a user template', () => {
    const file = join(dir, 'gateway.yaml');
    writeFileSync(file, skeleton);
    expect(loadTemplateFile(file).name.en).toBe('My Company Gateway');
  });

  it('names the file in errors', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, edit('  streaming: yes', '  streaming: 1'));
    expect(messageOf(() => loadTemplateFile(file))).toBe(
      `${file}: capabilities.streaming: expected one of yes, no, partial, unknown, or { support, note, sources } (got 1)`,
    );
  });

  it('a missing file or a directory is a UsageError', () => {
    expect(() => loadTemplateFile(join(dir, 'nope.yaml'))).toThrow(UsageError);
    expect(() => loadTemplateFile(join(dir, 'nope.yaml'))).toThrow(`template file not found: ${join(dir, 'nope.yaml')}`);
    expect(() => loadTemplateFile(dir)).toThrow(UsageError);
  });
});

describe('loadTemplatesFrom (the registry rules)', () => {
  function registry(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'qianyi-registry-'));
    for (const [folder, text] of Object.entries(files)) {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, 'template.yaml'), text);
    }
    return dir;
  }
  const withId = (id: string, aliases = '[]') =>
    edit('aliases: [gateway]', `aliases: ${aliases}`, edit('id: my-gateway', `id: ${id}`));

  it('skips folders starting with _', () => {
    const dir = registry({ _draft: 'not: [valid', one: withId('one') });
    expect(loadTemplatesFrom(dir).map((t) => t.id)).toEqual(['one']);
  });

  it('the id must equal the folder name', () => {
    const dir = registry({ one: withId('two') });
    expect(messageOf(() => loadTemplatesFrom(dir))).toMatch(/template\.yaml: id: "two" does not match its folder "one"$/);
  });

  it('an alias may name only one provider', () => {
    const dir = registry({ one: withId('one', '[shared]'), two: withId('two', '[shared]') });
    expect(messageOf(() => loadTemplatesFrom(dir))).toMatch(
      /two[/\\]template\.yaml: "shared" is already the id or an alias of provider "one"$/,
    );
  });

  it('a provider folder without template.yaml', () => {
    const dir = registry({ one: withId('one') });
    mkdirSync(join(dir, 'empty'));
    expect(messageOf(() => loadTemplatesFrom(dir))).toMatch(/empty[/\\]template\.yaml: missing/);
  });
});

describe('never a crash', () => {
  // Mutate every line of the skeleton (drop it, or give it an odd value): the result is a template or a
  // TemplateError, never another exception.
  const lines = skeleton.split('\n');
  const oddValues = ['null', '42', '[1, { a: 2 }]', '{ support: 7 }', '"x"', '[]', '{}'];
  it('survives every single-line mutation of the skeleton', () => {
    let failures = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const variants = [lines.filter((_, j) => j !== i).join('\n')];
      const m = /^(\s*[-\w]+:)\s*\S/.exec(line);
      if (m) for (const v of oddValues) variants.push([...lines.slice(0, i), `${m[1]} ${v}`, ...lines.slice(i + 1)].join('\n'));
      for (const text of variants) {
        try {
          parseTemplate(text, 'mutant.yaml');
        } catch (err) {
          if (!(err instanceof TemplateError)) {
            failures++;
            console.error(`line ${i + 1}: ${String(err)}`);
          }
        }
      }
    }
    expect(failures).toBe(0);
  });
});
