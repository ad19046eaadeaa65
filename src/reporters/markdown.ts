import { ANNOTATIONS_PER_LEVEL, verdictLine, type CheckView } from './migration.js';
import { describeSite, groupByFile, type ScanReport } from './report.js';

/** A report to paste into a pull request comment. */
export function markdown(report: ScanReport): string {
  const { summary } = report;
  const out: string[] = ['## qianyi scan: OpenAI usage', ''];
  if (summary.sites === 0) {
    out.push(`No OpenAI usage found in ${summary.filesScanned} files.`, '');
  } else {
    out.push(
      `**${summary.sites} sites** in ${summary.filesWithSites} of ${summary.filesScanned} files` +
        (summary.likely > 0 ? ` (${summary.likely} likely: matched by shape only)` : '') + '.',
      '',
      '| kind | count |',
      '| --- | ---: |',
      ...Object.entries(summary.byKind).filter(([, n]) => n > 0).map(([k, n]) => `| ${k} | ${n} |`),
      '',
    );
    if (Object.keys(summary.byApi).length > 0) {
      out.push('| API | calls |', '| --- | ---: |', ...Object.entries(summary.byApi).map(([a, n]) => `| \`${a}\` | ${n} |`), '');
    }
    if (Object.keys(summary.byFeature).length > 0) {
      out.push(`**Features:** ${Object.entries(summary.byFeature).map(([f, n]) => `\`${f}\` ×${n}`).join(', ')}`, '');
    }
    if (report.providers.length > 0) {
      out.push('| provider | ok | caveat | blocked |', '| --- | ---: | ---: | ---: |',
        ...report.providers.map((p) => `| ${p.name} (\`${p.id}\`) | ${p.ok} | ${p.caveat} | ${p.blocked} |`), '');
    }
    const only = report.providers.length === 1 ? report.providers[0]!.id : undefined;
    const blocked = only ? report.sites.filter((s) => s.verdicts[only]?.status === 'blocked') : [];
    if (only && blocked.length > 0) {
      out.push(`**Blocked on ${report.providers[0]!.name}:**`, '', ...blocked.map((s) => `- \`${escapeMd(s.file)}:${s.line}\` ${escapeMd(s.verdicts[only]!.reason)}`), '');
    }
    out.push('<details><summary>Sites by file</summary>', '');
    for (const [file, sites] of groupByFile(report.sites)) {
      out.push(`### \`${escapeMd(file)}\``, '', '| line | kind | what | model | features | confidence |', '| ---: | --- | --- | --- | --- | --- |');
      for (const site of sites) {
        out.push(
          `| ${site.line}:${site.column} | ${site.kind} | ${escapeMd(describeSite(site))} | ${site.model ? `\`${site.model}\`` : ''} | ${site.features.join(', ')} | ${site.confidence} |`,
        );
      }
      out.push('');
    }
    out.push('</details>', '');
  }
  if (report.skipped.length > 0) {
    out.push(`**Skipped ${report.skipped.length} files:**`, '', ...report.skipped.map((s) => `- \`${escapeMd(s.file)}\`: ${escapeMd(s.reason)}`), '');
  }
  return `${out.join('\n')}\n`;
}

function escapeMd(text: string): string {
  return text.replace(/[|<>]/g, (ch) => `\\${ch}`);
}

/** `check --format markdown` and the job summary: the verdict, then the pending and acknowledged sites as tables. */
export function checkMarkdown(view: CheckView, hidden?: { error: number; warning: number }): string {
  const { outcome, template, base } = view;
  const cell = (text: string) => escapeMd(text).replace(/\r?\n/g, ' ');
  const where = (p: { file: string; line: number }) => `\`${cell(`${base.prefix}${p.file}:${p.line}`)}\``;
  const out: string[] = [`## ${verdictLine(view)}`, '', `Migrating to ${template.name.en} (\`${template.id}\`, ${view.result.region}).`, ''];
  if (outcome.pending.length > 0) {
    out.push(`### Pending (${outcome.pending.length})`, '', '| where | what | why |', '| --- | --- | --- |');
    for (const p of outcome.pending) out.push(`| ${where(p)} | ${p.level === 'error' ? '**' : ''}${cell(p.what)}${p.level === 'error' ? '**' : ''} | ${cell(p.why)} |`);
    out.push('');
  }
  if (outcome.acknowledged.length > 0) {
    out.push(`### Acknowledged (${outcome.acknowledged.length})`, '', '| where | what | reason |', '| --- | --- | --- |');
    for (const a of outcome.acknowledged) out.push(`| ${where(a)} | ${cell(a.what)} | ${cell(a.reason)} |`);
    out.push('');
  }
  if (outcome.baselined.length > 0) out.push(`${outcome.baselined.length} more pending site${outcome.baselined.length === 1 ? ' is' : 's are'} in the baseline and not counted.`, '');
  if (hidden && hidden.error + hidden.warning > 0) {
    out.push(`GitHub shows ${ANNOTATIONS_PER_LEVEL} error and ${ANNOTATIONS_PER_LEVEL} warning annotations per step: ${hidden.error} error${hidden.error === 1 ? '' : 's'} and ${hidden.warning} warning${hidden.warning === 1 ? '' : 's'} are listed here only.`, '');
  }
  return `${out.join('\n')}\n`;
}
