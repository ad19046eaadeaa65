import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { qianyi, REPO } from '../helpers/exec.js';

/**
 * The real scan of fixtures/verdicts/app (embeddings, images, assistants, a named tool_choice) judged for
 * every provider must match fixtures/verdicts/expected/<id>.json, and rank the providers as the matrix says.
 */
const APP = path.join(REPO, 'fixtures/verdicts/app');
const EXPECTED = path.join(REPO, 'fixtures/verdicts/expected');

describe('scan verdicts on the verdict fixture app', () => {
  const run = qianyi(['scan', APP, '--format', 'json']);
  const report = JSON.parse(run.stdout);

  for (const file of readdirSync(EXPECTED).filter((f) => f.endsWith('.json'))) {
    const expected = JSON.parse(readFileSync(path.join(EXPECTED, file), 'utf8')) as { provider: string; verdicts: Array<{ site: string; verdict: string; reason: string }> };
    it(expected.provider, () => {
      const actual = report.sites.map((s: { id: string; verdicts: Record<string, { status: string; reason: string }> }) => ({
        site: s.id, verdict: s.verdicts[expected.provider]!.status, reason: s.verdicts[expected.provider]!.reason,
      }));
      expect(actual).toEqual(expected.verdicts);
    });
  }

  it('ranks the providers: fewest blocked, then fewest caveats, then fewest unconfirmed', () => {
    expect(report.providers.map((p: { id: string; blocked: number }) => `${p.id}:${p.blocked}`)).toEqual([
      'qianfan:1', 'doubao:1', 'siliconflow:1', 'hunyuan:1', 'stepfun:1', 'zhipu:2', 'sensenova:2', 'baichuan:2', 'qwen:2',
      'deepseek:3', 'moonshot:3', 'spark:3', 'yi:3', 'minimax:4',
    ]);
  });

  it('narrows to one provider with --provider (aliases too) and shows its reasons', () => {
    const one = qianyi(['scan', APP, '--provider', 'glm']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('blocked  beta.assistants.create needs the Assistants API (assistants, threads, runs), which Zhipu GLM does not support: Zhipu has only its own /assistant API.');
    expect(one.stdout).toMatch(/Provider\n {2}zhipu {2}5 ok, 2 caveat, 2 blocked/);
    const json = JSON.parse(qianyi(['scan', APP, '--provider', 'zhipu', '--format', 'json']).stdout);
    expect(json.providers.map((p: { id: string }) => p.id)).toEqual(['zhipu']);
    expect(Object.keys(json.sites[0].verdicts)).toEqual(['zhipu']);
  });

  it('marks blocked sites as SARIF errors and caveats as warnings for one provider, with paths from the repository top', () => {
    const log = JSON.parse(qianyi(['scan', APP, '--provider', 'deepseek', '--format', 'sarif']).stdout);
    const levels = log.runs[0].results.map((r: { level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.level}`);
    expect(levels.filter((l: string) => l.endsWith(':error'))).toEqual(['src/assistant.ts:error', 'src/embed.ts:error', 'src/images.ts:error'].map((l) => `fixtures/verdicts/app/${l}`));
    expect(levels.every((l: string) => l.endsWith(':error') || l.endsWith(':warning'))).toBe(true);
    const local = JSON.parse(qianyi(['scan', APP, '--provider', 'deepseek', '--format', 'sarif', '--root', APP]).stdout);
    expect(local.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^src\//);
  });

  it('rejects an unknown provider with exit code 2 and the list of ids', () => {
    const bad = qianyi(['scan', APP, '--provider', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^qianyi: unknown provider "nope"\nvalid providers: baichuan, deepseek, /);
  });
});
