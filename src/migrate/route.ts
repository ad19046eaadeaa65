/**
 * `--route <capability>=<provider>` in the plan: which sites are planned for the second provider, and the
 * second client a file gets when one client serves both providers' calls. See README "Routes".
 *
 * - A client all of whose traced calls are routed goes to the second provider as a whole (its calls, the
 *   env reads in its options and the model literals only its calls read go with it).
 * - A client with calls of both kinds stays with the first provider; a second client for the second provider
 *   is declared right after it, and only the routed calls are re-pointed to it. That is done only where it is
 *   provable: a `const x = new OpenAI(...)` and calls in the same file whose receiver is that very `x`.
 * - Any other routed call (client untraced, passed across modules, held on `this`, aliased ...) is marked.
 * Each request goes to one provider as a whole, with that provider's key, URL and model: never a mixed one.
 */
import { ts } from '../analysis/typescript/parse.js';
import { lookup } from '../analysis/typescript/scope.js';
import { baseUrlEnv, regionBaseUrl } from '../policy/decide.js';
import { routeFlag, routeForApi, type Route } from '../policy/route.js';
import type { Analysis, AnalyzedFile } from '../scan/scan.js';
import type { Site } from '../scan/sites.js';
import { isOpenAiPackage } from '../sources/labels.js';
import { eolOf, quoteOf, type TextEdit } from './edits.js';
import { stringLiteral } from './literals.js';
import type { PlanItem } from './plan.js';
import type { Template } from '../templates/schema.js';

/** What the plan does with a site under the routes: plan it for the route's provider, or mark it. */
export type SiteRoute = { route: Route } | { mark: string };

export interface RoutingPlan {
  of(site: Site): SiteRoute | undefined;
  /** Edits the second clients need, by absolute file: the declaration and the re-pointed receivers. */
  edits: Map<string, TextEdit[]>;
  /** Items for those edits, by absolute file. */
  items: Map<string, PlanItem[]>;
  /** The second providers some site is planned for (their key variable goes into the .env files). */
  used: Set<Template>;
}

/** The name suffix of a second client: `openai` → `openaiEmbeddings`. */
const SUFFIX: Record<Route['capability'], string> = {
  embeddings: 'Embeddings',
  images: 'Images',
  image_edits: 'ImageEdits',
  audio_transcription: 'Transcriptions',
  audio_translation: 'Translations',
  audio_speech: 'Speech',
  moderations: 'Moderations',
};

export function planRoutes(analysis: Analysis, routes: readonly Route[], primary: Template): RoutingPlan {
  const plan: RoutingPlan = { of: () => undefined, edits: new Map(), items: new Map(), used: new Set() };
  if (routes.length === 0) return plan;
  const decided = new Map<string, SiteRoute>();
  const ids = new Map(analysis.sites.map((s) => [s.id, s]));
  const fileOf = new Map(analysis.files.map((f) => [f.rel, f]));
  const callsOf = new Map<string, Site[]>();
  for (const s of analysis.sites) if (s.kind === 'call' && s.clientSite) callsOf.set(s.clientSite, [...(callsOf.get(s.clientSite) ?? []), s]);
  // One second client per client and route, shared by its routed calls.
  const seconds = new Map<string, Declaration | null>();

  for (const call of analysis.sites) {
    // Only the openai package's clients are routed; a hand-written request or another package's client moves to the run's provider whole, or stays.
    if (call.kind !== 'call' || !isOpenAiPackage(call.sdk) || call.confidence !== 'certain' || call.endpoint === 'foreign' || call.endpoint === 'unknown') continue;
    const route = routeForApi(call.api, routes);
    if (!route) continue;
    const client = call.clientSite ? ids.get(call.clientSite) : undefined;
    if (!client) {
      decided.set(call.id, { mark: unreachable(route, 'its client could not be traced') });
      continue;
    }
    const calls = callsOf.get(client.id) ?? [];
    if (calls.every((c) => routeForApi(c.api, routes) === route)) {
      // Every call of the client is routed: the client moves as a whole.
      decided.set(call.id, { route });
      decided.set(client.id, { route });
      for (const env of analysis.sites) {
        if (env.kind === 'env' && env.file === client.file && env.start >= client.start && env.end <= client.end) decided.set(env.id, { route });
      }
      continue;
    }
    const key = `${client.id}>${route.capability}`;
    if (!seconds.has(key)) seconds.set(key, secondClient(fileOf.get(client.file), client, route));
    const second = seconds.get(key);
    const file = fileOf.get(call.file);
    if (!second || !file || call.file !== client.file || !repointReceiver(file, call, client, second.name, route, plan)) {
      decided.set(call.id, { mark: unreachable(route, `its client also serves calls that stay on ${primary.name.en} and is not a const of this file that a second client can be declared next to`) });
      continue;
    }
    decided.set(call.id, { route });
    // Declared once, and only for a client that gets a call re-pointed to it.
    if (!second.written) {
      second.written = true;
      add(plan.edits, file.file, second.edit);
      add(plan.items, file.file, second.item);
    }
  }
  // A model literal read only by calls of one route is that route's model.
  const callers = new Map<string, Site[]>();
  for (const s of analysis.sites) if (s.kind === 'call' && s.modelSite) callers.set(s.modelSite, [...(callers.get(s.modelSite) ?? []), s]);
  for (const [modelSite, list] of callers) {
    const first = decided.get(list[0]!.id);
    if (first && 'route' in first && list.every((c) => { const d = decided.get(c.id); return d && 'route' in d && d.route === first.route; })) decided.set(modelSite, first);
  }
  for (const d of decided.values()) if ('route' in d) plan.used.add(d.route.template);
  plan.of = (site) => decided.get(site.id);
  return plan;

  function unreachable(route: Route, why: string): string {
    const t = route.template;
    return `routed to ${t.name.en} (--route ${routeFlag(route)}), but ${why}: give this call a client of its own for ${t.name.en} by hand (key in ${t.apiKey.env}, base URL ${regionBaseUrl(t, route.region)})`;
  }
}

