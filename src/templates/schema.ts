/**
 * The provider template: one YAML file per provider (templates/<id>/template.yaml), pure data.
 * `templates/schema.json` is generated from this schema (scripts/gen-template-schema.mjs); a test keeps
 * it current.
 */
import { z } from 'zod';
import {
  CAPABILITIES,
  DATE,
  FIELD_SUPPORT,
  INTERVAL,
  MESSAGE_ROLES,
  MODALITIES,
  MODEL_KINDS,
  MODEL_STATUSES,
  parseInterval,
  REASONING_FIELDS,
  SAMPLING_PARAMS,
  SUPPORT_LEVELS,
  THINKING_MODES,
  TOOL_CHOICE_MODES,
  UNKNOWN,
  type Capability,
  type ModelKind,
} from './vocabulary.js';
import { BASE_URL, DISPLAY_NAME, ENV_NAME, FIELD_NAME, ID, MODEL_ID, type ValueRule } from './values.js';

// The vocabulary lives in a module without zod (the CLI's fast path); re-exported for the schema's users.
export * from './vocabulary.js';

// A note is shown in one-line verdict reasons and tables: one line, no trailing full stop.
const Note = z
  .string()
  .min(1, { error: 'must not be empty' })
  .refine((s) => !/[\r\n]/.test(s), { error: 'must be a single line' })
  .refine((s) => !/\.\s*$/.test(s), { error: 'must not end with a full stop (it is embedded in sentences)' });

const SourceIds = z.array(z.string().min(1)).min(1, { error: 'list at least one source id' });

/** A string that meets one of the value rules every written value must meet (./values.ts). */
const ruled = (rule: ValueRule) =>
  rule.re ? z.string().regex(rule.re, { error: `must be ${rule.rule}` }) : z.string().refine((v) => rule.test(v), { error: `must be ${rule.rule}` });

const Id = ruled(ID);
const ModelId = ruled(MODEL_ID);
const EnvName = ruled(ENV_NAME);

/** A key format, for the redactor: a regular expression that matches the provider's keys and nothing plain. */
const KeyPattern = z.union(
  [
    z.literal('unknown'),
    z.strictObject({
      regex: z.string().refine(isKeyRegex, {
        error: 'must be a regular expression that matches keys only (not "", "gpt-4o" or "process.env.API_KEY") and has no nested quantifiers',
      }),
      note: Note.optional(),
      sources: SourceIds,
    }),
  ],
  { error: 'expected unknown, or { regex, sources }' },
);

function isKeyRegex(source: string): boolean {
  if (/\([^)]*[+*}][^)]*\)[+*{]/.test(source)) return false; // (a+)+: backtracking on long lines
  try {
    const re = new RegExp(source);
    // It must match none of these anywhere (nor the empty string), or the redactor would mask plain text.
    return !['', 'gpt-4o', 'process.env.API_KEY', 'const client = new OpenAI()', 'https://api.example.com/v1'].some((plain) => re.test(plain));
  } catch {
    return false;
  }
}

const Level = z.enum(SUPPORT_LEVELS, { error: `expected one of ${SUPPORT_LEVELS.join(', ')}` });

/** `chat: yes` or `tool_choice: { support: partial, note: ..., sources: [S1] }`. */
export const CapabilityEntrySchema = z
  .union(
    [
      Level,
      z.strictObject({
        support: Level,
        note: Note.optional(),
        sources: SourceIds.optional(),
      }),
    ],
    { error: `expected one of ${SUPPORT_LEVELS.join(', ')}, or { support, note, sources }` },
  )
  .transform((v) => (typeof v === 'string' ? { support: v } : v))
  .refine((v) => v.support === 'yes' || v.support === 'no' || v.note !== undefined, {
    error: 'a partial or unknown capability needs a note saying what is partial or unconfirmed',
  })
  // An id puts the shape in the JSON Schema's $defs once instead of once per capability.
  .meta({ id: 'Capability' });
export type CapabilityEntry = z.output<typeof CapabilityEntrySchema>;

