import type { SourcePrefilter } from '../prefilter-terms.js';

/**
 * The openai SDK: the package (and the legacy Azure package), its env vars, client classes re-exported
 * through a local module, resource chains of a client created elsewhere, 3.x methods, and model ids.
 */
export const openaiPrefilter: SourcePrefilter = {
  modules: ['openai', '@azure/openai'],
  terms: [
    'OPENAI_',
    // A client class re-exported through a local module.
    '(?:new|extends)\\s+(?:OpenAI|AzureOpenAI|OpenAIApi)\\b',
    // Resource chains, as a client created elsewhere is used (client.chat.completions.create, ...).
    // `\\s*` before a dot: formatters break long chains across lines.
    'chat\\s*\\.completions', '\\.completions\\s*\\.create', 'embeddings\\s*\\.create', 'moderations\\s*\\.create',
    '\\.images\\.(?:generate|edit|createVariation)', '\\.audio\\.(?:transcriptions|translations|speech)',
    '\\.responses\\.(?:create|retrieve|stream|parse|del|delete|cancel|inputItems|compact)',
    '\\.beta\\.', '\\.vectorStores\\.', '\\.fine_?[tT]uning\\.', '\\.realtime\\.', '\\.conversations\\.(?:create|items)',
    '\\.(?:files|batches|uploads|models|containers|evals|webhooks|videos)\\.(?:create|retrieve|list|del|delete|cancel|content|retrieveContent|waitForProcessing|complete|unwrap|remix)\\(',
    // The 3.x client's methods.
    'create(?:ChatCompletion|Completion|Embedding|Image|Transcription|Translation|Moderation|FineTune)\\(',
    // Model ids in string literals.
    '[\'"`](?:gpt-|chatgpt-|o[134]-|o[13][\'"`]|text-embedding-|dall-e-|whisper-1|tts-1|davinci|babbage|omni-moderation|text-moderation|computer-use-preview|codex-mini|ft:)',
    // Env var names that carry an OpenAI key or deployment without the OPENAI_ prefix.
    'OPEN_AI_API_KEY', 'AZURE_DEPLOYMENT_NAME',
  ],
};
