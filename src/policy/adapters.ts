/**
 * Model-level adapters: a call judged against the catalog entry of the model it will call (after mapping),
 * where the provider's general rules are not enough. Each rule adapts the request where the edit keeps what
 * the code means, and marks it where it cannot (a computed value, a request written in another file).
 * The facts of the call come from the detector (Site.adapt); the planner carries out `adapt` steps in
 * src/migrate/adapters.ts.
 */
import { catalogEntry } from '../templates/catalog.js';
import type { CatalogEntry, Template } from '../templates/schema.js';
import { formatInterval, parseInterval, SAMPLING_PARAMS, type ToolChoiceMode } from '../templates/vocabulary.js';
import type { Site } from '../scan/sites.js';
import type { Step } from './decide.js';
import { step } from './step.js';

/** What an `adapt` step edits (Step.field): see src/migrate/adapters.ts. */
export type AdaptTarget = 'role' | 'response_format' | 'enable_thinking' | 'usage' | 'replay';

export interface AdapterInput {
  t: Template;
  site: Site;
  /** The provider model the call will send (after mapping). */
  model: string;
  api: string;
  /** The request is written in the call's file, so it can be edited. */
  editable: boolean;
}

export interface Adapted {
  steps: Step[];
  /** Request fields and capabilities the model's rules decided: the provider's general rule is not applied to them. */
  handled: Set<string>;
}

/** The model-level steps of a call; none when the model is not in the provider's catalog. */
export function modelAdapters(input: AdapterInput): Adapted {
  const entry = catalogEntry(input.t, input.model);
  const out: Adapted = { steps: [], handled: new Set() };
  const a = new Adapters(input, entry ?? UNLISTED, out);
  if (!entry) {
    // The provider's own usage fields hold whatever model answers.
    a.cachedTokens();
    return out;
  }
  a.sampling();
  a.maxTokens();
  a.roles();
  a.responseFormat();
  a.toolChoice();
  a.nonStreamThinking();
  a.cachedTokens();
  a.replay();
  return out;
}

/** A model the catalog does not list: nothing is known of it. */
const UNLISTED = { kind: 'chat', status: 'active', contextWindow: 'unknown', maxOutput: 'unknown', input: 'unknown', price: 'unknown', sources: [] } as unknown as CatalogEntry;

/** An edit that needs a TODO(qianyi) too: manual work, though the code was changed. */
const todo = (s: Step): Step => ({ ...s, todo: true });

class Adapters {
  private readonly who: string;

  constructor(
    private readonly i: AdapterInput,
    private readonly m: CatalogEntry,
    private readonly out: Adapted,
  ) {
    this.who = `${i.t.name.en}'s ${i.model}`;
  }

  private get features(): string[] {
    return this.i.site.features;
  }

  /** Whether the call thinks: the model's mode, the call's own switch (Qwen's enable_thinking), the default. */
  private thinking(): 'on' | 'off' | 'unknown' {
    const mode = this.m.thinking;
    if (mode === 'always') return 'on';
    if (mode === 'none') return 'off';
    if (mode !== 'optional') return 'unknown';
    const facts = this.i.site.adapt;
    // The call's own switch: Qwen's enable_thinking, DeepSeek's and Kimi's thinking: { type }.
    const own = facts?.enableThinking ?? (facts?.thinkingType === 'enabled' ? true : facts?.thinkingType === 'disabled' ? false : facts?.thinkingType);
    if (own === true) return 'on';
    if (own === false) return 'off';
    if (own === null) return 'unknown';
    return this.m.thinkingDefault === 'on' || this.m.thinkingDefault === 'off' ? this.m.thinkingDefault : 'unknown';
  }

