/**
 * The policy: each site is decided once, for a provider (and the models the run maps), as a list of steps
 * `{ verdict, action, reason, note }`. `scan` shows the verdicts and reasons; `migrate` turns each action into
 * text edits and each step into a bucket (see `bucketOf`); `check` counts those buckets. Nothing here reads
 * the tree: the detectors record on the site every value a decision needs (the model literal and where it is
 * written, the numeric literal of a ranged field, the tool_choice mode, the client's options).
 *
 * - `ok`: works as written once the client points at the provider, or with a change the migration makes
 *   that needs no second look (a mapped model, a renamed env var, a re-pointed client).
 * - `caveat`: works with a change the user should read (a clamped or removed field, a default model), or the
 *   provider supports it only partially, or support is unconfirmed. An `unknown` capability is always a
 *   caveat whose reason starts with "unconfirmed:"; it is never guessed either way.
 * - `blocked`: the provider lacks the endpoint, feature or mode (capability `no`), except for request fields
 *   the migration can simply remove (`seed`, `stream_options`), which are caveats.
 */
import type { Sdk, Site } from '../scan/sites.js';
import { isMigrated, notMigratedNote, SOURCE_LABELS, takesClient } from '../sources/labels.js';
import { AI_SDK_OPENAI_PROVIDERS, compatibleRelease, frameworkClientApi, frameworkModelOptions, judgedApi } from '../sources/frameworks.js';
import {
  apiNeeds,
  CAPABILITY_LABELS,
  DECLARE_FIELDS,
  DROPPABLE_CAPABILITIES,
  FEATURE_CAPABILITIES,
  OPENAI_RANGES,
} from '../sources/openai/capabilities.js';
import { mapModel, openaiModelKind, type ModelMapping } from '../sources/openai/models.js';
import { envVarRole, envVarSdk, isBrowserExposed, isKeyPool, isOpenAiBaseUrlEnv, isRenamableKey } from '../sources/openai/surface.js';
import { modelAdapters } from './adapters.js';
import { step } from './step.js';
import { httpMoves, type HttpMoves } from '../sources/http/policy.js';
import { azureClientNote, azureClientReason } from '../sources/azure-openai-client/migrate.js';
import type { FieldRule, Template } from '../templates/schema.js';
import { formatInterval, parseInterval, type Capability, type ModelKind } from '../templates/vocabulary.js';

export type Verdict = 'ok' | 'caveat' | 'blocked';

/**
 * What the migration does for a step. `set-client` re-points a client; `set-endpoint` the URL of a hand-written
 * request (its key env var and model move with it, as their own steps); `map-model` replaces a model literal;
 * `remove-field`, `rename-field`, `clamp` and `set-field` edit a request field; `rename-env` renames an env
 * var read; `mark` leaves a TODO(qianyi) for manual work; `none` changes no code.
 */
export type Action =
  | 'set-client'
  | 'set-endpoint'
  | 'map-model'
  | 'remove-field'
  | 'rename-field'
  | 'clamp'
  | 'set-field'
  | 'rename-env'
  | 'mark'
  /** A model-level adaptation (src/policy/adapters.ts); `field` names what it edits. */
  | 'adapt'
  | 'none';

/** The migration's bucket for a step: see `bucketOf`. */
export type Bucket = 'migrated' | 'review' | 'manual';

export interface Step {
  verdict: Verdict;
  /** What the step is about: a capability, a request field, `model`, `api`, `client`, `import`, `env`. */
  subject: string;
  action: Action;
  /** One English sentence naming the api/feature and the provider (what `scan` shows). */
  reason: string;
  /** What the migration says in the code and its report; absent when it has nothing to say. */
  note?: string;
  /** The request field an edit touches. */
  field?: string;
  /** The new text of an edit: a model id, a field name, a number, a tool_choice mode, an env var name. */
  to?: string;
  /** The edit is made, and still leaves a TODO(qianyi): manual work (a model-level adaptation the user must finish). */
  todo?: true;
  /**
   * The edit is made and its note is for the user to review (a `qianyi:` comment), though the verdict stays ok:
   * what it says holds for every provider (stored embeddings), so it must not rank this one lower.
   */
  review?: true;
}

export interface Decision {
  site: string;
  provider: string;
  /** The worst of the steps. */
  verdict: Verdict;
  /** The first step with that verdict. */
  reason: string;
  steps: Step[];
}

export interface DecideOptions {
  /** OpenAI model id → model id, from `--model` and the config file; wins over the template's map. */
  models?: Record<string, string>;
  /** Region id of the template; the template's default when absent. */
  region?: string;
  /**
   * Sources with sites in the project that `migrate` leaves alone (LangChain, the AI SDK, raw fetch ...): they
   * may read OPENAI_API_KEY / OPENAI_BASE_URL too, so such a read outside an openai client is not renamed.
   */
  otherSources?: readonly Sdk[];
  /**
   * Clients the user keeps as they are (`// qianyi-ignore: <reason>` above them): never re-pointed, so their
   * calls' models and keys are not changed either (an acknowledged client must not end up in a mixed request).
   */
  kept?: ReadonlySet<string>;
}

const SEVERITY: Record<Verdict, number> = { ok: 0, caveat: 1, blocked: 2 };

/** Reasons about unconfirmed support start with this (the ranking counts them). */
export const UNCONFIRMED = 'unconfirmed: ';

/** Manual work when the step marks or blocks, review when it is a caveat, migrated when it changes code. */
export function bucketOf(step: Step): Bucket | null {
  if (step.note === undefined) return null;
  if (step.action === 'mark' || step.verdict === 'blocked' || step.todo) return 'manual';
  if (step.verdict === 'caveat' || step.review) return 'review';
  return step.action === 'none' ? null : 'migrated';
}

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
 * The other sites a decision looks at: the sites of the same file (what encloses an env read), and the calls
 * that read a model literal (a literal is rewritten only for calls the migration re-points).
 */
class SiteIndex {
  readonly byFile = new Map<string, Site[]>();
  readonly callers = new Map<string, Site[]>();
  readonly callsOf = new Map<string, Site[]>();
  readonly ids = new Map<string, Site>();
  readonly clients: Site[] = [];
  calls = 0;
  /** Per provider and model map: does the migration re-point the project's clients (see `untracedRepointed`). */
  readonly untraced = new Map<string, 'yes' | 'no' | 'unsure'>();
  /** Per provider, model map and client: the client stays on OpenAI (see `unserved`). */
  readonly unserved = new Map<string, boolean>();
  /** Hand-written requests, and per env site the requests whose URL or key it is. */
  readonly requests: Site[] = [];
  readonly readers = new Map<string, Site[]>();
  /** Per provider and model map: which hand-written requests move (see `httpMoving`). */
  readonly httpMemo = new Map<string, HttpMoves>();