interface Declaration {
  name: string;
  edit: TextEdit;
  item: PlanItem;
  written: boolean;
}

/** `const x = new OpenAI(...)`: the declaration of `const xEmbeddings = new OpenAI({ ...second provider })` right after it, or null. */
function secondClient(file: AnalyzedFile | undefined, client: Site, route: Route): Declaration | null {
  if (!file || client.sdk !== 'openai') return null;
  const node = findAt(file.sf, client.start, client.end, ts.isNewExpression);
  const decl = node?.parent;
  if (!node || !decl || !ts.isVariableDeclaration(decl) || decl.initializer !== node || !ts.isIdentifier(decl.name)) return null;
  const list = decl.parent;
  const statement = list?.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || !statement || !ts.isVariableStatement(statement)) return null;
  const t = route.template;
  const name = freeName(file.sf, `${decl.name.text}${SUFFIX[route.capability]}`);
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', statement.getStart(file.sf) - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const q = quoteOf(text);
  const semi = statement.getText(file.sf).endsWith(';') ? ';' : '';
  const options = `{ apiKey: process.env.${t.apiKey.env}, baseURL: process.env.${baseUrlEnv(t)} ?? ${stringLiteral(regionBaseUrl(t, route.region), q)} }`;
  const declaration = `${eolOf(text)}${indent}const ${name} = new ${node.expression.getText(file.sf)}(${options})${semi}`;
  const { line, character } = file.sf.getLineAndCharacterOfPosition(statement.getStart(file.sf));
  return {
    name,
    written: false,
    edit: { start: statement.end, end: statement.end, text: declaration },
    item: {
      file: file.rel, line: line + 1, column: character + 1, api: null, siteId: null, bucket: 'migrated', changes: true,
      reason: `second client ${name} created for ${t.name.en} (${route.capability} calls), key in ${t.apiKey.env}`,
    },
  };
}

/** Re-points a routed call whose receiver starts with the client's own const to the second client. */
function repointReceiver(file: AnalyzedFile, call: Site, client: Site, name: string, route: Route, plan: RoutingPlan): boolean {
  const node = findAt(file.sf, call.start, call.end, ts.isCallExpression);
  const clientNode = findAt(file.sf, client.start, client.end, ts.isNewExpression);
  if (!node || !clientNode) return false;
  let root: ts.Expression = node.expression;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root) || lookup(root.text, root) !== clientNode.parent) return false;
  add(plan.edits, file.file, { start: root.getStart(file.sf), end: root.end, text: name });
  add(plan.items, file.file, {
    file: call.file, line: call.line, column: call.column, api: call.api, siteId: call.id, bucket: 'migrated', changes: true,
    reason: `${call.api} now goes to ${route.template.name.en} through ${name}`,
  });
  return true;
}

/** `base`, or `base2`, `base3` ... when the file already uses the name. */
function freeName(sf: ts.SourceFile, base: string): string {
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) used.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  return name;
}

function findAt<T extends ts.Node>(sf: ts.SourceFile, start: number, end: number, guard: (n: ts.Node) => n is T): T | undefined {
  let found: T | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.getStart(sf) > start || n.end < end) return;
    if (n.getStart(sf) === start && n.end === end && guard(n)) {
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}
