import { ModuleResolver } from './modules.js';
import { Parser, ts } from './parse.js';
import { lookup, type Binding } from './scope.js';
import { isSdkModule, LOOKALIKE_PACKAGES, RESOURCE_SEGMENTS, TOP_LEVEL_RESOURCES } from '../../sources/openai/surface.js';
import type { Sdk } from '../../scan/sites.js';
import type { Source } from '../../sources/source.js';

export type SdkClass = 'OpenAI' | 'AzureOpenAI' | 'OpenAIApi' | 'Configuration';

/**
 * Where a client sends its requests, from its base URL option: `openai` (no base URL, an OpenAI or Azure
 * OpenAI host, OPENAI_BASE_URL), `provider` (the `process.env.X_BASE_URL ?? 'https://…'` qianyi writes for a
 * provider), `foreign` (another host), `unknown` (a value the analysis cannot resolve).
 */
export interface Endpoint {
  kind: 'openai' | 'provider' | 'foreign' | 'unknown';
  /** The host of a literal base URL. */
  host?: string;
}

/**
 * What an expression is, as far as the SDK is concerned. The evaluator follows bindings, members, calls
 * and modules syntactically; it never asks the type checker.
 */
export type Value =
  /** The `openai` package object: `import * as x from 'openai'`, `require('openai')`. */
  | { k: 'module' }
  /** A class exported by the package (or a user class that extends one). */
  | { k: 'class'; cls: SdkClass; sub?: ts.ClassLikeDeclaration }
  /** Any other export of the package (`toFile`, `APIError`, helpers). */
  | { k: 'sdk-other' }
  | { k: 'client'; sdk: Sdk; endpoint?: Endpoint; origin?: ts.NewExpression }
  /** `client.chat.completions` and the like. */
  | { k: 'resource'; sdk: Sdk; path: string[]; endpoint?: Endpoint; origin?: ts.NewExpression }
  /** A function; calling it yields its return value. */
  | { k: 'function'; fn: ts.SignatureDeclaration }
  | { k: 'string'; value: string; node: ts.StringLiteralLike }
  | { k: 'object'; node: ts.ObjectLiteralExpression }
  /** A user module's exports: `require('./x')`, `import * as x from './x'`. */
  | { k: 'file'; file: string }
  /** Cannot be resolved (an untyped parameter, another package): `path` is what was read from it since. */
  | { k: 'unknown'; path: string[] }
  /** A value of another source (the AI SDK, LangChain, an HTTP client ...): that source's model says how it behaves. */
  | SourceValue
  /** Known not to be the SDK. */
  | { k: 'foreign' };

/** A value that a source (src/sources/<id>/model.ts) describes; the fields each source uses are its own. */
export interface SourceValue {
  k: 'source';
  source: Sdk;
  /** What the value is within its source: `provider`, `model`, `class`, `instance`, `method` ... */
  type: string;
  /** The export, class or method name. */
  name?: string;
  /** The operation the value performs when called (`chat.completions.create`). */
  api?: string;
  /** The model id it carries, when known; and its literal, for the model detector to skip. */
  model?: string | null;
  modelNode?: ts.Node;
  features?: readonly string[];
  /** The value a method was read from. */
  base?: SourceValue;
  /** The base URL could not be resolved: sites from this value are `likely`. */
  unsure?: boolean;
  /** A base URL, for HTTP clients made with one (`axios.create({ baseURL })`). */
  url?: string;
  /** The options object it was made with, where another value is built from it (a 3.x-shaped Configuration). */
  options?: ts.ObjectLiteralExpression;
  /** The construction a client value was made by (`new ChatOpenAI(...)`, `createOpenAI(...)`): its site links the calls. */
  origin?: ts.Node;
  /** Pointed at a provider the way qianyi writes it (`process.env.X_BASE_URL ?? '<provider URL>'`): a migrated client. */
  atProvider?: boolean;
  /** The call that made a model (`openai('gpt-4o')`): where the migration rewrites it. */
  madeBy?: ts.Node;
  /** Clients: where its base URL option points when not OpenAI. */
  endpoint?: 'provider' | 'unknown';
}

