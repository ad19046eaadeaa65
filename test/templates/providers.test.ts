import { describe, expect, it } from 'vitest';
import {
  providerDetails,
  providersJson,
  providersTable,
  renderClientSnippet,
  renderReadmeProviderTable,
} from '../../src/reporters/providers.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { CAPABILITIES } from '../../src/templates/schema.js';

const templates = loadBuiltinTemplates();

describe('providersTable', () => {
  const table = providersTable(templates);
  const rows = table.split('\n\n')[0]?.split('\n') ?? [];

  it('has a header and one row per provider', () => {
    expect(rows).toHaveLength(templates.length + 1);
    expect(rows[0]).toMatch(/^id\s+provider\s+stream\s+tools\s+choice\s+json\s+schema\s+vision\s+embed/);
  });

  it('aligns every column (cells start where the header cells start)', () => {
    const header = rows[0] as string;
    const starts = [...header.matchAll(/\S+/g)].map((m) => m.index);
    for (const row of rows.slice(1)) {
      for (const start of starts.slice(2)) expect(row[start - 1], row).toBe(' ');
      for (const start of starts.slice(2)) expect(row[start], row).toMatch(/\S/);
    }
  });

  it('uses words, not colours', () => {
    expect(table).not.toMatch(/\u001b\[/);
    expect(rows.find((r) => r.startsWith('zhipu'))).toMatch(/^zhipu\s+Zhipu GLM\s+yes\s+yes\s+no\s+yes\s+\?/);
  });
});

describe('providerDetails', () => {
  const text = providerDetails(resolveProviderId('kimi', templates));

  it('shows regions, key, models, every capability, parameters, snippet and sources', () => {
    expect(text).toContain('Moonshot Kimi (月之暗面 Kimi): moonshot');
    expect(text).toMatch(/cn \(default\)\s+https:\/\/api\.moonshot\.cn\/v1/);
    expect(text).toContain('MOONSHOT_API_KEY (also read: KIMI_API_KEY)');
    expect(text).toMatch(/default reasoning\s+kimi-k3/);
    for (const c of CAPABILITIES) expect(text).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    expect(text).toMatch(/temperature\s+partial \[1, 1\]/);
    expect(text).toContain("baseURL: 'https://api.moonshot.cn/v1',");
    expect(text).toContain('M13');
    expect(text).not.toMatch(/ +$/m);
  });
});

describe('providerDetails: the model catalog', () => {
  const text = providerDetails(resolveProviderId('hunyuan', templates));

  it('shows TokenHub: base URLs, the Anthropic endpoint, the key, the free tier', () => {
    expect(text).toMatch(/cn \(default\)\s+https:\/\/tokenhub\.tencentmaas\.com\/v1/);
    expect(text).toMatch(/intl\s+https:\/\/tokenhub-intl\.tencentcloudmaas\.com\/v1/);
    expect(text).toMatch(/cn anthropic\s+https:\/\/tokenhub\.tencentmaas\.com\s+auth x-api-key/);
    expect(text).toContain('TENCENT_TOKENHUB_API_KEY (also read: TOKENHUB_API_KEY, HUNYUAN_API_KEY)');
    expect(text).toMatch(/Free tier\n  a new-user free quota/);
  });

  it('prints each model with its lifecycle, limits and dated price, ? where the sources do not say', () => {
    expect(text).toContain('  hy4-flash  chat, active\n    context          1024000\n    max output       64000\n');
    expect(text).toMatch(/price\s+USD 0\.035 \/ 0\.1405 as of 2026-12-01: international list price/);
    expect(text).toContain('  hunyuan-turbos-latest  chat, retired 2026-06-22 -> hy4');
    expect(text).toContain('  hy3  chat, deprecated 2026-12-30 -> hy4-flash');
    expect(text).toMatch(/hy4  chat, active\n    context\s+\?\n/);
  });

  it('model-level rules: fixed sampling, tool_choice with thinking, rejected developer role', () => {
    const kimi = providerDetails(resolveProviderId('kimi', templates));
    expect(kimi).toMatch(/kimi-k3  reasoning, active\n(    .*\n)*    sampling\s+temperature fixed at 1, top_p rejected, n rejected/);
    expect(kimi).toMatch(/tool_choice\s+with thinking none,auto\n/);
    const deepseek = providerDetails(resolveProviderId('deepseek', templates));
    expect(deepseek).toMatch(/roles\s+system,user,assistant,tool\n/);
    expect(deepseek).toMatch(/response_format\s+json_object yes, json_schema no\n/);
    expect(deepseek).toMatch(/thinking\s+optional \(in reasoning_content; default on; sent back with tool calls: yes\)/);
  });
});

describe('renderClientSnippet', () => {
  it('fills in the region and key', () => {
    const zhipu = resolveProviderId('glm', templates);
    expect(renderClientSnippet(zhipu, 'intl')).toBe(
      "import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  apiKey: process.env.ZHIPUAI_API_KEY,\n" +
        "  baseURL: 'https://api.z.ai/api/paas/v4',\n});\n",
    );
  });
});

describe('providersJson', () => {
  const json = providersJson(templates);

  it('lists every provider with capabilities as yes|no|partial|unknown', () => {
    expect(json.providers.map((p) => p.id)).toEqual(templates.map((t) => t.id));
    for (const p of json.providers) {
      expect(Object.keys(p.capabilities).sort()).toEqual([...CAPABILITIES].sort());
      for (const v of Object.values(p.capabilities)) expect(['yes', 'no', 'partial', 'unknown']).toContain(v);
    }
  });

  it('carries the fields the CLI documents', () => {
    const deepseek = json.providers.find((p) => p.id === 'deepseek');
    expect(deepseek).toMatchObject({
      id: 'deepseek',
      name: 'DeepSeek',
      baseURL: 'https://api.deepseek.com',
      regions: { global: { baseURL: 'https://api.deepseek.com' } },
      apiKeyEnv: 'DEEPSEEK_API_KEY',
      models: { defaults: { chat: 'deepseek-flash', embedding: null } },
      capabilities: { embeddings: 'no', responses: 'yes', vision: 'partial', tool_choice: 'yes' },
    });
    expect(deepseek?.catalog['deepseek-flash']).toMatchObject({ status: 'active', contextWindow: 1000000, roles: ['system', 'user', 'assistant', 'tool'] });
    expect(json.providers.find((p) => p.id === 'zhipu')?.endpoints.intl).toMatchObject({ responses: { baseURL: 'https://api.z.ai/api/v1' } });
    expect(json.providers.find((p) => p.id === 'hunyuan')?.freeTier).toMatch(/free quota/);
    // Plain data: survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('renderReadmeProviderTable', () => {
  const md = renderReadmeProviderTable(templates);
  const lines = md.split('\n').filter((l) => l.startsWith('|'));

  it('is a markdown table with one row per provider and equal column counts', () => {
    expect(lines).toHaveLength(templates.length + 2);
    const cols = (l: string) => l.replaceAll('\\|', '').split('|').length;
    for (const l of lines) expect(cols(l)).toBe(cols(lines[0] as string));
    expect(md).toContain('| Zhipu GLM (智谱) | `zhipu`, `glm`, `bigmodel`, `zai` | `https://open.bigmodel.cn/api/paas/v4` |');
    expect(md).toContain('| MiniMax | `minimax` |');
  });
});
