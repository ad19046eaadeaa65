/**
 * The cheap text test that decides which files are parsed. It must keep every file that can hold a site:
 * - files that import the SDK (`'openai'`, `'openai/...'`, `'@azure/openai'`) or read its env vars (`OPENAI_*`);
 * - files that only use a client created elsewhere: they name an SDK resource (`chat.completions`,
 *   `embeddings.create` ...) or a 3.x method (`createChatCompletion(` ...), and never the word openai;
 * - files that only hold model ids (`"gpt-4o"` in a config module).
 * One regex with literal alternatives, no nested quantifiers: linear in the file size.
 */
const CANDIDATE = new RegExp(
  [
    // The package, its env vars, and the Azure flavour.
    // The package as a module specifier (`from 'openai'`, `require("openai")`, `import('openai/...')`), not
    // any string 'openai' (a provider name in a settings list is not a use of the SDK).
    '(?:from|require\\(|import\\()\\s*[\'"`](?:openai|@azure/openai)(?:/[^\'"`]*)?[\'"`]', 'OPENAI_',
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
  ].join('|'),
);

export function isCandidate(text: string): boolean {
  return CANDIDATE.test(text);
}
