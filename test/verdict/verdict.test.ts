import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/scan/sites.js';
import { loadBuiltinTemplates, parseTemplate, templatesDir } from '../../src/templates/load.js';
import type { Template } from '../../src/templates/schema.js';
import { rankProviders, verdictForSite, verdictsForSites } from '../../src/policy/verdict.js';

const templates = loadBuiltinTemplates();
const T = Object.fromEntries(templates.map((t) => [t.id, t])) as Record<string, Template>;
const fixtures = join(templatesDir(), '..', 'fixtures', 'verdicts');

function site(kind: Site['kind'], over: Partial<Site> = {}): Site {
  return {
    id: `src/a.ts:1:1:${kind}`,
    file: 'src/a.ts',
    line: 1,
    column: 1,
    kind,
    sdk: 'openai',
    api: null,
    model: null,
    features: [],
    confidence: 'certain',
    name: null,
    start: 0,
    end: 1,
    ...over,
  };
}
// As the calls detector reports them: the request written in the file, a known model written in the call.
const call = (api: string, over: Partial<Site> = {}) =>
  site('call', { api, request: 'in-file', ...(over.model ? { modelAt: 'call' as const } : {}), ...over });
const reasonOf = (s: Site, t: Template) => verdictForSite(s, t);
/** A model literal read by a chat call the migration re-points (a literal is judged by the calls it reaches). */
const fed = (model: string, t: Template) => {
  const literal = site('model', { model });
  const reader = call('chat.completions.create', { model, modelAt: 'elsewhere', modelSite: literal.id });
  return verdictForSite(literal, t, [literal, reader]);
};

describe('the fixture app (fixtures/verdicts)', () => {
  // sites.json is in the scan's JSON shape, which leaves out the character offsets.
  const json = JSON.parse(readFileSync(join(fixtures, 'sites.json'), 'utf8')) as { sites: Omit<Site, 'start' | 'end'>[] };
  const sites: Site[] = json.sites.map((s) => ({ ...s, start: 0, end: 0 }));
  const results = verdictsForSites(sites, templates);

  for (const r of results) {
    it(`matches fixtures/verdicts/expected/${r.provider}.json`, () => {
      const expected = JSON.parse(readFileSync(join(fixtures, 'expected', `${r.provider}.json`), 'utf8')) as unknown;
      const actual = {
        provider: r.provider,
        verdicts: r.verdicts.map((v) => ({ site: v.site, verdict: v.verdict, reason: v.reason })),
      };
      expect(actual).toEqual(expected);
    });
  }

  it('ranks the providers', () => {
    // The app has 9 sites. Every provider: the import, the re-pointed client, the renamed OPENAI_API_KEY and the
    // mapped gpt-4o-mini literal are ok (the migration changes them with nothing to check); the streamed chat
    // is ok where its model maps and temperature 0.7 is within range (a caveat where a range, a partial or an
    // unconfirmed temperature is in the way). beta.assistants.create is blocked everywhere (no provider has
    // the Assistants API). The rest comes from the matrix:
    //   embeddings | images.generate | named tool_choice
    // doubao       yes      | yes             | unknown  -> 1 blocked (assistants)
    // hunyuan      yes      | unknown         | unknown  -> 1 blocked
    // qianfan      partial  | yes             | yes      -> 1 blocked (no unconfirmed caveat at all)
    // siliconflow  yes      | yes             | unknown  -> 1 blocked
    // stepfun      unknown  | unknown         | unknown  -> 1 blocked (unknown is a caveat, never a guess)
    // baichuan     yes      | no              | unknown  -> 2 blocked
    // qwen         partial  | no              | unknown  -> 2 blocked
    // sensenova    no       | partial         | unknown  -> 2 blocked
    // zhipu        partial  | partial         | no       -> 2 blocked
    // deepseek     no       | no              | yes      -> 3 blocked
    // moonshot     no       | no              | partial  -> 3 blocked
    // spark        no       | no              | partial  -> 3 blocked
    // yi           no       | no              | unknown  -> 3 blocked
    // minimax      no       | no              | no       -> 4 blocked
    // Within a group the tie falls to the number of caveats, then to those that rest on unconfirmed facts
    // (fewer first), then to the id.
    expect(rankProviders(results)).toEqual([
      { provider: 'qianfan', ok: 7, caveat: 1, blocked: 1, unconfirmed: 0 },
      { provider: 'doubao', ok: 6, caveat: 2, blocked: 1, unconfirmed: 2 },
      { provider: 'siliconflow', ok: 6, caveat: 2, blocked: 1, unconfirmed: 2 },
      // TokenHub documents no temperature range: one more unconfirmed caveat than the legacy platform had.
      { provider: 'hunyuan', ok: 5, caveat: 3, blocked: 1, unconfirmed: 3 },
      { provider: 'stepfun', ok: 4, caveat: 4, blocked: 1, unconfirmed: 4 },
      { provider: 'zhipu', ok: 5, caveat: 2, blocked: 2, unconfirmed: 0 },
      { provider: 'sensenova', ok: 5, caveat: 2, blocked: 2, unconfirmed: 1 },
      { provider: 'baichuan', ok: 5, caveat: 2, blocked: 2, unconfirmed: 2 },
      { provider: 'qwen', ok: 4, caveat: 3, blocked: 2, unconfirmed: 2 },
      // deepseek-flash thinks by default, so the named tool_choice is switched to auto (a caveat).
      { provider: 'deepseek', ok: 4, caveat: 2, blocked: 3, unconfirmed: 0 },
      { provider: 'moonshot', ok: 4, caveat: 2, blocked: 3, unconfirmed: 0 },
      { provider: 'spark', ok: 4, caveat: 2, blocked: 3, unconfirmed: 1 },
      { provider: 'yi', ok: 4, caveat: 2, blocked: 3, unconfirmed: 2 },
      { provider: 'minimax', ok: 4, caveat: 1, blocked: 4, unconfirmed: 0 },
    ]);
  });
});

