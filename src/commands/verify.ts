/**
 * `qianyi verify [paths...] --provider <id>`: a live smoke test with the user's key. From the code (migrated
 * or not) it works out which endpoint, model and feature combinations will be sent, lists the provider's
 * models once, then sends one minimal request per combination (at most --max-requests, each with a timeout)
 * and reports pass or fail with the provider's own message. The key is never printed: every message goes
 * through `redact` before it is shown.
 */
import { UsageError } from '../errors.js';
import { baseUrlEnv } from '../migrate/plan.js';
import { analyze } from '../scan/scan.js';
import type { Site } from '../scan/sites.js';
import { apiNeeds } from '../sources/openai/capabilities.js';
import { mapModel } from '../sources/openai/models.js';
import type { Template } from '../templates/schema.js';
import { routeForApi, type Route } from '../policy/route.js';
import { prepare, type MigrateCommandOptions } from './migrate.js';

export interface VerifyCommandOptions extends MigrateCommandOptions {
  maxRequests: string;
  timeout: string;
}

/** What a check talks to; an API verify does not probe keeps its capability name (`images`, `audio_speech`, ...). */
type Endpoint = 'models' | 'chat' | 'embeddings' | 'responses' | (string & {});
type Status = 'pass' | 'fail' | 'skipped';

/** One request the code will make, reduced to what the provider may refuse. */
export interface Combination {
  endpoint: 'chat' | 'embeddings' | 'responses';
  model: string;
  /** `basic`, `stream`, `tools`, `tool_choice:<mode>`, `json_object`, `json_schema`. */
  feature: string;
  /** Where the code makes it (file:line), for the report. */
  where: string;
}

export interface VerifyCheck {
  id: string;
  endpoint: Endpoint;
  model: string | null;
  feature: string;
  status: Status;
  httpStatus: number | null;
  message: string;
}

export interface VerifyReport {
  provider: string;
  baseURL: string;
  checks: VerifyCheck[];
  summary: { pass: number; fail: number; skipped: number; requests: number };
  /** `--route`: the report of each second provider, for the calls sent to it (only when there are routes). */
  routes?: Array<VerifyReport & { capability: string }>;
}

/** The call features verify probes; the others (n, logprobs, seed, ...) ride on the basic request. */
const PROBED = ['stream', 'tools', 'json_object', 'json_schema'] as const;

/** The combinations the scanned calls will send to `t`, each once, in the order of the code. */
export function combinationsFor(sites: readonly Site[], t: Template, overrides: Record<string, string> = {}): { combos: Combination[]; unprobed: VerifyCheck[] } {
  const combos = new Map<string, Combination>();
  const unprobed = new Map<string, VerifyCheck>();
  for (const site of sites) {
    if (site.kind !== 'call' || !site.api) continue;
    const needs = apiNeeds(site.api);
    if (!needs?.modelKind) continue;
    const where = `${site.file}:${site.line}`;
    const endpoint = needs.capability === 'chat' ? 'chat' : needs.capability === 'embeddings' ? 'embeddings' : needs.capability === 'responses' ? 'responses' : null;
    const model = modelFor(site, t, overrides, needs.modelKind);
    if (!endpoint) {
      const id = `${needs.capability}:${model ?? '?'}`;
      unprobed.set(id, { id, endpoint: needs.capability, model, feature: 'basic', status: 'skipped', httpStatus: null, message: `${site.api} at ${where} is not probed (verify sends chat, embeddings and responses requests only)` });
      continue;
    }
    if (!model) {
      const id = `${endpoint}:?:basic`;
      unprobed.set(id, { id, endpoint, model: null, feature: 'basic', status: 'skipped', httpStatus: null, message: `${where} chooses its model at run time and ${t.id} names no default ${needs.modelKind} model` });
      continue;
    }
    const features = endpoint === 'chat' ? ['basic', ...PROBED.filter((f) => site.features.includes(f) || (f === 'json_schema' && site.features.includes('zod')))] : ['basic'];
    if (endpoint === 'chat' && site.toolChoice && site.toolChoice !== 'auto') features.push(`tool_choice:${site.toolChoice}`);
    for (const feature of features) {
      const id = `${endpoint}:${model}:${feature}`;
      if (!combos.has(id)) combos.set(id, { endpoint, model, feature, where });
    }
  }
  return { combos: [...combos.values()], unprobed: [...unprobed.values()] };
}

/** What the code will send: the model as the migration maps it (a provider id already stays). */
function modelFor(site: Site, t: Template, overrides: Record<string, string>, kind: NonNullable<ReturnType<typeof apiNeeds>>['modelKind']): string | null {
  if (site.model) {
    const override = overrides[site.model];
    if (override) return override;
    const m = mapModel(t, site.model);
    return 'model' in m ? m.model : null;
  }
  return kind ? t.models.defaults[kind] : null;
}