export const FieldRuleSchema = z
  .strictObject({
    support: z.enum(FIELD_SUPPORT, { error: `expected one of ${FIELD_SUPPORT.join(', ')}` }),
    range: z
      .string()
      .regex(INTERVAL, { error: 'expected an interval such as "[0, 2]" or "(0, 1]"' })
      // Refinements run even when the regex failed: only judge well-formed intervals here.
      .refine((s) => !INTERVAL.test(s) || parseInterval(s).min <= parseInterval(s).max, {
        error: 'the lower bound is above the upper bound',
      })
      .optional(),
    to: ruled(FIELD_NAME).optional(),
    note: Note.optional(),
    sources: SourceIds.optional(),
  })
  .refine((r) => (r.support === 'renamed') === (r.to !== undefined), {
    error: 'a renamed field needs `to`, and only a renamed field may have it',
  })
  .refine((r) => r.support === 'yes' || r.support === 'renamed' || r.note !== undefined, {
    error: 'a partial, ignored, rejected or unknown field needs a note',
  })
  .meta({ id: 'FieldRule' });
export type FieldRule = z.output<typeof FieldRuleSchema>;

const DateText = z.string().regex(DATE, { error: 'expected a date as YYYY-MM-DD' });

const IntervalText = z
  .string()
  .regex(INTERVAL, { error: 'expected an interval such as "[0, 2]" or "(0, 1]"' })
  // Refinements run even when the regex failed: only judge well-formed intervals here.
  .refine((s) => !INTERVAL.test(s) || parseInterval(s).min <= parseInterval(s).max, {
    error: 'the lower bound is above the upper bound',
  });

/** A catalog cell the sources do not settle is `unknown`, never a guess. */
const orUnknown = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal(UNKNOWN)]);

const YesNoUnknown = z.enum(['yes', 'no', UNKNOWN], { error: 'expected yes, no or unknown' });

const ToolChoiceList = z.array(z.enum(TOOL_CHOICE_MODES, { error: `expected ${TOOL_CHOICE_MODES.join(', ')}` }));

/** Per million tokens. `cachedInput` is the price of a cache hit. */
export const PriceSchema = z
  .strictObject({
    currency: z.enum(['CNY', 'USD'], { error: 'expected CNY or USD' }),
    input: z.number().nonnegative(),
    cachedInput: orUnknown(z.number().nonnegative()),
    /** Absent for models that produce no tokens (embeddings). */
    output: z.number().nonnegative().optional(),
    /** True when the model costs nothing (a free model, not a trial quota). */
    free: z.boolean().optional(),
    note: Note.optional(),
    /** The sources of the price when they differ from the entry's. */
    sources: SourceIds.optional(),
  })
  .meta({ id: 'Price' });
export type Price = z.output<typeof PriceSchema>;

/**
 * How a model treats a sampling parameter, beyond the provider's general rule: a number is the only value
 * accepted (Kimi's temperature 1), an interval the accepted range, `rejected` an HTTP 400 when sent,
 * `ignored` accepted without effect.
 */
const SamplingRule = z.union([z.number(), IntervalText, z.enum(['rejected', 'ignored'])], {
  error: 'expected a fixed number, an interval, rejected or ignored',
});

/** Chat-like kinds: the fields about messages, thinking and tools apply to them. */
const CHAT_KINDS: readonly ModelKind[] = ['chat', 'reasoning', 'vision'];