describe('rankProviders', () => {
  it('orders by fewest blocked, then fewest caveats, then id', () => {
    const v = (verdict: 'ok' | 'caveat' | 'blocked') => ({ site: 's', provider: 'p', verdict, reason: '', reasons: [] });
    const ranked = rankProviders([
      { provider: 'b', verdicts: [v('caveat'), v('ok')] },
      { provider: 'a', verdicts: [v('caveat'), v('ok')] },
      { provider: 'c', verdicts: [v('ok'), v('ok')] },
      { provider: 'd', verdicts: [v('blocked'), v('ok')] },
    ]);
    expect(ranked.map((r) => r.provider)).toEqual(['c', 'a', 'b', 'd']);
  });
});

describe('capability reasons', () => {
  it('ok: a supported call with no model to map', () => {
    const v = reasonOf(call('files.list'), T.qwen as Template);
    expect(v.verdict).toBe('ok');
    expect(v.reason).toBe('files.list works on Alibaba Qwen as written.');
  });

  it('blocked: the provider lacks the endpoint', () => {
    const v = reasonOf(call('embeddings.create', { model: 'text-embedding-3-small' }), T.deepseek as Template);
    expect(v.verdict).toBe('blocked');
    expect(v.reason).toBe('embeddings.create needs the embeddings endpoint, which DeepSeek does not support.');
    // The missing endpoint already says it all: no model reason on top.
    expect(v.reasons).toHaveLength(1);
  });

  it('blocked: a forced tool_choice on Zhipu', () => {
    const v = reasonOf(call('chat.completions.create', { model: 'gpt-4o', features: ['tool_choice', 'tools'] }), T.zhipu as Template);
    expect(v.verdict).toBe('blocked');
    expect(v.reason).toBe(
      'chat.completions.create needs a forced tool_choice (required or a named function), which Zhipu GLM does not ' +
        'support: only auto is accepted; required or a named function gets HTTP 400.',
    );
  });

  it('caveat: a partial capability quotes its note', () => {
    const v = reasonOf(call('chat.completions.create', { model: 'gpt-4o', features: ['vision'] }), T.deepseek as Template);
    expect(v.verdict).toBe('caveat');
    expect(v.reason).toBe(
      'chat.completions.create needs image input, which DeepSeek supports only partially: image input only on ' +
        'deepseek-flash, not on deepseek-v4-pro.',
    );
  });

  it('caveat: an unknown capability is "unconfirmed", never blocked', () => {
    const v = reasonOf(call('chat.completions.create', { model: 'gpt-4o', features: ['json_schema'] }), T.sensenova as Template);
    expect(v.verdict).toBe('caveat');
    expect(v.reason).toBe(
      'unconfirmed: chat.completions.create needs structured outputs (response_format json_schema), which is not ' +
        'confirmed for SenseTime SenseNova: one third-party source reports HTTP 400 for any response_format ' +
        '(UNCONFIRMED by the vendor).',
    );
  });

  it('caveat: a missing seed is removed rather than blocking the call', () => {
    const v = reasonOf(call('chat.completions.create', { model: 'deepseek-flash', features: ['seed'] }), T.deepseek as Template);
    expect(v.verdict).toBe('caveat');
    expect(v.reason).toBe(
      'chat.completions.create sets seed, which DeepSeek does not support, so the migration removes it: not in the request schema.',
    );
  });

  it('blocked: n > 1 is not removable, the code reads several choices', () => {
    const v = reasonOf(call('chat.completions.create', { model: 'deepseek-flash', features: ['n'] }), T.deepseek as Template);
    expect(v.verdict).toBe('blocked');
    expect(v.reason).toBe(
      'chat.completions.create needs several choices per request (n > 1), which DeepSeek does not support: not in the request schema.',
    );
  });

  it('features that share a capability are reported once', () => {
    const v = reasonOf(
      call('chat.completions.create', { model: '4.0Ultra', features: ['functions', 'parallel_tool_calls', 'tools'] }),
      T.spark as Template,
    );
    expect(v.reasons.map((r) => r.subject)).toEqual(['tools']);
  });

  it('a call qianyi does not know is an unconfirmed caveat', () => {
    const v = reasonOf(call('foo.bar.create'), T.qwen as Template);
    expect(v.verdict).toBe('caveat');
    expect(v.reason).toBe(
      'unconfirmed: qianyi does not know the SDK call foo.bar.create, so check by hand whether Alibaba Qwen supports it.',
    );
  });

  it('3.x calls map like their 4.x counterparts', () => {
    const v = reasonOf(call('createEmbedding', { sdk: 'openai-v3', model: 'text-embedding-ada-002' }), T.moonshot as Template);
    expect(v.reason).toBe('createEmbedding needs the embeddings endpoint, which Moonshot Kimi does not support.');
  });
});