  /** Sampling fields the model fixes, rejects, ignores or bounds: removed (not clamped) where it fixes them. */
  sampling(): void {
    const rules = this.m.sampling;
    if (!rules || rules === 'unknown') return;
    const { api, editable, site } = this.i;
    for (const field of SAMPLING_PARAMS) {
      const rule = rules[field];
      if (rule === undefined || !this.features.includes(field)) continue;
      this.out.handled.add(field);
      const value = site.params?.[field] ?? site.adapt?.numbers?.[field] ?? null;
      if (rule === 'rejected') {
        const also = field === 'n' ? ' (one choice comes back)' : '';
        this.push(editable
          ? step('caveat', field, 'remove-field', `${api} sets ${field}, which ${this.who} rejects, so the migration removes it${also}.`, `${this.who} rejects ${field}: removed${also}`, field)
          : step('caveat', field, 'mark', `${api} sets ${field}, which ${this.who} rejects.`, `${this.who} rejects ${field}: remove it from the request, which is built in another file`, field));
      } else if (rule === 'ignored') {
        this.push(step('caveat', field, 'none', `${api} sets ${field}, which ${this.who} ignores.`, `${this.who} ignores ${field}`));
      } else if (typeof rule === 'number') {
        if (value === rule) continue;
        if (value === null || !editable) {
          this.push(step('caveat', field, 'mark', `${api} sets ${field} to a value ${value === null ? 'computed at run time' : 'in a request built in another file'}, and ${this.who} takes ${rule} only (HTTP 400 otherwise).`,
            `${this.who} takes ${field} ${rule} only (HTTP 400 otherwise): remove ${field} from this request`, field));
        } else {
          this.push(step('caveat', field, 'remove-field', `${api} sets ${field} ${value}, and ${this.who} takes ${rule} only, so the migration removes it (the model always uses ${rule}).`,
            `${this.who} takes ${field} ${rule} only: ${field} ${value} removed`, field));
        }
      } else {
        this.range(field, rule, value);
      }
    }
  }

  /** `max_tokens` (or `max_completion_tokens`) as a literal outside the model's range: clamped. */
  maxTokens(): void {
    const range = this.m.maxTokens;
    if (!range || range === 'unknown') return;
    for (const field of ['max_tokens', 'max_completion_tokens']) {
      if (!this.features.includes(field)) continue;
      const value = this.i.site.adapt?.numbers?.[field];
      if (value === undefined || value === null) continue;
      this.range(field, range, value);
    }
  }

  private range(field: string, written: string, value: number | null): void {
    const { api, editable } = this.i;
    const r = parseInterval(written);
    if (value === null) {
      this.push(step('caveat', field, 'none', `${api} sets ${field} to a value computed at run time, which must stay within the range ${formatInterval(r)} of ${this.who}.`,
        `${field} is computed at run time: keep it within the range ${written} of ${this.who}`));
      return;
    }
    const integer = field !== 'temperature' && field !== 'top_p' && !field.endsWith('_penalty');
    const step1 = integer ? 1 : 0.01;
    let clamped = value;
    if (value < r.min || (r.minExclusive && value <= r.min)) clamped = r.minExclusive ? r.min + step1 : r.min;
    if (value > r.max || (r.maxExclusive && value >= r.max)) clamped = r.maxExclusive ? r.max - step1 : r.max;
    if (clamped === value) return;
    const text = String(Number(clamped.toFixed(2)));
    this.push(editable
      ? step('caveat', field, 'clamp', `${api} sets ${field} ${value}, outside the range ${formatInterval(r)} of ${this.who}, so the migration clamps it to ${text}.`,
        `${field} ${value} is outside the range ${written} of ${this.who}: clamped to ${text}`, field, text)
      : step('caveat', field, 'mark', `${api} sets ${field} ${value}, outside the range ${formatInterval(r)} of ${this.who}.`,
        `${field} ${value} is outside the range ${written} of ${this.who}: set it to ${text} in the request, which is built in another file`, field, text));
  }

