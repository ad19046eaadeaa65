/** The site model: one place in user code that touches the OpenAI SDK. See docs/site-model.md. */

export type SiteKind = 'import' | 'client' | 'call' | 'env' | 'model';
/**
 * The source a site goes through (src/sources/<id>/): the openai SDK (`openai`, its 3.x `openai-v3`, its
 * `AzureOpenAI` and Azure env vars `azure-openai`), the Vercel AI SDK's OpenAI provider (`ai-sdk`), LangChain's
 * OpenAI classes (`langchain`), a hand-written request (`http`), `openai-edge`, `@azure/openai` 1.x's
 * `OpenAIClient` (`azure-openai-client`) and the `chatgpt` package (`chatgpt`).
 */
export type Sdk =
  | 'openai' | 'openai-v3' | 'azure-openai' | 'ai-sdk' | 'langchain' | 'http' | 'openai-edge' | 'azure-openai-client'
  | 'chatgpt';
export type Confidence = 'certain' | 'likely';

export interface Site {
  /** `<file>:<line>:<column>:<kind>` */
  id: string;
  /** POSIX path relative to the scan root. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  kind: SiteKind;
  sdk: Sdk;
  /**
   * Dotted SDK path for calls (`chat.completions.create`), null for other kinds. Calls of other sources carry
   * the openai SDK operation they perform (`generateText` with a chat model, `ChatOpenAI.invoke`, a fetch to
   * /v1/chat/completions: all `chat.completions.create`), so templates and verdicts serve every source.
   */
  api: string | null;
  /** Model id when known statically. */
  model: string | null;
  /** Sorted feature names (calls only). */
  features: string[];
  confidence: Confidence;
  /** Import specifier, client class, or env var name; null otherwise. */
  name: string | null;
  /** Client option names; null when not an object literal; only on client sites. */
  options?: string[] | null;
  /** Calls that set tool_choice (or function_call): the mode written, null when it is not a literal. */
  toolChoice?: 'none' | 'auto' | 'required' | 'named' | null;
  /** Calls: where the request object is written (`in-file` can be edited; `other-file`; `unresolved`). */
  request?: 'in-file' | 'other-file' | 'unresolved';
  /** Calls with a known model: `call` when the literal is written in the call's request, `elsewhere` when read from a constant. */
  modelAt?: 'call' | 'elsewhere';
  /**
   * Clients and calls whose requests do not go to OpenAI as far as the analysis can tell: `provider` (a base
   * URL qianyi wrote for a provider), `foreign` (another host), `unknown` (a base URL it cannot resolve).
   * Absent for OpenAI (no base URL, an OpenAI host, OPENAI_BASE_URL).
   */
  endpoint?: 'provider' | 'foreign' | 'unknown';
  /** The host of a literal base URL that is not OpenAI's. */
  host?: string;
  /**
   * Clients whose apiKey is neither absent nor an env var read: where it comes from as written (`settings.apiKey`,
   * `this.key`), `a string literal` for a literal (never copied). `env:NAME` for an env var read.
   */
  keyFrom?: string;
  /** Calls: the id of the client site (the `new`) the call's client comes from, when the analysis traced it. */
  clientSite?: string;
  /** Calls whose model literal is written elsewhere (a constant, a config object, a default parameter): its model site id. */
  modelSite?: string;
  /** Model sites declared with a type narrower than string (`const m: LLMID = 'gpt-4o'`): the type as written. */
  typedAs?: string;
  /** Env reads passed to a call or construction that is not the openai SDK (`fetch`, `new ChatOpenAI`): its callee. */
  readBy?: string;
  /** Env reads in a file that also writes OpenAI's API host (hand-written HTTP requests to OpenAI). */
  rawHttp?: boolean;
  /** Env reads whose name is known only at run time (`process.env[name]` in a client's options; `name` is null): the key as written. */
  nameFrom?: string;
  /** Env reads that are the value of an object property (`organization: process.env.OPENAI_ORG_ID`): its name. */
  option?: string;
  /** Calls: the ranged fields the request sets (temperature, top_p, frequency_penalty, presence_penalty), with their number literal or null. */
  params?: Record<string, number | null>;
  /** Calls: what the model-level adapters look at (src/policy/adapters.ts); absent when there is none of it. */
  adapt?: AdaptFacts;
  /** AI SDK calls and models: the provider that makes the model (`openai`, `azure`, `createOpenAI`, `createAzure` ...). */
  provider?: string;
  /**
   * AI SDK providers made with createOpenAI(...): some use of the provider is not a model made right here
   * from a literal id (it is exported, passed on, or given an id from elsewhere), so it cannot move alone.
   */
  usedElsewhere?: boolean;
  /** AI SDK calls, models and clients: the `ai` major the nearest package.json names (from @ai-sdk/openai's when only that is named). */
  aiMajor?: number;
  /**
   * Hand-written requests to OpenAI whose URL, Authorization key and model cannot be rewritten together: why
   * (`its key comes from settings.apiKey`). The request is then manual work, and none of its parts moves.
   */
  held?: string;
  /**
   * Hand-written requests: the env sites their URL and key read and the constants or instance (`file:line:col:const:NAME`)
   * they are built from. Requests that share one move together or not at all.
   */
  parts?: string[];
  /** Character offsets in the file (0-based, end exclusive). Not part of the JSON contract's required set. */
  start: number;
  end: number;
}

/** See src/sources/openai/detectors/adapt-facts.ts. Offsets are 0-based [start, end) in the call's file. */
export interface AdaptFacts {
  /** The `role` literals of the request's messages written in the file beyond system, user, assistant and tool (`developer`), sorted. */
  roles?: string[];
  /** Some message role in the request's messages is computed. */
  rolesComputed?: boolean;
  /** `n`, `max_tokens`, `max_completion_tokens` as written: the number literal, else null. */
  numbers?: Record<string, number | null>;
  /** Qwen's `enable_thinking` as written: true, false, or null when computed. */
  enableThinking?: boolean | null;
  /** DeepSeek's and Kimi's `thinking: { type }` as written: `enabled`, `disabled`, or null when computed. */
  thinkingType?: 'enabled' | 'disabled' | null;
  /** `response_format` is an object literal in the file with `type: 'json_schema'`. */
  jsonSchemaLiteral?: true;
  /** Reads of the response's `usage.prompt_tokens_details` (OpenAI's cache counters). */
  cachedTokensReads?: Array<[number, number]>;
  /** Assistant messages rebuilt from the response's `content` and `tool_calls` only (reasoning dropped). */
  contentReplays?: Array<[number, number]>;
}

export interface SkippedFile {
  file: string;
  reason: string;
  /** The likely encoding of a file that is not valid UTF-8 (never rewritten). */
  encoding?: string;
}