describe('parameter reasons', () => {
  const chat = (features: string[], model = 'glm-5.2') => call('chat.completions.create', { model, features });

  const withParams = (params: Record<string, number | null>, model = 'glm-5.2') =>
    call('chat.completions.create', { model, features: Object.keys(params), params });

  it('clamped temperature: a literal outside the range', () => {
    expect(reasonOf(withParams({ temperature: 1.5 }), T.zhipu as Template).reason).toBe(
      "chat.completions.create sets temperature 1.5, outside Zhipu GLM's range [0, 1], so the migration clamps it to 1: " +
        'the official SDK sends 0.01 with do_sample false for 0 and 0.99 for 1.',
    );
  });

  it('a literal inside the range passes (the migration changes nothing)', () => {
    expect(reasonOf(withParams({ temperature: 0.7 }), T.zhipu as Template).verdict).toBe('ok');
  });

  it('a value computed at run time must stay within the range', () => {
    expect(reasonOf(withParams({ temperature: null }), T.zhipu as Template).reason).toBe(
      "chat.completions.create sets temperature to a value computed at run time, which must stay within Zhipu GLM's " +
        'range [0, 1]: the official SDK sends 0.01 with do_sample false for 0 and 0.99 for 1.',
    );
  });

  it('fixed temperature: removed (not clamped) for a model that fixes it, as the migration does', () => {
    const v = reasonOf(withParams({ temperature: 0.7 }, 'kimi-k3'), T.moonshot as Template);
    expect(v.reasons.map((r) => r.reason)).toEqual([
      "chat.completions.create sets temperature 0.7, and Moonshot Kimi's kimi-k3 takes 1 only, so the migration removes it (the model always uses 1).",
    ]);
  });

  it('fixed temperature: the provider-level range still applies to a model without sampling rules', () => {
    const v = reasonOf(withParams({ temperature: 1.5 }, 'moonshot-v1-8k'), T.moonshot as Template);
    expect(v.reasons.map((r) => r.reason)).toEqual([
      "chat.completions.create sets temperature 1.5, outside the range [0, 1] of Moonshot Kimi's moonshot-v1-8k, so the migration clamps it to 1.",
    ]);
  });

  it('a range equal to OpenAI’s passes', () => {
    // The skeleton states OpenAI's own ranges, temperature [0, 2] and top_p [0, 1].
    const skeleton = parseTemplate(readFileSync(join(templatesDir(), '_template', 'template.yaml'), 'utf8'), 'skeleton');
    expect(reasonOf(chat(['temperature', 'top_p'], 'my-chat-model'), skeleton).verdict).toBe('ok');
  });

  it('renamed field the SDK types do not know: reported, not renamed', () => {
    expect(reasonOf(chat(['user']), T.zhipu as Template).reason).toBe(
      "chat.completions.create sets user, which Zhipu GLM reads as user_id, a field the openai SDK's types do not know.",
    );
  });

  it('rejected field', () => {
    expect(reasonOf(chat(['frequency_penalty']), T.zhipu as Template).reason).toBe(
      'chat.completions.create sets frequency_penalty, which Zhipu GLM rejects, so the migration removes it: ' +
        'stripped by AgentScope as unsupported.',
    );
  });

  it('ignored field', () => {
    expect(reasonOf(chat(['presence_penalty'], 'deepseek-flash'), T.deepseek as Template).reason).toBe(
      'chat.completions.create sets presence_penalty, which DeepSeek ignores: in thinking mode, which is the default.',
    );
  });

  it('partial field with a range', () => {
    expect(reasonOf(withParams({ frequency_penalty: 0.5 }, 'Baichuan4'), T.baichuan as Template).reasons.map((r) => r.reason)).toEqual([
      "chat.completions.create sets frequency_penalty 0.5, outside Baichuan's range [1, 2], so the migration clamps it " +
        "to 1: OpenAI's default 0 is invalid.",
      "chat.completions.create sets frequency_penalty, which Baichuan supports only partially: OpenAI's default 0 is invalid.",
    ]);
  });

  it('unknown range', () => {
    expect(reasonOf(chat(['temperature'], 'qwen-plus'), T.qwen as Template).reason).toBe(
      'unconfirmed: chat.completions.create sets temperature, which is not confirmed for Alibaba Qwen: reported as ' +
        '[0, 2) but not verified.',
    );
  });

  it('an OpenAI-specific field the template does not mention is unconfirmed', () => {
    expect(reasonOf(chat(['service_tier'], 'deepseek-flash'), T.deepseek as Template).reason).toBe(
      "unconfirmed: chat.completions.create sets service_tier, which DeepSeek's template does not document.",
    );
  });

  it('plain fields the template does not mention pass', () => {
    expect(reasonOf(chat(['max_tokens', 'stop'], 'deepseek-flash'), T.deepseek as Template).verdict).toBe('ok');
  });
});