  /** A `developer` message to a model that rejects the role: sent as `system`, which such models read the same way. */
  roles(): void {
    const roles = this.m.roles;
    if (!Array.isArray(roles) || roles.includes('developer')) return;
    const facts = this.i.site.adapt;
    const { api, editable } = this.i;
    if (facts?.roles?.includes('developer')) {
      this.push(editable
        ? step('ok', 'role', 'adapt', `${api} sends a developer message, which ${this.who} rejects (HTTP 400), so the migration sends it as a system message.`,
          `${this.who} rejects the developer role: sent as system`, 'role', 'system')
        : step('caveat', 'role', 'mark', `${api} sends a developer message, which ${this.who} rejects (HTTP 400).`,
          `${this.who} rejects the developer role: send it as system in the request, which is built in another file`));
    } else if (facts?.rolesComputed) {
      this.push(step('caveat', 'role', 'mark', `${api} computes a message role, and ${this.who} rejects the developer role (HTTP 400).`,
        `a message role here is computed, and ${this.who} rejects developer (HTTP 400): make sure it sends system instead`));
    }
  }

  /** `json_schema` where the model serves `json_object` only: switched, with a marker (nothing enforces the schema now). */
  responseFormat(): void {
    const formats = this.m.responseFormat;
    const { api, editable, site } = this.i;
    // The catalog speaks of Chat Completions (DeepSeek's Responses API takes json_schema).
    if (!formats || formats === 'unknown' || formats.json_schema !== 'no' || !this.features.includes('json_schema') || !api.startsWith('chat.completions.')) return;
    this.out.handled.add('json_schema');
    if (formats.json_object === 'yes' && editable && site.adapt?.jsonSchemaLiteral && api === 'chat.completions.create') {
      this.push(todo(step('caveat', 'json_schema', 'adapt', `${api} asks for a json_schema response, which ${this.who} does not serve, so the migration asks for json_object instead: the schema is no longer enforced.`,
        `${this.who} serves json_object, not json_schema: response_format is now json_object, so the schema is no longer enforced; the prompt must ask for JSON in that shape, and the reply should be validated`, 'response_format', 'json_object')));
      return;
    }
    const instead = formats.json_object === 'yes' ? ': ask for json_object, describe the schema in the prompt and validate the reply' : '';
    this.push(step('blocked', 'json_schema', 'mark', `${api} asks for a json_schema response, which ${this.who} does not serve.`,
      `${this.who} does not serve json_schema${instead}`));
  }

  /** A forced tool_choice with thinking on: the model's allowed mode (auto) with a marker, or a marker alone. */
  toolChoice(): void {
    const mode = this.i.site.toolChoice;
    const catalog = this.m.toolChoice;
    if ((mode !== 'required' && mode !== 'named') || !catalog || catalog === 'unknown') return;
    const thinking = this.thinking();
    const withThinking = catalog.withThinking;
    if (!Array.isArray(withThinking) || withThinking.includes(mode)) return;
    const { api, editable, site } = this.i;
    const what = mode === 'named' ? 'the named function' : '"required"';
    if (thinking === 'off') return;
    const provider = this.i.t.params.toolChoiceModes;
    // Where the provider's own rule already refuses the mode, it decides (it switches or marks the call).
    if (thinking === 'unknown' && !(Array.isArray(provider) && provider.includes(mode))) return;
    this.out.handled.add('tool_choice');
    const modes = withThinking.join(', ');
    if (thinking === 'unknown') {
      this.push(step('caveat', 'tool_choice', 'mark', `${api} forces a tool (tool_choice ${mode}), which ${this.who} rejects when it thinks, and whether this call thinks is not known.`,
        `${this.who} takes tool_choice ${modes} only when it thinks: if this call thinks, ${what} is rejected; turn thinking off or use "auto"`));
      return;
    }
    const on = this.m.thinking === 'always' ? 'always thinks' : 'thinks by default';
    if (withThinking.includes('auto' as ToolChoiceMode)) {
      const reason = `${api} forces a tool (tool_choice ${mode}), which ${this.who} rejects because it ${on}, so the migration switches it to auto.`;
      this.push(editable && site.features.includes('tool_choice')
        ? todo(step('caveat', 'tool_choice', 'set-field', reason, `${this.who} ${on} and then takes tool_choice ${modes} only: ${what} became "auto", so the model may answer without calling a tool`, 'tool_choice', 'auto'))
        : step('caveat', 'tool_choice', 'mark', `${api} forces a tool (tool_choice ${mode}), which ${this.who} rejects because it ${on}.`,
          `${this.who} ${on} and then takes tool_choice ${modes} only: set it to "auto" in the request, which is built in another file`));
      return;
    }
    this.push(step('blocked', 'tool_choice', 'mark', `${api} forces a tool (tool_choice ${mode}), which ${this.who} rejects because it ${on}.`,
      `${this.who} ${on} and then takes tool_choice ${modes} only: rework this call`));
  }

