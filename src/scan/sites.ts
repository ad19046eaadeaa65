/** The site model: one place in user code that touches the OpenAI SDK. See docs/site-model.md. */

export type SiteKind = 'import' | 'client' | 'call' | 'env' | 'model';
export type Sdk = 'openai' | 'openai-v3' | 'azure-openai';
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
  /** Dotted SDK path for calls (`chat.completions.create`), null for other kinds. */
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
  /** Character offsets in the file (0-based, end exclusive). Not part of the JSON contract's required set. */
  start: number;
  end: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}
