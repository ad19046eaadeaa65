import { pathToFileURL } from 'node:url';
import type { SiteKind } from '../scan/sites.js';
import { describeSite, type ReportSite, type ScanReport } from './report.js';

/** One SARIF rule per site kind; every `ruleId` in the results is declared here (GitHub code scanning needs that). */
const RULES: Record<SiteKind, { id: string; name: string; text: string }> = {
  import: { id: 'qianyi/openai-import', name: 'OpenAiImport', text: 'Import of the openai SDK' },
  client: { id: 'qianyi/openai-client', name: 'OpenAiClient', text: 'OpenAI client construction' },
  call: { id: 'qianyi/openai-call', name: 'OpenAiCall', text: 'Call of an OpenAI API method' },
  env: { id: 'qianyi/openai-env', name: 'OpenAiEnv', text: 'Read of an OpenAI environment variable' },
  model: { id: 'qianyi/openai-model', name: 'OpenAiModel', text: 'OpenAI model id in code' },
};
const KINDS = Object.keys(RULES) as SiteKind[];

/** SARIF 2.1.0, as GitHub code scanning accepts it. */
export function sarif(report: ScanReport): string {
  // With one provider (--provider), a blocked site is an error and a caveat a warning; otherwise all are notes.
  const only = report.providers.length === 1 ? report.providers[0]!.id : undefined;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qianyi',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://www.npmjs.com/package/qianyi',
            rules: KINDS.map((kind) => ({
              id: RULES[kind].id,
              name: RULES[kind].name,
              shortDescription: { text: RULES[kind].text },
              fullDescription: { text: `${RULES[kind].text}: to be moved to another provider when migrating off OpenAI.` },
              defaultConfiguration: { level: 'note' },
              properties: { tags: ['openai', 'migration'] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(report.root).href}/` } },
        results: report.sites.map((site) => ({
          ruleId: RULES[site.kind].id,
          ruleIndex: KINDS.indexOf(site.kind),
          level: levelFor(site, only),
          message: {
            text: [
              describeSite(site),
              only && site.verdicts[only] && site.verdicts[only].status !== 'ok' ? `${only}: ${site.verdicts[only].status}: ${site.verdicts[only].reason}` : '',
              site.kind === 'call' && site.model ? `model ${site.model}` : '',
              site.features.length > 0 ? `features: ${site.features.join(', ')}` : '',
              site.confidence === 'likely' ? '(likely: matched by shape only)' : '',
            ].filter(Boolean).join('; '),
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(site.file), uriBaseId: 'SRCROOT' },
                region: { startLine: site.line, startColumn: site.column },
              },
            },
          ],
          partialFingerprints: { qianyiSite: `${site.file}:${site.kind}:${site.api ?? site.name ?? site.model ?? ''}` },
          properties: { kind: site.kind, sdk: site.sdk, api: site.api, model: site.model, features: site.features, confidence: site.confidence, verdicts: site.verdicts },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.skipped.map((skip) => ({
              level: 'warning',
              message: { text: `skipped: ${skip.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(skip.file), uriBaseId: 'SRCROOT' } } }],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function levelFor(site: ReportSite, provider: string | undefined): 'note' | 'warning' | 'error' {
  const status = provider ? site.verdicts[provider]?.status : undefined;
  return status === 'blocked' ? 'error' : status === 'caveat' ? 'warning' : 'note';
}
