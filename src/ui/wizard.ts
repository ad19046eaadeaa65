import { confirm, input, select } from '@inquirer/prompts';
import { Chalk } from 'chalk';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrateCommandOptions } from '../commands/migrate.js';
import { loadConfig } from '../options.js';
import { writeOut } from '../redact/output.js';
import { lockAndCheck, warn } from '../commands/migrate.js';
import { apply } from '../migrate/apply.js';
import { firstDirtyPath } from '../migrate/git.js';
import type { Journal } from '../migrate/journal.js';
import { plan, resultOf, withoutFiles } from '../migrate/migrate.js';
import { analyze } from '../scan/scan.js';
import { colorDiff, migrationPretty } from '../reporters/migration.js';
import { apiNeeds } from '../sources/openai/capabilities.js';
import { mapModel, openaiModelKind } from '../sources/openai/models.js';
import type { Template } from '../templates/schema.js';
import { rankProviders, verdictsForSites } from '../policy/verdict.js';
import { ROUTABLE_CAPABILITIES, routeForApi, serves, type Route } from '../policy/route.js';
import { CAPABILITY_LABELS } from '../sources/openai/capabilities.js';
import { costText, providerCost } from '../reporters/cost.js';
import { useColor } from './color.js';
import { startProgress } from './progress.js';

/**
 * `qianyi migrate` in a terminal without --provider: scan, choose a provider (ranked for this code) and a
 * region, confirm the model mapping, review each file's diff, confirm, write, then offer to save the
 * choices and print the command line that repeats the run without prompts. Every answer maps to a flag.
 * The tree is scanned and planned once: the review shows that plan, the files the user skips are taken out
 * of it, and exactly the rest is written. Ctrl-C at any prompt ends the run before anything is written
 * (cli.ts reports it).
 */
export async function runWizard(paths: string[], options: MigrateCommandOptions, templates: Template[]): Promise<number> {
  // The writer's lock is held from the scan to the write, so what is reviewed is what is on disk.
  const journal = options.dryRun ? undefined : lockAndCheck(paths, true);
  try {
    return await wizard(paths, options, templates, journal);
  } finally {
    journal?.release();
  }
}

