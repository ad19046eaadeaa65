/**
 * A source is one thing qianyi migrates from: the openai SDK, the Vercel AI SDK, LangChain, raw HTTP ...
 * Each lives in its own folder under src/sources/ and implements this interface; the evaluator and the
 * detector runner are generic and ask the registered sources (src/sources/index.ts).
 */
import type { ts } from '../analysis/typescript/parse.js';
import type { Evaluator, SourceValue, Value } from '../analysis/typescript/evaluator.js';
import type { Sdk, Site } from '../scan/sites.js';
import type { ApiNeeds } from './openai/capabilities.js';
import type { SourcePrefilter } from './prefilter-terms.js';

/** What a detector reports; the runner adds the file, position and id. */
export type SiteDraft = Omit<Site, 'id' | 'file' | 'line' | 'column' | 'start' | 'end'>;

/** The nodes of one file that detectors look at, gathered in a single walk of the tree. */
export interface FileNodes {
  imports: Array<ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration>;
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  /** `x.y`, `x["y"]` and `x[NAME]` whose object is `process.env` or `import.meta.env`. */
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
  /** String literals written directly as a site's model: that site reports them, the model detector skips them. */
  callModelLiterals: Set<ts.Node>;
  /**
   * Model literals (of any file) that a site of a source other than the openai SDK reads through a constant:
   * the model detector reports them under that source, so they move only with that source's client.
   */
  modelOwners: Map<ts.Node, ModelOwner>;
  report(node: ts.Node, site: SiteDraft): void;
  /** The id a node of any parsed file has as a site of `kind` (`src/models.ts:3:14:model`), to link sites. */
  siteId(node: ts.Node, kind: Site['kind']): string;
}

export interface ModelOwner {
  sdk: Sdk;
  /** The file (absolute) of the site that reads the literal: the literal's file depends on it. */
  by: string;
}

export interface Detector {
  id: string;
  description: string;
  /** Runs after every other detector of every file (it reads what they claimed). */
  last?: boolean;
  detect(ctx: DetectContext): void;
}

/** How the values of one source behave, for the evaluator. Each hook returns undefined when it has no answer. */
export interface SourceModel {
  /** An export of one of the source's modules: `name` is an export name, `default`, `*` (namespace) or `=` (CJS). */
  exportOf(specifier: string, name: string): Value | undefined;
  /** Reading a property of one of the source's values. */
  member?(value: SourceValue, name: string, ev: Evaluator): Value | undefined;
  /** Calling one of the source's values. */
  call?(callee: SourceValue, call: ts.CallExpression, ev: Evaluator): Value | undefined;
  /** `new X(...)` of one of the source's classes; `node` is absent for a declared type (`llm: ChatOpenAI`). */
  construct?(cls: SourceValue, node: ts.NewExpression | undefined, ev: Evaluator): Value | undefined;
  /** A global name with no declaration in scope (`fetch`). */
  global?(name: string): Value | undefined;
}

export interface Source {
  /** `Site.sdk` of the sites it reports. */
  id: Sdk;
  /** Its module specifiers and the few distinctive strings that make a file a candidate (see collect/prefilter). */
  prefilter: SourcePrefilter;
  /** True for a module specifier whose values `model.exportOf` describes. */
  modules(specifier: string): boolean;
  model: SourceModel;
  detectors: readonly Detector[];
  /** The capability a site needs from a provider (shared operation ids: `chat.completions.create` ...). */
  needs(site: Site): ApiNeeds | null;
}