/** The smallest request body that exercises one combination. */
export function requestBody(c: Combination): Record<string, unknown> {
  if (c.endpoint === 'embeddings') return { model: c.model, input: 'ping' };
  if (c.endpoint === 'responses') return { model: c.model, input: 'ping', max_output_tokens: 16 };
  const body: Record<string, unknown> = { model: c.model, messages: [{ role: 'user', content: 'Reply with the word ok in JSON.' }], max_tokens: 16 };
  const tool = { type: 'function', function: { name: 'ping', description: 'Ping', parameters: { type: 'object', properties: {} } } };
  if (c.feature === 'stream') body.stream = true;
  if (c.feature === 'tools') body.tools = [tool];
  if (c.feature.startsWith('tool_choice:')) {
    const mode = c.feature.slice('tool_choice:'.length);
    body.tools = [tool];
    body.tool_choice = mode === 'named' ? { type: 'function', function: { name: 'ping' } } : mode;
  }
  if (c.feature === 'json_object') body.response_format = { type: 'json_object' };
  if (c.feature === 'json_schema') {
    body.response_format = { type: 'json_schema', json_schema: { name: 'ping', strict: true, schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false } } };
  }
  return body;
}

/** Hides the key, and anything that looks like a bearer token, in text from the provider. */
export function redact(text: string, key: string): string {
  let out = key.length >= 4 ? text.split(key).join('***') : text;
  out = out.replace(/(Bearer\s+)(?!\*\*\*)[A-Za-z0-9._~+/=-]+/gi, '$1***');
  return out.replace(/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-***');
}

interface Reply {
  status: number | null;
  ok: boolean;
  message: string;
  json?: unknown;
}

async function send(url: string, key: string, timeoutMs: number, body?: unknown): Promise<Reply> {
  try {
    const res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const message = res.ok ? 'ok' : providerMessage(json, text, res.statusText);
    return { status: res.status, ok: res.ok, message: redact(message, key), json };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `request failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
    return { status: null, ok: false, message: redact(message, key) };
  }
}

/** The provider's own words: `error.message` (OpenAI's shape and most providers'), else the body. */
function providerMessage(json: unknown, text: string, statusText: string): string {
  const j = json as { error?: { message?: unknown } | string; message?: unknown; msg?: unknown } | undefined;
  const candidates = [typeof j?.error === 'object' ? j.error?.message : j?.error, j?.message, j?.msg];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
  const raw = found ?? (text.trim() || statusText || 'error');
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** A streamed answer must be server-sent events with at least one data line. */
function streamProblem(reply: Reply): string | null {
  if (!reply.ok) return null;
  return reply.json === undefined ? null : 'the provider answered with one JSON body, not a stream';
}

export interface VerifyRun {
  template: Template;
  baseURL: string;
  responsesURL: string;
  key: string;
  maxRequests: number;
  timeoutMs: number;
}

/** Lists the models once, then probes each combination; never more than maxRequests requests in all. */
export async function runVerify(combos: readonly Combination[], unprobed: readonly VerifyCheck[], run: VerifyRun): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  let requests = 0;
  const base = run.baseURL.replace(/\/+$/, '');
  const models = [...new Set(combos.map((c) => c.model))];

  let listed: Set<string> | null = null;
  let listMessage = '';
  let listStatus: number | null = null;
  if (models.length > 0 && requests < run.maxRequests) {
    requests++;
    const reply = await send(`${base}/models`, run.key, run.timeoutMs);
    listStatus = reply.status;
    const data = (reply.json as { data?: Array<{ id?: unknown }> } | undefined)?.data;
    if (reply.ok && Array.isArray(data)) listed = new Set(data.map((m) => String(m.id)));
    else listMessage = reply.ok ? 'the models list is not in the OpenAI shape ({ data: [{ id }] })' : reply.message;
  }
  for (const model of models) {
    const id = `models:${model}`;
    if (listed) {
      const found = listed.has(model);
      checks.push({ id, endpoint: 'models', model, feature: 'listed', status: found ? 'pass' : 'fail', httpStatus: listStatus, message: found ? 'listed' : `${model} is not in ${run.template.id}'s models list (${listed.size} models)` });
    } else {
      checks.push({ id, endpoint: 'models', model, feature: 'listed', status: 'skipped', httpStatus: listStatus, message: listMessage ? `could not list the models: ${listMessage}` : `over --max-requests ${run.maxRequests}` });
    }
  }

  for (const c of combos) {
    const id = `${c.endpoint}:${c.model}:${c.feature}`;
    if (requests >= run.maxRequests) {
      checks.push({ id, endpoint: c.endpoint, model: c.model, feature: c.feature, status: 'skipped', httpStatus: null, message: `over --max-requests ${run.maxRequests}` });
      continue;
    }
    requests++;
    const url = c.endpoint === 'responses' ? `${run.responsesURL.replace(/\/+$/, '')}/responses` : `${base}/${c.endpoint === 'chat' ? 'chat/completions' : 'embeddings'}`;
    const reply = await send(url, run.key, run.timeoutMs, requestBody(c));
    const problem = c.feature === 'stream' ? streamProblem(reply) : null;
    const pass = reply.ok && !problem;
    checks.push({ id, endpoint: c.endpoint, model: c.model, feature: c.feature, status: pass ? 'pass' : 'fail', httpStatus: reply.status, message: problem ?? reply.message });
  }
  checks.push(...unprobed);
  const count = (s: Status) => checks.filter((c) => c.status === s).length;
  return { provider: run.template.id, baseURL: run.baseURL, checks, summary: { pass: count('pass'), fail: count('fail'), skipped: count('skipped'), requests } };
}

