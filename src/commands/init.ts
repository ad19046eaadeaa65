import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { allTemplates, checkRegion, parseModelOverrides } from '../options.js';
import { resolveProviderId } from '../templates/builtins.js';
import { toPosix } from '../util/path.js';
import { uriBase } from '../util/repo-root.js';
import { VERSION } from '../version.js';

export interface InitCommandOptions {
  provider?: string;
  region?: string;
  model?: string[];
  template?: string[];
  /** What the workflow installs with `npm install -g`: a tarball in the repository, a git URL, a package name. */
  package?: string;
  force?: boolean;
}

export const WORKFLOW_FILE = '.github/workflows/qianyi.yml';

/** Where the README tells teams to commit the tarball `npm pack` makes, until qianyi is published. */
export const DEFAULT_PACKAGE = `./.github/qianyi/qianyi-${VERSION}.tgz`;

/**
 * `qianyi init [path]`: writes qianyi.config.json (provider, region, models) in `path` and the GitHub Actions
 * workflow at the repository's top level. Nothing is written when either exists, unless --force.
 */
export async function initCommand(target: string, options: InitCommandOptions): Promise<number> {
  const dir = path.resolve(target);
  if (!existsSync(dir)) throw new UsageError(`no such folder: ${target}`);
  if (!options.provider) throw new UsageError('init needs a provider: pass --provider <id>', 'qianyi providers lists them');
  const templates = await allTemplates(options.template ?? [], { config: {}, file: null });
  const template = resolveProviderId(options.provider, templates);
  const region = checkRegion(template, options.region);
  const models = parseModelOverrides(options.model, {});
  const spec = options.package ?? DEFAULT_PACKAGE;
  if (/[\r\n\0]/.test(spec)) throw new UsageError('--package must be one line');

  const base = uriBase(dir);
  const configFile = path.join(dir, 'qianyi.config.json');
  const workflowFile = path.join(base.dir, WORKFLOW_FILE);
  const existing = [configFile, workflowFile].filter((f) => existsSync(f));
  if (existing.length > 0 && !options.force) {
    throw new UsageError(`${existing.map((f) => path.relative(process.cwd(), f) || f).join(' and ')} already exist${existing.length === 1 ? 's' : ''}: nothing was written`, 'pass --force to overwrite');
  }
  const config = { provider: template.id, region, ...(Object.keys(models).length > 0 ? { models } : {}) };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  mkdirSync(path.dirname(workflowFile), { recursive: true });
  writeFileSync(workflowFile, workflowYaml({ path: base.prefix.replace(/\/$/, '') || '.', package: spec }));
  process.stdout.write(
    `Wrote ${toPosix(path.relative(process.cwd(), configFile) || configFile)} (${template.name.en}, ${region}) and ${toPosix(path.relative(process.cwd(), workflowFile) || workflowFile)}.\n` +
      (spec === DEFAULT_PACKAGE ? `Next: in your qianyi clone run npm pack, and commit qianyi-${VERSION}.tgz as ${spec.slice(2)} (README "Running from a clone").\n` : ''),
  );
  return 0;
}

/** The workflow README "GitHub Actions" shows: install, check (fails the job when work is pending), upload SARIF always. */
export function workflowYaml(options: { path: string; package: string }): string {
  const shell = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const run = (line: string) => (/^[\w@%+=:,./ -]+$/.test(line) && !line.includes(': ') ? line : JSON.stringify(line));
  return `name: qianyi
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write
jobs:
  qianyi:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install qianyi
        run: ${run(`npm install -g ${shell(options.package)}`)}
      - name: qianyi check
        run: ${run(`qianyi check ${shell(options.path)} -o qianyi.sarif`)}
      - name: Upload SARIF
        if: always() && hashFiles('qianyi.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: qianyi.sarif
          category: qianyi/check
`;
}
