/**
 * The cheap text test that decides which files are parsed. It must keep every file that can hold a site:
 * - files that name the SDK (`openai`, `OpenAI`, `OPENAI_*`, `@azure/openai`, `AZURE_OPENAI_*`);
 * - files that only use a client created elsewhere: they name an SDK resource (`chat.completions`,
 *   `.embeddings.` ...) or a 3.x method (`createChatCompletion` ...), and never the word openai;
 * - files that only hold model ids (`"gpt-4o"` in a config module).
 * One regex with literal alternatives, no nested quantifiers: linear in the file size.
 */
const CANDIDATE = new RegExp(
  [
    'openai', 'OpenAI', 'OPENAI',
    'completions', 'embeddings', 'moderations', 'assistants', 'vectorStores', 'fine_?[tT]uning',
    '\\.(?:images|audio|responses|beta|files|batches|uploads|models|conversations|containers|evals|realtime|webhooks)\\b',
    'create(?:ChatCompletion|Completion|Embedding|Image|Transcription|Translation|Moderation|FineTune)',
    '[\'"`](?:gpt-|chatgpt-|o[134]-|o[13][\'"`]|text-embedding-|dall-e-|whisper-1|tts-1|davinci|babbage|omni-moderation|text-moderation|computer-use-preview|codex-mini|ft:)',
  ].join('|'),
);

export function isCandidate(text: string): boolean {
  return CANDIDATE.test(text);
}
