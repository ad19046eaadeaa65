/**
 * The registry of sources: everything qianyi finds (and, for some, migrates) from. The order is the order
 * their detectors run in; a detector marked `last` runs after every other detector of every file.
 */
import type { ts } from '../analysis/typescript/parse.js';
import type { Sdk } from '../scan/sites.js';
import { aiSdkSource } from './ai-sdk/index.js';
import { azureClientSource } from './azure-openai-client/index.js';
import { chatgptSource } from './chatgpt/index.js';
import { httpSource } from './http/index.js';
import { langchainSource } from './langchain/index.js';
import { openaiEdgeSource } from './openai-edge/index.js';
import { fileImportsSdk } from './openai/detectors/index.js';
import { openaiSource } from './openai/index.js';
import type { DetectContext, Source } from './source.js';

export const SOURCES: readonly Source[] = [
  openaiSource, aiSdkSource, langchainSource, httpSource, openaiEdgeSource, azureClientSource, chatgptSource,
];

/** The sources whose values the evaluator asks about (the openai SDK's are built into it). */
export const MODELLED_SOURCES: readonly Source[] = SOURCES.filter((s) => s !== openaiSource);

/** The source that reports sites with this `sdk` (the openai source covers openai-v3 and azure-openai). */
export function sourceOfSdk(sdk: Sdk): Source {
  return SOURCES.find((s) => s.id === sdk) ?? openaiSource;
}

type FileContext = Omit<DetectContext, 'importsSdk' | 'callModelLiterals'>;

/** One file's detection, in two phases: `first` runs the detectors, `last` those that read what all files claimed. */
export function fileDetection(ctx: FileContext) {
  const full: DetectContext = { ...ctx, importsSdk: fileImportsSdk(ctx.nodes), callModelLiterals: new Set<ts.Node>() };
  const run = (last: boolean) => {
    for (const source of SOURCES) for (const detector of source.detectors) if (!!detector.last === last) detector.detect(full);
  };
  return { first: () => run(false), last: () => run(true) };
}