  /** Qwen: thinking in a non-streaming call where the model thinks in streaming calls only. */
  nonStreamThinking(): void {
    if (this.features.includes('stream') || this.m.streamOnlyThinking === undefined || this.m.streamOnlyThinking === 'no') return;
    const { api, editable, site } = this.i;
    const own = site.adapt?.enableThinking;
    if (this.thinking() === 'off' && own !== null) return;
    const known = this.m.streamOnlyThinking === 'yes';
    const rejects = known ? `${this.who} thinks in streaming calls only` : `${this.who} may think in streaming calls only`;
    if (known && own === true && this.m.thinking === 'optional' && editable) {
      this.push(step('caveat', 'enable_thinking', 'adapt', `${api} turns thinking on in a non-streaming call, and ${rejects} (HTTP 400), so the migration turns it off.`,
        `${rejects}: enable_thinking set to false (stream this call to keep thinking)`, 'enable_thinking', 'false'));
      return;
    }
    const how = own === null ? 'sets enable_thinking at run time' : own === true ? 'turns thinking on' : 'thinks';
    this.push(step('caveat', 'enable_thinking', 'mark', `${api} ${how} in a non-streaming call, and ${rejects} ("enable_thinking must be set to false for non-streaming calls").`,
      `${rejects}: stream this call, or send enable_thinking: false`));
  }

  /** Code reading OpenAI's cache counter where the provider reports cache hits in another field. */
  cachedTokens(): void {
    const at = this.i.t.params.cachedTokens;
    const reads = this.i.site.adapt?.cachedTokensReads;
    if (!at || !reads || reads.length === 0) return;
    const p = this.i.t.name.en;
    this.push(todo(step('caveat', 'usage', 'adapt', `The code reads usage.prompt_tokens_details from ${this.i.api}, and ${p} reports cache hits in usage.${at.at} instead.`,
      `${p} reports cache hits in usage.${at.at}, not usage.prompt_tokens_details.cached_tokens: read that field here (the openai types do not know it)`, 'usage')));
  }

  /** A tool loop that sends back an assistant message without the reasoning a thinking model needs. */
  replay(): void {
    const replays = this.i.site.adapt?.contentReplays;
    const field = this.m.reasoningField;
    if (!replays || replays.length === 0 || this.m.replayReasoning !== 'yes' || !field || field === 'unknown' || this.thinking() === 'off') return;
    if (!this.features.includes('tools') && !this.features.includes('functions')) return;
    this.push(todo(step('caveat', 'reasoning', 'adapt', `${this.i.api} runs a tool loop that rebuilds the assistant message from content and tool_calls only, and ${this.who} needs its ${field} sent back (HTTP 400 otherwise).`,
      `${this.who} needs ${field} sent back with tool calls: push the whole assistant message (or copy ${field}), not only content and tool_calls`, 'replay')));
  }

  private push(s: Step): void {
    this.out.steps.push(s);
  }
}