/** One model as the provider serves it today: `models.catalog[<provider model id>]`. */
export const CatalogEntrySchema = z
  .strictObject({
    kind: z.enum(MODEL_KINDS, { error: `expected one of ${MODEL_KINDS.join(', ')}` }),
    status: z.enum(MODEL_STATUSES, { error: `expected one of ${MODEL_STATUSES.join(', ')}` }),
    /** When a deprecated model stops answering (or when a retired one did). */
    shutdown: DateText.optional(),
    /** The catalog id to move to. */
    replacement: z.string().min(1).optional(),
    contextWindow: orUnknown(z.int().positive()),
    maxOutput: orUnknown(z.int().positive()),
    input: orUnknown(z.array(z.enum(MODALITIES, { error: `expected ${MODALITIES.join(', ')}` })).min(1)),
    thinking: orUnknown(z.enum(THINKING_MODES, { error: `expected one of ${THINKING_MODES.join(', ')}` })).optional(),
    reasoningField: orUnknown(z.enum(REASONING_FIELDS, { error: `expected ${REASONING_FIELDS.join(' or ')}` })).optional(),
    /** For `thinking: optional`: whether a request that does not switch thinking gets it. */
    thinkingDefault: orUnknown(z.enum(['on', 'off'], { error: 'expected on, off or unknown' })).optional(),
    /** Thinking is served in streaming calls only: a non-streaming call with thinking on gets HTTP 400. */
    streamOnlyThinking: YesNoUnknown.optional(),
    /** With tool calls, the reasoning must be sent back on the assistant message (HTTP 400 otherwise). */
    replayReasoning: YesNoUnknown.optional(),
    roles: orUnknown(z.array(z.enum(MESSAGE_ROLES, { error: `expected ${MESSAGE_ROLES.join(', ')}` })).min(1)).optional(),
    sampling: orUnknown(z.partialRecord(z.enum(SAMPLING_PARAMS), SamplingRule)).optional(),
    /** The tool_choice values accepted with thinking off and on. */
    toolChoice: orUnknown(
      z.strictObject({ withoutThinking: orUnknown(ToolChoiceList).optional(), withThinking: orUnknown(ToolChoiceList).optional() }),
    ).optional(),
    /** Whether each structured response_format type is served (text always is). */
    responseFormat: orUnknown(z.strictObject({ json_object: YesNoUnknown, json_schema: YesNoUnknown })).optional(),
    /** The accepted `max_tokens` values. */
    maxTokens: orUnknown(IntervalText).optional(),
    price: orUnknown(PriceSchema),
    note: Note.optional(),
    sources: SourceIds,
  })
  .superRefine((m, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (m.status === 'deprecated' && (!m.shutdown || !m.replacement)) issue('status', 'a deprecated model needs `shutdown` and `replacement`');
    if ((m.status === 'active' || m.status === 'preview') && m.shutdown) issue('shutdown', 'only a deprecated or retired model has a shutdown date');
    if (!CHAT_KINDS.includes(m.kind)) return;
    for (const field of ['thinking', 'roles', 'sampling', 'toolChoice', 'responseFormat', 'maxTokens'] as const) {
      if (m[field] === undefined) issue(field, `missing (a ${m.kind} model states it, or says unknown)`);
    }
    if (m.thinking === 'optional' || m.thinking === 'always') {
      if (m.reasoningField === undefined) issue('reasoningField', 'missing (a thinking model states it, or says unknown)');
    }
    if (m.thinking === 'none' && m.reasoningField !== undefined) issue('reasoningField', 'a model that never thinks has no reasoning field');
    if (m.thinkingDefault !== undefined && m.thinking !== 'optional') issue('thinkingDefault', 'only a model whose thinking is optional has a default');
    if (m.replayReasoning !== undefined && m.thinking === 'none') issue('replayReasoning', 'a model that never thinks has no reasoning to send back');
    if (typeof m.toolChoice === 'object') {
      if (m.thinking === 'none' && m.toolChoice.withThinking !== undefined) issue('toolChoice', 'a model that never thinks has no withThinking modes');
      if (m.thinking === 'always' && m.toolChoice.withoutThinking !== undefined) issue('toolChoice', 'a model that always thinks has no withoutThinking modes');
    }
  })
  .meta({ id: 'CatalogEntry' });
export type CatalogEntry = z.output<typeof CatalogEntrySchema>;

/** A protocol served on another base URL than the chat one (`new OpenAI({ baseURL })` for Responses). */
const EndpointSchema = z.strictObject({
  baseURL: z.url({ error: 'expected a URL' }),
  /** Anthropic Messages: which header carries the key. */
  auth: z.enum(['bearer', 'x-api-key']).optional(),
  note: Note.optional(),
  sources: SourceIds.optional(),
});

const capabilityShape = Object.fromEntries(CAPABILITIES.map((c) => [c, CapabilityEntrySchema])) as Record<
  Capability,
  typeof CapabilityEntrySchema
>;

const modelKindShape = Object.fromEntries(MODEL_KINDS.map((k) => [k, ModelId.nullable()])) as Record<
  ModelKind,
  z.ZodNullable<typeof ModelId>
>;