interface Memo {
  value: Value;
  /** Files outside the current one that the value was derived from. */
  deps: readonly string[];
}

const NO_DEPS: readonly string[] = [];
const UNKNOWN: Value = { k: 'unknown', path: [] };
const FOREIGN: Value = { k: 'foreign' };
const MAX_DEPTH = 40;

export function isKnown(value: Value): boolean {
  return value.k !== 'unknown' && value.k !== 'foreign';
}

export class Evaluator {
  private readonly memo = new Map<ts.Node, Memo>();
  private readonly exportMemo = new Map<string, Memo>();
  private readonly active = new Set<ts.Node | string>();
  /** Files each computation in progress read, innermost last (see `track`). */
  /** A slot stays null until the computation reads another file: most never do, and need no Set. */
  private readonly collectors: Array<Set<string> | null> = [];

  constructor(
    private readonly parser: Parser,
    private readonly modules: ModuleResolver,
    /** The sources other than the openai SDK (whose values are built in below). */
    private readonly sources: readonly Source[] = [],
  ) {}

  /** The source a value belongs to. */
  sourceOf(value: SourceValue): Source | undefined {
    return this.sources.find((s) => s.id === value.source);
  }

  /** Records that the current computation read `file` (a manifest a source looked at), for the scan cache. */
  depend(file: string): void {
    this.note([file]);
  }

  /** The value of an expression. */
  expr(node: ts.Expression, depth = 0): Value {
    return this.memoized(node, depth, () => this.exprUncached(node, depth));
  }

  /** The value a binding holds. */
  binding(decl: Binding, depth = 0): Value {
    return this.memoized(decl, depth, () => this.bindingUncached(decl, depth));
  }

  /** The value of an identifier at its position in the code. */
  identifier(name: string, at: ts.Node, depth = 0): Value {
    const decl = lookup(name, at);
    if (decl) return this.binding(decl, depth + 1);
    if (name === 'undefined') return FOREIGN;
    for (const source of this.sources) {
      const global = source.model.global?.(name);
      if (global) return global;
    }
    return UNKNOWN;
  }

  /** What a function returns: its declared return type, or its `return` expressions. */
  returnOf(fn: ts.SignatureDeclaration, depth = 0): Value {
    const key = fn.type ?? fn;
    if (fn.type) {
      const declared = this.memoized(key, depth, () => this.typeValue(fn.type!, depth + 1));
      if (declared.k !== 'unknown') return declared;
    }
    const body = 'body' in fn ? fn.body : undefined;
    if (!body) return UNKNOWN;
    if (!ts.isBlock(body)) return this.expr(body as ts.Expression, depth + 1);
    let fallback: Value = UNKNOWN;
    let found: Value | undefined;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) {
        const value = this.expr(node.expression, depth + 1);
        if (isKnown(value)) found = value;
        else if (fallback.k === 'unknown') fallback = value;
        return;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    return found ?? fallback;
  }

  /**
   * A named export of a user module: `default` for the default export, `*` for the module namespace, `=` for
   * what `require()` returns (`module.exports`).
   */
  exportOf(file: string, name: string, depth = 0): Value {
    if (name === '*') return { k: 'file', file };
    const key = `${file}\0${name}`;
    const cached = this.exportMemo.get(key);
    if (cached) return this.replay(cached);
    if (this.active.has(key) || depth > MAX_DEPTH) return UNKNOWN;
    this.active.add(key);
    const { result: value, deps } = this.track(() => this.exportUncached(file, name, depth));
    deps.add(file);
    this.active.delete(key);
    return this.replay(this.remember(this.exportMemo, key, value, deps));
  }

  /**
   * Runs `work` and returns, with its result, the files it read through the evaluator (modules whose exports
   * it followed, and the tsconfig files that resolved them). The scan cache keys each file's sites on these.
   */
  track<T>(work: () => T): { result: T; deps: Set<string> } {
    this.collectors.push(null);
    let result: T;
    let deps: Set<string> | null;
    try {
      result = work();
    } finally {
      deps = this.collectors.pop()!;
    }
    return { result, deps: deps ?? new Set() };
  }

