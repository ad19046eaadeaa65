import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mapModel, providerModels } from '../../src/sources/openai/models.js';
import { catalogEntry } from '../../src/templates/catalog.js';
import type { Template } from '../../src/templates/schema.js';
import { parseInterval, type Capability } from '../../src/templates/vocabulary.js';

export interface MockRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** The request's Authorization header was `Bearer <the key the mock was started with>`. */
  authorized: boolean;
}

export interface MockProvider {
  /** What to put in the provider's *_BASE_URL variable: the mock's origin plus the template's base path. */
  baseURL: string;
  requests: MockRequest[];
  close(): Promise<void>;
}

const ENDPOINTS: Record<string, Capability> = {
  '/chat/completions': 'chat',
  '/embeddings': 'embeddings',
  '/images/generations': 'images',
  '/moderations': 'moderations',
};

/**
 * A stand-in for a provider on 127.0.0.1, strict the way the provider is according to its template: it
 * answers only under the template's base path, only with the Bearer key, only for models the provider
 * serves, and rejects what the template says the provider rejects (out-of-range temperature, rejected
 * fields, unsupported tool_choice, missing endpoints). It answers like an OpenAI-compatible API, streaming
 * included. No request leaves the machine.
 */
export interface MockOptions {
  /** What GET /models lists (default: every model the template sends); a model left out is still served. */
  listed?: string[];
  /** Like careless providers, quote the caller's key in every error message (the key must never be printed). */
  echoKey?: boolean;
  /**
   * Serve OpenAI model ids as the model the template maps them to, so that an unmigrated request is judged by
   * that model's rules alone (what fails is the request's shape, not its model id).
   */
  mapOpenAiModels?: boolean;
}

export async function startMockProvider(template: Template, key: string, options: MockOptions = {}): Promise<MockProvider> {
  const basePath = new URL(template.regions[template.defaultRegion]!.baseURL).pathname.replace(/\/$/, '');
  const models = providerModels(template);
  const requests: MockRequest[] = [];

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, body, authorized: req.headers.authorization === `Bearer ${key}` });
    const fail = (res: ServerResponse, status: number, message: string) =>
      failWith(res, status, options.echoKey ? `${message} (request authorised with Bearer ${key})` : message);
    if (!url.pathname.startsWith(`${basePath}/`)) return fail(res, 404, `no route ${url.pathname} (base path is ${basePath || '/'})`);
    if (req.headers.authorization !== `Bearer ${key}`) return fail(res, 401, 'invalid api key');
    if (req.method === 'GET' && url.pathname === `${basePath}/models`) {
      return json(res, { object: 'list', data: (options.listed ?? [...models]).map((id) => ({ id, object: 'model', owned_by: template.id })) });
    }
    const capability = ENDPOINTS[url.pathname.slice(basePath.length)];
    if (!capability) return fail(res, 404, `unknown endpoint ${url.pathname}`);
    const support = template.capabilities[capability].support;
    if (support === 'no' || support === 'unknown') return fail(res, 404, `${template.id} has no ${capability} endpoint`);
    const asked = body.model;
    const mapped = options.mapOpenAiModels && typeof asked === 'string' ? mapModel(template, asked) : undefined;
    const model = mapped && 'model' in mapped ? mapped.model : asked;
    if (typeof model !== 'string' || (!template.models.passthrough && !models.has(model))) {
      return fail(res, 400, `model ${String(model)} does not exist on ${template.id}`);
    }
    const problem = modelViolation(template, model, body) ?? ruleViolation(template, body);
    if (problem) return fail(res, 400, problem);

    if (capability === 'embeddings') {
      const input = Array.isArray(body.input) ? body.input : [body.input];
      return json(res, { object: 'list', model, data: input.map((_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })), usage: { prompt_tokens: 1, total_tokens: 1 } });
    }
    if (capability !== 'chat') return json(res, { created: 0, data: [], results: [{ flagged: false }] });
    const tools = Array.isArray(body.tools) ? (body.tools as Array<{ function?: { name?: string } }>) : [];
    const callTool = tools.length > 0 && body.tool_choice !== 'none';
    const structured = isJsonMode(body) || (body.response_format as { type?: string } | undefined)?.type === 'json_schema';
    const content = callTool ? null : structured ? '{"name":"Ana","email":"ana@example.com"}' : `hello from ${template.id}`;
    const toolCalls = callTool ? [{ id: 'call_1', type: 'function', function: { name: tools[0]?.function?.name ?? 'f', arguments: '{"id":"42"}' } }] : undefined;
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of (content ?? '').match(/.{1,5}/g) ?? []) {
        res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
      }
      res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    return json(res, {
      id: 'c1', object: 'chat.completion', created: 0, model,
      choices: [{ index: 0, finish_reason: callTool ? 'tool_calls' : 'stop', message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) } }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The rules of the model's catalog entry, with the messages providers answer with: a fixed or rejected
 * sampling field, a rejected message role, json_schema where it is not served, a forced tool_choice while the
 * model thinks, max_tokens outside its range, thinking in a non-streaming call where it streams only.
 */
function modelViolation(t: Template, model: string, body: Record<string, unknown>): string | undefined {
  const m = catalogEntry(t, model);
  if (!m) return undefined;
  if (m.sampling && m.sampling !== 'unknown') {
    for (const [field, rule] of Object.entries(m.sampling)) {
      const value = body[field];
      if (value === undefined) continue;
      if (rule === 'rejected') return `${field} is not supported by ${model}`;
      if (typeof rule === 'number' && value !== rule) return `invalid ${field}: only ${rule} is allowed for this model`;
      if (typeof rule === 'string' && rule !== 'ignored' && typeof value === 'number' && !inside(rule, value)) return `${field} ${value} is outside ${rule}`;
    }
  }
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: string }>) : [];
  if (Array.isArray(m.roles)) {
    const bad = messages.find((msg) => !(m.roles as string[]).includes(msg.role ?? ''));
    if (bad) return `Failed to deserialize the JSON body into the target type: messages: unknown variant \`${bad.role}\``;
  }
  const format = body.response_format as { type?: string } | undefined;
  if (format?.type === 'json_schema' && typeof m.responseFormat === 'object' && m.responseFormat.json_schema === 'no') {
    return 'This response_format type is unavailable now';
  }
  const thinking = m.thinking === 'always' || (m.thinking === 'optional' && (body.enable_thinking === true || (body.enable_thinking === undefined && m.thinkingDefault === 'on')));
  const choice = body.tool_choice;
  if (thinking && choice !== undefined && typeof m.toolChoice === 'object' && Array.isArray(m.toolChoice.withThinking)) {
    const mode = typeof choice === 'string' ? choice : 'named';
    if (!(m.toolChoice.withThinking as string[]).includes(mode)) return 'tool_choice does not support being set to required or object in thinking mode';
  }
  for (const field of ['max_tokens', 'max_completion_tokens']) {
    const value = body[field];
    if (typeof value === 'number' && typeof m.maxTokens === 'string' && m.maxTokens !== 'unknown' && !inside(m.maxTokens, value)) {
      return `Invalid max_tokens value, the valid range of max_tokens is ${m.maxTokens}`;
    }
  }
  if (thinking && m.streamOnlyThinking === 'yes' && body.stream !== true) return 'parameter.enable_thinking must be set to false for non-streaming calls';
  return undefined;
}

