import { Chalk, type ChalkInstance } from 'chalk';
import { apiNeeds } from '../sources/openai/capabilities.js';
import { costText } from './cost.js';
import { describeSite, groupByFile, type ScanReport } from './report.js';

export interface PrettyOptions {
  color: boolean;
}

/** The terminal report: sites grouped by file, then totals by kind, API and feature. */
export function pretty(report: ScanReport, options: PrettyOptions): string {
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const { summary } = report;

  for (const [file, sites] of groupByFile(report.sites)) {
    out.push(c.bold.underline(file));
    const locations = sites.map((s) => `${s.line}:${s.column}`);
    const width = Math.max(...locations.map((l) => l.length));
    sites.forEach((site, i) => {
      const parts = [c.dim(locations[i]!.padEnd(width)), kindLabel(c, site.kind), describeSite(site)];
      if (site.kind === 'call') {
        // "model ?" only where the method sends a model that could not be read statically.
        if (site.model) parts.push(c.cyan(site.model));
        else if (site.api && apiNeeds(site.api)?.modelKind) parts.push(c.dim('model ?'));
        if (site.features.length > 0) parts.push(c.dim(`[${site.features.join(', ')}]`));
      }
      if (site.sdk !== 'openai') parts.push(c.magenta(site.sdk));
      if (site.confidence === 'likely') parts.push(c.yellow('(likely)'));
      out.push(`  ${parts.join('  ')}`);
      // With one provider, say what it makes of each site that is not plainly fine.
      const only = report.providers.length === 1 ? site.verdicts[report.providers[0]!.id] : undefined;
      if (only && only.status !== 'ok') {
        const label = only.status === 'blocked' ? c.red('blocked') : c.yellow('caveat');
        out.push(`  ${' '.repeat(width)}  ${label}  ${only.reason}`);
      }
    });
    out.push('');
  }

  if (report.skipped.length > 0) {
    out.push(c.yellow.bold(`Skipped ${report.skipped.length} file${plural(report.skipped.length)}:`));
    for (const skip of report.skipped) out.push(`  ${skip.file}  ${c.dim(skip.reason)}`);
    out.push('');
  }

  if (summary.sites === 0) {
    out.push(`No OpenAI usage found in ${summary.filesScanned} file${plural(summary.filesScanned)}.`);
    return `${out.join('\n')}\n`;
  }
  const kinds = Object.entries(summary.byKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}${plural(n)}`)
    .join(', ');
  out.push(c.bold('Summary'));
  out.push(`  ${summary.sites} site${plural(summary.sites)} in ${summary.filesWithSites} of ${summary.filesScanned} files: ${kinds}`);
  if (summary.likely > 0) {
    out.push(`  ${c.yellow(`${summary.likely} likely`)}: matched by shape; the client could not be traced to the openai package`);
  }
  out.push(...totals(c, 'By API', summary.byApi));
  out.push(...totals(c, 'By feature', summary.byFeature));
  out.push(...ranking(c, report));
  return `${out.join('\n')}\n`;
}

function totals(c: ChalkInstance, title: string, counts: Record<string, number>): string[] {
  const entries = Object.entries(counts);
  if (entries.length === 0) return [];
  const width = Math.max(...entries.map(([name]) => name.length));
  return [c.bold(title), ...entries.map(([name, n]) => `  ${name.padEnd(width)}  ${n}`)];
}

function kindLabel(c: ChalkInstance, kind: string): string {
  const label = kind.padEnd(6);
  switch (kind) {
    case 'call':
      return c.green(label);
    case 'client':
      return c.blue(label);
    case 'env':
      return c.yellow(label);
    default:
      return c.dim(label);
  }
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** Which providers can take this code: sites ok / caveat / blocked, best first. */
function ranking(c: ChalkInstance, report: ScanReport): string[] {
  if (report.providers.length === 0) return [];
  const title = report.providers.length === 1 ? 'Provider' : 'Providers for this code (best first)';
  const width = Math.max(...report.providers.map((p) => p.id.length));
  const lines = report.providers.map((p, i) => {
    const rank = report.providers.length === 1 ? '' : `${String(i + 1).padStart(2)}. `;
    const blocked = p.blocked > 0 ? c.red(`${p.blocked} blocked`) : `${p.blocked} blocked`;
    const unconfirmed = p.unconfirmed > 0 ? c.dim(` (${p.unconfirmed} unconfirmed)`) : '';
    const cost = costText(p.cost);
    const line = `  ${rank}${p.id.padEnd(width)}  ${p.ok} ok, ${p.caveat} caveat${unconfirmed}, ${blocked}  ${c.dim(p.name)}`;
    return cost ? `${line}\n  ${' '.repeat(rank.length + width)}  ${c.dim(cost)}` : line;
  });
  const hint = report.providers.length === 1 ? [] : [c.dim('  Details for one provider: qianyi scan --provider <id>')];
  return [c.bold(title), ...lines, ...hint];
}
