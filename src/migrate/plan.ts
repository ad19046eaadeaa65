import { MARKER } from '../collect/collect.js';
import { isMigrated } from '../sources/labels.js';
import { requestObject } from '../sources/openai/detectors/features.js';
import { v3Configuration } from '../sources/openai/detectors/clients.js';
import { ts } from '../analysis/typescript/parse.js';
import type { AnalyzedFile } from '../scan/scan.js';
import { lookup } from '../analysis/typescript/scope.js';
import type { Sdk, Site } from '../scan/sites.js';
import { eolOf, quoteOf, type TextEdit } from './edits.js';
import { commentText, literalBody, quoteAt, stringLiteral, type Quote } from './literals.js';
import { propertyNameText, type Evaluator } from '../analysis/typescript/evaluator.js';
import { baseUrlEnv, bucketOf, decide, OPENAI_ACCOUNT_OPTIONS, regionBaseUrl, type Bucket as StepBucket, type Decision, type Step } from '../policy/decide.js';
import type { Template } from '../templates/schema.js';
import type { SiteRoute } from './route.js';
import { planAdapter, type AdapterHost } from './adapters.js';
import { planLangchainClient } from '../sources/langchain/migrate.js';
import { AiSdkPlanner } from '../sources/ai-sdk/migrate.js';
import { endpointEdits, httpRequestObject } from '../sources/http/migrate.js';
import { inlineModel, sendOptions } from '../sources/chatgpt/migrate.js';
import { currentMethod, rewriteCall, rewriteImports, v3Client, type CallRewrite } from '../sources/openai/v3-rewrite.js';

/**
 * migrated: changed, nothing to check; review: changed, with a `// qianyi:` note to read; manual: a `TODO(qianyi)`
 * left; acknowledged: a `// qianyi-ignore: <reason>` above the site, left as it is (reason = the user's).
 */
export type Bucket = StepBucket | 'acknowledged';
export { baseUrlEnv, regionBaseUrl } from '../policy/decide.js';

export interface PlanItem {
  file: string;
  line: number;
  column: number;
  api: string | null;
  siteId: string | null;
  bucket: Bucket;
  reason: string;
  /** The policy's reason for the step, word for word what `scan` shows for this site (review and manual items). */
  because?: string;
  /** The code of this site is edited (not only given a comment): what `check` counts as still to migrate. */
  changes: boolean;
  /** `--route`: the second provider this site was planned for (absent for the run's provider). */
  provider?: string;
}

export interface PlanOptions {
  template: Template;
  /** Region id of the template (`cn`, `intl`); the template's default when absent. */
  region?: string;
  /** OpenAI model id → model id, from `--model` and the config file; wins over the template's map. */
  models?: Record<string, string>;
  /** Every site of the analysis (a model literal is judged by the calls of any file that read it); the file's own by default. */
  sites?: readonly Site[];
  /**
   * Sources with sites in the project that this version does not migrate: their clients may read the same
   * OPENAI_* variables, so a key or base URL read outside an openai client is left as it is (never a mixed request).
   */
  otherSources?: readonly Sdk[];
  /** Client sites of any file with a `qianyi-ignore: <reason>` above them (see `acknowledgedClients`). */
  kept?: ReadonlySet<string>;
  /** `--route`: the sites decided and planned for a second provider, or marked because their client cannot be reached (route.ts). */
  routeOf?: (site: Site) => SiteRoute | undefined;
  /** `--rewrite-v3`: openai 3.x clients and calls rewritten to the current client shape. */
  rewriteV3?: boolean;
}

export interface FilePlan {
  edits: TextEdit[];
  items: PlanItem[];
  /** Packages the edited code now imports (`@ai-sdk/openai-compatible`): the plan adds them to the nearest package.json. */
  packages?: string[];
  /** `--rewrite-v3`: 3.x clients rewritten in this file, and 3.x sites left behind (marked). */
  v3?: { rewritten: number; held: number };
}

export const NOTE_PREFIX = 'qianyi:';
export const TODO_PREFIX = `${MARKER}:`;
/** `// qianyi-ignore: <reason>` above a site: the user keeps it as it is. Without a reason it does not count. */
const IGNORE = /^\/\/\s*qianyi-ignore:\s*(\S.*)$/;

/** Options that only Azure's client takes; an OpenAI-compatible provider has no use for them. */
const AZURE_ONLY_OPTIONS = ['endpoint', 'apiVersion', 'deployment', 'azureADTokenProvider', 'azureAdTokenProvider'];

