import type { UriBase } from '../util/repo-root.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { pretty } from './pretty.js';
import type { ScanReport } from './report.js';
import { sarif } from './sarif.js';

export interface RenderOptions {
  color: boolean;
  /** Where SARIF paths are anchored (the git top level or --root). */
  base?: UriBase;
}

/** Output formats by name: the values `--format` accepts. */
export const reporters = {
  pretty: (report, options) => pretty(report, options),
  json: (report) => json(report),
  sarif: (report, options) => sarif(report, options),
  markdown: (report) => markdown(report),
} satisfies Record<string, (report: ScanReport, options: RenderOptions) => string>;

export type Format = keyof typeof reporters;
export const FORMATS = Object.keys(reporters) as Format[];
