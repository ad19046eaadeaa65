/**
 * `qianyi providers`: pure functions that render the templates as a table, one provider in full, JSON, and
 * the README's provider table. cli.ts prints what they return.
 */
import { CAPABILITY_SHORT } from '../sources/openai/capabilities.js';
import { modelPrice, formatPrice } from '../templates/catalog.js';
import type { CatalogEntry, FieldRule, Template } from '../templates/schema.js';
import { CAPABILITIES, MODEL_KINDS, type Capability, type Support } from '../templates/vocabulary.js';

/** The capabilities the overview table and the README show, in order. */
const KEY_CAPABILITIES: readonly Capability[] = [
  'streaming',
  'tools',
  'tool_choice',
  'json_object',
  'json_schema',
  'vision',
  'embeddings',
  'images',
  'audio_transcription',
  'audio_speech',
  'responses',
  'batches',
  'files',
];

/** Words, not colours: the table must read the same in a pipe or a log. */
const CELL: Record<Support, string> = { yes: 'yes', no: 'no', partial: 'part', unknown: '?' };

function pad(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd())
    .join('\n');
}

/** `Zhipu GLM (智谱)`; the Chinese name only when it differs. */
export function displayName(t: Template): string {
  return t.name.zh === t.name.en ? t.name.en : `${t.name.en} (${t.name.zh})`;
}

/** The tables leave Assistants out as a column; say so when it is `no` everywhere. */
function noneOffersAssistants(templates: readonly Template[]): boolean {
  return templates.every((t) => t.capabilities.assistants.support === 'no');
}

/** The code the migration writes for a client, for a region (default: the template's default region). */
export function renderClientSnippet(t: Template, region: string = t.defaultRegion): string {
  const r = t.regions[region];
  if (!r) throw new Error(`${t.id} has no region "${region}"`);
  return t.client.snippet.replaceAll('{{baseURL}}', r.baseURL).replaceAll('{{apiKeyEnv}}', t.apiKey.env);
}

/** All providers with their key capabilities, columns aligned with spaces. */
export function providersTable(templates: readonly Template[]): string {
  const header = ['id', 'provider', ...KEY_CAPABILITIES.map((c) => CAPABILITY_SHORT[c] ?? c)];
  const rows = templates.map((t) => [t.id, t.name.en, ...KEY_CAPABILITIES.map((c) => CELL[t.capabilities[c].support])]);
  const legend =
    'yes = supported, part = partial, no = not offered, ? = unconfirmed (OpenAI-compatible endpoint only).\n' +
    'choice = forced tool_choice, json = json_object, schema = json_schema, stt/tts = audio transcription/speech, ' +
    `resp = Responses API.${noneOffersAssistants(templates) ? ' No provider here offers the Assistants API.' : ''}\n` +
    'Details: qianyi providers show <id>';
  return `${pad([header, ...rows])}\n\n${legend}\n`;
}

function describeField(name: string, rule: FieldRule): string[] {
  const what =
    rule.support === 'renamed' ? `renamed to ${rule.to}` : rule.range ? `${rule.support} ${rule.range}` : rule.support;
  return [`  ${name}`, what, rule.note ?? ''];
}