  private note(files: Iterable<string>): void {
    const top = this.collectors.length - 1;
    if (top < 0) return;
    const current = this.collectors[top] ?? (this.collectors[top] = new Set());
    for (const file of files) current.add(file);
  }

  /** A memoised value also hands its dependencies to whoever reads it. */
  private replay(memo: Memo): Value {
    if (memo.deps.length > 0) this.note(memo.deps);
    return memo.value;
  }

  private remember<K>(map: Map<K, Memo>, key: K, value: Value, deps: Set<string> | null): Memo {
    const memo: Memo = { value, deps: deps && deps.size > 0 ? [...deps] : NO_DEPS };
    map.set(key, memo);
    return memo;
  }

  /** Reading a property of a value. */
  member(base: Value, name: string, depth = 0): Value {
    switch (base.k) {
      case 'module':
        if (name === 'OpenAI' || name === 'default') return { k: 'class', cls: 'OpenAI' };
        if (name === 'AzureOpenAI' || name === 'OpenAIApi' || name === 'Configuration') return { k: 'class', cls: name };
        return { k: 'sdk-other' };
      case 'client':
        if (base.sdk !== 'openai-v3' && TOP_LEVEL_RESOURCES.has(name)) return withEndpoint({ k: 'resource', sdk: base.sdk, path: [name], origin: base.origin }, base.endpoint);
        return FOREIGN;
      case 'resource':
        return RESOURCE_SEGMENTS.has(name) ? withEndpoint({ k: 'resource', sdk: base.sdk, path: [...base.path, name], origin: base.origin }, base.endpoint) : FOREIGN;
      case 'object':
        return this.propertyOf(base.node, name, depth);
      case 'file':
        return this.exportOf(base.file, name, depth + 1);
      case 'unknown':
        return { k: 'unknown', path: [...base.path, name] };
      case 'source':
        return this.sourceOf(base)?.model.member?.(base, name, this) ?? FOREIGN;
      default:
        return FOREIGN;
    }
  }

  private memoized(key: ts.Node, depth: number, compute: () => Value): Value {
    const cached = this.memo.get(key);
    if (cached) return this.replay(cached);
    if (this.active.has(key) || depth > MAX_DEPTH) return UNKNOWN;
    this.active.add(key);
    // `track`, without its result object and Set: this runs for every expression the detectors look at.
    this.collectors.push(null);
    let value: Value;
    let deps: Set<string> | null;
    try {
      value = compute();
    } finally {
      deps = this.collectors.pop()!;
    }
    this.active.delete(key);
    return this.replay(this.remember(this.memo, key, value, deps));
  }

