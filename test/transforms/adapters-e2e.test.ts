import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/migrate.js';
import { baseUrlEnv } from '../../src/migrate/plan.js';
import { loadBuiltinTemplates, resolveProviderId } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';
import { startMockProvider } from '../helpers/mock-provider.js';
import { buildApp, runApp } from '../helpers/run-app.js';
import { removeDir } from '../helpers/testdir.js';

/**
 * Model-level adapters, run for real: the adapters fixture app (fixtures/migrate/adapters) against a mock that
 * enforces the catalog rules of the model each request reaches (fixed temperature, rejected developer role,
 * json_schema not served, forced tool_choice while thinking, max_tokens range). Unmigrated, pointed at the mock
 * (which serves OpenAI ids as the mapped model, so only the request's shape is judged), the calls the model
 * rejects fail with the provider's message; migrated, every call passes.
 */
const APP = path.join(REPO, 'fixtures/migrate/adapters');
const KEY = 'test-key-not-a-secret';
const templates = loadBuiltinTemplates();
const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** Per provider: what each call of main.ts gets unmigrated (`ok`, or a piece of the provider's error message). */
const UNMIGRATED: Record<string, Record<string, string>> = {
  deepseek: {
    developer: 'unknown variant `developer`',
    sampling: 'ok',
    json_schema: 'This response_format type is unavailable now',
    tool_choice: 'thinking mode',
    max_tokens: 'the valid range of max_tokens is [1, 384000]',
  },
  moonshot: {
    developer: 'ok',
    sampling: 'invalid temperature: only 1 is allowed',
    json_schema: 'ok',
    tool_choice: 'thinking mode',
    max_tokens: 'ok',
  },
  sensenova: {
    developer: 'unknown variant `developer`',
    sampling: 'ok',
    json_schema: 'ok',
    tool_choice: 'ok',
    max_tokens: 'the valid range of max_tokens is [1, 65536]',
  },
  // Nothing in the catalog of the models these calls reach refuses them (their rules are unknown or served).
  qwen: { developer: 'ok', sampling: 'ok', json_schema: 'ok', tool_choice: 'ok', max_tokens: 'ok' },
};

function outcomes(stdout: string): Record<string, string> {
  return Object.fromEntries(stdout.trim().split('\n').map((line) => {
    const [name, ...rest] = line.split(': ');
    const result = rest.join(': ');
    return [name, result.startsWith('ok') ? 'ok' : result];
  }));
}

describe('adapters fixture app against a mock with model-level rules', () => {
  for (const [id, unmigrated] of Object.entries(UNMIGRATED)) {
    it(id, async () => {
      const template = resolveProviderId(id, templates);
      const mock = await startMockProvider(template, KEY, { mapOpenAiModels: true });
      try {
        const before = buildApp(path.join(APP, 'input'));
        temps.push(before);
        const got = outcomes(await runApp(before, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: mock.baseURL }));
        expect(Object.keys(got)).toEqual(Object.keys(unmigrated));
        for (const [call, expected] of Object.entries(unmigrated)) {
          if (expected === 'ok') expect(got[call], call).toBe('ok');
          else expect(got[call], call).toMatch(/^error 400 /), expect(got[call], call).toContain(expected);
        }

        const after = buildApp(path.join(APP, 'expected', id));
        temps.push(after);
        const sent = mock.requests.length;
        const migrated = outcomes(await runApp(after, { [template.apiKey.env]: KEY, [baseUrlEnv(template)]: mock.baseURL, OPENAI_API_KEY: 'must-not-be-used' }));
        expect(migrated).toEqual(Object.fromEntries(Object.keys(unmigrated).map((call) => [call, 'ok'])));
        // The migrated app names the provider's models itself.
        expect(mock.requests.slice(sent).every((r) => typeof r.body.model === 'string' && !/^(gpt|o\d)/.test(r.body.model))).toBe(true);
      } finally {
        await mock.close();
      }
    });
  }

  it('each adapter shows in the migrate report: migrated, review or manual', async () => {
    const dir = path.join(APP, 'input');
    const report = async (id: string) => {
      const plan = await migrate({ paths: [dir], cwd: dir, template: resolveProviderId(id, templates), write: false });
      // Model mappings, the client and provider-level notes aside: what the model's rules did.
      return plan.items.filter((i) => /'s (deepseek|kimi|qwen)[\w.-]*\b|cache hits|max_completion_tokens/.test(i.reason)).map((i) => `${i.file} ${i.bucket}: ${i.reason}`);
    };
    expect(await report('deepseek')).toEqual([
      "src/developer.ts migrated: DeepSeek's deepseek-v4-pro rejects the developer role: sent as system",
      "src/developer.ts manual: a message role here is computed, and DeepSeek's deepseek-v4-pro rejects developer (HTTP 400): make sure it sends system instead",
      "src/json.ts manual: DeepSeek's deepseek-flash serves json_object, not json_schema: response_format is now json_object, so the schema is no longer enforced; the prompt must ask for JSON in that shape, and the reply should be validated",
      "src/limits.ts review: max_tokens 500000 is outside the range [1, 384000] of DeepSeek's deepseek-flash: clamped to 384000",
      'src/limits.ts review: DeepSeek takes max_tokens instead of max_completion_tokens: renamed',
      "src/tools.ts manual: DeepSeek's deepseek-flash thinks by default and then takes tool_choice none, auto only: \"required\" became \"auto\", so the model may answer without calling a tool",
      "src/tools.ts manual: DeepSeek's deepseek-flash needs reasoning_content sent back with tool calls: push the whole assistant message (or copy reasoning_content), not only content and tool_calls",
      'src/usage.ts manual: DeepSeek reports cache hits in usage.prompt_cache_hit_tokens, not usage.prompt_tokens_details.cached_tokens: read that field here (the openai types do not know it)',
    ]);
    expect(await report('moonshot')).toEqual([
      // Kimi goes the other way: its provider-level rule renames max_tokens.
      'src/limits.ts review: Moonshot Kimi takes max_completion_tokens instead of max_tokens: renamed',
      "src/sampling.ts review: Moonshot Kimi's kimi-k3 takes temperature 1 only: temperature 0.9 removed",
      "src/sampling.ts review: Moonshot Kimi's kimi-k3 rejects top_p: removed",
      "src/sampling.ts review: Moonshot Kimi's kimi-k3 rejects presence_penalty: removed",
      "src/sampling.ts manual: Moonshot Kimi's kimi-k3 takes temperature 1 only (HTTP 400 otherwise): remove temperature from this request",
      "src/tools.ts manual: Moonshot Kimi's kimi-k3 always thinks and then takes tool_choice none, auto only: \"required\" became \"auto\", so the model may answer without calling a tool",
      "src/tools.ts manual: Moonshot Kimi's kimi-k3 needs reasoning_content sent back with tool calls: push the whole assistant message (or copy reasoning_content), not only content and tool_calls",
    ]);
    expect(await report('qwen')).toEqual([
      "src/thinking.ts manual: Alibaba Qwen's qwen-plus may think in streaming calls only: stream this call, or send enable_thinking: false",
    ]);
  });
});