/** The terminal table: status, endpoint, model, feature, HTTP status, the provider's message. */
export function verifyPretty(report: VerifyReport): string {
  const rows = [['status', 'endpoint', 'model', 'feature', 'http', 'message'], ...report.checks.map((c) => [c.status, c.endpoint, c.model ?? '?', c.feature, c.httpStatus === null ? '-' : String(c.httpStatus), c.message])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  const s = report.summary;
  return `${report.provider} at ${report.baseURL}\n${lines.join('\n')}\n\n${s.pass} passed, ${s.fail} failed, ${s.skipped} skipped; ${s.requests} request${s.requests === 1 ? '' : 's'} sent\n`;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1 (got "${value}")`);
  return n;
}

/** `qianyi verify`: 0 every check passed, 1 any failed, 2 usage error (no provider, no key). */
export async function verifyCommand(paths: string[], options: VerifyCommandOptions): Promise<number> {
  if (options.format !== 'pretty' && options.format !== 'json') throw new UsageError(`verify prints pretty or json, not "${options.format}"`);
  const maxRequests = positiveInt(options.maxRequests, '--max-requests');
  const timeoutMs = positiveInt(options.timeout, '--timeout');
  const prepared = await prepare(paths, options, 'migrate');
  if ('missing' in prepared) throw new UsageError('verify needs a provider: pass --provider <id>');
  const t = prepared.template;
  // Every provider's key is checked before any request is sent: a missing one is one line naming its variable.
  const target = (tt: Template, region: string) => {
    const keyVar = [tt.apiKey.env, ...tt.apiKey.aliases].find((name) => process.env[name]);
    const key = keyVar ? (process.env[keyVar] as string) : '';
    if (!key) throw new UsageError(`no API key: set ${tt.apiKey.env} to your ${tt.name.en} key${tt === t ? '' : ' (for --route)'}`);
    const r = tt.regions[region]!;
    // Responses may live on another base URL; the <ID>_BASE_URL variable, when set, wins for every protocol.
    const baseURL = process.env[baseUrlEnv(tt)] || r.baseURL;
    return { template: tt, key, baseURL, responsesURL: process.env[baseUrlEnv(tt)] || r.endpoints?.responses?.baseURL || r.baseURL, maxRequests, timeoutMs };
  };
  const main = target(t, prepared.region);
  const seconds = prepared.routes.map((r) => ({ route: r, run: target(r.template, r.region) }));
  const analysis = await analyze({ paths, cwd: process.cwd(), include: prepared.include, exclude: prepared.exclude, types: prepared.types });
  const split = splitByProvider(analysis.sites, t, prepared.routes);
  const { combos, unprobed } = combinationsFor(split.get(t) ?? [], t, prepared.models);
  const report = await runVerify(combos, unprobed, main);
  const keys = [main.key];
  if (seconds.length > 0) {
    report.routes = [];
    for (const { route, run } of seconds) {
      const c = combinationsFor(split.get(route.template) ?? [], route.template);
      report.routes.push({ capability: route.capability, ...(await runVerify(c.combos, c.unprobed, run)) });
      keys.push(run.key);
    }
  }
  const text = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : [report, ...(report.routes ?? [])].map(verifyPretty).join('\n');
  process.stdout.write(keys.reduce((out, key) => redact(out, key), text));
  const failed = report.summary.fail + (report.routes ?? []).reduce((n, r) => n + r.summary.fail, 0);
  return failed > 0 ? 1 : 0;
}

/**
 * Which provider each call goes to: a client qianyi already pointed at one of the run's providers goes there
 * (its base URL's host); otherwise a routed capability goes to its route, everything else to the run's provider.
 */
export function splitByProvider(sites: readonly Site[], primary: Template, routes: readonly Route[]): Map<Template, Site[]> {
  const out = new Map<Template, Site[]>();
  const hostOf = (tt: Template) => new Set(Object.values(tt.regions).map((r) => new URL(r.baseURL).hostname.toLowerCase()));
  const all = [primary, ...routes.map((r) => r.template)].map((tt) => ({ tt, hosts: hostOf(tt) }));
  for (const site of sites) {
    const byHost = site.endpoint === 'provider' && site.host ? all.find((a) => a.hosts.has(site.host!.toLowerCase()))?.tt : undefined;
    const to = byHost ?? routeForApi(site.api, routes)?.template ?? primary;
    out.set(to, [...(out.get(to) ?? []), site]);
  }
  return out;
}