async function wizard(paths: string[], options: MigrateCommandOptions, templates: Template[], journal: Journal | undefined): Promise<number> {
  const c = new Chalk({ level: useColor(process.stdout) ? 1 : 0 });
  const say = (text = '') => writeOut(`${text}\n`);
  const cwd = process.cwd();
  const target = path.resolve(paths[0] ?? '.');
  const root = existsSync(target) && path.extname(target) ? path.dirname(target) : target;

  const spinner = await startProgress('Scanning for OpenAI usage…', { enabled: options.progress });
  let analysis;
  try {
    analysis = await analyze({ paths, cwd, include: options.include, exclude: options.exclude, types: options.types !== false });
  } finally {
    spinner.stop();
  }
  const calls = analysis.sites.filter((s) => s.kind === 'call');
  say(c.bold('OpenAI usage'));
  say(`  ${analysis.sites.length} sites in ${new Set(analysis.sites.map((s) => s.file)).size} of ${analysis.filesScanned} files: ${calls.length} API calls`);
  const byApi = countBy(calls.map((s) => s.api ?? '?'));
  if (byApi.length > 0) say(`  APIs: ${byApi.map(([api, n]) => `${api} ×${n}`).join(', ')}`);
  const byFeature = countBy(calls.flatMap((s) => s.features));
  if (byFeature.length > 0) say(`  features: ${byFeature.map(([f, n]) => `${f} ×${n}`).join(', ')}`);
  if (analysis.skipped.length > 0) say(c.yellow(`  ${analysis.skipped.length} file(s) skipped: ${analysis.skipped.map((s) => `${s.file} (${s.reason})`).join('; ')}`));
  say();
  if (analysis.sites.length === 0) {
    say('Nothing to migrate: this code does not use the OpenAI SDK.');
    return 0;
  }

  // Provider, best fit for this code first.
  const ranks = rankProviders(verdictsForSites(analysis.sites, templates));
  const byId = new Map(templates.map((t) => [t.id, t]));
  const width = Math.max(...ranks.map((r) => byId.get(r.provider)!.name.en.length));
  const providerId = await select({
    message: 'Which provider should this code move to?',
    pageSize: Math.min(ranks.length, 15),
    choices: ranks.map((r) => ({
      value: r.provider,
      name: `${byId.get(r.provider)!.name.en.padEnd(width)}  ${r.ok} ok · ${r.caveat} caveat · ${r.blocked} blocked`,
      // What the models this code would use cost there (per million tokens), and any free tier.
      description: [`${r.provider}: sites that work as they are / work with a change the migration makes / need another service`, costText(providerCost(analysis.sites, byId.get(r.provider)!))].filter(Boolean).join('\n'),
    })),
  });
  const template = byId.get(providerId)!;

  const regionIds = Object.keys(template.regions);
  const region = regionIds.length > 1
    ? await select({
        message: `Which ${template.name.en} region?`,
        default: template.defaultRegion,
        choices: regionIds.map((id) => ({ value: id, name: `${template.regions[id]!.label}  ${c.dim(template.regions[id]!.baseURL)}` })),
      })
    : template.defaultRegion;

  // A capability the provider does not offer at all, used by some calls: offer a second provider for it (--route).
  const routes: Route[] = [];
  for (const capability of ROUTABLE_CAPABILITIES) {
    if (template.capabilities[capability].support !== 'no') continue;
    const using = calls.filter((s) => s.api && apiNeeds(s.api)?.capability === capability);
    if (using.length === 0) continue;
    // Full support first, then the ranking for this code.
    const able = ranks.map((r) => byId.get(r.provider)!).filter((t) => t.id !== template.id && serves(t, capability))
      .sort((a, b) => Number(b.capabilities[capability].support === 'yes') - Number(a.capabilities[capability].support === 'yes'));
    if (able.length === 0) continue;
    const label = CAPABILITY_LABELS[capability];
    const chosen = await select({
      message: `${template.name.en} does not offer ${label} (${using.length} call${using.length === 1 ? '' : 's'}). Send those calls to a second provider?`,
      choices: [
        { value: '', name: 'no: leave them as manual work (marked TODO(qianyi))' },
        ...able.map((t) => ({
          value: t.id,
          name: `${t.name.en}${t.capabilities[capability].support === 'partial' ? '  (partly)' : ''}`,
          description: `--route ${capability}=${t.id}: a client of its own, key in ${t.apiKey.env}${t.capabilities[capability].note ? `; ${t.capabilities[capability].note}` : ''}`,
        })),
      ],
    });
    if (chosen) routes.push({ capability, template: byId.get(chosen)!, region: byId.get(chosen)!.defaultRegion });
  }

  // One question per OpenAI model in the code, the template's suggestion as the default; a model only routed
  // calls use takes the second provider's map (the questions are for the first provider's models).
  const models: Record<string, string> = {};
  const routedOnly = (id: string) => {
    const users = calls.filter((s) => s.model === id);
    return users.length > 0 && users.every((s) => routeForApi(s.api, routes));
  };
  const found = [...new Set(analysis.sites.flatMap((s) => (s.model && openaiModelKind(s.model) && !routedOnly(s.model) ? [s.model] : [])))].sort();
  if (found.length > 0) say(c.bold('Model mapping') + c.dim('  (Enter keeps the suggestion; type another id to override)'));
  for (const id of found) {
    const mapping = mapModel(template, id);
    const suggestion = 'model' in mapping ? mapping.model : '';
    const hint = mapping.how === 'none' ? ` ${c.dim(`(${template.name.en} has no ${mapping.kind} model: leave empty to mark it for manual work)`)}` : '';
    const answer = (await input({ message: `${id} →${hint}`, default: suggestion })).trim();
    if (answer && answer !== suggestion) models[id] = answer;
  }
  const dynamic = calls.filter((s) => s.model === null && s.api && apiNeeds(s.api)?.modelKind);
  if (dynamic.length > 0) {
    say(c.dim(`  Chosen at run time (left for you, marked TODO(qianyi)): ${dynamic.map((s) => `${s.file}:${s.line}`).join(', ')}`));
  }
  say();

  // A dirty tree is never written to without --force: offer a dry run instead.
  let dryRun = options.dryRun === true;
  const dirty = firstDirtyPath(paths, cwd);
  if (!dryRun && dirty && !options.force) {
    const where = paths.length > 1 ? ` of ${dirty.path}` : '';
    say(c.yellow(`The git working tree${where} has uncommitted changes (${dirty.files.length} file(s), e.g. ${dirty.files[0]}).`));
    say('qianyi writes only to a clean tree, so that you can review the migration with git diff and undo it with git checkout.');
    if (!(await confirm({ message: 'Continue in dry-run mode (nothing will be written)?', default: true }))) {
      say('Nothing was written. Commit or stash your changes, then run qianyi migrate again.');
      return 0;
    }
    dryRun = true;
  }

  const planned = plan(analysis, { template, region, models, routes });
  const changed = [...planned.files, ...planned.envFiles].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const skippedFiles: string[] = [];
  if (changed.length === 0) {
    say('Nothing to change for this provider.');
  } else {
    say(c.bold(`Review: ${changed.length} file(s) would change`));
    let acceptAll = false;
    for (const file of changed) {
      say();
      say(colorDiff(c, file.diff).trimEnd());
      if (acceptAll) continue;
      const choice = await select({
        message: `${file.rel}: apply this change?`,
        choices: [
          { value: 'accept', name: 'accept' },
          { value: 'skip', name: 'skip this file' },
          { value: 'all', name: 'accept this and all remaining files' },
          { value: 'quit', name: 'quit without writing anything' },
        ],
      });
      if (choice === 'quit') {
        say('Quit: nothing was written.');
        return 0;
      }
      if (choice === 'skip') skippedFiles.push(file.rel);
      if (choice === 'all') acceptAll = true;
    }
  }

  const accepted = changed.length - skippedFiles.length;
  let code = 0;
  if (dryRun || accepted === 0) {
    say();
    say(dryRun ? 'Dry run: nothing was written.' : 'No file accepted: nothing was written.');
  } else if (!(await confirm({ message: `Write the changes to ${accepted} file(s)?`, default: false }))) {
    say('Nothing was written.');
    return 0;
  } else {
    const chosen = withoutFiles(planned, skippedFiles);
    const result = resultOf(chosen, apply(chosen, { journal, onRecovered: warn }));
    say();
    say(migrationPretty({ result, template, dryRun: false, command: 'migrate', paths, models }, useColor(process.stdout)).trimEnd());
    code = result.summary.errors > 0 ? 2 : 0;
  }

  say();
  const configTarget = configFileFor(root);
  if (await confirm({ message: `Save provider, region and model choices to ${path.relative(cwd, configTarget) || configTarget} for qianyi check and later runs?`, default: true })) {
    saveConfig(configTarget, { provider: template.id, region, models, routes });
    say(`Saved to ${configTarget}.`);
  }
  say();
  say(c.bold('Repeat this run without prompts:'));
  // A skipped file becomes an --exclude of exactly that path (glob characters escaped), for the repeated run only.
  const exclude = [...(options.exclude ?? []), ...skippedFiles.map(literalGlob)];
  say(`  ${commandLine(paths, { provider: template.id, region: region === template.defaultRegion ? undefined : region, models, routes: routes.map((r) => `${r.capability}=${r.template.id}`), include: options.include, exclude, dryRun, force: options.force })}`);
  return code;
}

