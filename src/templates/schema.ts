/**
 * The provider template: one YAML file per provider (templates/<id>/template.yaml), pure data.
 * `templates/schema.json` is generated from this schema (scripts/gen-template-schema.mjs); a test keeps
 * it current.
 */
import { z } from 'zod';
import {
  CAPABILITIES,
  FIELD_SUPPORT,
  INTERVAL,
  MODEL_KINDS,
  parseInterval,
  SUPPORT_LEVELS,
  TOOL_CHOICE_MODES,
  type Capability,
  type ModelKind,
} from './vocabulary.js';

// The vocabulary lives in a module without zod (the CLI's fast path); re-exported for the schema's users.
export * from './vocabulary.js';

// A note is shown in one-line verdict reasons and tables: one line, no trailing full stop.
const Note = z
  .string()
  .min(1, { error: 'must not be empty' })
  .refine((s) => !/[\r\n]/.test(s), { error: 'must be a single line' })
  .refine((s) => !/\.\s*$/.test(s), { error: 'must not end with a full stop (it is embedded in sentences)' });

const SourceIds = z.array(z.string().min(1)).min(1, { error: 'list at least one source id' });

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes' });

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
    to: z.string().min(1).optional(),
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

const capabilityShape = Object.fromEntries(CAPABILITIES.map((c) => [c, CapabilityEntrySchema])) as Record<
  Capability,
  typeof CapabilityEntrySchema
>;

const modelKindShape = Object.fromEntries(MODEL_KINDS.map((k) => [k, z.string().min(1).nullable()])) as Record<
  ModelKind,
  z.ZodNullable<z.ZodString>
>;

export const TemplateSchema = z
  .strictObject({
    id: Id.describe('Lower-case provider id, equal to the folder name (`--provider <id>`)'),
    /** Other names that resolve to this provider (`glm`, `kimi`). */
    aliases: z.array(Id).describe('Other names that resolve to this provider; unique across providers'),
    name: z.strictObject({ en: z.string().min(1), zh: z.string().min(1) }),
    /** The provider's API docs. */
    docs: z.url({ error: 'expected a URL' }).describe("The provider's API documentation"),
    /** When the template's facts were last checked against its sources (YYYY-MM-DD). */
    checked: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
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
        }),
      )
      .min(1, { error: 'cite at least one source' }),
    defaultRegion: Id,
    regions: z.record(
      Id,
      z.strictObject({
        label: z.string().min(1),
        /** What goes into `new OpenAI({ baseURL })`. */
        baseURL: z.url({ error: 'expected a URL' }),
        note: Note.optional(),
      }),
    ),
    apiKey: z.strictObject({
      env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'expected an environment variable name' }),
      aliases: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'expected an environment variable name' })),
      note: Note.optional(),
    }),
    models: z.strictObject({
      /** The provider model used for an OpenAI model of each kind that the map does not name; null: none. */
      defaults: z.strictObject(modelKindShape),
      /** OpenAI model id → provider model id; null when the provider has no counterpart. */
      map: z.record(z.string().min(1), z.string().min(1).nullable()),
      /** True for gateways that serve OpenAI model ids as they are. */
      passthrough: z.boolean().optional(),
      note: Note.optional(),
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
  })
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
  });

export type Template = z.output<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;

/** The JSON Schema for editors (`# yaml-language-server: $schema=...`), written to templates/schema.json. */
export function templateJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(TemplateSchema, { io: 'input' });
  return { $schema, title: 'qianyi provider template', ...rest };
}