/** One provider in full: regions, key, models, every capability with its note, parameter rules, snippet. */
export function providerDetails(t: Template): string {
  const out: string[] = [];
  out.push(`${displayName(t)}: ${t.id}`);
  out.push(
    pad([
      ['aliases', t.aliases.length > 0 ? t.aliases.join(', ') : 'none'],
      ['docs', t.docs],
      ['checked', t.checked],
      ...(t.caution ? [['caution', t.caution]] : []),
    ]),
  );

  out.push('', 'Base URLs');
  out.push(
    pad(
      Object.entries(t.regions).map(([id, r]) => [
        `  ${id}${id === t.defaultRegion ? ' (default)' : ''}`,
        r.baseURL,
        r.label + (r.note ? `: ${r.note}` : ''),
      ]),
    ),
  );

  const endpoints = Object.entries(t.regions).flatMap(([id, r]) =>
    (['responses', 'anthropic'] as const).flatMap((protocol) => {
      const e = r.endpoints?.[protocol];
      if (!e) return [];
      const extra = [e.auth ? `auth ${e.auth}` : '', e.note ?? '', e.sources ? `[${e.sources.join(', ')}]` : ''].filter(Boolean).join(' ');
      return [[`  ${id} ${protocol}`, e.baseURL, extra]];
    }),
  );
  if (endpoints.length > 0) out.push('', 'Other protocols (their own base URLs)', pad(endpoints));

  out.push('', 'API key');
  out.push(`  ${t.apiKey.env}${t.apiKey.aliases.length > 0 ? ` (also read: ${t.apiKey.aliases.join(', ')})` : ''}`);
  if (t.apiKey.note) out.push(`  ${t.apiKey.note}`);

  out.push('', 'Models');
  out.push(pad(MODEL_KINDS.map((k) => [`  default ${k}`, t.models.defaults[k] ?? 'none'])));
  if (t.models.passthrough) out.push('  OpenAI model ids are passed through unchanged');
  if (t.models.note) out.push(`  ${t.models.note}`);
  out.push(pad(Object.entries(t.models.map).map(([from, to]) => [`  ${from}`, `-> ${to ?? 'none'}`])));

  if (t.freeTier) out.push('', 'Free tier', `  ${t.freeTier.note} [${t.freeTier.sources.join(', ')}]`);
  out.push(...catalogLines(t));

  out.push('', 'Capabilities (OpenAI-compatible surface)');
  out.push(
    pad(
      CAPABILITIES.map((c) => {
        const e = t.capabilities[c];
        return [`  ${c}`, e.support, [e.note, e.sources ? `[${e.sources.join(', ')}]` : ''].filter(Boolean).join(' ')];
      }),
    ),
  );

  out.push('', 'Parameters');
  const modes = t.params.toolChoiceModes;
  out.push(
    pad([
      describeField('temperature', t.params.temperature),
      describeField('top_p', t.params.top_p),
      ['  tool_choice', modes === 'unknown' ? 'unknown' : modes.join(', '), ''],
      ...Object.entries(t.params.fields).map(([name, rule]) => describeField(name, rule)),
    ]),
  );

  out.push('', `Client (${t.defaultRegion})`);
  out.push(...renderClientSnippet(t).trimEnd().split('\n').map((l) => (l ? `  ${l}` : '')));
  if (t.client.note) out.push(`  Note: ${t.client.note}`);

  out.push('', 'Sources');
  out.push(
    pad(
      t.sources.map((s) => [
        `  ${s.id}`,
        s.ref + (s.thirdParty ? ' (third party)' : ''),
        s.url ?? '',
      ]),
    ),
  );
  return `${out.map((l) => l.trimEnd()).join('\n')}\n`;
}

const cell = (v: unknown): string => (v === undefined ? '-' : v === 'unknown' ? '?' : Array.isArray(v) ? v.join(',') : String(v));

function describeModel(id: string, m: CatalogEntry): string {
  const life = m.status === 'deprecated' || m.status === 'retired'
    ? `${m.status}${m.shutdown ? ` ${m.shutdown}` : ''}${m.replacement ? ` -> ${m.replacement}` : ''}`
    : m.status;
  return `${id}  ${m.kind}, ${life}`;
}

/** The model catalog: one block per model, `?` where the sources do not say. */
function catalogLines(t: Template): string[] {
  const catalog = t.models.catalog;
  if (!catalog) return [];
  const out = ['', 'Model catalog (prices per million tokens; ? = the sources do not say)'];
  for (const [id, m] of Object.entries(catalog)) {
    const price = modelPrice(t, id);
    const priceText = price
      ? `${formatPrice(price)}${price.cachedInput !== null && !price.free ? ` (cached ${price.cachedInput})` : ''}${price.date ? ` as of ${price.date}` : ''}${price.note ? `: ${price.note}` : ''}`
      : '?';
    out.push(`  ${describeModel(id, m)}`);
    const facts: string[][] = [
      ['context', cell(m.contextWindow)],
      ['max output', cell(m.maxOutput)],
      ['input', cell(m.input)],
    ];
    if (m.thinking !== undefined) {
      const how = [m.reasoningField && m.reasoningField !== 'unknown' ? `in ${m.reasoningField}` : '', m.thinkingDefault ? `default ${cell(m.thinkingDefault)}` : '',
        m.streamOnlyThinking ? `streaming calls only: ${cell(m.streamOnlyThinking)}` : '', m.replayReasoning ? `sent back with tool calls: ${cell(m.replayReasoning)}` : ''].filter(Boolean).join('; ');
      facts.push(['thinking', how ? `${cell(m.thinking)} (${how})` : cell(m.thinking)]);
      facts.push(['roles', cell(m.roles)]);
      facts.push(['sampling', typeof m.sampling === 'object' ? Object.entries(m.sampling).map(([k, v]) => `${k} ${typeof v === 'number' ? `fixed at ${v}` : v}`).join(', ') || 'no model-level rule' : cell(m.sampling)]);
      const tc = m.toolChoice;
      facts.push(['tool_choice', typeof tc === 'object' ? [tc.withoutThinking !== undefined ? `without thinking ${cell(tc.withoutThinking)}` : '', tc.withThinking !== undefined ? `with thinking ${cell(tc.withThinking)}` : ''].filter(Boolean).join('; ') : cell(tc)]);
      const rf = m.responseFormat;
      facts.push(['response_format', typeof rf === 'object' ? `json_object ${cell(rf.json_object)}, json_schema ${cell(rf.json_schema)}` : cell(rf)]);
      facts.push(['max_tokens', cell(m.maxTokens)]);
    }
    facts.push(['price', priceText]);
    if (m.note) facts.push(['note', m.note]);
    facts.push(['sources', m.sources.join(', ')]);
    out.push(pad(facts.map(([k, v]) => [`    ${k}`, v ?? ''])));
  }
  return out;
}

