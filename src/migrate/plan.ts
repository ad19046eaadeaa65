import { MARKER } from '../collect/collect.js';
import { requestObject } from '../sources/openai/detectors/features.js';
import { ts } from '../analysis/typescript/parse.js';
import type { AnalyzedFile } from '../scan/scan.js';
import { lookup } from '../analysis/typescript/scope.js';
import type { Site } from '../scan/sites.js';
import { eolOf, quoteOf, type TextEdit } from './edits.js';
import { propertyNameText, type Evaluator } from '../analysis/typescript/evaluator.js';
import { apiNeeds, CAPABILITY_LABELS, DROPPABLE_CAPABILITIES, FEATURE_CAPABILITIES } from '../sources/openai/capabilities.js';
import { mapModel } from '../sources/openai/models.js';
import type { Template } from '../templates/schema.js';
import { parseInterval, type Capability } from '../templates/vocabulary.js';

/** migrated: changed, nothing to check; review: changed, with a `// qianyi:` note to read; manual: a `TODO(qianyi)` left. */
export type Bucket = 'migrated' | 'review' | 'manual';

export interface PlanItem {
  file: string;
  line: number;
  column: number;
  api: string | null;
  siteId: string | null;
  bucket: Bucket;
  reason: string;
}

export interface PlanOptions {
  template: Template;
  /** Region id of the template (`cn`, `intl`); the template's default when absent. */
  region?: string;
  /** OpenAI model id → model id, from `--model` and the config file; wins over the template's map. */
  models?: Record<string, string>;
}

export interface FilePlan {
  edits: TextEdit[];
  items: PlanItem[];
}

export const NOTE_PREFIX = 'qianyi:';
export const TODO_PREFIX = `${MARKER}:`;

/** Options that only Azure's client takes; an OpenAI-compatible provider has no use for them. */
const AZURE_ONLY_OPTIONS = ['endpoint', 'apiVersion', 'deployment', 'azureADTokenProvider', 'azureAdTokenProvider'];
/** OpenAI account options: sent as OpenAI-Organization / OpenAI-Project headers that no other provider reads. */
const OPENAI_ACCOUNT_OPTIONS = ['organization', 'project'];
/** Request fields the openai SDK's types know, so a rename into one of them still type-checks. */
const OPENAI_REQUEST_FIELDS = new Set(['max_tokens', 'max_completion_tokens', 'user', 'stop', 'seed', 'n']);

/** The env var a provider's base URL can be overridden with: ZHIPUAI_API_KEY → ZHIPUAI_BASE_URL. */
export function baseUrlEnv(template: Template): string {
  return `${template.apiKey.env.replace(/_API_KEY$|_KEY$/, '')}_BASE_URL`;
}

export function regionBaseUrl(template: Template, region?: string): string {
  const id = region ?? template.defaultRegion;
  const found = template.regions[id];
  if (!found) throw new Error(`unknown region ${id}`);
  return found.baseURL;
}

/**
 * Plans the edits of one file for one provider: pure, nothing is written. Every site becomes edits, a note
 * for review, or a TODO marker for manual work; see README "What migrate changes".
 */
export function planFile(file: AnalyzedFile, options: PlanOptions, evaluator: Evaluator): FilePlan {
  return new FilePlanner(file, options, evaluator).plan();
}

class FilePlanner {
  private readonly edits: TextEdit[] = [];
  private readonly items: PlanItem[] = [];
  /** Ranges already rewritten as a whole: sites inside them are done. */
  private readonly claimed: Array<[number, number]> = [];
  /** Comment lines to insert, by offset: at a line start, or (inline) right before a statement. */
  private readonly inserted = new Map<number, { inline: boolean; indent: string; lines: string[]; from: number }>();
  private readonly removals = new Map<ts.ObjectLiteralExpression, Set<ts.ObjectLiteralElementLike>>();
  private readonly sf: ts.SourceFile;
  private readonly text: string;
  private readonly eol: string;
  private readonly quote: string;
  private readonly t: Template;
  private readonly provider: string;

