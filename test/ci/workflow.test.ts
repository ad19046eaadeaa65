import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_PACKAGE, workflowYaml } from '../../src/commands/init.js';
import { REPO } from '../helpers/exec.js';
import { gitInit } from '../helpers/git.js';
import { removeDir } from '../helpers/testdir.js';

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }

const temps: string[] = [];
afterAll(() => temps.forEach(removeDir));

/** The workflow block of the README ("GitHub Actions"), without its file-name comment. */
function readmeWorkflow(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('```yaml\n# .github/workflows/qianyi.yml\n');
  expect(start).toBeGreaterThan(-1);
  const body = readme.slice(readme.indexOf('\n', readme.indexOf('\n', start) + 1) + 1);
  return body.slice(0, body.indexOf('```'));
}

describe('the README GitHub Actions workflow', () => {
  it('is what qianyi init writes', () => {
    expect(readmeWorkflow()).toBe(workflowYaml({ path: '.', package: DEFAULT_PACKAGE }));
  });

  it('run step by step in a scratch repository: installs the packed tarball and uploads SARIF although check fails', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'qianyi-workflow-'));
    const prefix = mkdtempSync(path.join(tmpdir(), 'qianyi-prefix-'));
    temps.push(scratch, prefix);
    cpSync(path.join(REPO, 'fixtures/migrate/app/input'), scratch, { recursive: true });
    // DeepSeek has no embeddings endpoint: the app has manual work, so check fails.
    writeFileSync(path.join(scratch, 'qianyi.config.json'), '{ "provider": "deepseek" }\n');
    const tarballDir = path.join(scratch, path.dirname(DEFAULT_PACKAGE));
    mkdirSync(tarballDir, { recursive: true });
    // dist is built by npm test; --ignore-scripts keeps npm pack from building again.
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', tarballDir], { cwd: REPO, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    expect(existsSync(path.join(scratch, DEFAULT_PACKAGE))).toBe(true);
    gitInit(scratch);

    const workflow = parse(readmeWorkflow()) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    expect(workflow.permissions['security-events']).toBe('write');
    const summary = path.join(prefix, 'summary.md');
    const env = {
      ...process.env,
      PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_prefix: prefix,
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: scratch,
      GITHUB_STEP_SUMMARY: summary,
      CI: 'true',
      NO_COLOR: '1',
    };
    const ran: Array<{ step: string; code: number }> = [];
    let failed = false;
    for (const step of workflow.jobs.qianyi!.steps) {
      const name = step.name ?? step.uses ?? step.run!;
      if (step.if) {
        // The one condition the workflow uses: always() && hashFiles('<file>') != ''
        const file = /hashFiles\('([^']+)'\)/.exec(step.if)?.[1];
        expect(step.if).toMatch(/^always\(\)/);
        if (file && !existsSync(path.join(scratch, file))) continue;
      } else if (failed) continue;
      if (step.uses?.startsWith('actions/checkout@')) continue; // the scratch repository is the checkout
      if (step.uses?.startsWith('actions/setup-node@')) {
        expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(Number(step.with!['node-version']));
        continue;
      }
      if (step.uses?.startsWith('github/codeql-action/upload-sarif@')) {
        const log = JSON.parse(readFileSync(path.join(scratch, String(step.with!.sarif_file)), 'utf8'));
        expect(log.version).toBe('2.1.0');
        expect(log.runs[0].results.some((r: { level: string }) => r.level === 'error')).toBe(true);
        expect(step.with!.category).toBe('qianyi/check');
        ran.push({ step: name, code: 0 });
        continue;
      }
      const result = spawnSync('bash', ['-e', '-c', step.run!], { cwd: scratch, env, encoding: 'utf8' });
      ran.push({ step: name, code: result.status ?? -1 });
      if (result.status !== 0) failed = true;
      if (name === 'Install qianyi') expect(result.status, result.stderr).toBe(0);
    }
    expect(ran).toEqual([
      { step: 'Install qianyi', code: 0 },
      { step: 'qianyi check', code: 1 },
      { step: 'Upload SARIF', code: 0 },
    ]);
    expect(readFileSync(summary, 'utf8')).toMatch(/^## qianyi check: 9 pending, 0 acknowledged — failed\n/);
  }, 300_000);
});
