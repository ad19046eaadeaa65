/**
 * Remakes the AI SDK's OpenAI models for the provider, as the policy decided (policy/decide.ts): a model of the
 * default `openai` instance is made by a `createOpenAICompatible` provider declared once in the file (its
 * chat or embedding model, never the Responses API most providers lack); a `createOpenAI({...})` provider
 * becomes `createOpenAICompatible({ name, baseURL, apiKey })` and its models' factories are renamed to that
 * provider's. The package is added to package.json by the plan (see compatibleVersion).
 */
import { ts } from '../../analysis/typescript/parse.js';
import { lookup } from '../../analysis/typescript/scope.js';
import { stringLiteral } from '../../migrate/literals.js';
import type { SitePlanner } from '../../migrate/plan.js';
import { baseUrlEnv, regionBaseUrl, type Decision, type Step } from '../../policy/decide.js';
import type { Site } from '../../scan/sites.js';
import { judgedApi } from '../frameworks.js';
import { dependencyMajor } from '../manifest.js';
import { objectOf, propertyOf } from '../shared.js';
import { PROVIDER_MODULE } from './model.js';

export const COMPATIBLE_MODULE = '@ai-sdk/openai-compatible';
const CREATE = 'createOpenAICompatible';
/** Factories both providers have under the same name: left as they are. */
const SHARED_FACTORIES = new Set(['languageModel', 'chatModel', 'completionModel', 'textEmbeddingModel', 'embeddingModel', 'imageModel']);
/** createOpenAI's options that createOpenAICompatible does not take. */
const OPENAI_ONLY_OPTIONS = ['organization', 'project', 'compatibility'];

export class AiSdkPlanner {
  /** The const the file's default-instance models are remade with, once one is. */
  private providerName: string | undefined;
  private needsCreate = false;
  /** Local names of @ai-sdk/openai imports, and how many of their uses the edits replaced. */
  private readonly replaced = new Map<string, number>();

  constructor(private readonly p: SitePlanner) {}

  site(site: Site, decision: Decision): void {
    if (site.kind === 'client') this.client(site, decision);
    else this.model(site, decision);
  }

  private client(site: Site, decision: Decision): void {
    const { p } = this;
    const node = p.find(site, ts.isCallExpression);
    if (!node) return;
    const set = decision.steps.find((s) => s.action === 'set-client');
    for (const step of decision.steps) if (step !== set && step.action !== 'remove-field') p.report(site, node, step);
    if (!set) return;
    const callee = node.expression;
    if (site.name !== CREATE) {
      if (ts.isIdentifier(callee)) this.count(callee.text);
      p.edits.push({ start: callee.getStart(p.sf), end: callee.end, text: CREATE });
    }
    const sets = this.options();
    const first = node.arguments[0];
    if (!first) p.edits.push({ start: node.arguments.pos, end: node.arguments.end, text: `{ ${sets.map(([k, v]) => `${k}: ${v}`).join(', ')} }` });
    else if (ts.isObjectLiteralExpression(first)) p.rewriteObject(first, sets, OPENAI_ONLY_OPTIONS);
    else return;
    this.needsCreate = true;
    p.claim(node);
    p.report(site, node, set);
  }

  /** A model made from a literal id: at a model site (the factory call), or inline in a call of `ai`. */
  private model(site: Site, decision: Decision): void {
    const { p } = this;
    const node = p.find(site, (n): n is ts.CallExpression | ts.NewExpression => ts.isCallExpression(n) || ts.isNewExpression(n));
    if (!node) return;
    const set = decision.steps.find((s) => s.action === 'set-client');
    const mapped = decision.steps.find((s) => s.subject === 'model' && s.action === 'map-model');
    for (const step of decision.steps) if (step !== set && step !== mapped) p.report(site, node, step);
    if (!set) return;
    const factory = site.kind === 'model' ? node : this.inlineFactory(node);
    if (!factory || !ts.isCallExpression(factory)) return;
    const method = this.factoryFor(site);
    const callee = factory.expression;
    if (site.provider === 'openai') {
      const base = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
      if (ts.isIdentifier(base)) this.count(base.text);
      p.edits.push({ start: callee.getStart(p.sf), end: callee.end, text: `${this.provider()}.${method}` });
    } else if (ts.isPropertyAccessExpression(callee) && !SHARED_FACTORIES.has(callee.name.text)) {
      p.edits.push({ start: callee.name.getStart(p.sf), end: callee.name.end, text: method });
    }
    const literal = factory.arguments[0];
    if (mapped?.to && literal && ts.isStringLiteralLike(literal)) p.replaceLiteral(literal, mapped.to);
    p.claim(factory);
    if (mapped) p.report(site, node, mapped);
    p.report(site, node, set as Step);
  }

  /** `generateText({ model: openai('gpt-4o'), ... })`: the factory call written as the `model` option. */
  private inlineFactory(node: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
    let model = propertyOf(objectOf(node.arguments?.[0], this.p.evaluator), 'model');
    while (model && (ts.isParenthesizedExpression(model) || ts.isAsExpression(model) || ts.isSatisfiesExpression(model))) model = model.expression;
    return model?.getSourceFile() === this.p.sf ? model : undefined;
  }