export interface ProviderJson {
  id: string;
  name: string;
  names: { en: string; zh: string };
  aliases: string[];
  docs: string;
  checked: string;
  caution: string | null;
  baseURL: string;
  defaultRegion: string;
  regions: Record<string, { label: string; baseURL: string }>;
  apiKeyEnv: string;
  apiKeyAliases: string[];
  models: { defaults: Template['models']['defaults']; map: Record<string, string | null>; passthrough: boolean };
  capabilities: Record<Capability, Support>;
  toolChoiceModes: Template['params']['toolChoiceModes'];
  /** Provider model id → its catalog entry (`unknown` where the sources do not say); {} without a catalog. */
  catalog: Record<string, CatalogEntry>;
  /** Region → protocols served on other base URLs. */
  endpoints: Record<string, NonNullable<Template['regions'][string]['endpoints']>>;
  freeTier: string | null;
}

/** `qianyi providers --format json`: `capabilities` maps each capability to yes|no|partial|unknown. */
export function providersJson(templates: readonly Template[]): { providers: ProviderJson[] } {
  return {
    providers: templates.map((t) => ({
      id: t.id,
      name: t.name.en,
      names: { ...t.name },
      aliases: [...t.aliases],
      docs: t.docs,
      checked: t.checked,
      caution: t.caution ?? null,
      baseURL: t.regions[t.defaultRegion]?.baseURL ?? '',
      defaultRegion: t.defaultRegion,
      regions: Object.fromEntries(
        Object.entries(t.regions).map(([id, r]) => [id, { label: r.label, baseURL: r.baseURL }]),
      ),
      apiKeyEnv: t.apiKey.env,
      apiKeyAliases: [...t.apiKey.aliases],
      models: { defaults: { ...t.models.defaults }, map: { ...t.models.map }, passthrough: t.models.passthrough ?? false },
      capabilities: Object.fromEntries(CAPABILITIES.map((c) => [c, t.capabilities[c].support])) as Record<
        Capability,
        Support
      >,
      toolChoiceModes: t.params.toolChoiceModes,
      catalog: structuredClone(t.models.catalog ?? {}),
      endpoints: Object.fromEntries(Object.entries(t.regions).flatMap(([id, r]) => (r.endpoints ? [[id, structuredClone(r.endpoints)]] : []))),
      freeTier: t.freeTier?.note ?? null,
    })),
  };
}

const README_CELL: Record<Support, string> = { yes: 'yes', no: 'no', partial: 'partial', unknown: '?' };

const README_HEADERS: Partial<Record<Capability, string>> = {
  streaming: 'Stream',
  tools: 'Tools',
  tool_choice: 'Forced tool_choice',
  json_object: 'JSON mode',
  json_schema: 'JSON schema',
  vision: 'Vision',
  embeddings: 'Embeddings',
  images: 'Images',
  audio_transcription: 'Speech-to-text',
  audio_speech: 'Text-to-speech',
  responses: 'Responses',
  batches: 'Batch',
  files: 'Files',
};

/** The README's provider table (markdown), generated from the templates. */
export function renderReadmeProviderTable(templates: readonly Template[]): string {
  const caps = KEY_CAPABILITIES;
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    `| Provider | \`--provider\` | Base URL | API key env | ${caps.map((c) => README_HEADERS[c] ?? c).join(' | ')} |`,
    `|---|---|---|---|${caps.map(() => '---').join('|')}|`,
  ];
  for (const t of templates) {
    const ids = [t.id, ...t.aliases].map((a) => `\`${a}\``).join(', ');
    const url = t.regions[t.defaultRegion]?.baseURL ?? '';
    const cells = caps.map((c) => README_CELL[t.capabilities[c].support]);
    lines.push(`| ${esc(displayName(t))} | ${ids} | \`${url}\` | \`${t.apiKey.env}\` | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    'yes = supported, partial = works with caveats, no = not offered, ? = unconfirmed; OpenAI-compatible endpoint ' +
      `only, facts as of each template's \`checked\` date.${noneOffersAssistants(templates) ? ' None offers the Assistants API.' : ''} Run ` +
      '`qianyi providers show <id>` for notes and sources.',
  );
  return `${lines.join('\n')}\n`;
}
