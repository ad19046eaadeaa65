import { describe, expect, it } from 'vitest';
import { bucketOf, decide } from '../../src/policy/decide.js';
import type { Site } from '../../src/scan/sites.js';
import { loadBuiltinTemplates } from '../../src/templates/load.js';
import type { Template } from '../../src/templates/schema.js';

const deepseek = loadBuiltinTemplates().find((t) => t.id === 'deepseek') as Template;

function site(kind: Site['kind'], over: Partial<Site> = {}): Site {
  return { id: `a.ts:1:1:${kind}`, file: 'a.ts', line: 1, column: 1, kind, sdk: 'openai', api: null, model: null, features: [], confidence: 'certain', name: null, start: 0, end: 0, ...over };
}
const actions = (s: Site, sites: Site[] = [s]) => decide(s, deepseek, {}, sites).steps.map((x) => [x.verdict, x.action, bucketOf(x)]);

describe('the policy: what the migration may touch', () => {
  it('a client of another host is left alone, and so are its calls', () => {
    expect(actions(site('client', { name: 'OpenAI', options: ['baseURL'], endpoint: 'foreign', host: 'api.groq.com' }))).toEqual([['ok', 'none', null]]);
    expect(actions(site('call', { api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'call', endpoint: 'foreign', host: 'api.groq.com' }))).toEqual([['ok', 'none', null]]);
  });

  it('a client whose base URL cannot be resolved is manual work, not re-pointed', () => {
    expect(actions(site('client', { name: 'OpenAI', options: ['baseURL'], endpoint: 'unknown' }))).toEqual([['caveat', 'mark', 'manual']]);
  });

  it('a base URL qianyi wrote for a provider being left is re-pointed, key included', () => {
    const d = decide(site('client', { name: 'OpenAI', options: ['apiKey', 'baseURL'], endpoint: 'provider', host: 'open.bigmodel.cn', keyFrom: 'env:ZHIPUAI_API_KEY' }), deepseek);
    expect(d.steps.map((s) => [s.action, s.field])).toEqual([['set-client', undefined]]);
  });

  it('a key the app keeps itself stays, and so does the client and its calls (never the app\'s OpenAI key sent to the provider)', () => {
    const client = site('client', { id: 'a.ts:1:1:client', name: 'OpenAI', options: ['apiKey'], keyFrom: 'settings.apiKey' });
    const d = decide(client, deepseek);
    expect(d.steps.map((s) => [s.verdict, s.action])).toEqual([['caveat', 'mark']]);
    expect(d.steps[0]?.note).toBe('settings.apiKey must now hold a DeepSeek key: then set baseURL: process.env.DEEPSEEK_BASE_URL ?? "https://api.deepseek.com" here and give its calls DeepSeek models');
    const call = site('call', { id: 'a.ts:2:1:call', api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'call', clientSite: client.id });
    expect(actions(call, [client, call])).toEqual([['ok', 'none', null]]);
  });

  it('a client none of whose calls the provider serves stays on OpenAI', () => {
    const client = site('client', { id: 'a.ts:1:1:client', name: 'OpenAI', options: [] });
    const call = site('call', { id: 'a.ts:2:1:call', api: 'embeddings.create', model: 'text-embedding-3-small', modelAt: 'call', clientSite: client.id });
    expect(actions(client, [client, call])).toEqual([['caveat', 'mark', 'manual']]);
    expect(actions(call, [client, call])).toEqual([['blocked', 'mark', 'manual']]);
  });

  it('a legacy prompt completion stays on OpenAI with DeepSeek: its FIM lives on another base URL (eval/real gepeto-bot)', () => {
    const client = site('client', { id: 'a.ts:1:1:client', name: 'OpenAIApi', sdk: 'openai-v3', options: ['apiKey'], keyFrom: 'env:OPENAI_API_KEY' });
    const call = site('call', { id: 'a.ts:2:1:call', sdk: 'openai-v3', api: 'completions.create', model: 'text-davinci-003', modelAt: 'call', clientSite: client.id });
    expect(actions(client, [client, call])).toEqual([['caveat', 'mark', 'manual']]);
    expect(actions(call, [client, call])).toEqual([['blocked', 'mark', 'manual']]);
    expect(decide(call, deepseek, {}, [client, call]).reason).toMatch(/FIM/);
  });

  it('a model literal is mapped only for calls the migration re-points', () => {
    const literal = site('model', { id: 'a.ts:2:1:model', model: 'gpt-4o' });
    const ours = site('call', { id: 'a.ts:3:1:call', api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'elsewhere', modelSite: literal.id });
    const theirs = { ...ours, id: 'a.ts:4:1:call', endpoint: 'foreign' as const, host: 'openrouter.ai' };
    expect(actions(literal, [literal, ours])).toEqual([['ok', 'map-model', 'migrated']]);
    expect(actions(literal, [literal, theirs])).toEqual([['ok', 'none', null]]);
    expect(actions(literal, [literal, ours, theirs])).toEqual([['caveat', 'mark', 'manual']]);
    expect(actions(literal, [literal])).toEqual([['caveat', 'none', 'review']]);
  });

  it('a literal declared with a union type is reported, never rewritten', () => {
    const literal = site('model', { id: 'a.ts:2:1:model', model: 'gpt-4o', typedAs: 'LLMID' });
    const ours = site('call', { api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'elsewhere', modelSite: literal.id });
    expect(actions(literal, [literal, ours])).toEqual([['caveat', 'mark', 'manual']]);
  });

  it('OPENAI_API_KEY read by a raw fetch or a framework client is not renamed', () => {
    expect(actions(site('env', { name: 'OPENAI_API_KEY', readBy: 'fetch' }))).toEqual([['caveat', 'mark', 'manual']]);
    expect(actions(site('env', { name: 'OPENAI_API_KEY', rawHttp: true }))).toEqual([['caveat', 'mark', 'manual']]);
    const client = site('client', { id: 'a.ts:9:1:client', name: 'OpenAI', options: [] });
    const read = site('env', { name: 'OPENAI_API_KEY' });
    expect(actions(read, [client, read])).toEqual([['ok', 'rename-env', 'migrated']]);
    // Away from any client this run re-points (a presence check, a key handed elsewhere): left as it is.
    const elsewhere = site('call', { id: 'b.ts:1:1:call', file: 'b.ts', api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'call' });
    expect(actions(read, [read, elsewhere])).toEqual([['ok', 'none', null]]);
    // In a project where qianyi finds no client and no request at all (a hand-written proxy), it is manual work:
    // the app is not migrated, and the summary must not say so.
    expect(actions(read)).toEqual([['caveat', 'mark', 'manual']]);
  });

  it('a model written where this run edits nothing is manual work at the call', () => {
    const call = site('call', { api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'elsewhere', modelSite: 'lib/models.js:1:1:model' });
    expect(actions(call)).toEqual([['caveat', 'mark', 'manual']]);
  });
  it('a client whose calls prove nothing a provider serves stays on OpenAI when one of them cannot move', () => {
    const zhipu = loadBuiltinTemplates().find((t) => t.id === 'zhipu') as Template;
    const client = site('client', { id: 'a.ts:1:1:client', name: 'OpenAI', options: [] });
    const upload = site('call', { id: 'a.ts:2:1:call', api: 'files.create', clientSite: client.id });
    const batch = site('call', { id: 'a.ts:3:1:call', api: 'batches.create', clientSite: client.id });
    const on = (t: Template, s: Site, all: Site[]) => decide(s, t, {}, all).steps.map((x) => [x.verdict, x.action, bucketOf(x)]);
    // Files + Batch: the batch's input file names OpenAI models, so even where the provider has /batches it is manual work.
    expect(on(zhipu, client, [client, upload, batch])).toEqual([['caveat', 'mark', 'manual']]);
    expect(on(zhipu, batch, [client, upload, batch])).toEqual([['caveat', 'mark', 'manual']]);
    expect(on(zhipu, upload, [client, upload, batch])).toEqual([['ok', 'none', null]]);
    expect(on(deepseek, client, [client, upload, batch])).toEqual([['caveat', 'mark', 'manual']]);
    // A fine-tuning job read back, then a chat with the model it names (chosen at run time): nothing moves.
    const job = site('call', { id: 'a.ts:4:1:call', api: 'fineTuning.jobs.retrieve', clientSite: client.id });
    const chat = site('call', { id: 'a.ts:5:1:call', api: 'chat.completions.create', model: null, clientSite: client.id, request: 'in-file' });
    expect(on(deepseek, client, [client, job, chat])).toEqual([['caveat', 'mark', 'manual']]);
    expect(on(deepseek, chat, [client, job, chat])).toEqual([['ok', 'none', null]]);
    // A model with no counterpart on a served endpoint (moderation on Zhipu) is no reason to move the client either.
    const moderate = site('call', { id: 'a.ts:6:1:call', api: 'moderations.create', model: 'omni-moderation-latest', modelAt: 'call', clientSite: client.id });
    expect(on(zhipu, client, [client, moderate])).toEqual([['caveat', 'mark', 'manual']]);
    // One call the migration carries over whole (a chat with a model it maps) moves the client; the others are marked.
    const mapped = site('call', { id: 'a.ts:7:1:call', api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'call', clientSite: client.id, request: 'in-file' });
    expect(on(deepseek, client, [client, job, chat, mapped])[0]).toEqual(['ok', 'set-client', 'migrated']);
    expect(on(deepseek, job, [client, job, chat, mapped])).toEqual([['blocked', 'mark', 'manual']]);
  });

  it('a call on a client the analysis cannot trace goes where the project\'s clients go', () => {
    const call = site('call', { id: 'b.ts:5:1:call', api: 'embeddings.create', model: 'text-embedding-3-small', modelAt: 'call', request: 'in-file' });
    const zhipu = loadBuiltinTemplates().find((t) => t.id === 'zhipu') as Template;
    const on = (s: Site, all: Site[]) => decide(s, zhipu, {}, all).steps.map((x) => [x.verdict, x.action, bucketOf(x)]);
    const kept = site('client', { id: 'a.ts:1:1:client', name: 'OpenAI', options: ['apiKey'], keyFrom: 'userSettings.openai_api_key' });
    const moved = site('client', { id: 'c.ts:1:1:client', name: 'OpenAI', options: [] });
    // Every client stays (the app holds the key): the call is not given a Zhipu model.
    expect(on(call, [kept, call])).toEqual([['ok', 'none', null]]);
    // Every client moves: the call moves with them, model mapped.
    expect(on(call, [moved, call]).map((s) => s[1])).toContain('map-model');
    // Some move, some stay: the call is manual work, and a model literal it reads is not rewritten.
    expect(on(call, [kept, moved, call])).toEqual([['caveat', 'mark', 'manual']]);
    const literal = site('model', { id: 'b.ts:2:1:model', model: 'text-embedding-3-small' });
    const reads = { ...call, modelAt: 'elsewhere' as const, modelSite: literal.id };
    expect(on(literal, [kept, moved, literal, reads])).toEqual([['caveat', 'mark', 'manual']]);
    expect(on(literal, [kept, literal, reads])).toEqual([['ok', 'none', null]]);
  });
  it('a client the user keeps (qianyi-ignore) is not re-pointed, and its calls and models stay OpenAI\'s', () => {
    const client = site('client', { id: 'a.ts:1:1:client', name: 'OpenAI', options: [] });
    const literal = site('model', { id: 'b.ts:1:1:model', model: 'gpt-4o' });
    const call = site('call', { id: 'b.ts:2:1:call', api: 'chat.completions.create', model: 'gpt-4o', modelAt: 'elsewhere', modelSite: literal.id, clientSite: client.id });
    const all = [client, literal, call];
    const kept = { kept: new Set([client.id]) };
    const on = (s: Site, options = {}) => decide(s, deepseek, options, all).steps.map((x) => [x.verdict, x.action, bucketOf(x)]);
    expect(on(literal)).toEqual([['ok', 'map-model', 'migrated']]);
    expect(on(literal, kept)).toEqual([['ok', 'none', null]]);
    expect(on(call, kept)).toEqual([['ok', 'none', null]]);
  });
});
