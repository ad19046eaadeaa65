import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';
import { removeDir, testdir } from '../helpers/testdir.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

describe('qianyi providers (CLI)', () => {
  it('lists the 14 providers as JSON with base URLs, key variables and capability matrices', () => {
    const { stdout, code } = qianyi(['providers', '--format', 'json']);
    expect(code).toBe(0);
    const { providers } = JSON.parse(stdout);
    expect(providers.map((p: { id: string }) => p.id)).toEqual([
      'baichuan', 'deepseek', 'doubao', 'hunyuan', 'minimax', 'moonshot', 'qianfan', 'qwen', 'sensenova', 'siliconflow',
      'spark', 'stepfun', 'yi', 'zhipu',
    ]);
    const zhipu = providers.find((p: { id: string }) => p.id === 'zhipu');
    expect(zhipu).toMatchObject({ baseURL: 'https://open.bigmodel.cn/api/paas/v4', apiKeyEnv: 'ZHIPUAI_API_KEY' });
    for (const p of providers) {
      expect(Object.values(p.capabilities).every((v) => ['yes', 'no', 'partial', 'unknown'].includes(v as string))).toBe(true);
      expect(p.capabilities.assistants).toBe('no');
    }
  });

  it('shows one provider in full by id or alias, and rejects an unknown one', () => {
    const kimi = qianyi(['providers', 'show', 'kimi']);
    expect(kimi.code).toBe(0);
    expect(kimi.stdout).toMatch(/^Moonshot Kimi \(月之暗面 Kimi\): moonshot\n/);
    const bad = qianyi(['providers', 'show', 'gpt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^qianyi: unknown provider "gpt"\nvalid providers: /);
  });

  it('adds a user template (a company gateway) and reports a broken one in one line with exit 2', () => {
    const dir = testdir({});
    temps.push(dir);
    const skeleton = path.join(REPO, 'templates/_template/template.yaml');
    const gateway = path.join(dir, 'gateway.yaml');
    writeFileSync(gateway, readFileSync(skeleton, 'utf8'));
    const ok = qianyi(['providers', '--format', 'json', '--template', gateway]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).providers.map((p: { id: string }) => p.id)).toContain('my-gateway');
    writeFileSync(gateway, 'id: Bad Id\n');
    const bad = qianyi(['providers', '--template', gateway]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(new RegExp(`^qianyi: ${gateway.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  });
});