const TemplateBase = z
  .strictObject({
    id: Id.describe('Lower-case provider id, equal to the folder name (`--provider <id>`)'),
    /** Other names that resolve to this provider (`glm`, `kimi`). */
    aliases: z.array(Id).describe('Other names that resolve to this provider; unique across providers'),
    name: z.strictObject({ en: ruled(DISPLAY_NAME), zh: ruled(DISPLAY_NAME) }),
    /** The provider's API docs. */
    docs: z.url({ error: 'expected a URL' }).describe("The provider's API documentation"),
    /** When the template's facts were last checked against its sources (YYYY-MM-DD). */
    checked: DateText
      .describe('When the facts were last checked against the sources (YYYY-MM-DD)'),
    /** A warning shown with the provider (e.g. the service's status is unclear). */
    caution: Note.optional(),
    sources: z
      .array(
        z.strictObject({
          id: z.string().min(1),
          ref: z.string().min(1),
          url: z.url({ error: 'expected a URL' }).optional(),
          /** True when the source is not the provider's own. */
          thirdParty: z.boolean().optional(),
          /** When the source says what it says (its date, else when it was read): catalog cells need one. */
          date: DateText.optional(),
        }),
      )
      .min(1, { error: 'cite at least one source' }),
    defaultRegion: Id,
    regions: z.record(
      Id,
      z.strictObject({
        label: z.string().min(1),
        /** What goes into `new OpenAI({ baseURL })`. */
        // Refinements run even when z.url failed: only judge what parses as a URL here.
        baseURL: z.url({ error: 'expected a URL' }).refine((v) => !URL.canParse(v) || BASE_URL.test(v), { error: `must be ${BASE_URL.rule}` }),
        note: Note.optional(),
        /** Protocols served on other base URLs in this region. */
        endpoints: z.strictObject({ responses: EndpointSchema.optional(), anthropic: EndpointSchema.optional() }).optional(),
      }),
    ),
    /** A free quota or plan for new accounts (per-model free use is `price.free`). */
    freeTier: z.strictObject({ note: Note, sources: SourceIds }).optional(),
    apiKey: z.strictObject({
      env: EnvName,
      aliases: z.array(EnvName),
      /** What the provider's keys look like, so that no output shows one (src/redact/). */
      pattern: KeyPattern.optional(),
      note: Note.optional(),
    }),
    models: z.strictObject({
      /** The provider model used for an OpenAI model of each kind that the map does not name; null: none. */
      defaults: z.strictObject(modelKindShape),
      /** OpenAI model id → provider model id; null when the provider has no counterpart. */
      map: z.record(ModelId, ModelId.nullable()),
      /** True for gateways that serve OpenAI model ids as they are. */
      passthrough: z.boolean().optional(),
      note: Note.optional(),
      /** Provider model id → what it is today; covers every id in defaults and map. */
      catalog: z.record(z.string().min(1), CatalogEntrySchema).optional(),
    }),
    capabilities: z
      .strictObject(capabilityShape)
      .describe('Support through the OpenAI-compatible surface: yes | no | partial | unknown (partial/unknown need a note)'),
    params: z.strictObject({
      temperature: FieldRuleSchema,
      top_p: FieldRuleSchema,
      /** The `tool_choice` values accepted (`named`: `{ type: 'function', function: { name } }`). */
      toolChoiceModes: z.union(
        [z.array(z.enum(TOOL_CHOICE_MODES)), z.literal('unknown')],
        { error: `expected a list of ${TOOL_CHOICE_MODES.join(', ')}, or unknown` },
      ),
      /**
       * Where usage reports prompt cache hits when it is not OpenAI's `prompt_tokens_details.cached_tokens`
       * (DeepSeek: top-level `prompt_cache_hit_tokens`): code reading OpenAI's field gets nothing.
       */
      cachedTokens: z.strictObject({ at: ruled(FIELD_NAME), note: Note.optional(), sources: SourceIds }).optional(),
      /** Other request fields the provider treats differently from OpenAI. */
      fields: z.record(z.string().regex(/^[a-z_]+$/, { error: 'expected a request field name' }), FieldRuleSchema),
    }),
    client: z.strictObject({
      /** The client code the migration writes; `{{baseURL}}` and `{{apiKeyEnv}}` are filled in. */
      snippet: z
        .string()
        .refine((s) => s.includes('{{baseURL}}') && s.includes('{{apiKeyEnv}}'), {
          error: 'must contain the {{baseURL}} and {{apiKeyEnv}} placeholders',
        }),
      note: Note.optional(),
    }),
  });

