import type { ts } from '../../../analysis/typescript/parse.js';
import type { Site } from '../../../scan/sites.js';
import type { Evaluator } from '../../../analysis/typescript/evaluator.js';

/** What a detector reports; the runner adds the file, position and id. */
export type SiteDraft = Omit<Site, 'id' | 'file' | 'line' | 'column' | 'start' | 'end'>;

/** The nodes of one file that detectors look at, gathered in a single walk of the tree. */
export interface FileNodes {
  imports: Array<ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration>;
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  /** `x.y` and `x["y"]` whose object is `process.env` or `import.meta.env`. */
  envReads: Array<ts.PropertyAccessExpression | ts.ElementAccessExpression>;
  /** `const { A, B } = process.env`. */
  envDestructures: ts.VariableDeclaration[];
  strings: ts.StringLiteralLike[];
  /** Template literals with substitutions (`\`https://api.openai.com/v1/${path}\``). */
  templates: ts.TemplateExpression[];
}

export interface DetectContext {
  sf: ts.SourceFile;
  nodes: FileNodes;
  evaluator: Evaluator;
  /** True when the file imports or requires the `openai` package. */
  importsSdk: boolean;
  /** String literals written directly as a call site's `model:`: the call reports them, the model detector skips them. */
  callModelLiterals: Set<ts.Node>;
  report(node: ts.Node, site: SiteDraft): void;
  /** The id a node of any parsed file has as a site of `kind` (`src/models.ts:3:14:model`), to link sites. */
  siteId(node: ts.Node, kind: Site['kind']): string;
}

export interface Detector {
  id: string;
  description: string;
  detect(ctx: DetectContext): void;
}