/**
 * Plans the edits of one file for one provider: pure, nothing is written. Each site's decision (policy/decide.ts)
 * becomes edits (its actions), a note for review, or a TODO marker for manual work; see README "What migrate changes".
 */
export function planFile(file: AnalyzedFile, options: PlanOptions, evaluator: Evaluator): FilePlan {
  return new FilePlanner(file, options, evaluator).plan();
}

/** The client sites of a file that the user acknowledged (`// qianyi-ignore: <reason>` above): kept as they are. */
export function acknowledgedClients(file: AnalyzedFile, options: PlanOptions, evaluator: Evaluator): string[] {
  return new FilePlanner(file, options, evaluator).acknowledgedClients();
}

/** What a source's own planner (src/sources/<id>/migrate.ts) uses of the file's planner: its edits go through here. */
export interface SitePlanner {
  readonly sf: ts.SourceFile;
  readonly text: string;
  readonly quote: Quote;
  readonly eol: string;
  readonly t: Template;
  readonly region: string | undefined;
  readonly edits: TextEdit[];
  readonly evaluator: Evaluator;
  find<T extends ts.Node>(site: Site, guard: (node: ts.Node) => node is T): T | undefined;
  rewriteObject(object: ts.ObjectLiteralExpression, sets: Array<[string, string]>, removes: string[]): void;
  replaceLiteral(literal: ts.StringLiteralLike, model: string): void;
  removeProperty(object: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): void;
  report(site: Site, at: ts.Node, step: Step): void;
  claim(node: ts.Node): void;
}

class FilePlanner implements SitePlanner {
  readonly edits: TextEdit[] = [];
  private readonly items: PlanItem[] = [];
  /** Ranges already rewritten as a whole: sites inside them are done. */
  private readonly claimed: Array<[number, number]> = [];
  /** Comment lines to insert, by offset: at a line start, or (inline) right before a statement. */
  private readonly inserted = new Map<number, { inline: boolean; indent: string; lines: string[]; from: number }>();
  private readonly removals = new Map<ts.ObjectLiteralExpression, Set<ts.ObjectLiteralElementLike>>();
  private plannedAtLastItem = 0;
  /** `--rewrite-v3`: the client sites rewritten to `new OpenAI(...)`, and the 3.x sites left (marked). */
  private readonly v3Rewritten = new Set<string>();
  private v3Held = 0;
  readonly sf: ts.SourceFile;
  readonly text: string;
  readonly eol: string;
  readonly quote: Quote;
  /** The provider the current site is planned for: the run's, or a route's (set per site in `plan`). */
  t: Template;
  private provider: string;
  region: string | undefined;

  constructor(
    private readonly file: AnalyzedFile,
    private readonly options: PlanOptions,
    readonly evaluator: Evaluator,
  ) {
    this.sf = file.sf;
    this.text = file.text;
    this.eol = eolOf(file.text);
    this.quote = quoteOf(file.text);
    this.t = options.template;
    this.provider = options.template.name.en;
    this.region = options.region;
  }

  /** Plans the next site for `route`'s provider, or for the run's when there is none. */
  private use(route: SiteRoute | undefined): void {
    const routed = route && 'route' in route ? route.route : undefined;
    this.t = routed?.template ?? this.options.template;
    this.provider = this.t.name.en;
    this.region = routed ? routed.region : this.options.region;
  }

  acknowledgedClients(): string[] {
    // A hand-written request is its own client: acknowledged, its key and URL reads stay with it.
    const held = (s: Site) => s.kind === 'client' || (s.kind === 'call' && s.sdk === 'http');
    return this.file.sites.filter((s) => held(s) && this.ignoreReason(s) !== undefined).map((s) => s.id);
  }