  private exprUncached(node: ts.Expression, depth: number): Value {
    const next = depth + 1;
    if (
      ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node) || ts.isAwaitExpression(node)
    ) {
      return this.expr(node.expression, next);
    }
    if (ts.isIdentifier(node)) return this.identifier(node.text, node, next);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { k: 'string', value: node.text, node };
    if (ts.isObjectLiteralExpression(node)) return { k: 'object', node };
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return { k: 'function', fn: node };
    if (ts.isClassExpression(node)) return this.classValue(node, next);
    if (ts.isPropertyAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(node.name.text, node, next);
      return this.member(this.expr(node.expression, next), node.name.text, next);
    }
    if (ts.isElementAccessExpression(node)) {
      const arg = node.argumentExpression;
      if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
        if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(arg.text, node, next);
        return this.member(this.expr(node.expression, next), arg.text, next);
      }
      return UNKNOWN;
    }
    if (ts.isCallExpression(node)) return this.callValue(node, next);
    if (ts.isNewExpression(node)) {
      const ctor = this.expr(node.expression, next);
      if (ctor.k === 'source') return this.sourceOf(ctor)?.model.construct?.(ctor, node, this) ?? FOREIGN;
      const client = this.instanceOf(ctor);
      return client.k === 'client' ? withEndpoint({ ...client, origin: node }, this.endpointOf(node, ctor, next)) : client;
    }
    if (ts.isConditionalExpression(node)) {
      return pick(this.expr(node.whenTrue, next), this.expr(node.whenFalse, next));
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        return pick(this.expr(node.left, next), this.expr(node.right, next));
      }
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.CommaToken) return this.expr(node.right, next);
      return FOREIGN;
    }
    if (ts.isMetaProperty(node)) return UNKNOWN;
    return FOREIGN;
  }

  private callValue(node: ts.CallExpression, depth: number): Value {
    const callee = node.expression;
    const firstArg = node.arguments[0];
    const isStringArg = firstArg !== undefined && (ts.isStringLiteral(firstArg) || ts.isNoSubstitutionTemplateLiteral(firstArg));
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require' && !lookup('require', callee);
    if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) {
      // require() yields what module.exports holds; import() yields the module namespace.
      return isStringArg ? this.moduleValue(firstArg.text, node.getSourceFile().fileName, isRequire ? '=' : '*', depth) : UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'withOptions') {
      const base = this.expr(callee.expression, depth);
      if (base.k === 'client') return base;
    }
    const fn = this.expr(callee, depth);
    if (fn.k === 'function') return this.returnOf(fn.fn, depth);
    if (fn.k === 'source') return this.sourceOf(fn)?.model.call?.(fn, node, this) ?? FOREIGN;
    if (fn.k === 'unknown') return UNKNOWN;
    return FOREIGN;
  }

  /**
   * Where the client `new X(...)` sends requests. A subclass with a constructor is judged by what it passes
   * to `super(...)`; otherwise by the options written at the `new`. A 3.x client reads `basePath` from its
   * Configuration.
   */
  endpointOf(node: ts.NewExpression, ctor: Value = this.expr(node.expression), depth = 0): Endpoint {
    const sub = this.subclassEndpoint(ctor, depth);
    if (sub) return sub;
    if (ctor.k === 'class' && ctor.cls === 'OpenAIApi') {
      let config = node.arguments?.[0];
      if (!config) return { kind: 'openai' };
      if (ts.isIdentifier(config)) {
        const decl = lookup(config.text, config);
        config = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
      }
      if (!config || !ts.isNewExpression(config)) return { kind: 'unknown' };
      return this.optionsEndpoint(config.arguments?.[0], 'basePath', depth);
    }
    const endpoint = this.optionsEndpoint(node.arguments?.[0], 'baseURL', depth);
    // Azure's `endpoint` option: AZURE_OPENAI_ENDPOINT or an Azure host is OpenAI's service; anything else is not known.
    if (ctor.k === 'class' && ctor.cls === 'AzureOpenAI' && endpoint.kind === 'openai') {
      const options = node.arguments?.[0] ? this.expr(node.arguments[0], depth + 1) : undefined;
      const prop = options?.k === 'object' ? options.node.properties.find((p) => p.name && propertyNameText(p.name) === 'endpoint') : undefined;
      if (prop && ts.isPropertyAssignment(prop)) {
        const env = envName(prop.initializer);
        if (env === 'AZURE_OPENAI_ENDPOINT') return endpoint;
        const value = this.expr(prop.initializer, depth + 1);
        return value.k === 'string' ? urlEndpoint(value.value) : { kind: 'unknown' };
      }
    }
    return endpoint;
  }

  /** A subclass with a constructor talks to what it passes to `super(...)`. */
  private subclassEndpoint(ctor: Value, depth: number): Endpoint | undefined {
    if (ctor.k !== 'class' || !ctor.sub) return undefined;
    const ctorDecl = ctor.sub.members.find(ts.isConstructorDeclaration);
    if (!ctorDecl) return undefined;
    const superCall = findSuperCall(ctorDecl);
    return superCall ? this.optionsEndpoint(superCall.arguments[0], 'baseURL', depth) : { kind: 'unknown' };
  }

  /** The endpoint an options argument names through its `key` (`baseURL`, `basePath`). */
  private optionsEndpoint(arg: ts.Expression | undefined, key: string, depth: number): Endpoint {
    if (!arg) return { kind: 'openai' };
    const options = this.expr(arg, depth + 1);
    if (options.k !== 'object') return { kind: 'unknown' };
    const prop = options.node.properties.find((p) => p.name && propertyNameText(p.name) === key);
    const spread = options.node.properties.some(ts.isSpreadAssignment);
    if (!prop) return spread ? { kind: 'unknown' } : { kind: 'openai' };
    if (!ts.isPropertyAssignment(prop)) {
      const value = ts.isShorthandPropertyAssignment(prop) ? this.identifier(prop.name.text, prop, depth + 1) : UNKNOWN;
      return value.k === 'string' ? urlEndpoint(value.value) : { kind: 'unknown' };
    }
    return this.urlExpression(prop.initializer, depth);
  }

  /** Where a base URL option's value points (absent: OpenAI's default). */
  baseUrlEndpoint(expr: ts.Expression | undefined): Endpoint {
    return expr ? this.urlExpression(expr, 0) : { kind: 'openai' };
  }

  private urlExpression(expr: ts.Expression, depth: number): Endpoint {
    while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
    const env = envName(expr);
    if (env !== undefined && OPENAI_URL_ENV.has(env)) return { kind: 'openai' };
    if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expr.operatorToken.kind)) {
      const left = envName(expr.left);
      const fallback = this.expr(expr.right, depth + 1);
      if (left !== undefined && OPENAI_URL_ENV.has(left)) {
        return fallback.k === 'string' && urlEndpoint(fallback.value).kind !== 'openai' ? urlEndpoint(fallback.value) : { kind: 'openai' };
      }
      // What qianyi writes for a provider: process.env.ZHIPUAI_BASE_URL ?? 'https://open.bigmodel.cn/api/paas/v4'.
      if (left && /_BASE_URL$/.test(left) && fallback.k === 'string') {
        const at = urlEndpoint(fallback.value);
        return at.kind === 'foreign' ? { kind: 'provider', host: at.host } : at;
      }
      return { kind: 'unknown' };
    }
    const value = this.expr(expr, depth + 1);
    if (value.k === 'string') return urlEndpoint(value.value);
    return { kind: 'unknown' };
  }

  /** What `new X()` makes, given the value of X. */
  instanceOf(ctor: Value): Value {
    if (ctor.k === 'module') return { k: 'client', sdk: 'openai' };
    if (ctor.k === 'class') {
      if (ctor.cls === 'OpenAI') return withEndpoint({ k: 'client', sdk: 'openai' }, this.subclassEndpoint(ctor, 0));
      if (ctor.cls === 'AzureOpenAI') return withEndpoint({ k: 'client', sdk: 'azure-openai' }, this.subclassEndpoint(ctor, 0));
      if (ctor.cls === 'OpenAIApi') return { k: 'client', sdk: 'openai-v3' };
      return FOREIGN;
    }
    return ctor.k === 'unknown' ? UNKNOWN : FOREIGN;
  }

  private bindingUncached(decl: Binding, depth: number): Value {
    const next = depth + 1;
    if (ts.isVariableDeclaration(decl)) {
      if (decl.type) {
        const typed = this.typeValue(decl.type, next);
        if (isKnown(typed)) return typed;
      }
      return decl.initializer ? this.expr(decl.initializer, next) : UNKNOWN;
    }
    if (ts.isParameter(decl)) return decl.type ? this.typeValue(decl.type, next) : UNKNOWN;
    if (ts.isBindingElement(decl)) return this.bindingElement(decl, next);
    if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) return { k: 'function', fn: decl };
    if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return this.classValue(decl, next);
    const file = decl.getSourceFile().fileName;
    if (ts.isImportClause(decl)) return this.moduleValue(moduleText(decl.parent.moduleSpecifier), file, 'default', next);
    if (ts.isNamespaceImport(decl)) return this.moduleValue(moduleText(decl.parent.parent.moduleSpecifier), file, '*', next);
    if (ts.isImportSpecifier(decl)) {
      const imported = (decl.propertyName ?? decl.name).text;
      return this.moduleValue(moduleText(decl.parent.parent.parent.moduleSpecifier), file, imported, next);
    }
    if (ts.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) {
        return this.moduleValue(ref.expression.text, file, '=', next);
      }
      return UNKNOWN;
    }
    return UNKNOWN;
  }

  /** `const { chat } = client`, `const { default: OpenAI } = await import('openai')`. */
  private bindingElement(element: ts.BindingElement, depth: number): Value {
    const path: string[] = [];
    let node: ts.Node = element;
    while (ts.isBindingElement(node)) {
      const pattern: ts.BindingPattern = node.parent;
      if (!ts.isObjectBindingPattern(pattern)) return UNKNOWN;
      const key = node.propertyName ?? node.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return UNKNOWN;
      path.unshift(key.text);
      node = pattern.parent;
    }
    let value: Value;
    if (ts.isVariableDeclaration(node)) {
      value = node.initializer ? this.expr(node.initializer, depth) : UNKNOWN;
    } else if (ts.isParameter(node)) {
      value = node.type ? this.typeValue(node.type, depth) : UNKNOWN;
    } else {
      return UNKNOWN;
    }
    for (const key of path) value = this.member(value, key, depth);
    return value;
  }

  /** The value of a class: an SDK class when it extends one (`class Client extends OpenAI {}`). */
  private classValue(node: ts.ClassLikeDeclaration, depth: number): Value {
    for (const clause of node.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      const base = clause.types[0];
      if (!base) continue;
      const value = this.expr(base.expression, depth);
      // A subclass of a subclass keeps the innermost class that declares a constructor.
      const own = node.members.some(ts.isConstructorDeclaration);
      if (value.k === 'source') return value;
      if (value.k === 'class') return own ? { k: 'class', cls: value.cls, sub: node } : value;
      if (value.k === 'module') return own ? { k: 'class', cls: 'OpenAI', sub: node } : { k: 'class', cls: 'OpenAI' };
    }
    return FOREIGN;
  }

  /** The value of something declared with a type: a client when the type is an SDK client class. */
  typeValue(type: ts.TypeNode, depth: number): Value {
    if (ts.isParenthesizedTypeNode(type)) return this.typeValue(type.type, depth + 1);
    if (ts.isUnionTypeNode(type)) {
      let result: Value = FOREIGN;
      for (const member of type.types) {
        const value = this.typeValue(member, depth + 1);
        if (value.k === 'client') return value;
        if (value.k === 'unknown') result = value;
      }
      return result;
    }
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName;
      let cls: Value;
      if (ts.isIdentifier(name)) cls = this.identifier(name.text, type, depth);
      else if (ts.isIdentifier(name.left)) cls = this.member(this.identifier(name.left.text, type, depth), name.right.text, depth);
      else return UNKNOWN;
      if (cls.k === 'class' || cls.k === 'module') return this.instanceOf(cls);
      if (cls.k === 'source') return this.sourceOf(cls)?.model.construct?.(cls, undefined, this) ?? FOREIGN;
      return cls.k === 'unknown' ? UNKNOWN : FOREIGN;
    }
    if (ts.isImportTypeNode(type) && !type.isTypeOf && type.qualifier && ts.isIdentifier(type.qualifier)) {
      // import('openai').OpenAI
      const arg = type.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) {
        return this.instanceOf(this.moduleValue(arg.literal.text, type.getSourceFile().fileName, type.qualifier.text, depth));
      }
      return UNKNOWN;
    }
    if (ts.isTypeQueryNode(type) && ts.isIdentifier(type.exprName)) return this.identifier(type.exprName.text, type, depth);
    // `any` and `unknown` say nothing about what the value is.
    if (type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword) return UNKNOWN;
    return FOREIGN;
  }

  /** `this.client` inside a class: a field's type or initializer, a parameter property, or `this.client = ...`. */
  private thisMember(name: string, at: ts.Node, depth: number): Value {
    let node: ts.Node | undefined = at.parent;
    while (node && !ts.isClassLike(node)) {
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) return UNKNOWN;
      node = node.parent;
    }
    if (!node) return UNKNOWN;
    const cls = node;
    let fallback: Value = UNKNOWN;
    const consider = (value: Value): Value | undefined => {
      if (isKnown(value)) return value;
      if (value.k === 'foreign') fallback = value;
      return undefined;
    };
    let assigned: Value | undefined;
    const visit = (child: ts.Node): void => {
      if (assigned) return;
      if (
        ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(child.left) && child.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        child.left.name.text === name
      ) {
        assigned = consider(this.expr(child.right, depth));
      }
      if (!ts.isClassLike(child)) ts.forEachChild(child, visit);
    };
    ts.forEachChild(cls, visit);
    // `this.client = new OpenAI(...)` names the client itself (its endpoint and the `new` it comes from).
    if (assigned?.k === 'client') return assigned;
    for (const member of cls.members) {
      const memberName = member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name)) ? member.name.text : undefined;
      if (memberName === name) {
        if (ts.isPropertyDeclaration(member)) {
          const found = (member.type && consider(this.typeValue(member.type, depth))) ||
            (member.initializer && consider(this.expr(member.initializer, depth)));
          if (found) return found;
        } else if (ts.isGetAccessorDeclaration(member) || ts.isMethodDeclaration(member)) {
          return ts.isGetAccessorDeclaration(member) ? this.returnOf(member, depth) : { k: 'function', fn: member };
        }
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const param of member.parameters) {
          const isProperty = (ts.getModifiers(param)?.length ?? 0) > 0;
          if (isProperty && ts.isIdentifier(param.name) && param.name.text === name) {
            const found = (param.type && consider(this.typeValue(param.type, depth))) ||
              (param.initializer && consider(this.expr(param.initializer, depth)));
            if (found) return found;
          }
        }
      }
    }
    return assigned ?? fallback;
  }

  private propertyOf(object: ts.ObjectLiteralExpression, name: string, depth: number): Value {
    let sawSpread = false;
    for (let i = object.properties.length - 1; i >= 0; i--) {
      const prop = object.properties[i]!;
      if (ts.isSpreadAssignment(prop)) {
        sawSpread = true;
        continue;
      }
      const key = prop.name && propertyNameText(prop.name);
      if (key !== name) continue;
      if (ts.isPropertyAssignment(prop)) return this.expr(prop.initializer, depth + 1);
      if (ts.isShorthandPropertyAssignment(prop)) return this.identifier(prop.name.text, prop, depth + 1);
      if (ts.isMethodDeclaration(prop)) return { k: 'function', fn: prop };
      if (ts.isGetAccessorDeclaration(prop)) return this.returnOf(prop, depth + 1);
      return FOREIGN;
    }
    return sawSpread ? UNKNOWN : FOREIGN;
  }

  /** A value imported from a module: `name` is an export name, `default`, `*` (module object) or `=` (CJS). */
  private moduleValue(specifier: string, fromFile: string, name: string, depth: number): Value {
    for (const source of this.sources) {
      const value = source.modules(specifier) ? source.model.exportOf(specifier, name) : undefined;
      if (value) return value;
    }
    if (isSdkModule(specifier)) {
      if (specifier !== 'openai') return { k: 'sdk-other' };
      if (name === '*' || name === '=') return { k: 'module' };
      return this.member({ k: 'module' }, name, depth);
    }
    if (LOOKALIKE_PACKAGES.has(packageName(specifier))) return FOREIGN;
    const { file, configs } = this.modules.resolve(specifier, fromFile);
    this.note(configs);
    if (!file) return UNKNOWN;
    return this.exportOf(file, name, depth + 1);
  }

  private exportUncached(file: string, name: string, depth: number): Value {
    const sf = this.parser.load(file);
    if (!sf) return UNKNOWN;
    const next = depth + 1;
    let commonJs: Value | undefined;
    for (const statement of sf.statements) {
      const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      if (ts.isExportAssignment(statement)) {
        const value = this.expr(statement.expression, next);
        if (statement.isExportEquals) commonJs = value;
        else if (name === 'default') return value;
      } else if (exported && ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          if (ts.isIdentifier(decl.name) && decl.name.text === name) return this.binding(decl, next);
          if (!ts.isIdentifier(decl.name)) {
            const element = lookup(name, statement.declarationList);
            if (element && ts.isBindingElement(element)) return this.binding(element, next);
          }
        }
      } else if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))) {
        if ((isDefault && name === 'default') || (!isDefault && statement.name?.text === name)) {
          return this.binding(statement, next);
        }
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
        const clause = statement.exportClause;
        if (!clause && from && name !== 'default') {
          const value = this.moduleValue(from, file, name, next);
          if (isKnown(value)) return value;
        } else if (clause && ts.isNamespaceExport(clause) && clause.name.text === name && from) {
          return this.moduleValue(from, file, '*', next);
        } else if (clause && ts.isNamedExports(clause)) {
          for (const element of clause.elements) {
            if (element.name.text !== name) continue;
            const local = (element.propertyName ?? element.name).text;
            return from ? this.moduleValue(from, file, local, next) : this.identifier(local, element, next);
          }
        }
      } else if (ts.isExpressionStatement(statement)) {
        const cjs = commonJsAssignment(statement.expression);
        if (!cjs) continue;
        if (cjs.name === null) commonJs = this.expr(cjs.value, next);
        else if (cjs.name === name) return this.expr(cjs.value, next);
      }
    }
    if (commonJs) return name === 'default' || name === '=' ? commonJs : this.member(commonJs, name, next);
    // require() of a module without `module.exports = ...`: its exports object.
    return name === '=' ? { k: 'file', file } : UNKNOWN;
  }
}

