import { pathToFileURL } from 'node:url';
import type { SiteKind } from '../scan/sites.js';
import type { UriBase } from '../util/repo-root.js';
import { KeyMaker, LineReader } from '../util/source-lines.js';
import { VERSION } from '../version.js';
import { DOCS_URL, docsLink } from './docs.js';
import { describeSite, type ReportSite, type ScanReport } from './report.js';

/** One SARIF rule per site kind; every `ruleId` in the results is declared here (GitHub code scanning needs that). */
const RULES: Record<SiteKind, { id: string; name: string; text: string; anchor: string }> = {
  import: { id: 'qianyi/openai-import', name: 'OpenAiImport', text: 'Import of the openai SDK', anchor: 'qianyi-scan-paths' },
  client: { id: 'qianyi/openai-client', name: 'OpenAiClient', text: 'OpenAI client construction', anchor: 'qianyi-scan-paths' },
  call: { id: 'qianyi/openai-call', name: 'OpenAiCall', text: 'Call of an OpenAI API method', anchor: 'qianyi-scan-paths' },
  env: { id: 'qianyi/openai-env', name: 'OpenAiEnv', text: 'Read of an OpenAI environment variable', anchor: 'qianyi-scan-paths' },
  model: { id: 'qianyi/openai-model', name: 'OpenAiModel', text: 'OpenAI model id in code', anchor: 'qianyi-scan-paths' },
};
const KINDS = Object.keys(RULES) as SiteKind[];

/**
 * SARIF 2.1.0, as GitHub code scanning accepts it. With one provider (--provider) a blocked site is an error,
 * a caveat a warning, and an ok site no result; without one, every site is a note (an inventory).
 */
export function sarif(report: ScanReport, options: { base?: UriBase } = {}): string {
  const only = report.providers.length === 1 ? report.providers[0]!.id : undefined;
  const base = options.base ?? { dir: report.root, prefix: '' };
  const keys = new KeyMaker(new LineReader(report.root));
  const results = report.sites.flatMap((site) => {
    const level = levelFor(site, only);
    if (!level) return [];
    return [{
      ruleId: RULES[site.kind].id,
      ruleIndex: KINDS.indexOf(site.kind),
      level,
      message: {
        text: [
          describeSite(site),
          only && site.verdicts[only] && site.verdicts[only].status !== 'ok' ? `${only}: ${site.verdicts[only].status}: ${site.verdicts[only].reason}` : '',
          site.kind === 'call' && site.model ? `model ${site.model}` : '',
          site.features.length > 0 ? `features: ${site.features.join(', ')}` : '',
          site.confidence === 'likely' ? '(likely: matched by shape only)' : '',
        ].filter(Boolean).join('; '),
      },
      locations: [sarifLocation(base.prefix + site.file, site.line, site.column)],
      partialFingerprints: { 'qianyiSite/v1': base.prefix + keys.key(site.file, `${site.kind}:${site.api ?? site.name ?? site.model ?? ''}`, site.line) },
      properties: { kind: site.kind, sdk: site.sdk, api: site.api, model: site.model, features: site.features, confidence: site.confidence, verdicts: site.verdicts },
    }];
  });
  return sarifLog({
    base,
    command: 'scan',
    rules: KINDS.map((kind) => sarifRule({ ...RULES[kind], level: 'note' }, `${RULES[kind].text}: to be moved to another provider when migrating off OpenAI.`, { tags: ['openai', 'migration'] })),
    results,
    invocations: [{
      executionSuccessful: true,
      toolExecutionNotifications: report.skipped.map((skip) => ({
        level: 'warning',
        message: { text: `skipped: ${skip.reason}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(base.prefix + skip.file), uriBaseId: 'SRCROOT' } } }],
      })),
    }],
  });
}

function levelFor(site: ReportSite, provider: string | undefined): 'note' | 'warning' | 'error' | undefined {
  if (!provider) return 'note';
  const status = site.verdicts[provider]?.status;
  return status === 'blocked' ? 'error' : status === 'caveat' ? 'warning' : undefined;
}

/** A SARIF 2.1.0 log of one run, as GitHub code scanning takes it: repository-relative URIs, one category per command. */
export function sarifLog({ base, command, rules, results, invocations }: { base: UriBase; command: 'scan' | 'check'; rules: object[]; results: object[]; invocations?: object[] }): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'qianyi', version: VERSION, semanticVersion: VERSION, informationUri: DOCS_URL, rules } },
      automationDetails: { id: `qianyi/${command}/` },
      originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(base.dir).href.replace(/\/?$/, '/')}` } },
      results,
      ...(invocations ? { invocations } : {}),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function sarifRule(rule: { id: string; name: string; level: string; anchor: string; text: string }, full: string, properties?: object) {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.text },
    fullDescription: { text: full },
    helpUri: docsLink(rule.anchor),
    help: { text: `${full} See ${docsLink(rule.anchor)}`, markdown: `${full} [Read more](${docsLink(rule.anchor)}).` },
    defaultConfiguration: { level: rule.level },
    ...(properties ? { properties } : {}),
  };
}

export function sarifLocation(uri: string, line: number, column?: number) {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(uri), uriBaseId: 'SRCROOT' }, region: { startLine: line, ...(column ? { startColumn: column } : {}) } } };
}