describe('model reasons', () => {
  it('mapped model on a call: ok, the migration maps it', () => {
    expect(reasonOf(call('chat.completions.create', { model: 'gpt-4o' }), T.deepseek as Template)).toMatchObject({
      verdict: 'ok',
      reason: 'chat.completions.create uses model gpt-4o: the migration maps it to deepseek-flash on DeepSeek.',
    });
  });

  it('a model read from a constant is judged where the constant is written', () => {
    expect(reasonOf(call('chat.completions.create', { model: 'gpt-9-turbo', modelAt: 'elsewhere' }), T.qwen as Template)).toMatchObject({
      verdict: 'ok',
      reason: 'chat.completions.create works on Alibaba Qwen as written.',
    });
  });

  it('dated snapshots resolve to their model', () => {
    expect(reasonOf(call('chat.completions.create', { model: 'gpt-4o-2024-08-06' }), T.deepseek as Template).reason).toBe(
      'chat.completions.create uses model gpt-4o-2024-08-06: the migration maps it to deepseek-flash on DeepSeek.',
    );
  });

  it('an OpenAI model missing from the map uses the default of its kind', () => {
    expect(fed('gpt-9-turbo', T.qwen as Template).reason).toBe(
      "Model literal gpt-9-turbo: Alibaba Qwen's template has no mapping for it, so the migration uses the default " +
        'chat model qwen-plus.',
    );
  });

  it('fine-tuned models', () => {
    expect(fed('ft:gpt-4o-mini:acme::abc123', T.qwen as Template).reason).toBe(
      'Model literal ft:gpt-4o-mini:acme::abc123: it is a fine-tuned model with no counterpart on Alibaba Qwen, so ' +
        'the migration uses the default chat model qwen-plus.',
    );
  });

  it('a model of a kind the provider lacks is blocked', () => {
    const v = fed('whisper-1', T.moonshot as Template);
    expect(v.verdict).toBe('blocked');
    expect(v.reason).toBe('Model literal whisper-1: Moonshot Kimi has no transcription model to replace it.');
  });

  it('…but only a caveat when the capability is unknown', () => {
    const v = fed('text-embedding-3-large', T.stepfun as Template);
    expect(v.verdict).toBe('caveat');
    expect(v.reason).toBe(
      "unconfirmed: Model literal text-embedding-3-large: StepFun's template names no embedding model, so one has " +
        'to be chosen by hand.',
    );
  });

  it('a provider model id is served as is', () => {
    expect(reasonOf(call('chat.completions.create', { model: 'deepseek-v4-pro' }), T.deepseek as Template).verdict).toBe('ok');
  });

  it('an id that is neither OpenAI’s nor the provider’s is unconfirmed', () => {
    expect(reasonOf(call('chat.completions.create', { model: 'llama-3-70b' }), T.deepseek as Template).reason).toBe(
      "unconfirmed: chat.completions.create uses model llama-3-70b: it is not an OpenAI model qianyi knows, nor one that DeepSeek's template names.",
    );
  });

  it('a model chosen at run time', () => {
    expect(reasonOf(call('embeddings.create'), T.qwen as Template).reasons.at(-1)?.reason).toBe(
      'embeddings.create takes its model at run time, so the migration cannot map it: it must name a Alibaba Qwen ' +
        'embedding model such as text-embedding-v4.',
    );
  });

  it('a passthrough gateway serves OpenAI ids unchanged', () => {
    const text = readFileSync(join(templatesDir(), '_template', 'template.yaml'), 'utf8').replace(
      'passthrough: false',
      'passthrough: true',
    );
    const gateway = parseTemplate(text, 'gateway.yaml');
    const v = fed('gpt-5', gateway);
    expect(v.verdict).toBe('ok');
    expect(v.reason).toBe('Model literal gpt-5: My Company Gateway serves it under the same id.');
  });
});