const withEndpoint = <V extends Value & { endpoint?: Endpoint }>(value: V, endpoint: Endpoint | undefined): V =>
  endpoint && endpoint.kind !== 'openai' ? { ...value, endpoint } : value;

/** Hosts that are OpenAI's (the Azure OpenAI service serves OpenAI models too). */
function isOpenAiHost(host: string): boolean {
  return host === 'api.openai.com' || host.endsWith('.openai.azure.com') || host.endsWith('.openai.com');
}

/** The endpoint a URL string names. */
export function urlEndpoint(url: string): Endpoint {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return { kind: 'unknown' };
  }
  return isOpenAiHost(host) ? { kind: 'openai', host } : { kind: 'foreign', host };
}

/** `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME`: the name. */
/** The env vars apps keep OpenAI's base URL in. */
const OPENAI_URL_ENV = new Set(['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'OPENAI_API_URL']);

export function envName(expr: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(expr) && !ts.isElementAccessExpression(expr)) return undefined;
  const base = expr.expression;
  const isEnv = ts.isPropertyAccessExpression(base) && base.name.text === 'env' &&
    ((ts.isIdentifier(base.expression) && base.expression.text === 'process') || ts.isMetaProperty(base.expression));
  if (!isEnv) return undefined;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return ts.isStringLiteralLike(expr.argumentExpression) ? expr.argumentExpression.text : undefined;
}

function findSuperCall(ctor: ts.ConstructorDeclaration): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) found = node;
    else ts.forEachChild(node, visit);
  };
  if (ctor.body) ts.forEachChild(ctor.body, visit);
  return found;
}

