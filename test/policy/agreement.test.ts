import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFile } from '../../src/migrate/plan.js';
import { verdictsForSites } from '../../src/policy/verdict.js';
import { analyze } from '../../src/scan/scan.js';
import { loadBuiltinTemplates } from '../../src/templates/load.js';
import { REPO } from '../helpers/exec.js';

/**
 * scan and migrate agree: for every fixture and provider, the sites scan calls caveat or blocked are exactly
 * the sites migrate reports to review or as manual work, and for the same reasons (both come from one decision).
 */
const templates = loadBuiltinTemplates();
const FIXTURES = ['fixtures/migrate/app/input', 'fixtures/migrate/adapters/input', 'fixtures/migrate/azure/input', 'fixtures/migrate/crlf-bom/input', 'fixtures/migrate/edge/input', 'fixtures/migrate/real-world/input', 'fixtures/migrate/proxy/input', 'fixtures/migrate/v3/input', 'fixtures/migrate/langchain/input', 'fixtures/migrate/ai-sdk/input', 'fixtures/migrate/http/input', 'fixtures/migrate/openai-edge/input', 'fixtures/migrate/chatgpt/input', 'fixtures/migrate/azure-deployments/input', 'fixtures/projects/ai-sdk', 'fixtures/projects/langchain', 'fixtures/verdicts/app', 'fixtures/demo-app'];

for (const fixture of FIXTURES) {
  describe(`scan and migrate agree on ${fixture}`, async () => {
    const dir = path.join(REPO, fixture);
    const analysis = await analyze({ paths: [dir], cwd: dir, types: false });
    for (const t of templates) {
      it(t.id, () => {
        const [verdicts] = verdictsForSites(analysis.sites, [t]);
        const scanSays = new Map<string, string[]>();
        for (const v of verdicts!.verdicts) {
          // An ok site can still carry a note to review (stored embeddings): migrate reports it for review too.
          const said = v.reasons.filter((r) => r.verdict !== 'ok' || r.review);
          if (said.length > 0) scanSays.set(v.site, said.map((r) => r.reason).sort());
        }
        const migrateSays = new Map<string, string[]>();
        for (const file of analysis.files) {
          for (const item of planFile(file, { template: t, sites: analysis.sites }, analysis.evaluator).items) {
            // An acknowledged site carries the user's reason (qianyi-ignore), not a verdict of the policy.
            if (item.bucket === 'migrated' || item.bucket === 'acknowledged' || !item.siteId) continue;
            const list = migrateSays.get(item.siteId) ?? [];
            list.push((item as { because?: string }).because ?? item.reason);
            migrateSays.set(item.siteId, list);
          }
        }
        for (const [k, v] of migrateSays) migrateSays.set(k, [...new Set(v)].sort());
        expect(Object.fromEntries(migrateSays)).toEqual(Object.fromEntries(scanSays));
      });
    }
  });
}