  plan(): FilePlan {
    const aiSdk = new AiSdkPlanner(this);
    const order = ['client', 'call', 'env', 'model', 'import'];
    const sites = [...this.file.sites].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.start - b.start);
    for (const site of sites) {
      const route = this.options.routeOf?.(site);
      this.use(route);
      // A routed site is decided for its provider: its own models, never the run's --model overrides.
      const decideOptions = { models: route && 'route' in route ? undefined : this.options.models, region: this.region, otherSources: this.options.otherSources, kept: this.options.kept };
      if (this.isClaimed(site.start, site.end)) {
        this.insideClaimed(site, decideOptions);
        continue;
      }
      const ignored = site.kind === 'import' ? undefined : this.ignoreReason(site);
      if (ignored) {
        this.item(site, 'acknowledged', ignored);
        continue;
      }
      // A 3.x call --rewrite-v3 rewrites is judged (and its notes worded) as the call it becomes.
      const current = this.options.rewriteV3 && site.sdk === 'openai-v3' && site.kind === 'call' && site.api ? currentMethod(site.api) : undefined;
      const decision = decide(current ? { ...site, api: current } : site, this.t, decideOptions, this.options.sites ?? this.file.sites);
      if (route && 'mark' in route) {
        const node = this.findAt(site.start, site.end);
        if (node) this.manual(site, node, route.mark);
      }
      if (!isMigrated(site.sdk)) this.notMigrated(site, decision);
      else if (site.kind === 'client' && site.sdk === 'langchain') planLangchainClient(this, site, decision);
      else if (site.sdk === 'ai-sdk' && site.kind !== 'env' && site.kind !== 'import' && (site.kind !== 'model' || site.name)) aiSdk.site(site, decision);
      else if (site.kind === 'client') this.client(site, decision);
      else if (site.kind === 'call') this.call(site, decision);
      else if (site.kind === 'env') this.env(site, decision);
      else if (site.kind === 'model') this.modelLiteral(site, decision);
    }
    const packages = aiSdk.finish();
    this.flushRemovals();
    // A file with nothing left to change is migrated already: its review notes were read (maybe deleted), not re-added.
    const settled = this.edits.length === 0;
    for (const [pos, { inline, indent, lines: all, from }] of this.inserted) {
      const lines = settled ? all.filter((l) => !l.startsWith(`// ${NOTE_PREFIX}`)) : all;
      if (lines.length === 0) continue;
      const text = inline
        ? `${this.eol}${lines.map((l) => `${indent}${l}${this.eol}`).join('')}${indent}`
        : lines.map((l) => `${indent}${l}${this.eol}`).join('');
      this.edits.push({ start: from, end: pos, text });
    }
    const plan: FilePlan = { edits: this.edits, items: this.items, ...(packages.length > 0 ? { packages } : {}) };
    if (this.options.rewriteV3 && (this.v3Rewritten.size > 0 || this.v3Held > 0)) plan.v3 = { rewritten: this.v3Rewritten.size, held: this.v3Held };
    return plan;
  }

  /**
   * A site of a source this version does not migrate (LangChain, the AI SDK, a raw fetch ...): left as it is,
   * with a marker; its range is claimed, so no key or model inside it changes without its endpoint.
   */
  private notMigrated(site: Site, decision: Decision): void {
    const node = this.findAt(site.start, site.end);
    if (!node) return;
    for (const step of decision.steps) this.report(site, node, step);
    this.claim(node);
  }

  /**
   * A site inside a request left to the user (a claimed range): nothing in it is edited, but what scan says of
   * it is still reported, so scan and migrate agree site by site (the request's own marker covers the code).
   */
  private insideClaimed(site: Site, decideOptions: Parameters<typeof decide>[2]): void {
    if (site.kind === 'import') return;
    const decision = decide(site, this.t, decideOptions, this.options.sites ?? this.file.sites);
    for (const step of decision.steps) {
      const bucket = bucketOf(step);
      if (bucket && bucket !== 'migrated' && step.note !== undefined) this.item(site, bucket, step.note, step.reason);
    }
  }

  // ---- clients -------------------------------------------------------------------------------------------

  private client(site: Site, decision: Decision): void {
    const node = this.find(site, ts.isNewExpression);
    if (!node) return;
    const set = decision.steps.find((s) => s.action === 'set-client');
    for (const step of decision.steps) if (step !== set && step.action !== 'remove-field') this.report(site, node, step);
    if (!set) return;
    const env = this.t.apiKey.env;
    const url = regionBaseUrl(this.t, this.region);
    const q = this.quote;
    const apiKey = `process.env.${env}`;
    const baseURL = `process.env.${baseUrlEnv(this.t)} ?? ${stringLiteral(url, q)}`;
    // The app's own key stays where it keeps it (the decision marks what must now hold the provider's key).
    const onlyUrl = set.field === 'baseURL';
    const before = this.edits.length;

    if (site.sdk === 'openai-v3' && this.options.rewriteV3) {
      const rewrite = v3Client(node);
      if (typeof rewrite !== 'string') {
        this.rewriteV3Client(site, node, rewrite, onlyUrl ? undefined : apiKey, baseURL);
        this.report(site, node, set);
        return;
      }
      this.manual(site, node, `--rewrite-v3 left this 3.x client as it was (${rewrite}): rewrite it to new OpenAI({ apiKey, baseURL }) by hand`);
      this.v3Held++;
    }
    if (site.sdk === 'openai-v3' || site.sdk === 'openai-edge') {
      // openai-edge has the 3.x shape: its Configuration takes the key and the base path.
      const config = v3Configuration(node);
      if (!config) {
        this.manual(site, node, `the Configuration of this 3.x client is built elsewhere: give it apiKey: process.env.${env} and basePath: "${url}" for ${this.provider}`);
        return;
      }
      this.rewriteObject(config, [...(onlyUrl ? [] : [['apiKey', apiKey] as [string, string]]), ['basePath', baseURL]], OPENAI_ACCOUNT_OPTIONS);
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
      else if (ts.isObjectLiteralExpression(first) && site.sdk === 'chatgpt') {
        // Its apiKey option is typed string: an unset variable becomes no key, which the package refuses.
        this.chatgptClient(first, decision, onlyUrl ? [] : [['apiKey', `${apiKey} ?? ${stringLiteral('', q)}`]], baseURL);
      } else if (ts.isObjectLiteralExpression(first)) {
        const sets: Array<[string, string]> = onlyUrl ? [['baseURL', baseURL]] : [['apiKey', apiKey], ['baseURL', baseURL]];
        this.rewriteObject(first, sets, [...OPENAI_ACCOUNT_OPTIONS, ...(site.sdk === 'azure-openai' ? AZURE_ONLY_OPTIONS : [])]);
      } else {
        this.manual(site, node, `the client options are built elsewhere: set apiKey: process.env.${env} and baseURL: "${url}" for ${this.provider}`);
        return;
      }
    }
    if (this.edits.length > before) {
      this.claim(node);
      this.report(site, node, set);
    }
  }

  /** `new OpenAIApi(config)` → `new OpenAI({ apiKey, baseURL })`; the Configuration const goes, the imports follow. */
  private rewriteV3Client(site: Site, node: ts.NewExpression, client: ReturnType<typeof v3Client> & object, apiKey: string | undefined, baseURL: string): void {
    const key = apiKey ?? client.options.properties.map((p) => (ts.isPropertyAssignment(p) && p.name && propertyNameText(p.name) === 'apiKey' ? p.initializer.getText(this.sf) : undefined)).find(Boolean);
    const callee = ts.isPropertyAccessExpression(node.expression) ? `${node.expression.expression.getText(this.sf)}.OpenAI` : 'OpenAI';
    const fields = [...(key ? [`apiKey: ${key}`] : []), `baseURL: ${baseURL}`];
    this.edits.push({ start: node.getStart(this.sf), end: node.end, text: `new ${callee}({ ${fields.join(', ')} })` });
    this.claim(node);
    if (client.configStatement) {
      const start = this.text.lastIndexOf('\n', client.configStatement.getStart(this.sf) - 1) + 1;
      const lineEnd = this.text.indexOf('\n', client.configStatement.end);
      this.edits.push({ start, end: lineEnd < 0 ? this.text.length : lineEnd + 1, text: '' });
      this.claimed.push([start, lineEnd < 0 ? this.text.length : lineEnd + 1]);
    }
    if (this.v3Rewritten.size === 0) this.applyRewrite(site, rewriteImports(this.sf));
    this.v3Rewritten.add(site.id);
  }

  /** Edits and marks of a --rewrite-v3 step; a mark leaves 3.x code behind (the package.json bump waits for it). */
  private applyRewrite(site: Site, rewrite: CallRewrite): void {
    this.edits.push(...rewrite.edits);
    for (const mark of rewrite.marks) {
      this.manual(site, mark.at, `--rewrite-v3: ${mark.message}`);
      this.v3Held++;
    }
  }

  /** ChatGPTAPI's options: apiKey and apiBaseUrl set, apiOrg removed, its model mapped (or the package's default made explicit). */
  private chatgptClient(options: ts.ObjectLiteralExpression, decision: Decision, key: Array<[string, string]>, baseURL: string): void {
    const to = decision.steps.find((s) => s.action === 'map-model')?.to;
    const literal = inlineModel(options);
    const sets: Array<[string, string]> = [...key, ['apiBaseUrl', baseURL]];
    if (to && literal === 'absent') sets.push(['completionParams', `{ model: ${stringLiteral(to, this.quote)} }`]);
    this.rewriteObject(options, sets, ['apiOrg']);
    if (to && literal !== 'absent' && literal !== 'other') this.replaceLiteral(literal, to);
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

  private call(site: Site, decision: Decision): void {
    const node = this.find(site, ts.isCallExpression);
    if (!node || !site.api) return;
    const request = site.sdk === 'http' ? httpRequestObject(node, this.evaluator) : site.sdk === 'chatgpt' ? chatgptParams(node) : this.requestObject(node);
    if (site.sdk === 'http' && decision.steps.some((s) => s.action === 'set-endpoint') && !this.repointRequest(node)) {
      // The policy moves it, the code defeats the edit: nothing of it moves.
      this.manual(site, node, `qianyi could not rewrite this request's URL: move its URL, key and model to ${this.provider} together`);
      return;
    }
    if (site.sdk === 'openai-v3' && this.options.rewriteV3 && site.api) this.rewriteV3Call(site, node, site.api);
    for (const step of decision.steps) {
      if (step.action === 'adapt') {
        // A model-level adaptation (adapters.ts): its note goes where the code it is about is.
        const [first, ...rest] = planAdapter(this.adapterHost(), site, node, request, step);
        if (first) this.report(site, first, step);
        for (const at of rest) if (bucketOf(step) !== 'migrated') this.comment(at, `// ${bucketOf(step) === 'review' ? NOTE_PREFIX : TODO_PREFIX} ${commentText(step.note ?? '')}`);
        continue;
      }
      if (!this.act(site, node, request, step)) continue;
      this.report(site, node, step);
    }
  }

  private adapterHost(): AdapterHost {
    return {
      sf: this.sf, text: this.text, quote: this.quote,
      edit: (e) => this.edits.push(e),
      findAt: (start, end) => this.findAt(start, end),
      claim: (n) => this.claim(n),
    };
  }

  /** A 3.x call of a client rewritten in this file: the current method, and `.data` dropped where its result is read. */
  private rewriteV3Call(site: Site, node: ts.CallExpression, method: string): void {
    if (!site.clientSite || !this.v3Rewritten.has(site.clientSite)) {
      this.manual(site, node, `--rewrite-v3: this 3.x call's client was not rewritten here: move it to the current client (${method}) by hand`);
      this.v3Held++;
      return;
    }
    const rewrite = rewriteCall(node, method);
    if (typeof rewrite === 'string') {
      this.manual(site, node, `--rewrite-v3: ${rewrite}`);
      this.v3Held++;
      return;
    }
    this.applyRewrite(site, rewrite);
  }

  /** Carries out a step's action on the call; false when there is nothing to say (the edit had no target). */
  private act(site: Site, node: ts.CallExpression, request: ts.ObjectLiteralExpression | undefined, step: Step): boolean {
    const field = step.field;
    const prop = request && field ? property(request, field) : undefined;
    switch (step.action) {
      case 'map-model': {
        const literal = this.callModelLiteral(site, node, request);
        if (!literal || !step.to) return false;
        this.replaceLiteral(literal, step.to);
        return true;
      }
      case 'remove-field':
        if (!prop || !request) return false;
        this.removeProperty(request, prop);
        return true;
      case 'clamp':
        if (!prop || !ts.isPropertyAssignment(prop) || step.to === undefined) return false;
        this.edits.push({ start: prop.initializer.getStart(this.sf), end: prop.initializer.end, text: step.to });
        return true;
      case 'rename-field':
        if (!prop?.name || step.to === undefined) return false;
        this.edits.push({ start: prop.name.getStart(this.sf), end: prop.name.end, text: step.to });
        return true;
      case 'set-field': {
        const choice = request && (property(request, 'tool_choice') ?? property(request, 'function_call'));
        if (!choice || !ts.isPropertyAssignment(choice) || step.to === undefined) return false;
        this.edits.push({ start: choice.initializer.getStart(this.sf), end: choice.initializer.end, text: stringLiteral(step.to, this.quote) });
        return true;
      }
      default:
        return true;
    }
  }

  /** Points a hand-written request's URL at the provider (a shared constant is edited once); false when it cannot. */
  private repointRequest(node: ts.CallExpression): boolean {
    const edits = endpointEdits(node, this.evaluator, { url: regionBaseUrl(this.t, this.region), env: baseUrlEnv(this.t), quote: this.quote });
    if (!edits) return false;
    for (const e of edits) {
      if (!this.edits.some((x) => x.start === e.start && x.end === e.end && x.text === e.text)) this.edits.push(e);
    }
    return true;
  }

  /** The request object literal when it is written in this file (inline or as a const): only that can be edited. */
  private requestObject(node: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
    const request = requestObject(node, this.evaluator);
    return request?.getSourceFile() === this.sf ? request : undefined;
  }

  /** The model literal written in the call: the request's `model:`, or a 3.x positional model argument. */
  private callModelLiteral(site: Site, node: ts.CallExpression, request: ts.ObjectLiteralExpression | undefined): ts.StringLiteralLike | undefined {
    const prop = request && property(request, 'model');
    const init = prop && ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
    if (init && ts.isStringLiteralLike(init)) return init;
    const positional = node.arguments.find((a) => ts.isStringLiteralLike(a) && a.text === site.model);
    return positional && ts.isStringLiteralLike(positional) ? positional : undefined;
  }

  replaceLiteral(literal: ts.StringLiteralLike, model: string): void {
    this.edits.push({ start: literal.getStart(this.sf) + 1, end: literal.end - 1, text: literalBody(model, quoteAt(this.text, literal.getStart(this.sf))) });
    this.claim(literal);
  }

  // ---- env reads and model literals ----------------------------------------------------------------------

  private env(site: Site, decision: Decision): void {
    const node = this.findAt(site.start, site.end);
    if (!node) return;
    for (const step of decision.steps) {
      if (step.action === 'rename-env' && !this.renameEnv(node, step.to!)) continue;
      this.report(site, node, step);
    }
  }

  private renameEnv(node: ts.Node, target: string): boolean {
    if (ts.isPropertyAccessExpression(node)) {
      this.edits.push({ start: node.name.getStart(this.sf), end: node.name.end, text: target });
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const arg = node.argumentExpression;
      this.edits.push({ start: arg.getStart(this.sf) + 1, end: arg.end - 1, text: literalBody(target, quoteAt(this.text, arg.getStart(this.sf))) });
    } else if (ts.isElementAccessExpression(node)) {
      // process.env[NAME] with NAME a constant (the decision resolved it): the constant may serve other reads.
      const arg = node.argumentExpression;
      this.edits.push({ start: arg.getStart(this.sf), end: arg.end, text: stringLiteral(target, this.quote) });
    } else if (ts.isBindingElement(node)) {
      const key = node.propertyName ?? node.name;
      const text = node.propertyName ? target : `${target}: ${key.getText(this.sf)}`;
      this.edits.push({ start: key.getStart(this.sf), end: key.end, text });
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const arg = node.arguments[0];
      this.edits.push({ start: arg.getStart(this.sf) + 1, end: arg.end - 1, text: literalBody(target, quoteAt(this.text, arg.getStart(this.sf))) });
    } else {
      return false;
    }
    return true;
  }

  private modelLiteral(site: Site, decision: Decision): void {
    const node = this.findAt(site.start, site.end);
    if (!node || !ts.isStringLiteralLike(node)) return;
    for (const step of decision.steps) {
      if (step.action === 'map-model' && step.to) this.replaceLiteral(node, step.to);
      this.report(site, node, step);
    }
  }

  // ---- edit helpers --------------------------------------------------------------------------------------

  /**
   * Sets (or adds) properties and removes others in an object literal, touching only what changes and
   * following the object's layout (one line, or one property per line with or without a trailing comma).
   */
  rewriteObject(object: ts.ObjectLiteralExpression, sets: Array<[string, string]>, removes: string[]): void {
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
      // New lines go after a comment that ends the last property's line (`model: 'x', // why`): it stays with it.
      if (trailingComma) {
        const comma = this.commaAfter(last.end);
        const at = this.afterLineComments(comma);
        this.edits.push({ start: at, end: at, text: additions.map((a) => `${this.eol}${indent}${a},`).join('') });
      } else {
        const at = this.afterLineComments(last.end);
        if (at !== last.end) this.edits.push({ start: last.end, end: last.end, text: ',' });
        this.edits.push({ start: at, end: at, text: additions.map((a, i) => `${at === last.end || i > 0 ? ',' : ''}${this.eol}${indent}${a}`).join('') });
      }
    } else {
      this.edits.push({ start: last.end, end: last.end, text: additions.map((a) => `, ${a}`).join('') });
    }
  }

  /** The end of the comments that follow `pos` on its line, or `pos` when there are none. */
  private afterLineComments(pos: number): number {
    const comments = ts.getTrailingCommentRanges(this.text, pos) ?? [];
    return comments.length > 0 ? comments[comments.length - 1]!.end : pos;
  }

  /** Marks a property for removal; the ranges are worked out per object at the end (neighbours may go too). */
  removeProperty(object: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): void {
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

  /** A step's outcome: a note for review, a TODO for manual work, an item for what was migrated. */
  report(site: Site, at: ts.Node, step: Step): void {
    const bucket = bucketOf(step);
    if (!bucket || step.note === undefined) return;
    if (bucket !== 'migrated') this.comment(at, `// ${bucket === 'review' ? NOTE_PREFIX : TODO_PREFIX} ${commentText(step.note)}`);
    this.item(site, bucket, step.note, bucket === 'migrated' ? undefined : step.reason);
  }

  /** Manual work the decision could not foresee (the code's shape defeats the edit). */
  private manual(site: Site, at: ts.Node, message: string): void {
    this.comment(at, `// ${TODO_PREFIX} ${commentText(message)}`);
    this.item(site, 'manual', message);
  }

  /** A comment line above the statement holding `at`, at most once: an identical line already there is kept. */
  private comment(at: ts.Node, comment: string): void {
    const start = this.statementOf(at).getStart(this.sf);
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

  /** The statement (or class member) holding `at`: where comments about it go. */
  private statementOf(at: ts.Node): ts.Node {
    let statement: ts.Node = at;
    while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent) &&
      !ts.isModuleBlock(statement.parent) && !ts.isCaseClause(statement.parent) && !ts.isDefaultClause(statement.parent) &&
      !ts.isClassLike(statement.parent)) {
      statement = statement.parent;
    }
    return statement;
  }

  /** The reason of a `// qianyi-ignore: <reason>` among the comment lines right above the site's statement or its own line. */
  private ignoreReason(site: Site): string | undefined {
    const node = this.findAt(site.start, site.end);
    const starts = [this.text.lastIndexOf('\n', site.start - 1) + 1];
    if (node) starts.push(this.text.lastIndexOf('\n', this.statementOf(node).getStart(this.sf) - 1) + 1);
    for (const lineStart of starts) {
      let cursor = lineStart;
      while (cursor > 0) {
        const prevStart = this.text.lastIndexOf('\n', cursor - 2) + 1;
        const line = this.text.slice(prevStart, cursor).trim();
        if (!line.startsWith('//')) break;
        const reason = IGNORE.exec(line)?.[1]?.trim();
        if (reason) return reason;
        cursor = prevStart;
      }
    }
    return undefined;
  }

  /** The offset just after the comma that follows `pos` (comments and whitespace skipped). */
  private commaAfter(pos: number): number {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, this.text);
    scanner.resetTokenState(pos);
    scanner.scan();
    return scanner.getTokenEnd();
  }

  private item(site: Site, bucket: Bucket, reason: string, because?: string): void {
    // Edits of an item are planned right before it, so growth since the last item means this one edits code.
    const planned = this.edits.length + [...this.removals.values()].reduce((n, set) => n + set.size, 0);
    const item: PlanItem = { file: site.file, line: site.line, column: site.column, api: site.api, siteId: site.id, bucket, reason, changes: planned > this.plannedAtLastItem };
    this.plannedAtLastItem = planned;
    if (because !== undefined) item.because = because;
    if (this.t !== this.options.template) item.provider = this.t.id;
    this.items.push(item);
  }

  claim(node: ts.Node): void {
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

  find<T extends ts.Node>(site: Site, guard: (node: ts.Node) => node is T): T | undefined {
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

/** What a `sendMessage` call sends as its request fields: its own inline completionParams. */
function chatgptParams(node: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const params = sendOptions(node) && property(sendOptions(node)!, 'completionParams');
  return params && ts.isPropertyAssignment(params) && ts.isObjectLiteralExpression(params.initializer) ? params.initializer : undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === name);
}