/** Prefer a value that is an SDK client or resource among alternatives (`a ?? b`, `c ? a : b`). */
function pick(a: Value, b: Value): Value {
  if (a.k === 'client' || a.k === 'resource' || a.k === 'source') return a;
  if (b.k === 'client' || b.k === 'resource' || b.k === 'source') return b;
  if (a.k === 'unknown') return a;
  return b.k === 'unknown' ? b : a;
}

function moduleText(specifier: ts.Expression): string {
  return ts.isStringLiteral(specifier) ? specifier.text : '';
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** `module.exports = x` (name null), `module.exports.y = x` / `exports.y = x` (name 'y'). */
function commonJsAssignment(expr: ts.Expression): { name: string | null; value: ts.Expression } | undefined {
  if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = expr.left;
  if (!ts.isPropertyAccessExpression(left)) return undefined;
  if (isIdentifierNamed(left.expression, 'module') && left.name.text === 'exports') return { name: null, value: expr.right };
  if (isIdentifierNamed(left.expression, 'exports')) return { name: left.name.text, value: expr.right };
  if (
    ts.isPropertyAccessExpression(left.expression) && isIdentifierNamed(left.expression.expression, 'module') &&
    left.expression.name.text === 'exports'
  ) {
    return { name: left.name.text, value: expr.right };
  }
  return undefined;
}

function isIdentifierNamed(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}