describe('import, client and env sites', () => {
  const deepseek = T.deepseek as Template;

  it('imports of the openai package are ok', () => {
    expect(reasonOf(site('import', { name: 'openai' }), deepseek)).toMatchObject({
      verdict: 'ok',
      reason: 'The import of openai stays as it is: DeepSeek is reached through the same SDK.',
    });
  });

  it('3.x and Azure imports are ok: their clients carry the change', () => {
    expect(reasonOf(site('import', { name: 'openai', sdk: 'openai-v3' }), deepseek).reason).toBe(
      'This import is the openai 3.x SDK: its client is re-pointed to DeepSeek where it is constructed.',
    );
    expect(reasonOf(site('import', { name: '@azure/openai', sdk: 'azure-openai' }), deepseek).reason).toBe(
      'This import is the Azure OpenAI client, which the migration replaces with an OpenAI client for DeepSeek where it is constructed.',
    );
  });

  it('a client whose options are built elsewhere is manual work', () => {
    expect(reasonOf(site('client', { name: 'OpenAI', options: null }), deepseek)).toMatchObject({
      verdict: 'caveat',
      reason: "The OpenAI client's options are built elsewhere, so the migration cannot re-point it to DeepSeek: set its key and base URL by hand.",
    });
  });

  it('clients are re-pointed; organization and project are dropped', () => {
    const v = reasonOf(site('client', { name: 'OpenAI', options: ['apiKey', 'organization'] }), deepseek);
    expect(v.verdict).toBe('ok');
    expect(v.reasons.map((r) => r.reason)).toEqual([
      'The OpenAI client is re-pointed to DeepSeek (baseURL https://api.deepseek.com, key from DEEPSEEK_API_KEY).',
      'The client sets organization, which DeepSeek does not use, so the migration removes it.',
    ]);
  });

  it('env variables', () => {
    // Read in a file that builds a client the migration re-points (a read elsewhere is left as it is).
    const env = (name: string) => {
      const read = site('env', { name });
      return verdictForSite(read, deepseek, [site('client', { id: 'src/a.ts:9:1:client', name: 'OpenAI', options: [] }), read]);
    };
    expect(env('OPENAI_API_KEY').reason).toBe('OPENAI_API_KEY is replaced by DEEPSEEK_API_KEY for DeepSeek.');
    // Alone in the project (no client, no request it goes to): manual work, left as it is.
    expect(reasonOf(site('env', { name: 'OPENAI_API_KEY' }), deepseek).reason).toBe(
      'OPENAI_API_KEY is read, but qianyi finds no OpenAI client or request in this project that it goes to, so it is left as it is: wherever it is sent to OpenAI, switch it and the URL to DeepSeek together.',
    );
    expect(env('OPENAI_BASE_URL').reason).toBe("OPENAI_BASE_URL is replaced by DEEPSEEK_BASE_URL, DeepSeek's base URL (https://api.deepseek.com).");
    expect(env('OPENAI_MODEL').reason).toBe('OPENAI_MODEL must name a DeepSeek model such as deepseek-flash.');
    expect(env('OPENAI_ORG_ID').reason).toBe('OPENAI_ORG_ID has no equivalent on DeepSeek: check what the code does with it.');
    // As the value of an option of a client the migration rewrites, it goes with that option.
    const client = site('client', { name: 'OpenAI', options: ['organization'] });
    const org = site('env', { name: 'OPENAI_ORG_ID', option: 'organization' });
    expect(reasonOf(org, deepseek).verdict).toBe('caveat');
    expect(verdictForSite(org, deepseek, [client, org])).toMatchObject({ verdict: 'ok' });
    expect(env('OPENAI_WEBHOOK_SECRET')).toMatchObject({
      verdict: 'blocked',
      reason: 'OPENAI_WEBHOOK_SECRET needs OpenAI webhooks, which DeepSeek does not support.',
    });
  });
});