  constructor(
    private readonly file: AnalyzedFile,
    private readonly options: PlanOptions,
    private readonly evaluator: Evaluator,
  ) {
    this.sf = file.sf;
    this.text = file.text;
    this.eol = eolOf(file.text);
    this.quote = quoteOf(file.text);
    this.t = options.template;
    this.provider = options.template.name.en;
  }

  plan(): FilePlan {
    const order = ['client', 'call', 'env', 'model', 'import'];
    const sites = [...this.file.sites].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.start - b.start);
    for (const site of sites) {
      if (this.isClaimed(site.start, site.end)) continue;
      if (site.kind === 'client') this.client(site);
      else if (site.kind === 'call') this.call(site);
      else if (site.kind === 'env') this.env(site);
      else if (site.kind === 'model') this.modelLiteral(site);
    }
    this.flushRemovals();
    for (const [pos, { inline, indent, lines, from }] of this.inserted) {
      const text = inline
        ? `${this.eol}${lines.map((l) => `${indent}${l}${this.eol}`).join('')}${indent}`
        : lines.map((l) => `${indent}${l}${this.eol}`).join('');
      this.edits.push({ start: from, end: pos, text });
    }
    return { edits: this.edits, items: this.items };
  }

  // ---- clients -------------------------------------------------------------------------------------------

  private client(site: Site): void {
    const node = this.find(site, ts.isNewExpression);
    if (!node) return;
    const env = this.t.apiKey.env;
    const url = regionBaseUrl(this.t, this.options.region);
    const q = this.quote;
    const apiKey = `process.env.${env}`;
    const baseURL = `process.env.${baseUrlEnv(this.t)} ?? ${q}${url}${q}`;
    const before = this.edits.length;

    if (site.sdk === 'openai-v3') {
      const config = this.v3Configuration(node);
      if (!config) {
        this.manual(site, node, `the Configuration of this 3.x client is built elsewhere: give it apiKey: process.env.${env} and basePath: "${url}" for ${this.provider}`);
        return;
      }
      this.rewriteObject(config, [['apiKey', apiKey], ['basePath', baseURL]], OPENAI_ACCOUNT_OPTIONS);
      if (this.edits.length > before) this.claim(config);
    } else {
      if (site.sdk === 'azure-openai' && !this.replaceAzureClass(node)) {
        this.manual(site, node, `replace this AzureOpenAI client with new OpenAI({ apiKey: process.env.${env}, baseURL: "${url}" }) for ${this.provider}`);
        return;
      }
      const args = node.arguments;
      const first = args?.[0];
      const fresh = `{ apiKey: ${apiKey}, baseURL: ${baseURL} }`;
      if (!args) this.edits.push({ start: node.end, end: node.end, text: `(${fresh})` });
      else if (!first) this.edits.push({ start: args.pos, end: args.end, text: fresh });
      else if (ts.isObjectLiteralExpression(first)) {
        this.rewriteObject(first, [['apiKey', apiKey], ['baseURL', baseURL]], [...OPENAI_ACCOUNT_OPTIONS, ...(site.sdk === 'azure-openai' ? AZURE_ONLY_OPTIONS : [])]);
      } else {
        this.manual(site, node, `the client options are built elsewhere: set apiKey: process.env.${env} and baseURL: "${url}" for ${this.provider}`);
        return;
      }
    }
    if (this.edits.length > before) {
      this.claim(node);
      this.item(site, 'migrated', `client now calls ${this.provider} at ${url} with the key in ${env}`);
    }
  }

  /** `new OpenAIApi(new Configuration({...}))`, or a Configuration const of this file. */
  private v3Configuration(node: ts.NewExpression): ts.ObjectLiteralExpression | undefined {
    let arg = node.arguments?.[0];
    if (arg && ts.isIdentifier(arg)) {
      const decl = lookup(arg.text, arg);
      arg = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    }
    const options = arg && ts.isNewExpression(arg) ? arg.arguments?.[0] : undefined;
    return options && ts.isObjectLiteralExpression(options) ? options : undefined;
  }

  /** `new AzureOpenAI(...)` → `new OpenAI(...)`, fixing the import; false when the class cannot be swapped safely. */
  private replaceAzureClass(node: ts.NewExpression): boolean {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      this.edits.push({ start: callee.name.getStart(this.sf), end: callee.name.end, text: 'OpenAI' });
      return true;
    }
    if (!ts.isIdentifier(callee)) return false;
    const existing = this.openAiClassName();
    if (existing) {
      this.edits.push({ start: callee.getStart(this.sf), end: callee.end, text: existing });
      return true;
    }
    const binding = lookup(callee.text, callee);
    if (!binding || !(ts.isImportSpecifier(binding) || ts.isBindingElement(binding))) return false;
    const uses = this.identifierCount(callee.text);
    // The binding and this `new`: nothing else needs AzureOpenAI, so the import itself can become OpenAI.
    if (uses <= 2) this.edits.push({ start: binding.getStart(this.sf), end: binding.end, text: 'OpenAI' });
    else this.edits.push({ start: binding.getStart(this.sf), end: binding.getStart(this.sf), text: 'OpenAI, ' });
    this.edits.push({ start: callee.getStart(this.sf), end: callee.end, text: 'OpenAI' });
    return true;
  }

  /** The local name of the OpenAI class when this file imports it. */
  private openAiClassName(): string | undefined {
    for (const statement of this.sf.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (statement.moduleSpecifier.text !== 'openai' || statement.importClause?.isTypeOnly) continue;
      const clause = statement.importClause;
      if (clause?.name) return clause.name.text;
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const el = bindings.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === 'OpenAI');
        if (el) return el.name.text;
      }
    }
    return undefined;
  }

  private identifierCount(name: string): number {
    let count = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === name) count++;
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
    return count;
  }

  // ---- calls ---------------------------------------------------------------------------------------------

  private call(site: Site): void {
    const node = this.find(site, ts.isCallExpression);
    if (!node || !site.api) return;
    const p = this.provider;
    if (site.confidence === 'likely') {
      this.manual(site, node, `this looks like an OpenAI ${site.api} call, but its client could not be traced to the openai package: check that it goes to ${p}`);
      return;
    }
    const needs = apiNeeds(site.api);
    if (needs) {
      const { support, note } = this.t.capabilities[needs.capability];
      const label = CAPABILITY_LABELS[needs.capability];
      if (support === 'no') {
        this.manual(site, node, `${p} does not offer ${label}${note ? ` (${note})` : ''}: move ${site.api} to another service or remove it`);
        return;
      }
      if (support === 'unknown') {
        this.manual(site, node, `${p}'s support for ${label} is unconfirmed${note ? ` (${note})` : ''}: test ${site.api} against ${p} before relying on it`);
        return;
      }
      if (support === 'partial') this.review(site, node, `${p} supports ${label} only partly: ${note ?? 'see its docs'}`);
    }

    const request = this.requestObject(node);
    if (request) {
      this.callModel(site, node, request);
      this.params(site, node, request);
    } else if (needs?.modelKind && site.model === null && node.arguments.length > 0) {
      this.manual(site, node, `the request is built elsewhere: make sure its model is a ${p} model`);
    }
    this.features(site, node, request);
  }

  /** The request object literal when it is written in this file (inline or as a const): only that can be edited. */
  private requestObject(node: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
    const request = requestObject(node, this.evaluator);
    return request?.getSourceFile() === this.sf ? request : undefined;
  }

  private callModel(site: Site, node: ts.CallExpression, request: ts.ObjectLiteralExpression): void {
    const prop = property(request, 'model');
    if (!prop) return;
    const init = ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
    if (init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init))) {
      this.mapLiteral(site, node, init);
      return;
    }
    // A model from a constant is a model site of its own (mapped where it is declared), unless it is dynamic.
    if (site.model === null) {
      this.manual(site, node, `the model is chosen at run time: make sure it names a ${this.provider} model (e.g. ${this.t.models.defaults.chat ?? 'see qianyi providers show ' + this.t.id})`);
    }
  }

  private mapLiteral(site: Site, at: ts.Node, literal: ts.StringLiteralLike): void {
    const id = literal.text;
    const override = this.options.models?.[id];
    // A model the user chose (--model, config) is served as it is: that keeps a second run from flagging it.
    const chosen = Object.values(this.options.models ?? {}).includes(id);
    const mapping = override ? { how: 'mapped' as const, model: override } : chosen ? { how: 'identical' as const, model: id } : mapModel(this.t, id);
    const replace = (model: string) => {
      this.edits.push({ start: literal.getStart(this.sf) + 1, end: literal.end - 1, text: model });
      this.claim(literal);
    };
    switch (mapping.how) {
      case 'identical':
        return;
      case 'mapped':
        replace(mapping.model);
        this.item(site, 'migrated', `model ${id} → ${mapping.model}`);
        return;
      case 'default':
        replace(mapping.model);
        this.review(site, at, `${id} is not in ${this.provider}'s model map: using its default ${mapping.kind} model ${mapping.model}`);
        return;
      case 'none':
        this.manual(site, at, `${this.provider} has no ${mapping.kind} model to replace ${id}`);
        return;
      case 'unknown':
        this.review(site, at, `${id} is not a model qianyi knows for ${this.provider}: check that ${this.provider} serves it`);
    }
  }

  /** temperature/top_p ranges and the template's field rules (rejected, renamed). */
  private params(site: Site, node: ts.CallExpression, request: ts.ObjectLiteralExpression): void {
    const p = this.provider;
    for (const name of ['temperature', 'top_p'] as const) {
      const prop = property(request, name);
      const rule = this.t.params[name];
      if (!prop || !ts.isPropertyAssignment(prop)) continue;
      if (rule.support === 'rejected') {
        this.removeProperty(request, prop);
        this.review(site, node, `${p} rejects ${name}: removed`);
        continue;
      }
      const value = numberOf(prop.initializer);
      if (value === undefined || !rule.range) continue;
      const range = parseInterval(rule.range);
      let clamped = value;
      if (value < range.min || (range.minExclusive && value <= range.min)) clamped = range.minExclusive ? range.min + 0.01 : range.min;
      if (value > range.max || (range.maxExclusive && value >= range.max)) clamped = range.maxExclusive ? range.max - 0.01 : range.max;
      if (clamped === value) continue;
      const text = String(Number(clamped.toFixed(2)));
      this.edits.push({ start: prop.initializer.getStart(this.sf), end: prop.initializer.end, text });
      this.review(site, node, `${name} ${value} is outside ${p}'s range ${rule.range}: clamped to ${text}`);
    }
    for (const prop of request.properties) {
      const name = prop.name && propertyNameText(prop.name);
      const rule = name ? this.t.params.fields[name] : undefined;
      if (!name || !rule || name === 'temperature' || name === 'top_p') continue;
      if (rule.support === 'rejected') {
        this.removeProperty(request, prop);
        this.review(site, node, `${p} rejects ${name}${rule.note ? ` (${rule.note})` : ''}: removed`);
      } else if (rule.support === 'renamed' && rule.to && prop.name) {
        if (OPENAI_REQUEST_FIELDS.has(rule.to) && !property(request, rule.to)) {
          this.edits.push({ start: prop.name.getStart(this.sf), end: prop.name.end, text: rule.to });
          this.review(site, node, `${p} takes ${rule.to} instead of ${name}: renamed`);
        } else {
          this.review(site, node, `${p} reads ${rule.to} instead of ${name}, which the openai SDK's types do not know: pass it as ${rule.to} if you need it`);
        }
      }
    }
  }

  /** Capabilities behind request features: dropped when harmless, marked when not, noted when partial. */
  private features(site: Site, node: ts.CallExpression, request: ts.ObjectLiteralExpression | undefined): void {
    const p = this.provider;
    const seen = new Set<Capability>();
    for (const feature of site.features) {
      const capability = FEATURE_CAPABILITIES[feature];
      if (!capability || seen.has(capability)) continue;
      seen.add(capability);
      if (capability === 'tool_choice') {
        this.toolChoice(site, node, request);
        continue;
      }
      const { support, note } = this.t.capabilities[capability];
      const label = CAPABILITY_LABELS[capability];
      const detail = note ? ` (${note})` : '';
      if (support === 'no') {
        const field = capability === 'stream_usage' ? 'stream_options' : capability === 'seed' ? 'seed' : undefined;
        const prop = field && request ? property(request, field) : undefined;
        if (DROPPABLE_CAPABILITIES.has(capability) && prop && request) {
          this.removeProperty(request, prop);
          this.review(site, node, `${p} does not offer ${label}: ${field} removed`);
        } else {
          this.manual(site, node, `${p} does not offer ${label}${detail}: rework this call`);
        }
      } else if (support === 'partial') {
        this.review(site, node, `${p} supports ${label} only partly${detail}`);
      } else if (support === 'unknown') {
        this.review(site, node, `${p}'s support for ${label} is unconfirmed${detail}: test it`);
      }
    }
  }

  private toolChoice(site: Site, node: ts.CallExpression, request: ts.ObjectLiteralExpression | undefined): void {
    const p = this.provider;
    const modes = this.t.params.toolChoiceModes;
    const prop = request && (property(request, 'tool_choice') ?? property(request, 'function_call'));
    if (modes === 'unknown') {
      this.review(site, node, `which tool_choice values ${p} accepts is unconfirmed: test this call`);
      return;
    }
    const init = prop && ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
    const mode = !init ? undefined
      : ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) ? init.text
      : ts.isObjectLiteralExpression(init) ? 'named' : undefined;
    if (mode === undefined) {
      this.review(site, node, `${p} accepts tool_choice ${modes.join(', ')} only: check the value this call sends`);
      return;
    }
    if ((modes as string[]).includes(mode) || !init) return;
    if ((modes as string[]).includes('auto')) {
      this.edits.push({ start: init.getStart(this.sf), end: init.end, text: `${this.quote}auto${this.quote}` });
      this.review(site, node, `${p} accepts tool_choice ${modes.join(', ')} only: ${mode === 'named' ? 'the named function' : `"${mode}"`} became "auto", so the model may answer without calling a tool`);
    } else {
      this.manual(site, node, `${p} does not accept tool_choice ${mode}: rework this call`);
    }
  }

  // ---- env reads and model literals ----------------------------------------------------------------------

  private env(site: Site): void {
    const target = site.name === 'OPENAI_API_KEY' ? this.t.apiKey.env
      : site.name === 'OPENAI_BASE_URL' || site.name === 'OPENAI_API_BASE' ? baseUrlEnv(this.t) : undefined;
    if (!target) return;
    const node = this.findAt(site.start, site.end);
    if (!node) return;
    if (ts.isPropertyAccessExpression(node)) {
      this.edits.push({ start: node.name.getStart(this.sf), end: node.name.end, text: target });
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const arg = node.argumentExpression;
      this.edits.push({ start: arg.getStart(this.sf) + 1, end: arg.end - 1, text: target });
    } else if (ts.isBindingElement(node)) {
      const key = node.propertyName ?? node.name;
      const text = node.propertyName ? target : `${target}: ${key.getText(this.sf)}`;
      this.edits.push({ start: key.getStart(this.sf), end: key.end, text });
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const arg = node.arguments[0];
      this.edits.push({ start: arg.getStart(this.sf) + 1, end: arg.end - 1, text: target });
    } else {
      return;
    }
    this.item(site, 'migrated', `${site.name} → ${target}`);
  }

  private modelLiteral(site: Site): void {
    const node = this.findAt(site.start, site.end);
    if (node && ts.isStringLiteralLike(node)) this.mapLiteral(site, node, node);
  }

  // ---- edit helpers --------------------------------------------------------------------------------------

  /**
   * Sets (or adds) properties and removes others in an object literal, touching only what changes and
   * following the object's layout (one line, or one property per line with or without a trailing comma).
   */
  private rewriteObject(object: ts.ObjectLiteralExpression, sets: Array<[string, string]>, removes: string[]): void {
    const props = [...object.properties];
    const named = (p: ts.ObjectLiteralElementLike) => (p.name ? propertyNameText(p.name) : undefined);
    const removed = props.filter((p) => removes.includes(named(p) ?? ''));
    const kept = props.filter((p) => !removed.includes(p));
    const additions: string[] = [];
    for (const [key, value] of sets) {
      const prop = kept.find((p) => named(p) === key);
      if (!prop) additions.push(`${key}: ${value}`);
      else if (ts.isPropertyAssignment(prop)) {
        if (prop.initializer.getText(this.sf) !== value) this.edits.push({ start: prop.initializer.getStart(this.sf), end: prop.initializer.end, text: value });
      } else {
        this.edits.push({ start: prop.getStart(this.sf), end: prop.end, text: `${key}: ${value}` });
      }
    }
    if (kept.length === 0) {
      if (additions.length > 0 || removed.length > 0) {
        this.edits.push({ start: object.getStart(this.sf), end: object.end, text: `{ ${additions.join(', ')} }` });
      }
      return;
    }
    for (const prop of removed) this.removeProperty(object, prop);
    if (additions.length === 0) return;
    const last = kept[kept.length - 1]!;
    const multiline = this.lineOf(object.getStart(this.sf)) !== this.lineOf(props[0]!.getStart(this.sf));
    const trailingComma = last === props[props.length - 1] && object.properties.hasTrailingComma;
    if (multiline) {
      const indent = this.indentOf(props[0]!.getStart(this.sf));
      if (trailingComma) {
        const comma = this.commaAfter(last.end);
        this.edits.push({ start: comma, end: comma, text: additions.map((a) => `${this.eol}${indent}${a},`).join('') });
      } else {
        this.edits.push({ start: last.end, end: last.end, text: additions.map((a) => `,${this.eol}${indent}${a}`).join('') });
      }
    } else {
      this.edits.push({ start: last.end, end: last.end, text: additions.map((a) => `, ${a}`).join('') });
    }
  }

  /** Marks a property for removal; the ranges are worked out per object at the end (neighbours may go too). */
  private removeProperty(object: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): void {
    const set = this.removals.get(object) ?? new Set<ts.ObjectLiteralElementLike>();
    set.add(prop);
    this.removals.set(object, set);
    this.claim(prop);
  }

  /**
   * Removes properties with their commas, leaving the neighbours' layout as it was: a property after a kept
   * one goes from the end of the property before it (taking the comma before it); a leading run goes up to
   * the start of the next property. Adjacent removals meet end to start, so they never overlap.
   */
  private flushRemovals(): void {
    for (const [object, removed] of this.removals) {
      const props = object.properties;
      if (props.every((p) => removed.has(p))) {
        this.edits.push({ start: props[0]!.getStart(this.sf), end: props[props.length - 1]!.end, text: '' });
        continue;
      }
      const firstKept = props.findIndex((p) => !removed.has(p));
      props.forEach((prop, index) => {
        if (!removed.has(prop)) return;
        if (index > firstKept) this.edits.push({ start: props[index - 1]!.end, end: prop.end, text: '' });
        else this.edits.push({ start: prop.getStart(this.sf), end: props[index + 1]!.getStart(this.sf), text: '' });
      });
    }
  }

  private review(site: Site, at: ts.Node, message: string): void {
    this.comment(at, `// ${NOTE_PREFIX} ${message}`);
    this.item(site, 'review', message);
  }

  private manual(site: Site, at: ts.Node, message: string): void {
    this.comment(at, `// ${TODO_PREFIX} ${message}`);
    this.item(site, 'manual', message);
  }

  /** A comment line above the statement holding `at`, at most once: an identical line already there is kept. */
  private comment(at: ts.Node, comment: string): void {
    let statement: ts.Node = at;
    while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent) &&
      !ts.isModuleBlock(statement.parent) && !ts.isCaseClause(statement.parent) && !ts.isDefaultClause(statement.parent) &&
      !ts.isClassLike(statement.parent)) {
      statement = statement.parent;
    }
    const start = statement.getStart(this.sf);
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const indent = this.indentOf(start);
    // Comment lines right above the statement: the marker may already be among them.
    let cursor = lineStart;
    while (cursor > 0) {
      const prevStart = this.text.lastIndexOf('\n', cursor - 2) + 1;
      const line = this.text.slice(prevStart, cursor).trim();
      if (!line.startsWith('//')) break;
      if (line === comment) return;
      cursor = prevStart;
    }
    // Code before the statement on its line (maybe the end of a multi-line string): the comment goes right
    // before the statement, on a line of its own, so nothing is inserted into that code.
    const inline = /\S/.test(this.text.slice(lineStart, start));
    const where = inline ? start : lineStart;
    // Inline, the spaces between the code before and the statement give way to the line break.
    const from = inline ? start - /[ \t]*$/.exec(this.text.slice(lineStart, start))![0].length : lineStart;
    const pending = this.inserted.get(where) ?? { inline, indent, lines: [], from };
    if (!pending.lines.includes(comment)) pending.lines.push(comment);
    this.inserted.set(where, pending);
  }

  /** The offset just after the comma that follows `pos` (comments and whitespace skipped). */
  private commaAfter(pos: number): number {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, this.text);
    scanner.resetTokenState(pos);
    scanner.scan();
    return scanner.getTokenEnd();
  }

  private item(site: Site, bucket: Bucket, reason: string): void {
    this.items.push({ file: site.file, line: site.line, column: site.column, api: site.api, siteId: site.id, bucket, reason });
  }

  private claim(node: ts.Node): void {
    this.claimed.push([node.getStart(this.sf), node.end]);
  }

  private isClaimed(start: number, end: number): boolean {
    return this.claimed.some(([s, e]) => start >= s && end <= e);
  }

  private lineOf(pos: number): number {
    return this.sf.getLineAndCharacterOfPosition(pos).line;
  }

  /** The whitespace that starts the line holding `pos`. */
  private indentOf(pos: number): string {
    const lineStart = this.text.lastIndexOf('\n', pos - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(lineStart, pos))![0];
  }

  private find<T extends ts.Node>(site: Site, guard: (node: ts.Node) => node is T): T | undefined {
    return this.findAt(site.start, site.end, guard) as T | undefined;
  }

  /** The node that spans exactly [start, end) and passes the guard (a statement can share its call's range). */
  private findAt(start: number, end: number, guard: (node: ts.Node) => boolean = () => true): ts.Node | undefined {
    let found: ts.Node | undefined;
    const visit = (node: ts.Node): void => {
      if (found || node.getStart(this.sf) > start || node.end < end) return;
      if (node.getStart(this.sf) === start && node.end === end && guard(node)) {
        found = node;
        return;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(this.sf, visit);
    return found;
  }
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === name);
}

function numberOf(node: ts.Expression): number | undefined {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  return undefined;
}