/** A glob that matches only this path: `src/app/[id]/page.ts` must not also match `src/app/i/page.ts`. */
export function literalGlob(rel: string): string {
  return rel.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

function countBy(values: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}


/** The existing config file (walking up), or a new qianyi.config.json at the root. */
function configFileFor(root: string): string {
  const loaded = loadConfig(root);
  return loaded.file ?? path.join(root, 'qianyi.config.json');
}

function saveConfig(file: string, choices: { provider: string; region: string; models: Record<string, string>; routes: Route[] }): void {
  const entry = {
    provider: choices.provider, region: choices.region, ...(Object.keys(choices.models).length > 0 ? { models: choices.models } : {}),
    ...(choices.routes.length > 0 ? { routes: Object.fromEntries(choices.routes.map((r) => [r.capability, r.template.id])) } : {}),
  };
  if (path.basename(file) === 'package.json') {
    const text = readFileSync(file, 'utf8');
    const pkg = JSON.parse(text) as Record<string, unknown>;
    const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
    pkg.qianyi = { ...(pkg.qianyi as object | undefined), ...entry };
    writeFileSync(file, `${JSON.stringify(pkg, null, indent)}\n`);
    return;
  }
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...current, ...entry }, null, 2)}\n`);
}

interface Flags {
  provider: string;
  region?: string;
  models: Record<string, string>;
  /** `capability=provider` for each --route. */
  routes?: string[];
  include?: string[];
  exclude: string[];
  dryRun: boolean;
  force?: boolean;
}

/** The non-interactive command that performs the same run. */
export function commandLine(paths: string[], flags: Flags): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ['qianyi', 'migrate', ...paths.map(q), '--provider', flags.provider];
  if (flags.region) parts.push('--region', q(flags.region));
  for (const [from, to] of Object.entries(flags.models)) parts.push('--model', q(`${from}=${to}`));
  for (const route of flags.routes ?? []) parts.push('--route', q(route));
  for (const glob of flags.include ?? []) parts.push('--include', q(glob));
  for (const glob of flags.exclude) parts.push('--exclude', q(glob));
  if (flags.force) parts.push('--force');
  parts.push(flags.dryRun ? '--dry-run' : '--yes');
  return parts.join(' ');
}