function inside(interval: string, value: number): boolean {
  const r = parseInterval(interval);
  const low = r.minExclusive ? value <= r.min : value < r.min;
  const high = r.maxExclusive ? value >= r.max : value > r.max;
  return !low && !high;
}

/** The template's parameter rules, as the provider would enforce them. */
function ruleViolation(t: Template, body: Record<string, unknown>): string | undefined {
  for (const name of ['temperature', 'top_p'] as const) {
    const value = body[name];
    const rule = t.params[name];
    if (typeof value !== 'number') continue;
    if (rule.support === 'rejected') return `${name} is not supported`;
    if (rule.range) {
      const r = parseInterval(rule.range);
      const low = r.minExclusive ? value <= r.min : value < r.min;
      const high = r.maxExclusive ? value >= r.max : value > r.max;
      if (low || high) return `${name} ${value} is outside ${rule.range}`;
    }
  }
  for (const [field, rule] of Object.entries(t.params.fields)) {
    if (rule.support === 'rejected' && field in body) return `${field} is not supported`;
  }
  const modes = t.params.toolChoiceModes;
  const choice = body.tool_choice;
  if (choice !== undefined && modes !== 'unknown') {
    const mode = typeof choice === 'string' ? choice : 'named';
    if (!(modes as string[]).includes(mode)) return `tool_choice ${mode} is not supported`;
  }
  const featureNo = (capability: Capability) => t.capabilities[capability].support === 'no';
  if (body.tools !== undefined && featureNo('tools')) return 'tools are not supported';
  if (body.stream_options !== undefined && featureNo('stream_usage')) return 'stream_options is not supported';
  if (isJsonMode(body) && featureNo('json_object')) return 'response_format json_object is not supported';
  const format = body.response_format as { type?: string } | undefined;
  if (format?.type === 'json_schema' && featureNo('json_schema')) return 'This response_format type is unavailable now';
  return undefined;
}

function isJsonMode(body: Record<string, unknown>): boolean {
  const format = body.response_format as { type?: string } | undefined;
  return format?.type === 'json_object';
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function json(res: ServerResponse, data: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
}

function failWith(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: status } }));
}