  /** The createOpenAICompatible factory for the model's operation (chat completions for every language model). */
  private factoryFor(site: Site): string {
    const api = judgedApi(site);
    if (api === 'embeddings.create') {
      // textEmbeddingModel is deprecated from the AI SDK 6 packages on, embeddingModel did not exist before.
      const major = aiMajor(this.p);
      return major !== null && major >= 6 ? 'embeddingModel' : 'textEmbeddingModel';
    }
    if (api === 'images.generate') return 'imageModel';
    if (api === 'completions.create') return 'completionModel';
    return 'chatModel';
  }

  private options(): Array<[string, string]> {
    const { p } = this;
    const q = p.quote;
    return [
      ['name', stringLiteral(p.t.id, q)],
      ['baseURL', `process.env.${baseUrlEnv(p.t)} ?? ${stringLiteral(regionBaseUrl(p.t, p.region), q)}`],
      ['apiKey', `process.env.${p.t.apiKey.env}`],
    ];
  }

  /** The name of the file's createOpenAICompatible provider (declared by `finish`). */
  private provider(): string {
    if (this.providerName) return this.providerName;
    const taken = identifiers(this.p.sf);
    const base = this.p.t.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    let name = taken.has(base) ? `${base}Provider` : base;
    for (let i = 2; taken.has(name); i++) name = `${base}Provider${i}`;
    this.needsCreate = true;
    return (this.providerName = name);
  }

  private count(name: string): void {
    this.replaced.set(name, (this.replaced.get(name) ?? 0) + 1);
  }

  /** Declares what the edits use (the import, the provider) and drops @ai-sdk/openai imports left unused. Returns the packages added. */
  finish(): string[] {
    if (!this.needsCreate) return [];
    const { p } = this;
    const q = p.quote;
    const eol = p.eol;
    const imports = p.sf.statements.filter(ts.isImportDeclaration);
    // Imports removed whole first: the new import goes after the last one that stays (never inside a removal).
    const removed = new Set(imports.filter((decl) => this.dropUnused(decl)));
    const kept = imports.filter((decl) => !removed.has(decl));
    const last = kept[kept.length - 1];
    const at = last ? last.end : 0;
    let text = '';
    // A file without imports is CommonJS (or imports nothing yet): it gets a require, which both kinds run.
    const declare = imports.length > 0 ? `import { ${CREATE} } from ${stringLiteral(COMPATIBLE_MODULE, q)};` : `const { ${CREATE} } = require(${stringLiteral(COMPATIBLE_MODULE, q)});`;
    if (!importsCreate(p.sf)) text += `${last ? eol : ''}${declare}${last ? '' : eol}`;
    if (this.providerName) {
      const options = this.options().map(([k, v]) => `${k}: ${v}`).join(', ');
      // Right below the imports, no blank line added: the diff stays unambiguous (the file's own blank line follows).
      text += `${last ? eol : ''}const ${this.providerName} = ${CREATE}({ ${options} });${last ? '' : eol}`;
    }
    if (text) p.edits.push({ start: at, end: at, text });
    return [COMPATIBLE_MODULE];
  }

  /** Removes the import specifiers of @ai-sdk/openai whose every use the edits replaced (the whole import if none is left). */
  private dropUnused(decl: ts.ImportDeclaration): boolean {
    const { p } = this;
    if (!ts.isStringLiteral(decl.moduleSpecifier) || decl.moduleSpecifier.text !== PROVIDER_MODULE) return false;
    const bindings = decl.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || decl.importClause?.name) return false;
    const unused = bindings.elements.filter((el) => {
      const replaced = this.replaced.get(el.name.text) ?? 0;
      return replaced > 0 && usesOf(p.sf, el) === replaced;
    });
    if (unused.length === 0) return false;
    if (unused.length === bindings.elements.length) {
      const start = decl.getStart(p.sf);
      const lineStart = p.text.lastIndexOf('\n', start - 1) + 1;
      let end = decl.end;
      if (p.text.startsWith('\r\n', end)) end += 2;
      else if (p.text[end] === '\n') end += 1;
      p.edits.push({ start: lineStart === start ? lineStart : start, end, text: '' });
      return true;
    }
    for (const el of unused) {
      const i = bindings.elements.indexOf(el);
      const next = bindings.elements[i + 1];
      const prev = bindings.elements[i - 1];
      if (next && !unused.includes(next)) p.edits.push({ start: el.getStart(p.sf), end: next.getStart(p.sf), text: '' });
      else if (prev) p.edits.push({ start: prev.end, end: el.end, text: '' });
    }
    return false;
  }
}

/** The `ai` major the file's package.json asks for (the @ai-sdk/openai major tells it when `ai` is not named). */
export function aiMajor(p: SitePlanner): number | null {
  const ai = dependencyMajor(p.sf.fileName, 'ai', p.evaluator);
  if (ai !== null) return ai;
  const provider = dependencyMajor(p.sf.fileName, PROVIDER_MODULE, p.evaluator);
  return provider === null ? null : provider + 3;
}

function importsCreate(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === COMPATIBLE_MODULE &&
    !!s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings) && s.importClause.namedBindings.elements.some((e) => e.name.text === CREATE));
}

function identifiers(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** The uses of an import binding in its file (the specifier itself not counted). */
function usesOf(sf: ts.SourceFile, el: ts.ImportSpecifier): number {
  let count = 0;
  const name = el.name.text;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== el.name && node !== el.propertyName && lookup(name, node) === el) count++;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return count;
}