export const TemplateSchema = TemplateBase
  .superRefine((t, ctx) => {
    if (!(t.defaultRegion in t.regions)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultRegion'],
        message: `"${t.defaultRegion}" is not one of the regions (${Object.keys(t.regions).join(', ')})`,
      });
    }
    if (t.aliases.includes(t.id)) {
      ctx.addIssue({ code: 'custom', path: ['aliases'], message: `lists the template's own id "${t.id}"` });
    }
    // Every cited source id must be in `sources`.
    const known = new Set(t.sources.map((s) => s.id));
    const cite = (ids: string[] | undefined, path: (string | number)[]) => {
      for (const id of ids ?? []) {
        if (!known.has(id)) ctx.addIssue({ code: 'custom', path, message: `cites "${id}", which is not in sources` });
      }
    };
    for (const c of CAPABILITIES) cite(t.capabilities[c].sources, ['capabilities', c, 'sources']);
    cite(t.params.temperature.sources, ['params', 'temperature', 'sources']);
    cite(t.params.top_p.sources, ['params', 'top_p', 'sources']);
    for (const [f, rule] of Object.entries(t.params.fields)) cite(rule.sources, ['params', 'fields', f, 'sources']);
    cite(t.params.cachedTokens?.sources, ['params', 'cachedTokens', 'sources']);
    for (const [id, r] of Object.entries(t.regions)) {
      cite(r.endpoints?.responses?.sources, ['regions', id, 'endpoints', 'responses', 'sources']);
      cite(r.endpoints?.anthropic?.sources, ['regions', id, 'endpoints', 'anthropic', 'sources']);
    }
    cite(t.freeTier?.sources, ['freeTier', 'sources']);
    checkCatalog(t, ctx);
    if (typeof t.apiKey.pattern === 'object') cite(t.apiKey.pattern.sources, ['apiKey', 'pattern', 'sources']);
  });

/** The catalog covers every model the template sends, none of them retired; its cells are dated. */
function checkCatalog(t: z.output<typeof TemplateBase>, ctx: z.RefinementCtx): void {
  const catalog = t.models.catalog;
  if (!catalog) return;
  const byId = new Map(t.sources.map((s) => [s.id, s]));
  for (const [id, m] of Object.entries(catalog)) {
    const path = ['models', 'catalog', id];
    for (const sid of [...m.sources, ...(typeof m.price === 'object' ? (m.price.sources ?? []) : [])]) {
      const source = byId.get(sid);
      if (!source) ctx.addIssue({ code: 'custom', path: [...path, 'sources'], message: `cites "${sid}", which is not in sources` });
      else if (!source.date) ctx.addIssue({ code: 'custom', path: [...path, 'sources'], message: `cites "${sid}", which has no date` });
    }
    if (m.replacement !== undefined && !(m.replacement in catalog)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'replacement'], message: `"${m.replacement}" is not in the catalog` });
    }
  }
  const used: Array<[(string | number)[], string, ModelKind | null]> = [
    ...MODEL_KINDS.flatMap((k) => (t.models.defaults[k] ? [[['models', 'defaults', k], t.models.defaults[k], k] as [string[], string, ModelKind]] : [])),
    ...Object.entries(t.models.map).flatMap(([from, to]) => (to ? [[['models', 'map', from], to, null] as [string[], string, null]] : [])),
  ];
  for (const [path, id, kind] of used) {
    const m = catalog[id];
    if (!m) ctx.addIssue({ code: 'custom', path, message: `"${id}" is not in models.catalog` });
    else if (m.status === 'retired') ctx.addIssue({ code: 'custom', path, message: `"${id}" is retired${m.replacement ? ` (use ${m.replacement})` : ''}` });
    else if (kind && (CHAT_KINDS.includes(kind) ? !CHAT_KINDS.includes(m.kind) : m.kind !== kind)) {
      ctx.addIssue({ code: 'custom', path, message: `"${id}" is a ${m.kind} model, not a ${kind} one` });
    }
  }
}

export type Template = z.output<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;

/** The JSON Schema for editors (`# yaml-language-server: $schema=...`), written to templates/schema.json. */
export function templateJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(TemplateSchema, { io: 'input' });
  return { $schema, title: 'qianyi provider template', ...rest };
}