  constructor(sites: readonly Site[]) {
    for (const s of sites) {
      this.ids.set(s.id, s);
      if (s.kind === 'client') this.clients.push(s);
      if (s.kind === 'call') this.calls++;
      push(this.byFile, s.file, s);
      // A LangChain model reads its model id at its construction: the client is the literal's caller.
      if ((s.kind === 'call' || s.kind === 'client') && s.modelSite) push(this.callers, s.modelSite, s);
      // An AI SDK model made by a created provider goes with it, as a call goes with its client.
      if ((s.kind === 'call' || s.kind === 'model') && s.clientSite) push(this.callsOf, s.clientSite, s);
      if (s.kind === 'call' && s.sdk === 'http') {
        this.requests.push(s);
        for (const part of s.parts ?? []) if (part.endsWith(':env')) push(this.readers, part, s);
      }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const indexes = new WeakMap<readonly Site[], SiteIndex>();
function indexOf(sites: readonly Site[]): SiteIndex {
  let index = indexes.get(sites);
  if (!index) indexes.set(sites, (index = new SiteIndex(sites)));
  return index;
}

/** The client site whose construction holds `site` (offsets are known only for sites of a real scan). */
function enclosingClient(site: Site, sameFile: readonly Site[]): Site | undefined {
  return sameFile.find((c) => c.kind === 'client' && c !== site && c.end > c.start && c.start <= site.start && site.end <= c.end);
}

/** True when the migration re-points the client a site belongs to (OpenAI's, or one qianyi re-pointed before). */
export function talksToOpenAi(site: Site): boolean {
  return site.endpoint === undefined || site.endpoint === 'provider';
}

/**
 * The decision for one site on one provider. `sites` are the other sites of the analysis (all files, or at
 * least the site's own): env reads are judged by the client that encloses them, model literals by the calls
 * that read them.
 */
export function decide(site: Site, t: Template, options: DecideOptions = {}, sites: readonly Site[] = []): Decision {
  const steps = new Decider(t, options).site(site, indexOf(sites));
  // The headline is the first of the worst steps (the endpoint comes before features, features before model).
  let worst = steps[0]!;
  for (const s of steps) if (SEVERITY[s.verdict] > SEVERITY[worst.verdict]) worst = s;
  return { site: site.id, provider: t.id, verdict: worst.verdict, reason: worst.reason, steps };
}

// Notes often hold parentheses themselves, so they follow a colon.
const withNote = (note: string | undefined) => (note ? `: ${note}` : '');
const inParens = (note: string | undefined) => (note ? ` (${note})` : '');

/** The capability behind each kind of model, to judge a provider that names no model of that kind. */
const KIND_CAPABILITY: Record<ModelKind, Capability> = {
  chat: 'chat',
  reasoning: 'chat',
  vision: 'vision',
  embedding: 'embeddings',
  image: 'images',
  transcription: 'audio_transcription',
  speech: 'audio_speech',
  moderation: 'moderations',
};

/** OpenAI account options: sent as OpenAI-Organization / OpenAI-Project headers that no other provider reads. */
export const OPENAI_ACCOUNT_OPTIONS = ['organization', 'project'];
/** Client options the migration sets or removes when it re-points a client (Azure's and 3.x's included). */
const CLIENT_OPTIONS = new Set(['apiKey', 'baseURL', 'basePath', 'organization', 'project', 'endpoint', 'apiVersion', 'deployment']);
/** Request fields the openai SDK's types know, so a rename into one of them still type-checks. */
const OPENAI_REQUEST_FIELDS = new Set(['max_tokens', 'max_completion_tokens', 'user', 'stop', 'seed', 'n']);

class Decider {
  private readonly p: string;

  constructor(
    private readonly t: Template,
    private readonly options: DecideOptions,
  ) {
    this.p = t.name.en;
  }

  site(site: Site, index: SiteIndex): Step[] {
    if (!isMigrated(site.sdk) && site.kind !== 'env') return this.notMigrated(site, index);
    switch (site.kind) {
      case 'call':
        return this.call(site, index);
      case 'model':
        // An AI SDK model made from a literal id (`openai.embedding('...')`) is decided like a call of its provider.
        if (site.sdk === 'ai-sdk' && site.name) {
          // A model some call cannot use on the provider (OpenAI's built-in tools ...) stays, with that call.
          if ((index.callers.get(site.id) ?? []).some((c) => this.stuck(c)) && !this.stuck({ ...site, api: judgedApi(site) })) {
            return [step('caveat', 'model', 'mark', `A call made with this AI SDK model needs something ${this.p} does not serve, so the migration leaves the model on OpenAI.`,
              `a call made with this model needs something ${this.p} does not serve: the model stays on OpenAI (see that call's marker)`)];
          }
          return this.call({ ...site, api: judgedApi(site), modelAt: 'call' }, index);
        }
        return this.modelSite(site, index);
      case 'import':
        return this.importSite(site);
      case 'client':
        return this.client(site, index);
      case 'env':
        return this.env(site, index.byFile.get(site.file) ?? [], index);
    }
  }

  /**
   * A site of a source `migrate` does not rewrite yet: its endpoint, feature and model problems on the provider
   * are still shown, but nothing in it is edited (no model mapped, no field removed); calls, clients and models
   * are marked as manual work.
   */
  private notMigrated(site: Site, index: SiteIndex): Step[] {
    const p = this.p;
    const label = SOURCE_LABELS[site.sdk];
    const judged = site.kind === 'call' ? this.call(site, index) : site.kind === 'model' ? this.modelSite(site, index) : [];
    const problems = judged.filter((s) => s.verdict !== 'ok').map(({ verdict, subject, reason }) => ({ verdict, subject, action: 'none' as const, reason }));
    const subject = site.kind === 'call' ? 'api' : site.kind;
    if (site.sdk === 'azure-openai-client') {
      // The whole client is replaced by hand: its import needs nothing of its own, its calls' details go in their marker.
      if (site.kind === 'import') return [step('ok', 'import', 'none', `This import is @azure/openai, whose OpenAIClient is replaced by hand (see its marker).`)];
      const mapped = (id: string) => {
        const m = this.mapping(id);
        return m.how === 'mapped' || m.how === 'identical' || m.how === 'default' ? m.model : m.how === 'none' ? null : undefined;
      };
      const needs = site.api ? apiNeeds(site.api) : null;
      const lacks = needs && this.t.capabilities[needs.capability].support === 'no' ? CAPABILITY_LABELS[needs.capability] : undefined;
      const note = azureClientNote(site, { provider: p, keyEnv: this.t.apiKey.env, baseURL: regionBaseUrl(this.t, this.options.region), mapped, ...(lacks ? { lacks } : {}) }) ?? undefined;
      if (lacks) return [step('blocked', needs!.capability, 'mark', `${site.api} needs ${lacks}, which ${p} does not support: ${azureClientReason(p)}`, note)];
      return [step('caveat', subject, note ? 'mark' : 'none', azureClientReason(p), note)];
    }
    const note = notMigratedNote(site, p) ?? undefined;
    return [...problems, step('caveat', subject, note ? 'mark' : 'none', `This goes through ${label}, which qianyi does not migrate yet: re-point it to ${p} by hand.`, note)];
  }

  // ---- clients and imports -------------------------------------------------------------------------------

  private client(site: Site, index: SiteIndex): Step[] {
    const { p, t } = this;
    const env = t.apiKey.env;
    const url = regionBaseUrl(t, this.options.region);
    const name = site.name ?? 'OpenAI';
    if (site.endpoint === 'foreign') {
      return [step('ok', 'client', 'none', `The ${name} client talks to ${site.host ?? 'another host'}, not to OpenAI: the migration leaves it and its calls as they are.`)];
    }
    if (site.endpoint === 'unknown') {
      return [step('caveat', 'client', 'mark',
        `The ${name} client's base URL comes from a value qianyi cannot resolve, so it is not re-pointed to ${p}: if it talks to OpenAI, re-point it by hand.`,
        `this client's base URL is set where qianyi cannot follow it: if it talks to OpenAI, point it at ${p} (${url}, key in ${env}) and give its calls ${p} models`)];
    }
    if (site.options === null) {
      const note = site.sdk === 'openai-v3' || site.sdk === 'openai-edge'
        ? `the Configuration of this 3.x client is built elsewhere: give it apiKey: process.env.${env} and basePath: "${url}" for ${p}`
        : `the client options are built elsewhere: set apiKey: process.env.${env} and baseURL: "${url}" for ${p}`;
      return [step('caveat', 'client', 'mark', `The ${name} client's options are built elsewhere, so the migration cannot re-point it to ${p}: set its key and base URL by hand.`, note)];
    }
    if (site.keyFrom?.startsWith('env:') && isBrowserExposed(site.keyFrom.slice(4))) {
      const from = site.keyFrom.slice(4);
      return [step('caveat', 'client', 'mark', `The ${name} client takes its key from ${from}, which Next.js ships to the browser: the migration never puts a ${p} key there, so the client is left as it is.`,
        `${from} ships this client's key to the browser: build it in server code with apiKey: process.env.${env} and baseURL: "${url}" for ${p}`)];
    }
    if (site.keyFrom !== undefined && !this.replaceableKey(site)) {
      // Re-pointing it would send the app's OpenAI key to the provider: the key and URL move together, by hand.
      return [step('caveat', 'client', 'mark', `The ${name} client takes its key from ${site.keyFrom}, where the app keeps it, so the migration leaves the client as it is: ${site.keyFrom} must hold a ${p} key when it is pointed at ${p}.`,
        `${site.keyFrom} must now hold a ${p} key: then set ${site.sdk === 'openai-v3' || site.sdk === 'openai-edge' ? 'basePath' : 'baseURL'}: process.env.${baseUrlEnv(t)} ?? "${url}" here and give its calls ${p} models`)];
    }
    const held = this.clientHeld(site);
    if (held) {
      // The chatgpt package's client carries the model: it moves only with it.
      const todo = site.sdk === 'chatgpt'
        ? `set its apiKey (${env}), apiBaseUrl (${url}) and completionParams.model for ${p} together`
        : `replace it with new OpenAI({ apiKey: process.env.${env}, baseURL: "${url}" }) and give its calls ${p} models`;
      return [step('caveat', 'client', 'mark', `The ${name} client cannot move to ${p} whole: ${held}, so the migration leaves it as it is.`,
        `this ${name} client stays as it is (${held}): ${todo}`)];
    }
    if (this.unserved(site, index)) {
      const calls = index.callsOf.get(site.id) ?? [];
      if (calls.every((c) => this.stuck(c))) {
        return [step('caveat', 'client', 'mark', `Every call of the ${name} client needs something ${p} does not serve, so the migration leaves it pointing at OpenAI.`,
          `every call of this client needs something ${p} does not serve: it stays on OpenAI (see the calls' markers)`)];
      }
      // The rest (Files, a model chosen at run time) proves nothing about the provider: it stays with them.
      return [step('caveat', 'client', 'mark', `Some calls of the ${name} client need something ${p} does not serve, and none of the others is one the migration carries over whole, so it leaves the client pointing at OpenAI.`,
        `some calls of this client need something ${p} does not serve and no other call moves whole: it stays on OpenAI (see the calls' markers)`)];
    }
    const own = site.sdk === 'ai-sdk' ? this.aiSdkProviderHeld(site, index) : this.ownWork(site);
    if (own) return own;
    const steps: Step[] = [
      step('ok', 'client', 'set-client', `The ${name} client is re-pointed to ${p} (baseURL ${url}, key from ${env}).`,
        `client now calls ${p} at ${url} with the key in ${env}`),
    ];
    steps.push(...this.clientModel(site));
    if (site.sdk === 'chatgpt' && site.model !== null) steps.push(this.model(site.model, `The ${name} client's model ${site.model}`));
    // LangChain's ranged fields are options of the model, sent with each of its requests.
    for (const field of Object.keys(site.params ?? {})) steps.push(...this.field(site, field, `The ${name} model`, true));
    for (const option of site.sdk === 'chatgpt' ? ['apiOrg'] : OPENAI_ACCOUNT_OPTIONS) {
      if (site.options?.includes(option)) {
        steps.push(step('ok', 'client', 'remove-field', `The client sets ${option}, which ${p} does not use, so the migration removes it.`, undefined, option));
      }
    }
    if (site.options?.includes('webhookSecret')) {
      const c = this.capability('webhooks', 'The client option webhookSecret');
      if (c) steps.push(c);
    }
    return steps;
  }

  /**
   * A framework client that makes the requests itself (LangChain's ChatOpenAI, OpenAIEmbeddings ...): when the
   * provider lacks its endpoint or a model of its kind, it stays on OpenAI as a whole, marked. Null otherwise.
   */
  private ownWork(site: Site): Step[] | null {
    const api = frameworkClientApi(site);
    const needs = api ? apiNeeds(api) : null;
    if (!needs) return null;
    const { p, t } = this;
    const name = site.name ?? 'OpenAI';
    if (name === 'DallEAPIWrapper') {
      return [step('caveat', 'client', 'mark', `The ${name} tool calls OpenAI's image API with options of its own, so the migration leaves it: re-point it by hand if ${p} serves images.`,
        `${name} is left on OpenAI: if ${p} serves images, give it a ${p} key and base URL by hand`)];
    }
    if (/^Azure/.test(name)) {
      return [step('caveat', 'client', 'mark', `The ${name} model is LangChain's Azure class, which takes Azure's deployment options, so the migration leaves it: replace it with ChatOpenAI for ${p} by hand.`,
        `${name} takes Azure's options: replace it with ChatOpenAI (configuration: { baseURL: "${regionBaseUrl(t, this.options.region)}" }, key in ${t.apiKey.env}) and a ${p} model`)];
    }
    const { support, note } = t.capabilities[needs.capability];
    const label = CAPABILITY_LABELS[needs.capability];
    if (support === 'no' || support === 'unknown') {
      const prefix = support === 'unknown' ? UNCONFIRMED : '';
      const does = support === 'unknown' ? 'is not confirmed for' : 'is not offered by';
      return [step(support === 'no' ? 'blocked' : 'caveat', needs.capability, 'mark', `${prefix}The ${name} model needs ${label}, which ${does} ${p}${withNote(note)}, so the migration leaves it on OpenAI.`,
        `${p} does not offer ${label}${inParens(note)}: this ${name} stays on OpenAI; move it to a service that has it by hand`)];
    }
    const kind = needs.modelKind;
    const absent = kind !== null && !frameworkModelOptions(site).some((o) => site.options?.includes(o));
    const missing = kind !== null && (site.model !== null ? this.mapping(site.model).how === 'none' : absent && !t.models.defaults[kind]);
    if (kind && missing) {
      const m = this.noModel(kind, `The ${name} model`);
      return [{ ...m, reason: `${m.reason.replace(/\.$/, '')}, so the migration leaves it on OpenAI.`, note: `${p} has no ${kind} model: this ${name} stays on OpenAI; move it by hand` }];
    }
    return null;
  }

  /** An AI SDK provider that cannot be remade with createOpenAICompatible as a whole: marked, left on OpenAI. Null otherwise. */
  private aiSdkProviderHeld(site: Site, index: SiteIndex): Step[] | null {
    const { p, t } = this;
    const name = site.name ?? 'createOpenAI';
    const url = regionBaseUrl(t, this.options.region);
    const by = `createOpenAICompatible({ name, baseURL: "${url}", apiKey: process.env.${t.apiKey.env} })`;
    if (!AI_SDK_OPENAI_PROVIDERS.has(name)) {
      return [step('caveat', 'client', 'mark', `The ${name} provider is not one qianyi remakes for ${p}, so the migration leaves it: re-point it by hand.`,
        `replace this ${name} provider with ${by} and give its models ${p} ids`)];
    }
    if (!compatibleRelease(site)) return [this.noCompatibleRelease(site)];
    if (site.usedElsewhere) {
      return [step('caveat', 'client', 'mark', `The ${name} provider is used where qianyi cannot follow it (exported, passed on, or given a model id from elsewhere), so the migration leaves it on OpenAI.`,
        `this provider is used where qianyi cannot follow it: replace it with ${by} and give every model it makes a ${p} id, together`)];
    }
    if ((index.callsOf.get(site.id) ?? []).some((c) => this.stuck(c))) {
      return [step('caveat', 'client', 'mark', `Some models of the ${name} provider need something ${p} does not serve, so the migration leaves the provider on OpenAI.`,
        `some models of this provider need something ${p} does not serve: it stays on OpenAI (see the models' markers)`)];
    }
    return null;
  }

  /** An AI SDK app whose `ai` version no @ai-sdk/openai-compatible release qianyi knows fits (ai 3.x, or none named). */
  private noCompatibleRelease(site: Site): Step {
    const { p, t } = this;
    const which = site.aiMajor === undefined ? 'a version of ai that no package.json near it names' : `ai ${site.aiMajor}.x`;
    return step('caveat', 'client', 'mark', `This AI SDK code runs on ${which}, for which qianyi knows no @ai-sdk/openai-compatible release, so the migration leaves it on OpenAI.`,
      `qianyi knows no @ai-sdk/openai-compatible release for ${which}: add one that fits, then make this model with createOpenAICompatible for ${p} (${regionBaseUrl(t, this.options.region)}, key in ${t.apiKey.env})`);
  }

  /** The model of a framework client: written in its options (mapped), elsewhere (decided there), at run time, or absent. */
  private clientModel(site: Site): Step[] {
    const api = frameworkClientApi(site);
    const kind = api ? apiNeeds(api)?.modelKind : null;
    if (!kind) return [];
    const { p, t } = this;
    const name = site.name ?? 'OpenAI';
    if (site.model !== null) return site.modelAt === 'call' ? [this.model(site.model, `The ${name} model ${site.model}`)] : [];
    if (frameworkModelOptions(site).some((o) => site.options?.includes(o))) {
      return [step('caveat', 'model', 'mark', `The ${name} model takes its model id at run time, so the migration cannot map it: it must name a ${p} ${kind} model such as ${t.models.defaults[kind] ?? t.models.defaults.chat}.`,
        `the model is chosen at run time: make sure it names a ${p} model (e.g. ${t.models.defaults[kind] ?? t.models.defaults.chat})`)];
    }
    const fallback = t.models.defaults[kind]!;
    return [step('caveat', 'model', 'map-model', `The ${name} model names no model, so it would send its OpenAI default: the migration sets ${p}'s default ${kind} model ${fallback}.`,
      `no model was set (the default is an OpenAI model): using ${p}'s default ${kind} model ${fallback}`, 'model', fallback)];
  }

  /** A client the migration re-points: OpenAI's (or one qianyi pointed at a provider), editable, with a key it may replace. */
  repointed(client: Site, index: SiteIndex): boolean {
    if (this.options.kept?.has(client.id)) return false;
    if (!talksToOpenAi(client) || client.options === null || (client.keyFrom !== undefined && !this.replaceableKey(client)) || this.clientHeld(client) || this.unserved(client, index)) return false;
    // A framework client that stays whole (an endpoint or model the provider lacks, a provider used elsewhere).
    return (client.sdk === 'ai-sdk' ? this.aiSdkProviderHeld(client, index) : this.ownWork(client)) === null;
  }

  /** Why a client that carries its model (the chatgpt package's) cannot move with it; undefined when it can. */
  private clientHeld(client: Site): string | undefined {
    if (client.sdk === 'azure-openai') {
      const entra = client.options?.find((o) => o === 'azureADTokenProvider' || o === 'azureAdTokenProvider');
      return entra ? `it authenticates with Entra ID through ${entra}, and ${this.p} takes an API key` : undefined;
    }
    if (client.sdk !== 'chatgpt') return undefined;
    if (client.held) return client.held;
    if (client.model === null) return undefined;
    const m = this.mapping(client.model);
    if (m.how === 'none') return `${this.p} has no ${m.kind} model to replace ${client.model}`;
    if (m.how === 'unknown') return `its model ${client.model} is not a model qianyi knows`;
    return undefined;
  }

  /**
   * The client stays on OpenAI: some traced call of it cannot be carried over to the provider (see `stuck`) and
   * no other call is one the migration carries over whole (a served endpoint with a model it maps). Calls that
   * prove nothing either way (Files, a model chosen at run time) do not justify moving the rest.
   */
  private unserved(client: Site, index: SiteIndex): boolean {
    const key = `${this.memoKey()} ${client.id}`;
    let answer = index.unserved.get(key);
    if (answer === undefined) {
      const calls = index.callsOf.get(client.id) ?? [];
      answer = calls.some((c) => this.stuck(c)) && !calls.some((c) => this.carried(c));
      index.unserved.set(key, answer);
    }
    return answer;
  }

  /** Decisions about the whole project depend on the provider and the model map only: memoized on the index. */
  private memoKey(): string {
    return `${this.t.id} ${JSON.stringify(this.options.models ?? {})} ${[...(this.options.kept ?? [])].sort().join(' ')}`;
  }

  /**
   * A call the provider cannot take as the migration leaves it: an endpoint it lacks or has not confirmed, a
   * batch (its input file names OpenAI models and paths, which qianyi does not rewrite), or a model with no
   * counterpart there.
   */
  private stuck(call: Site): boolean {
    if (call.features.includes('provider_tools')) return true;
    const api = judgedApi(call);
    const needs = api ? apiNeeds(api) : null;
    if (!needs) return false;
    const support = this.t.capabilities[needs.capability].support;
    if (support === 'no' || support === 'unknown' || needs.capability === 'batches') return true;
    if (this.aiSdkImagesUnread(call)) return true;
    if (needs.modelKind === null || call.model === null) return false;
    const how = this.mapping(call.model).how;
    // An Azure deployment name that is no model id: the provider would get a name it does not serve.
    return how === 'none' || (call.sdk === 'azure-openai' && how === 'unknown');
  }

  /**
   * An AI SDK image model the provider serves only partly, on an ai major whose @ai-sdk/openai-compatible image
   * model asks for and parses b64_json only (0.2.x and 1.x: a provider that answers with URLs fails its schema;
   * 2.x, for ai 6, also takes URLs).
   */
  private aiSdkImagesUnread(call: Site): boolean {
    if (call.sdk !== 'ai-sdk' || judgedApi(call) !== 'images.generate') return false;
    return this.t.capabilities.images.support === 'partial' && (call.aiMajor === undefined || call.aiMajor < 6);
  }

  /** A call that works on the provider once re-pointed: a served endpoint that takes a model the migration can name. */
  private carried(call: Site): boolean {
    const api = judgedApi(call);
    const needs = api ? apiNeeds(api) : null;
    return needs !== null && needs.modelKind !== null && call.model !== null && !this.stuck(call);
  }

  /**
   * For a call whose client the analysis could not trace: whether the migration re-points it. Known when every
   * openai client of the project is re-pointed (yes) or none is (no); `unsure` when it re-points some.
   */
  private untracedRepointed(index: SiteIndex): 'yes' | 'no' | 'unsure' {
    const key = this.memoKey();
    const known = index.untraced.get(key);
    if (known) return known;
    const clients = index.clients.filter((c) => takesClient(c.sdk));
    const moved = clients.filter((c) => this.repointed(c, index)).length;
    const answer = clients.length === 0 || moved === clients.length ? 'yes' : moved === 0 ? 'no' : 'unsure';
    index.untraced.set(key, answer);
    return answer;
  }

  /** A key the migration may replace: OpenAI's env var, or the env var of the provider qianyi pointed it at. */
  private replaceableKey(site: Site): boolean {
    const from = site.keyFrom ?? '';
    // A key written in the code is no place the app keeps it: the provider's env var replaces it.
    if (from === 'a string literal') return true;
    if (!from.startsWith('env:')) return false;
    const name = from.slice(4);
    // The same key under another name (OPENAI_KEY ...) moves too, unless a source this version leaves on OpenAI
    // (openai-edge, LangChain ...) is in the project: it may read the same variable.
    const alias = isRenamableKey(name) && (this.options.otherSources ?? []).length === 0;
    return name === 'OPENAI_API_KEY' || name === 'AZURE_OPENAI_API_KEY' || alias || name === this.t.apiKey.env || site.endpoint === 'provider';
  }

  // ---- hand-written requests ----------------------------------------------------------------------------

  /** Which hand-written requests move to the provider, memoized per provider and model map. */
  httpMoving(index: SiteIndex): HttpMoves {
    const key = this.memoKey();
    let moves = index.httpMemo.get(key);
    if (!moves) {
      moves = httpMoves(index.requests, (id) => index.callers.get(id) ?? [], (s) => this.httpOwn(s, index), (c) => this.callerMoves(c, index));
      index.httpMemo.set(key, moves);
    }
    return moves;
  }

  /**
   * Whether a site that reads a model literal (a call, or a client that takes its model) goes to the provider
   * after this run: the one rule for model literals and for the requests that share a model constant with it.
   * Hand-written requests are answered by `httpMoving`, which asks this of their other callers.
   */
  private callerMoves(c: Site, index: SiteIndex): boolean {
    if (c.kind === 'client') return this.repointed(c, index);
    const client = c.clientSite ? index.ids.get(c.clientSite) : undefined;
    return talksToOpenAi(c) && c.confidence === 'certain' && (client ? this.repointed(client, index) : !isMigrated(c.sdk) || this.untracedRepointed(index) !== 'no');
  }

  /** Why a hand-written request cannot move by itself (its URL, key and model must all be rewritable); undefined when it can. */
  private httpOwn(site: Site, index: SiteIndex): string | undefined {
    const p = this.p;
    if (site.held) return site.held;
    if (this.options.kept?.has(site.id)) return 'it is kept as it is (qianyi-ignore)';
    if (site.confidence !== 'certain' || !talksToOpenAi(site)) return 'it may not go to OpenAI';
    const needs = site.api ? apiNeeds(site.api) : null;
    if (!needs) return `qianyi does not know the endpoint ${site.api ?? ''}`;
    const support = this.t.capabilities[needs.capability].support;
    if (support === 'no') return `${p} does not offer ${CAPABILITY_LABELS[needs.capability]}`;
    if (support === 'unknown') return `${p}'s support for ${CAPABILITY_LABELS[needs.capability]} is unconfirmed`;
    if (needs.capability === 'batches') return 'its batch input file still holds OpenAI request lines';
    if (needs.modelKind) {
      if (site.model === null) return 'its model is chosen at run time';
      const m = this.mapping(site.model);
      if (m.how === 'none') return `${p} has no ${m.kind} model to replace ${site.model}`;
      if (m.how === 'unknown') return `its model ${site.model} is not a model qianyi knows`;
      if (site.modelAt !== 'call') {
        const written = site.modelSite ? index.ids.get(site.modelSite) : undefined;
        if (!written) return `its model ${site.model} is written where this run edits nothing`;
        if (written.typedAs && m.how !== 'identical') return `its model ${site.model} is declared as ${written.typedAs}`;
      }
    }
    if ((site.parts ?? []).some((part) => part.endsWith(':env') && !index.ids.has(part))) return 'qianyi cannot find the env read of its key';
    return undefined;
  }

  /** The marker of a hand-written request that stays on OpenAI, or null when it moves. */
  private httpHeld(site: Site, index: SiteIndex): Step | null {
    const moves = this.httpMoving(index);
    if (moves.moving.has(site.id)) return null;
    const { p, t } = this;
    const why = moves.why.get(site.id) ?? 'it cannot be rewritten whole';
    const name = site.name ?? 'HTTP';
    const api = site.api ?? 'a request';
    if (this.options.kept?.has(site.id)) return step('ok', 'api', 'none', `${api} is a ${name} request kept as it is (qianyi-ignore).`);
    const needs = site.api ? apiNeeds(site.api) : null;
    const lacks = needs && t.capabilities[needs.capability].support === 'no';
    if (lacks) {
      const { note } = t.capabilities[needs.capability];
      return step('blocked', needs.capability, 'mark', `${api} needs ${CAPABILITY_LABELS[needs.capability]}, which ${p} does not support${withNote(note)}: this ${name} request stays on OpenAI as it is.`,
        `${p} does not offer ${CAPABILITY_LABELS[needs.capability]}${inParens(note)}: this ${name} request stays on OpenAI; move it to another service or remove it`);
    }
    return step('caveat', 'api', 'mark',
      `This ${name} request to OpenAI (${api}) cannot move to ${p} whole: ${why}, so its URL, key and model are left as they are.`,
      `this ${name} request stays on OpenAI (${why}): move its URL (${regionBaseUrl(t, this.options.region)}), its key (${t.apiKey.env}) and its model to ${p} together`);
  }

  private httpEndpoint(site: Site): Step {
    const { p, t } = this;
    const url = regionBaseUrl(t, this.options.region);
    return step('ok', 'endpoint', 'set-endpoint', `The ${site.name ?? 'HTTP'} request is re-pointed to ${p} (${url}, key from ${t.apiKey.env}).`,
      `request now goes to ${p} at ${url} with the key in ${t.apiKey.env}`);
  }

  private importSite(site: Site): Step[] {
    const p = this.p;
    if (site.sdk === 'openai-v3') {
      return [step('ok', 'import', 'none', `This import is the openai 3.x SDK: its client is re-pointed to ${p} where it is constructed.`)];
    }
    if (site.sdk === 'chatgpt') {
      return [step('ok', 'import', 'none', `This import is the chatgpt package: its ChatGPTAPI client is re-pointed to ${p} where it is constructed (apiKey, apiBaseUrl and its model).`)];
    }
    if (site.sdk === 'openai-edge') {
      return [step('ok', 'import', 'none', `This import is openai-edge: its client is re-pointed to ${p} where it is constructed (the Configuration's basePath and apiKey).`)];
    }
    if (site.sdk === 'azure-openai') {
      return [step('ok', 'import', 'none', `This import is the Azure OpenAI client, which the migration replaces with an OpenAI client for ${p} where it is constructed.`)];
    }
    return [step('ok', 'import', 'none', `The import of ${site.name ?? 'openai'} stays as it is: ${p} is reached through the same SDK.`)];
  }

  // ---- env reads -----------------------------------------------------------------------------------------

  private env(site: Site, within: readonly Site[], index: SiteIndex): Step[] {
    const { p, t } = this;
    const name = site.name ?? `${site.nameFrom ?? 'process.env[...]'} (a name known only at run time)`;
    // Other names of OpenAI's key or base URL (OPENAI_KEY, OPENAI_API_URL ...) move as OPENAI_API_KEY does.
    const primary = name === 'OPENAI_API_KEY' || name === 'OPENAI_BASE_URL' || name === 'OPENAI_API_BASE';
    const alias = site.name !== null && !primary && envVarSdk(name) === 'openai' && (isRenamableKey(name) || isOpenAiBaseUrlEnv(name));
    const credential = primary || alias;
    // A read in the options of a client: it goes with that client.
    const enclosing = enclosingClient(site, within);
    if (enclosing && !this.repointed(enclosing, index)) {
      return [step('ok', 'env', 'none', `${name} is read by a client the migration leaves as it is.`)];
    }
    const special = this.unmovableEnv(site, name);
    if (special) return special;
    // The key or base URL of hand-written requests: renamed when they all move, else left with them.
    const readers = index.readers.get(site.id);
    if (readers && readers.every((r) => this.httpMoving(index).moving.has(r.id))) {
      const target = name === 'OPENAI_API_KEY' ? t.apiKey.env : baseUrlEnv(t);
      return [step('ok', 'env', 'rename-env', `${name} is replaced by ${target} for ${p}, with the requests that read it.`, `${name} → ${target}`, undefined, target)];
    }
    const request = index.requests.find((r) => r.file === site.file && r.start <= site.start && site.end <= r.end);
    if (readers || (request && !this.httpMoving(index).moving.has(request.id))) {
      return [step('ok', 'env', 'none', `${name} is read by a hand-written request that stays on OpenAI (manual work at the request): it stays with it.`)];
    }
    // The value of a client option the migration sets or removes goes with that option.
    const client = enclosing ?? within.find((c) => c.kind === 'client' && c.options !== null && c.options?.includes(site.option ?? ''));
    if (client && this.repointed(client, index) && CLIENT_OPTIONS.has(site.option ?? '') && !credential) {
      return [step('ok', 'env', 'none', `${name} is the client's ${site.option}, which the migration replaces for ${p}.`)];
    }
    // Never half a request: a key or URL that a request the migration does not re-point also reads stays.
    if (credential && !enclosing && (site.readBy || site.rawHttp)) {
      const by = site.readBy ? `${site.readBy}, which this migration does not re-point` : 'a hand-written HTTP request to OpenAI in this file';
      return [step('caveat', 'env', 'mark', `${name} is read by ${by}, so it is left as it is: change the key and the endpoint there together.`,
        `${name} is read by ${by}: switch its key and its URL to ${p} together (${t.apiKey.env}, ${regionBaseUrl(t, this.options.region)})`)];
    }
    // A key or URL read away from any client: renamed only next to a client this run re-points.
    if (credential && !enclosing && !within.some((c) => c.kind === 'client' && this.repointed(c, index))) {
      if (index.clients.length === 0 && index.calls === 0) {
        // No client or request anywhere (a hand-written proxy qianyi cannot follow): the app is not migrated.
        const url = regionBaseUrl(t, this.options.region);
        return [step('caveat', 'env', 'mark', `${name} is read, but qianyi finds no OpenAI client or request in this project that it goes to, so it is left as it is: wherever it is sent to OpenAI, switch it and the URL to ${p} together.`,
          `${name} is read here, but qianyi finds no OpenAI request it goes to: wherever it is sent, switch it and the URL to ${p} together (${t.apiKey.env}, ${url})`)];
      }
      if (alias) return this.otherEnvName(name, regionBaseUrl(t, this.options.region));
      return [step('ok', 'env', 'none', `${name} is read where no client this migration re-points is built, so it is left as it is.`)];
    }
    const url = regionBaseUrl(t, this.options.region);
    // A hand-written request that stays on OpenAI may read the same variables (through a constant of another file).
    const given = this.options.otherSources ?? [];
    const others = !given.includes('http') && index.requests.some((r) => !this.httpMoving(index).moving.has(r.id)) ? [...given, 'http' as const] : given;
    if (others.length > 0 && credential) {
      const target = name === 'OPENAI_API_KEY' || isRenamableKey(name) ? t.apiKey.env : baseUrlEnv(t);
      const who = others.map((sdk) => SOURCE_LABELS[sdk]).join(', ');
      return [step('caveat', 'env', 'mark', `${name} stays as it is: ${who} in this project may read it and still call OpenAI, so it moves to ${target} only with them.`,
        `${name} is left as it is: ${who} in this project may read it too, and still go to OpenAI; switch it to ${target} when they move to ${p}`)];
    }
    switch (name) {
      case 'OPENAI_API_KEY':
        return [step('ok', 'env', 'rename-env', `${name} is replaced by ${t.apiKey.env} for ${p}.`, `${name} → ${t.apiKey.env}`, undefined, t.apiKey.env)];
      case 'OPENAI_BASE_URL':
      case 'OPENAI_API_BASE':
        return [step('ok', 'env', 'rename-env', `${name} is replaced by ${baseUrlEnv(t)}, ${p}'s base URL (${url}).`, `${name} → ${baseUrlEnv(t)}`, undefined, baseUrlEnv(t))];
      case 'AZURE_OPENAI_API_KEY':
        return [step('caveat', 'env', 'none', `${name} is read outside the client: ${p}'s key is in ${t.apiKey.env}.`, `${name} is read here: ${p}'s key is in ${t.apiKey.env}`)];
      case 'AZURE_OPENAI_ENDPOINT':
        return [step('caveat', 'env', 'none', `${name} is read outside the client: ${p}'s base URL is ${url}.`, `${name} is read here: ${p}'s base URL is ${url}`)];
      case 'OPENAI_MODEL': {
        const chat = t.models.defaults.chat;
        const such = chat ? ` such as ${chat}` : '';
        return [step('caveat', 'env', 'none', `${name} must name a ${p} model${such}.`, `${name} must now name a ${p} model${such}`)];
      }
      case 'OPENAI_WEBHOOK_SECRET':
        return [this.capability('webhooks', name) ?? step('ok', 'env', 'none', `${name} keeps working with ${p}.`)];
      default:
        if (alias && isRenamableKey(name)) {
          return [step('ok', 'env', 'rename-env', `${name} holds the OpenAI key of a client the migration re-points: it is replaced by ${t.apiKey.env} for ${p}.`, `${name} → ${t.apiKey.env}`, undefined, t.apiKey.env)];
        }
        if (alias) {
          return [step('ok', 'env', 'rename-env', `${name} holds OpenAI's base URL: it is replaced by ${baseUrlEnv(t)}, ${p}'s base URL (${url}).`, `${name} → ${baseUrlEnv(t)}`, undefined, baseUrlEnv(t))];
        }
        return this.otherEnvName(name, url);
    }
  }

  /**
   * Reads that never move to the provider's variables: a key pool, a key shipped to the browser, a name known
   * only at run time. Marked: the requests they feed are switched by hand, key and URL together.
   */
  private unmovableEnv(site: Site, name: string): Step[] | undefined {
    const { p, t } = this;
    const url = regionBaseUrl(t, this.options.region);
    if (site.name === null) {
      return [step('caveat', 'env', 'mark', `${name} feeds an OpenAI client, so the migration cannot tell which variable to switch.`,
        `${name} is read here with a name known only at run time: make it name ${t.apiKey.env} and point the client at ${p} (${url}) together`)];
    }
    if (isKeyPool(name)) {
      return [step('caveat', 'env', 'mark', `${name} is a pool of OpenAI keys the app picks from: it is never rewritten to one ${p} key.`,
        `${name} is a pool of OpenAI keys: fill it with ${p} keys (or read ${t.apiKey.env}) when the requests it feeds move to ${p} (${url}), key and URL together`)];
    }
    if (isBrowserExposed(name) && envVarRole(name) === 'key') {
      return [step('caveat', 'env', 'mark', `${name} is an OpenAI key exposed to the browser (Next.js inlines NEXT_PUBLIC_* into client code): the migration never puts a ${p} key there.`,
        `${name} ships an OpenAI key to the browser: call ${p} from server code with ${t.apiKey.env} instead of moving this key`)];
    }
    return undefined;
  }

  /** The other names apps give OpenAI's key, base URL or model (OPENAI_KEY, OPENAI_API_URL ...): read, not renamed. */
  private otherEnvName(name: string, url: string): Step[] {
    const { p, t } = this;
    switch (envVarRole(name)) {
      case 'key':
        return [step('caveat', 'env', 'none', `${name} holds an OpenAI key: ${p}'s key is in ${t.apiKey.env}.`, `${name} holds an OpenAI key: ${p}'s key is in ${t.apiKey.env}`)];
      case 'baseURL':
        return [step('caveat', 'env', 'none', `${name} holds OpenAI's base URL: ${p}'s is ${url}.`, `${name} holds OpenAI's base URL: ${p}'s is ${url}`)];
      case 'model': {
        const chat = t.models.defaults.chat;
        const such = chat ? ` such as ${chat}` : '';
        return [step('caveat', 'env', 'none', `${name} must name a ${p} model${such}.`, `${name} must now name a ${p} model${such}`)];
      }
      default:
        return [step('caveat', 'env', 'none', `${name} has no equivalent on ${p}: check what the code does with it.`, `${name} has no equivalent on ${p}: check what this code does with it`)];
    }
  }

  // ---- calls ---------------------------------------------------------------------------------------------

  private call(site: Site, index: SiteIndex): Step[] {
    const { p, t } = this;
    const api = judgedApi(site) ?? 'an unrecognised call';
    if (site.sdk === 'ai-sdk' && !AI_SDK_OPENAI_PROVIDERS.has(site.provider ?? 'openai') && isMigrated(site.sdk)) {
      return [step('caveat', 'api', 'mark', `${api} goes through the AI SDK's ${site.provider} provider, which qianyi does not remake for ${p}: re-point it by hand.`,
        `this model is made by the AI SDK's ${site.provider} provider: replace it with createOpenAICompatible for ${p} (${regionBaseUrl(t, this.options.region)}, key in ${t.apiKey.env}) and a ${p} model`)];
    }
    if (site.endpoint === 'foreign' || site.endpoint === 'unknown') {
      const to = site.endpoint === 'foreign' ? `goes to ${site.host ?? 'another host'}, not to OpenAI` : 'goes through a client whose base URL qianyi cannot resolve';
      return [step('ok', 'api', 'none', `${api} ${to}: the migration leaves it as it is.`)];
    }
    if (site.sdk === 'http') {
      const held = this.httpHeld(site, index);
      if (held) return [held];
    }
    const client = site.clientSite ? index.ids.get(site.clientSite) : undefined;
    if (client && talksToOpenAi(client) && !this.repointed(client, index)) {
      if (this.options.kept?.has(client.id)) {
        return [step('ok', 'api', 'none', `${api} goes through a client kept as it is (qianyi-ignore): the call stays with it.`)];
      }
      // An AI SDK provider held back by a model the provider cannot serve: that model is marked too.
      const heldByCalls = client.sdk === 'ai-sdk' && (index.callsOf.get(client.id) ?? []).some((c) => this.stuck(c));
      if (!this.unserved(client, index) && !heldByCalls) {
        return [step('ok', 'api', 'none', `${api} goes through a client the migration leaves as it is (manual work at the client): the call goes with it.`)];
      }
      if (!this.stuck(site)) {
        return [step('ok', 'api', 'none', `${api} goes through a client that stays on OpenAI, because its other calls cannot move to ${p}: the call stays with it.`)];
      }
    }
    if (site.features.includes('provider_tools') && (!client || talksToOpenAi(client))) {
      return [step('blocked', 'tools', 'mark', `${api} uses OpenAI's built-in tools (openai.tools.*), which run only on OpenAI's Responses API, so the migration leaves it on OpenAI.`,
        `this call uses OpenAI's built-in tools (openai.tools.*), which only OpenAI runs: replace them with your own tools before moving it to ${p}`)];
    }
    if (this.aiSdkImagesUnread(site)) {
      const { note } = t.capabilities.images;
      return [step('blocked', 'images', 'mark', `${api} is an AI SDK image model: @ai-sdk/openai-compatible for ai ${site.aiMajor ?? '(unknown)'}.x reads only base64 (b64_json) results, and ${p} serves image generation only partly${withNote(note)}, so the migration leaves it on OpenAI.`,
        `the AI SDK's openai-compatible image model for this ai version reads only b64_json results, and ${p} serves images only partly${inParens(note)}: keep it on OpenAI, or upgrade to ai 6 before moving it`)];
    }
    const madeHere = site.sdk === 'ai-sdk' && (site.modelAt === 'call' || site.modelSite !== undefined);
    if (!client && isMigrated(site.sdk) && !takesClient(site.sdk) && site.sdk !== 'http' && !madeHere) {
      // A framework model passed in (a parameter, a field): its construction, where the migration acts, is not known.
      return [step('caveat', 'api', 'mark', `${api} goes through ${SOURCE_LABELS[site.sdk]} made where the analysis cannot trace it, so the call is left as it is.`,
        `this call's model is made where qianyi cannot trace it: if that model moves to ${p}, check this call's model and features there`)];
    }
    if (!client && site.confidence === 'certain' && takesClient(site.sdk)) {
      // A call on a client passed in (a parameter, a field): it goes where the project's clients go.
      const moves = this.untracedRepointed(index);
      if (moves === 'no') {
        return [step('ok', 'api', 'none', `${api} goes through a client the analysis cannot trace, and the migration re-points no client of this project: the call stays as it is.`)];
      }
      if (moves === 'unsure') {
        return [step('caveat', 'api', 'mark', `${api} goes through a client the analysis cannot trace, and the migration re-points some clients of this project and leaves others, so the call is left as it is.`,
          `this call's client could not be traced, and this migration re-points only some clients: if it goes through one moved to ${p}, give it a ${p} model and check its features`)];
      }
    }
    if (site.confidence === 'likely') {
      const note = `this looks like an OpenAI ${api} call, but its client could not be traced to the openai package: check that it goes to ${p}`;
      return [step('caveat', 'api', 'mark', `${api} looks like an OpenAI call, but its client could not be traced to the openai package: check that it goes to ${p}.`, note)];
    }
    const needs = judgedApi(site) ? apiNeeds(judgedApi(site)!) : null;
    const steps: Step[] = [];
    if (site.sdk === 'ai-sdk' && site.modelAt === 'call' && !this.stuck(site) && !compatibleRelease(site) && (!client || this.repointed(client, index))) {
      return [this.noCompatibleRelease(site)];
    }
    if (site.sdk === 'ai-sdk' && site.modelAt === 'call' && !this.stuck(site)) {
      // The model is remade with createOpenAICompatible's chat (or embedding) model, on the provider's URL and key.
      const url = regionBaseUrl(t, this.options.region);
      steps.push(step('ok', 'client', 'set-client', `This AI SDK model is remade with createOpenAICompatible for ${p} (baseURL ${url}, key from ${t.apiKey.env}).`,
        `model now made by createOpenAICompatible for ${p} at ${url} with the key in ${t.apiKey.env}`));
    }
    if (!needs) {
      steps.push(step('caveat', 'api', 'none', `${UNCONFIRMED}qianyi does not know the SDK call ${api}, so check by hand whether ${p} supports it.`,
        `qianyi does not know the SDK call ${api}: check that ${p} supports it`));
    } else {
      const { support, note } = t.capabilities[needs.capability];
      const label = CAPABILITY_LABELS[needs.capability];
      if (support === 'no') {
        return [step('blocked', needs.capability, 'mark', `${api} needs ${label}, which ${p} does not support${withNote(note)}.`,
          `${p} does not offer ${label}${inParens(note)}: move ${api} to another service or remove it`)];
      }
      if (support === 'unknown') {
        // The endpoint itself is unconfirmed: test it before anything else.
        return [step('caveat', needs.capability, 'mark', `${UNCONFIRMED}${api} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`,
          `${p}'s support for ${label} is unconfirmed${inParens(note)}: test ${api} against ${p} before relying on it`)];
      }
      if (support === 'partial') {
        steps.push(step('caveat', needs.capability, 'none', `${api} needs ${label}, which ${p} supports only partially${withNote(note)}.`,
          `${p} supports ${label} only partly: ${note ?? 'see its docs'}`));
      }
      if (needs.capability === 'batches' && /\.create$/.test(api)) {
        // The request lines live in an uploaded file qianyi does not read: their models and paths are OpenAI's.
        steps.push(step('caveat', 'batches', 'mark', `${api} runs the request lines of an uploaded file, which still name OpenAI models and paths: rewrite them for ${p}.`,
          `the batch input file still holds OpenAI request lines: give each a ${p} model and ${p}'s path before running it on ${p}`));
      }
    }
    // A framework's model id is written where the model is made (its client), and decided there.
    if (needs?.modelKind && (takesClient(site.sdk) || site.sdk === 'http' || (site.sdk === 'ai-sdk' && site.modelAt === 'call'))) steps.push(...this.callModel(site, needs.modelKind, api, index));
    const editable = site.request === 'in-file';
    const seen = new Set<Capability>(needs ? [needs.capability] : []);
    // The model it will call may fix, reject or bound more than the provider's rules say (adapters.ts).
    const target = site.model !== null && needs?.modelKind ? this.mapping(site.model) : undefined;
    const adapted = modelAdapters({ t, site, model: target && 'model' in target ? target.model : '', api, editable });
    // Ranged fields first, then the other fields, then the capabilities behind features.
    const fields = site.features.filter((f) => !FEATURE_CAPABILITIES[f] && !adapted.handled.has(f));
    const ordered = [...fields.filter(isRanged), ...fields.filter((f) => !isRanged(f))];
    for (const feature of ordered) steps.push(...this.field(site, feature, api, editable));
    steps.push(...adapted.steps);
    for (const feature of site.features) {
      const cap = FEATURE_CAPABILITIES[feature];
      if (!cap || seen.has(cap) || adapted.handled.has(feature) || adapted.handled.has(cap)) continue;
      seen.add(cap);
      if (cap === 'tool_choice') steps.push(...this.toolChoice(site, api, editable));
      else steps.push(...this.featureCapability(cap, feature, api, editable));
    }
    // LangChain's ChatOpenAI asks for usage when it streams (streamUsage defaults to true): stream_options is sent.
    if (site.sdk === 'langchain' && site.features.includes('stream') && !seen.has('stream_usage')) {
      steps.push(...this.featureCapability('stream_usage', 'stream_options (LangChain streams with streamUsage on by default)', api, false));
    }
    if (site.sdk === 'http') steps.unshift(this.httpEndpoint(site));
    // Steps explain what is not ok; an ok step is kept when it changes code or when there is nothing else to say.
    const kept = steps.filter((s) => s.verdict !== 'ok' || s.action !== 'none');
    return kept.length > 0 ? kept : [step('ok', 'api', 'none', `${api} works on ${p} as written.`)];
  }

  private callModel(site: Site, kind: ModelKind, api: string, index: SiteIndex): Step[] {
    const { p, t } = this;
    if (site.model === null) {
      const fallback = t.models.defaults[kind];
      if (!fallback) return [this.noModel(kind, `${api} takes a ${kind} model`)];
      const reason = `${api} takes its model at run time, so the migration cannot map it: it must name a ${p} ${kind} model such as ${fallback}.`;
      const note = site.request === 'in-file'
        ? `the model is chosen at run time: make sure it names a ${p} model (e.g. ${t.models.defaults.chat ?? 'see qianyi providers show ' + t.id})`
        : `the request is built elsewhere: make sure its model is a ${p} model`;
      return [step('caveat', 'model', 'mark', reason, note)];
    }
    if (site.sdk === 'azure-openai' && this.mapping(site.model).how === 'unknown') return [this.deploymentName(site.model, api)];
    // A model read from a constant is decided where the constant is written (a model site of its own).
    if (site.modelAt !== 'call') {
      if (!site.modelSite || index.ids.has(site.modelSite)) {
        return [step('ok', 'model', 'none', `${api} uses model ${site.model}, which is mapped where it is written.`)];
      }
      // Written where this run edits nothing (a file outside the scan, a string that is not an OpenAI id).
      const m = this.model(site.model, `${api} uses model ${site.model}`);
      if (m.action !== 'map-model') return [m];
      const at = site.modelSite.replace(/:model$/, '');
      return [step('caveat', 'model', 'mark', `${api} uses model ${site.model}, written at ${at} where the migration changes nothing: it must become ${m.to}.`,
        `the model ${site.model} comes from ${at}, which this run does not edit: make it ${m.to} for ${p}`)];
    }
    return [this.model(site.model, `${api} uses model ${site.model}`)];
  }

  /** An Azure deployment name that is no OpenAI model id: which provider model serves it, only the user knows. */
  private deploymentName(name: string, who: string): Step {
    const p = this.p;
    const chat = this.t.models.defaults.chat;
    return step('caveat', 'model', 'mark', `${who} sends ${name}, an Azure deployment name rather than a model id, so the migration cannot tell which ${p} model serves it.`,
      `${name} is an Azure deployment name, not a model id: give this request the ${p} model it should use${chat ? ` (such as ${chat})` : ''}`);
  }

  /** A request field without a capability of its own: ranges, renames, removals, unconfirmed fields. */
  private field(site: Site, field: string, api: string, editable: boolean): Step[] {
    const p = this.p;
    const rule = fieldRule(this.t, field);
    if (!rule) {
      if (!DECLARE_FIELDS.has(field)) return [];
      return [step('caveat', field, 'none', `${UNCONFIRMED}${api} sets ${field}, which ${p}'s template does not document.`,
        `${p}'s template does not document ${field}: test this call`)];
    }
    const note = withNote(rule.note);
    if (rule.support === 'rejected') {
      return [this.edit('remove-field', field, editable, `${api} sets ${field}, which ${p} rejects, so the migration removes it${note}.`,
        field === 'temperature' || field === 'top_p' ? `${p} rejects ${field}: removed` : `${p} rejects ${field}${inParens(rule.note)}: removed`,
        `${p} rejects ${field}${inParens(rule.note)}: remove it from the request, which is built in another file`)];
    }
    const steps: Step[] = [];
    const openaiRange = OPENAI_RANGES[field];
    if (rule.range && openaiRange && formatInterval(parseInterval(rule.range)) !== openaiRange) {
      steps.push(...this.range(site, field, rule.range, api, editable, note));
    }
    switch (rule.support) {
      case 'yes':
        break;
      case 'partial':
        steps.push(step('caveat', field, 'none', `${api} sets ${field}, which ${p} supports only partially${note}.`, `${p} supports ${field} only partly${inParens(rule.note)}`));
        break;
      case 'ignored':
        steps.push(step('caveat', field, 'none', `${api} sets ${field}, which ${p} ignores${note}.`, `${p} ignores ${field}${inParens(rule.note)}`));
        break;
      case 'renamed': {
        const to = rule.to!;
        const renamable = OPENAI_REQUEST_FIELDS.has(to) && !(site.features.includes(to));
        if (renamable) {
          steps.push(this.edit('rename-field', field, editable, `${api} sets ${field}, which the migration renames to ${to} for ${p}${note}.`,
            `${p} takes ${to} instead of ${field}: renamed`, `${p} takes ${to} instead of ${field}: rename it in the request, which is built in another file`, to));
        } else {
          steps.push(step('caveat', field, 'none', `${api} sets ${field}, which ${p} reads as ${to}, a field the openai SDK's types do not know${note}.`,
            `${p} reads ${to} instead of ${field}, which the openai SDK's types do not know: pass it as ${to} if you need it`));
        }
        break;
      }
      case 'unknown':
        steps.push(step('caveat', field, 'none', `${UNCONFIRMED}${api} sets ${field}, which is not confirmed for ${p}${note}.`,
          `${p}'s support for ${field} is unconfirmed${inParens(rule.note)}: test this call`));
        break;
    }
    return steps;
  }

  /** A numeric field whose range on the provider differs from OpenAI's: clamped when it is a literal outside it. */
  private range(site: Site, field: string, written: string, api: string, editable: boolean, note: string): Step[] {
    const p = this.p;
    const range = parseInterval(written);
    const value = site.params?.[field];
    if (value === undefined || value === null) {
      return [step('caveat', field, 'none', `${api} sets ${field} to a value computed at run time, which must stay within ${p}'s range ${formatInterval(range)}${note}.`,
        `${field} is computed at run time: keep it within ${p}'s range ${written}`)];
    }
    let clamped = value;
    if (value < range.min || (range.minExclusive && value <= range.min)) clamped = range.minExclusive ? range.min + 0.01 : range.min;
    if (value > range.max || (range.maxExclusive && value >= range.max)) clamped = range.maxExclusive ? range.max - 0.01 : range.max;
    if (clamped === value) return [];
    const text = String(Number(clamped.toFixed(2)));
    return [this.edit('clamp', field, editable, `${api} sets ${field} ${value}, outside ${p}'s range ${formatInterval(range)}, so the migration clamps it to ${text}${note}.`,
      `${field} ${value} is outside ${p}'s range ${written}: clamped to ${text}`,
      `${field} ${value} is outside ${p}'s range ${written}: set it to ${text} in the request, which is built in another file`, text)];
  }

  private featureCapability(cap: Capability, feature: string, api: string, editable: boolean): Step[] {
    const { p, t } = this;
    const { support, note } = t.capabilities[cap];
    const label = CAPABILITY_LABELS[cap];
    switch (support) {
      case 'yes':
        return [];
      case 'no': {
        if (DROPPABLE_CAPABILITIES.has(cap)) {
          const field = cap === 'stream_usage' ? 'stream_options' : 'seed';
          return [this.edit('remove-field', field, editable, `${api} sets ${feature}, which ${p} does not support, so the migration removes it${withNote(note)}.`,
            `${p} does not offer ${label}: ${field} removed`, `${p} does not offer ${label}: remove ${field} from the request, which is built in another file`)];
        }
        return [step('blocked', cap, 'mark', `${api} needs ${label}, which ${p} does not support${withNote(note)}.`, `${p} does not offer ${label}${inParens(note)}: rework this call`)];
      }
      case 'partial':
        return [step('caveat', cap, 'none', `${api} needs ${label}, which ${p} supports only partially${withNote(note)}.`, `${p} supports ${label} only partly${inParens(note)}`)];
      case 'unknown':
        return [step('caveat', cap, 'none', `${UNCONFIRMED}${api} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`, `${p}'s support for ${label} is unconfirmed${inParens(note)}: test it`)];
    }
  }

  /**
   * The tool_choice the call writes, against the modes the template lists. `auto` is the default every
   * OpenAI-compatible provider serves. A mode the provider does not take becomes `auto` where it takes that
   * (the call still runs, but the model may answer without calling a tool: blocked when the matrix says the
   * provider cannot force a tool, so the user decides), else the call is manual work.
   */
  private toolChoice(site: Site, api: string, editable: boolean): Step[] {
    const { p, t } = this;
    const mode = site.toolChoice ?? null;
    const modes = t.params.toolChoiceModes;
    const { support, note } = t.capabilities.tool_choice;
    const label = CAPABILITY_LABELS.tool_choice;
    const capabilityReason = support === 'no' ? `${api} needs ${label}, which ${p} does not support${withNote(note)}.`
      : support === 'unknown' ? `${UNCONFIRMED}${api} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`
      : support === 'partial' ? `${api} needs ${label}, which ${p} supports only partially${withNote(note)}.`
      : `${api} sets tool_choice, and which values ${p} accepts is not confirmed.`;
    if (mode === 'auto') return [];
    if (modes === 'unknown') {
      // Which modes work is unconfirmed: judged by the capability, and tested by hand.
      return [step(support === 'no' ? 'blocked' : 'caveat', 'tool_choice', support === 'no' ? 'mark' : 'none', capabilityReason,
        `which tool_choice values ${p} accepts is unconfirmed: test this call`)];
    }
    const accepted = modes as string[];
    if (mode === null) {
      // A value computed at run time may be forced: judged by the capability.
      if (support === 'yes' && accepted.includes('required') && accepted.includes('named')) return [];
      return [step(support === 'no' ? 'blocked' : 'caveat', 'tool_choice', support === 'no' ? 'mark' : 'none',
        support === 'yes' ? `${api} sets tool_choice at run time, and ${p} accepts ${accepted.join(', ')} only.` : capabilityReason,
        `${p} accepts tool_choice ${accepted.join(', ')} only: check the value this call sends`)];
    }
    if (accepted.includes(mode)) {
      if (mode === 'none' || support === 'yes') return [];
      if (support === 'partial') return [step('caveat', 'tool_choice', 'none', `${api} needs ${label}, which ${p} supports only partially${withNote(note)}.`, `${p} supports ${label} only partly${inParens(note)}`)];
      return [step('caveat', 'tool_choice', 'none', `${UNCONFIRMED}${api} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`, `${p}'s support for ${label} is unconfirmed${inParens(note)}: test it`)];
    }
    if (!accepted.includes('auto')) {
      return [step('blocked', 'tool_choice', 'mark', `${api} sets tool_choice ${mode}, which ${p} does not accept${withNote(note)}.`, `${p} does not accept tool_choice ${mode}: rework this call`)];
    }
    const what = mode === 'named' ? 'the named function' : `"${mode}"`;
    const verdict: Verdict = support === 'no' ? 'blocked' : 'caveat';
    const reason = support === 'no'
      ? `${api} needs ${label}, which ${p} does not support${withNote(note)}: the migration switches it to auto, so the model may answer without calling a tool.`
      : `${api} sets tool_choice ${mode}, which ${p} does not accept, so the migration switches it to auto${withNote(note)}.`;
    const changed = `${p} accepts tool_choice ${accepted.join(', ')} only: ${what} became "auto", so the model may answer without calling a tool`;
    if (!editable) {
      return [step(verdict, 'tool_choice', 'mark', reason, `${p} accepts tool_choice ${accepted.join(', ')} only: set it to "auto" in the request, which is built in another file`)];
    }
    return [{ ...step(verdict, 'tool_choice', 'set-field', reason, changed, site.features.includes('tool_choice') ? 'tool_choice' : undefined, 'auto') }];
  }

  // ---- models --------------------------------------------------------------------------------------------

  /**
   * A model literal is rewritten only when it reaches the `model` of calls this run re-points. One that
   * reaches none the analysis can trace is left as it is, for review; one that feeds only other hosts is fine.
   */
  private modelSite(site: Site, index: SiteIndex): Step[] {
    const p = this.p;
    if (site.model === null) return [step('ok', 'model', 'none', `This model site has no value to map for ${p}.`)];
    const callers = index.callers.get(site.id) ?? [];
    const untraced = this.untracedRepointed(index);
    const migrated = callers.filter((c) => (c.sdk === 'http' ? this.httpMoving(index).moving.has(c.id) : this.callerMoves(c, index)));
    const enclosing = enclosingClient(site, index.byFile.get(site.file) ?? []);
    if (enclosing && talksToOpenAi(enclosing) && enclosing.options !== null) {
      // Azure's `deployment` names a model: it goes with the Azure-only options the migration removes.
      return [step('ok', 'model', 'none', `Model literal ${site.model} is an option of the client, which the migration rewrites for ${p}.`)];
    }
    if (callers.length === 0) {
      const m = this.mapping(site.model);
      if (m.how === 'identical' || m.how === 'unknown') return [step('ok', 'model', 'none', `Model literal ${site.model} reaches no call the migration re-points; ${p} would serve it as it is.`)];
      return [step('caveat', 'model', 'none',
        `Model literal ${site.model} is not traced to a call the migration re-points, so it is left as it is: if it reaches one, it must name a ${p} model.`,
        `model ids here are not traced to a call this migration re-points: left as they are (if one reaches such a call, make it a ${p} model)`)];
    }
    if (untraced === 'unsure' && callers.some((c) => c.kind === 'call' && !c.clientSite && c.confidence === 'certain' && takesClient(c.sdk))) {
      return [step('caveat', 'model', 'mark', `Model literal ${site.model} feeds a call whose client the analysis cannot trace, in a project where the migration re-points only some clients, so it is left as it is.`,
        `${site.model} feeds a call whose client could not be traced: if that client moves to ${p}, make this a ${p} model`)];
    }
    if (migrated.length === 0) {
      return [step('ok', 'model', 'none', `Model literal ${site.model} feeds only calls the migration leaves as they are.`)];
    }
    if (migrated.length < callers.length) {
      return [step('caveat', 'model', 'mark', `Model literal ${site.model} feeds calls the migration re-points and calls it leaves, so it is left as it is: give each its own model.`,
        `${site.model} feeds calls to ${p} and calls this migration leaves: give the ${p} calls their own model`)];
    }
    if (callers.some((c) => c.sdk === 'azure-openai') && this.mapping(site.model).how === 'unknown') {
      return [this.deploymentName(site.model, `Model literal ${site.model}`)];
    }
    const m = this.model(site.model, `Model literal ${site.model}`);
    // A literal union the app checks against would reject the new id: reported, never broken.
    if (site.typedAs && m.action === 'map-model') {
      return [step('caveat', 'model', 'mark', `Model literal ${site.model} is declared as ${site.typedAs}, which would reject ${m.to}: the migration leaves it for you.`,
        `${site.model} is declared as ${site.typedAs}: add ${m.to} to that type, then use it here for ${p}`)];
    }
    return [m];
  }

  /** What the migration does with a model id it can rewrite. */
  mapping(id: string): ModelMapping {
    const override = this.options.models?.[id];
    if (override) return { how: 'mapped', model: override };
    // A model the user chose (--model, config) is served as it is: that keeps a second run from flagging it.
    if (Object.values(this.options.models ?? {}).includes(id)) return { how: 'identical', model: id };
    return mapModel(this.t, id);
  }

  private model(id: string, who: string): Step {
    const p = this.p;
    const m = this.mapping(id);
    // A changed embedding model says more (see embeddingModel); the kind is the OpenAI id's, mapped or defaulted.
    const embedding = openaiModelKind(id) === 'embedding';
    switch (m.how) {
      case 'identical':
        return step('ok', 'model', 'none', `${who}: ${p} serves it under the same id.`);
      case 'mapped':
        if (embedding) return this.embeddingModel(id, m.model, `${who}: the migration maps it to ${m.model} on ${p}`, `model ${id} → ${m.model}`);
        return step('ok', 'model', 'map-model', `${who}: the migration maps it to ${m.model} on ${p}.`, `model ${id} → ${m.model}`, undefined, m.model);
      case 'default': {
        const why = id.startsWith('ft:') ? `it is a fine-tuned model with no counterpart on ${p}` : `${p}'s template has no mapping for it`;
        const reason = `${who}: ${why}, so the migration uses the default ${m.kind} model ${m.model}`;
        const note = `${id} is not in ${p}'s model map: using its default ${m.kind} model ${m.model}`;
        if (embedding) return this.embeddingModel(id, m.model, reason, note, 'caveat');
        return step('caveat', 'model', 'map-model', `${reason}.`, note, undefined, m.model);
      }
      case 'none':
        return { ...this.noModel(m.kind, who), note: `${p} has no ${m.kind} model to replace ${id}` };
      case 'unknown':
        return step('caveat', 'model', 'none', `${UNCONFIRMED}${who}: it is not an OpenAI model qianyi knows, nor one that ${p}'s template names.`,
          `${id} is not a model qianyi knows for ${p}: check that ${p} serves it`);
    }
  }

  /**
   * An embedding model that changes: vectors it returns cannot be compared with the old model's (nor, often, do
   * they have the same length), so whatever the app stored from the old one (a vector database, a cache) has
   * to be embedded again. Said at every such model, since qianyi cannot see where the vectors go.
   */
  private embeddingModel(from: string, to: string, reason: string, note: string, verdict: Verdict = 'ok'): Step {
    const s = step(verdict, 'model', 'map-model', `${reason}. Vectors from ${to} cannot be compared with vectors from ${from}: anything stored from ${from} must be embedded again, in columns sized for ${to}.`,
      `${note}: vectors stored from ${from} cannot be compared with ${to}'s: embed them again (and size vector columns for ${to})`, undefined, to);
    return { ...s, review: true };
  }

  /**
   * No model of a kind: blocked only when the provider lacks the capability outright. When the capability is
   * unknown (or the template simply names no model), the user has to pick one: a caveat, never a guess.
   */
  private noModel(kind: ModelKind, who: string): Step {
    const p = this.p;
    const support = this.t.capabilities[KIND_CAPABILITY[kind]].support;
    const note = `${p} has no ${kind} model: pick one by hand`;
    if (support === 'no') return step('blocked', 'model', 'mark', `${who}: ${p} has no ${kind} model to replace it.`, note);
    const prefix = support === 'unknown' ? UNCONFIRMED : '';
    return step('caveat', 'model', 'mark', `${prefix}${who}: ${p}'s template names no ${kind} model, so one has to be chosen by hand.`, note);
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  /** An edit of the request, or a mark when the request is written in another file. */
  private edit(action: Action, field: string, editable: boolean, reason: string, note: string, elsewhere: string, to?: string): Step {
    return editable ? step('caveat', field, action, reason, note, field, to) : step('caveat', field, 'mark', reason, elsewhere, field, to);
  }

  /** The step a capability gives, or null when the provider supports it. `who` is the api or the env var. */
  private capability(cap: Capability, who: string): Step | null {
    const { support, note } = this.t.capabilities[cap];
    const p = this.p;
    const label = CAPABILITY_LABELS[cap];
    switch (support) {
      case 'yes':
        return null;
      case 'no':
        return step('blocked', cap, 'mark', `${who} needs ${label}, which ${p} does not support${withNote(note)}.`, `${p} does not offer ${label}${inParens(note)}: rework this code`);
      case 'partial':
        return step('caveat', cap, 'none', `${who} needs ${label}, which ${p} supports only partially${withNote(note)}.`, `${p} supports ${label} only partly${inParens(note)}`);
      case 'unknown':
        return step('caveat', cap, 'none', `${UNCONFIRMED}${who} needs ${label}, which is not confirmed for ${p}${withNote(note)}.`, `${p}'s support for ${label} is unconfirmed${inParens(note)}: test it`);
    }
  }
}

const isRanged = (field: string) => field === 'temperature' || field === 'top_p';

function fieldRule(t: Template, field: string): FieldRule | undefined {
  if (field === 'temperature') return t.params.temperature;
  if (field === 'top_p') return t.params.top_p;
  return t.params.fields[field];
}
