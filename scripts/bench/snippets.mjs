// The interesting parts of the synthetic monorepo: OpenAI SDK usage in the ways real apps write it, other LLM
// SDKs with look-alike APIs, and ordinary code that merely mentions words the scanner's prefilter looks for.
// Each snippet returns { imports: string[], blocks: string[] } that the file renderer merges into an otherwise
// ordinary file of the same kind (service, route, test, ...).

import { cap, noun, sentence } from './code.mjs';

/** Type annotation (TS only). */
const t = (c, text) => (c.ts ? text : '');

/** An import line in the file's module system. named: ['a', 'b as c']; typeOnly lines vanish in JS. */
export function importLine(c, { from, def, named, ns, typeOnly = false }) {
  if (typeOnly && !c.ts) return null;
  if (c.cjs) {
    if (ns) return `const ${ns} = require('${from}');`;
    if (def && !named) return `const ${def} = require('${from}');`;
    const parts = (named ?? []).map((n) => n.replace(' as ', ': '));
    if (def) return `const ${def} = require('${from}');\nconst { ${parts.join(', ')} } = ${def};`;
    return `const { ${parts.join(', ')} } = require('${from}');`;
  }
  const kw = typeOnly ? 'import type' : 'import';
  if (ns) return `${kw} * as ${ns} from '${from}';`;
  const pieces = [];
  if (def) pieces.push(def);
  if (named?.length) pieces.push(`{ ${named.join(', ')} }`);
  return `${kw} ${pieces.join(', ')} from '${from}';`;
}

const exp = (c, name) => {
  if (c.cjs) {
    c.exported.push(name);
    return '';
  }
  return 'export ';
};

// ------------------------------------------------------------------------------------------- OpenAI

const CHAT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4-turbo', 'gpt-3.5-turbo'];

/**
 * The shared client module of a package: `export const openai = new OpenAI(...)` in one of three styles.
 * Every style exports `openai`, `DEFAULT_CHAT_MODEL` and `EMBEDDING_MODEL`.
 */
export function openaiClientModule(c) {
  const imports = [importLine(c, { from: 'openai', def: 'OpenAI' })];
  const opts = `{
  apiKey: process.env.OPENAI_API_KEY,
  ${c.r.pick(['baseURL: process.env.OPENAI_BASE_URL,', 'organization: process.env.OPENAI_ORG_ID,', "project: process.env.OPENAI_PROJECT_ID ?? 'proj_default',"])}
  maxRetries: ${c.r.int(2, 5)},
  timeout: ${c.r.pick(['30_000', '60_000', '120 * 1000'])},
}`;
  const blocks = [];
  const style = c.r.int(0, 2);
  if (style === 0) {
    blocks.push(`if (!process.env.OPENAI_API_KEY) {\n  console.warn('OPENAI_API_KEY is not set; AI features will fail at request time');\n}`);
    blocks.push(`${exp(c, 'openai')}const openai = new OpenAI(${opts});`);
  } else if (style === 1) {
    blocks.push(`let cached${t(c, ': OpenAI | undefined')};

/** One client per process: the SDK keeps a connection pool, so do not create one per request. */
${exp(c, 'getOpenAI')}function getOpenAI()${t(c, ': OpenAI')} {
  cached ??= new OpenAI(${opts.replace(/\n/g, '\n  ')});
  return cached;
}`);
    blocks.push(`${exp(c, 'openai')}const openai = getOpenAI();`);
  } else {
    blocks.push(`const client = new OpenAI(${opts});`);
    if (c.cjs) c.exported.push('openai: client');
    else blocks.push('export { client as openai };\nexport default client;');
  }
  blocks.push(`${exp(c, 'DEFAULT_CHAT_MODEL')}const DEFAULT_CHAT_MODEL = process.env.OPENAI_MODEL ?? '${c.r.pick(['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'])}';`);
  blocks.push(`${exp(c, 'EMBEDDING_MODEL')}const EMBEDDING_MODEL = '${c.r.pick(['text-embedding-3-small', 'text-embedding-3-large'])}';`);
  return { imports, blocks };
}

const toolsBlock = (c) => `const tools${t(c, ': ChatCompletionTool[]')} = [
  {
    type: 'function',
    function: {
      name: 'lookup_${noun(c)}',
      description: '${sentence(c, 4, 9)}',
      parameters: {
        type: 'object',
        properties: {
          ${noun(c)}Id: { type: 'string', description: 'The id shown in the dashboard' },
          includeArchived: { type: 'boolean' },
        },
        required: ['${noun(c)}Id'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'create_${noun(c)}',
      description: '${sentence(c, 4, 9)}',
      parameters: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
    },
  },
];`;

export function openaiRole(c, role, { clientSpec, routeStyle }) {
  const model = () => c.r.pick(CHAT_MODELS);
  const n = noun(c);
  const N = cap(n);
  switch (role) {
    case 'chat-stream': {
      return {
        imports: [
          importLine(c, { from: clientSpec, named: ['openai'] }),
          importLine(c, { from: 'openai/resources/chat/completions', named: ['ChatCompletionMessageParam', 'ChatCompletionTool'], typeOnly: true }),
        ],
        blocks: [
          toolsBlock(c),
          `const SYSTEM_PROMPT = \`You are the ${n} assistant for Acme. ${sentence(c, 8, 16)}.\`;`,
          `/** Streams the assistant's reply token by token; tool calls are collected and returned at the end. */
${exp(c, `stream${N}Reply`)}async function* stream${N}Reply(history${t(c, ': ChatCompletionMessageParam[]')}, signal${t(c, '?: AbortSignal')}) {
  const stream = await openai.chat.completions.create(
    {
      model: '${model()}',
      messages: [{ role: 'system', content: SYSTEM_PROMPT }, ...history],
      stream: true,
      tools,
      tool_choice: 'auto',
      temperature: ${c.r.pick(['0', '0.2', '0.7'])},${c.r.chance(0.5) ? '\n      stream_options: { include_usage: true },' : ''}
    },
    { signal },
  );
  const toolCalls${t(c, ': Record<number, { name: string; args: string }>')} = {};
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta;
    if (delta?.content) yield delta.content;
    for (const call of delta?.tool_calls ?? []) {
      const entry = (toolCalls[call.index] ??= { name: '', args: '' });
      if (call.function?.name) entry.name = call.function.name;
      if (call.function?.arguments) entry.args += call.function.arguments;
    }
  }
  return Object.values(toolCalls);
}`,
        ],
      };
    }
    case 'embeddings':
      return {
        imports: [importLine(c, { from: clientSpec, named: ['openai', 'EMBEDDING_MODEL'] })],
        blocks: [
          `const BATCH_SIZE = ${c.r.pick([64, 96, 128, 256])};`,
          `/** Embeds ${n} texts in batches; the vectors come back in input order. */
${exp(c, `embed${N}Texts`)}async function embed${N}Texts(texts${t(c, ': string[]')})${t(c, ': Promise<number[][]>')} {
  const vectors${t(c, ': number[][]')} = [];
  for (let i = 0; i < texts.length; i += BATCH_SIZE) {
    const batch = texts.slice(i, i + BATCH_SIZE).map((text) => text.replace(/\\s+/g, ' ').trim());
    const response = await openai.embeddings.create({ model: EMBEDDING_MODEL, input: batch${c.r.chance(0.4) ? ', dimensions: 512' : ''} });
    vectors.push(...response.data.map((item) => item.embedding));
  }
  return vectors;
}`,
          `${exp(c, 'cosineSimilarity')}function cosineSimilarity(a${t(c, ': number[]')}, b${t(c, ': number[]')})${t(c, ': number')} {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
}`,
        ],
      };
    case 'class-service': {
      const cls = `${N}Summarizer`;
      return {
        imports: [importLine(c, { from: 'openai', def: 'OpenAI' })],
        blocks: [
          `${exp(c, cls)}class ${cls} {
  ${c.ts ? 'private readonly client: OpenAI;\n\n  ' : ''}constructor(client${t(c, '?: OpenAI')}) {
    this.client = client ?? new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  }

  async summarize(text${t(c, ': string')}, maxWords = ${c.r.int(50, 200)})${t(c, ': Promise<string>')} {
    const response = await this.client.responses.create({
      model: '${c.r.pick(['gpt-4.1-mini', 'o4-mini', 'gpt-4o'])}',
      instructions: \`Summarize the ${n} in at most \${maxWords} words.\`,
      input: text,${c.r.chance(0.5) ? "\n      reasoning: { effort: 'low' }," : ''}
      max_output_tokens: ${c.r.pick([512, 1024, 2048])},
    });
    return response.output_text;
  }
}`,
        ],
      };
    }
    case 'vision':
      return {
        imports: [importLine(c, { from: clientSpec, named: ['openai'] })],
        blocks: [
          `${exp(c, `describe${N}Image`)}async function describe${N}Image(imageUrl${t(c, ': string')}, question = 'What is shown in this picture?') {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    max_tokens: ${c.r.pick([300, 500, 1000])},
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: question },
          { type: 'image_url', image_url: { url: imageUrl, detail: 'low' } },
        ],
      },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}`,
        ],
      };
    case 'zod-parse':
      return {
        imports: [
          importLine(c, { from: 'zod', named: ['z'] }),
          importLine(c, { from: 'openai/helpers/zod', named: ['zodResponseFormat'] }),
          importLine(c, { from: clientSpec, named: ['openai'] }),
        ],
        blocks: [
          `const ${N}Extraction = z.object({
  title: z.string(),
  priority: z.enum(['low', 'medium', 'high']),
  dueDate: z.string().nullable(),
  tags: z.array(z.string()),
});`,
          `${exp(c, `extract${N}`)}async function extract${N}(text${t(c, ': string')}) {
  const completion = await openai.chat.completions.parse({
    model: 'gpt-4o-2024-08-06',
    messages: [
      { role: 'system', content: 'Extract the ${n} fields. Use null when a field is absent.' },
      { role: 'user', content: text },
    ],
    response_format: zodResponseFormat(${N}Extraction, '${n}_extraction'),
  });
  const parsed = completion.choices[0]?.message.parsed;
  if (!parsed) throw new Error('model refused to extract ${n}');
  return parsed;
}`,
        ],
      };
    case 'azure':
      return {
        imports: [importLine(c, { from: 'openai', named: ['AzureOpenAI'] })],
        blocks: [
          `const azure = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  apiVersion: '2024-10-21',
  deployment: '${c.r.pick(['gpt-4o', 'gpt-4o-mini'])}',
});`,
          `${exp(c, `classify${N}`)}async function classify${N}(text${t(c, ': string')}) {
  const result = await azure.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: text }],
    response_format: { type: 'json_object' },
    seed: ${c.r.int(1, 99)},
  });
  return JSON.parse(result.choices[0]?.message.content ?? '{}');
}`,
        ],
      };
    case 'audio-moderation':
      return {
        imports: [importLine(c, { from: 'node:fs', def: 'fs' }), importLine(c, { from: clientSpec, named: ['openai'] })],
        blocks: [
          `${exp(c, 'transcribeRecording')}async function transcribeRecording(filePath${t(c, ': string')}) {
  const transcription = await openai.audio.transcriptions.create({
    file: fs.createReadStream(filePath),
    model: 'whisper-1',
    language: '${c.r.pick(['en', 'de', 'fr'])}',
  });
  return transcription.text;
}`,
          `${exp(c, 'isFlagged')}async function isFlagged(input${t(c, ': string')})${t(c, ': Promise<boolean>')} {
  const moderation = await openai.moderations.create({ model: 'omni-moderation-latest', input });
  return moderation.results.some((result) => result.flagged);
}`,
          `${exp(c, 'speak')}async function speak(text${t(c, ': string')}) {
  const speech = await openai.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: text });
  return Buffer.from(await speech.arrayBuffer());
}`,
        ],
      };
    case 'alias-consumer':
      return {
        imports: [importLine(c, { from: '@acme/ai', named: ['openai', 'DEFAULT_CHAT_MODEL'] })],
        blocks: [
          `${exp(c, `summarize${N}Thread`)}async function summarize${N}Thread(comments${t(c, ': { author: string; body: string }[]')}) {
  const transcript = comments.map((comment) => \`\${comment.author}: \${comment.body}\`).join('\\n');
  const completion = await openai.chat.completions.create({
    model: DEFAULT_CHAT_MODEL,
    temperature: 0,
    max_completion_tokens: ${c.r.pick([256, 400, 800])},
    messages: [
      { role: 'system', content: 'Summarize the discussion in three bullet points.' },
      { role: 'user', content: transcript },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}`,
        ],
      };
    case 'dynamic-import':
      return {
        imports: [],
        blocks: [
          `/** Loaded lazily: the SDK is only needed when the ${n} assistant is enabled. */
${exp(c, `suggest${N}Title`)}async function suggest${N}Title(body${t(c, ': string')}) {
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI();
  const completion = await client.chat.completions.create({
    model: 'o3-mini',
    reasoning_effort: 'medium',
    messages: [{ role: 'user', content: \`Suggest a short title for:\\n\\n\${body}\` }],
  });
  return completion.choices[0]?.message.content?.trim() ?? '';
}`,
        ],
      };
    case 'assistants':
      return {
        imports: [importLine(c, { from: clientSpec, named: ['openai'] })],
        blocks: [
          `${exp(c, `ask${N}Assistant`)}async function ask${N}Assistant(question${t(c, ': string')}, assistantId = process.env.${n.toUpperCase()}_ASSISTANT_ID${t(c, '!')}) {
  const thread = await openai.beta.threads.create();
  await openai.beta.threads.messages.create(thread.id, { role: 'user', content: question });
  const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  if (run.status !== 'completed') throw new Error(\`run ended as \${run.status}\`);
  const list = await openai.beta.threads.messages.list(thread.id, { order: 'desc', limit: 1 });
  return list.data[0];
}`,
        ],
      };
    case 'route-direct': {
      const setup = `const client = new OpenAI();\nconst MODEL = process.env.OPENAI_MODEL ?? '${c.r.pick(['gpt-4o-mini', 'gpt-4.1-nano'])}';`;
      if (routeStyle === 'express') {
        return {
          imports: [importLine(c, { from: 'openai', def: 'OpenAI' })],
          blocks: [
            setup,
            `router.post('/${n}s/:id/suggest', async (req, res, next) => {
  try {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Suggest the next step for this ${n}. Answer in one sentence.' },
        { role: 'user', content: JSON.stringify(req.body) },
      ],
      max_tokens: 120,
    });
    res.json({ suggestion: completion.choices[0]?.message.content ?? null });
  } catch (err) {
    next(err);
  }
});`,
          ],
        };
      }
      return {
        imports: [importLine(c, { from: 'openai', def: 'OpenAI' })],
        blocks: [
          setup,
          `${c.cjs ? '' : 'export '}async function POST(request${t(c, ': Request')}) {
  const { prompt, ${n}Id } = await request.json();
  if (typeof prompt !== 'string' || prompt.length > 8000) {
    return Response.json({ error: 'invalid prompt' }, { status: 400 });
  }
  const completion = await client.chat.completions.create({
    model: MODEL,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: 'Reply with a JSON object describing the ${n}.' },
      { role: 'user', content: prompt },
    ],
    user: String(${n}Id),
  });
  return Response.json(JSON.parse(completion.choices[0]?.message.content ?? '{}'));
}`,
        ],
      };
    }
    case 'test-mock':
      return {
        imports: [importLine(c, { from: 'openai', def: 'OpenAI' })],
        blocks: [
          `vi.mock('openai', () => {
  const create = vi.fn().mockResolvedValue({ choices: [{ message: { content: '{"ok":true}' } }] });
  return { default: vi.fn(() => ({ chat: { completions: { create } } })) };
});`,
          `describe('OpenAI wiring', () => {
  it('uses the configured model', async () => {
    process.env.OPENAI_API_KEY = 'sk-test';
    const client = new OpenAI();
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
    expect(client.chat.completions.create).toHaveBeenCalledWith(expect.objectContaining({ model: 'gpt-4o-mini' }));
  });
});`,
        ],
      };
    case 'types-import':
      return {
        imports: [
          importLine(c, { from: 'openai/resources/chat/completions', named: ['ChatCompletionMessageParam', 'ChatCompletion'], typeOnly: true }) ??
            "import 'openai/shims/node';",
        ],
        blocks: c.ts
          ? [
              `export type ${N}Turn = ChatCompletionMessageParam & { id: string; createdAt: string };`,
              `export interface ${N}Transcript {\n  turns: ${N}Turn[];\n  lastCompletion?: ChatCompletion;\n  model: string;\n}`,
            ]
          : [],
      };
    case 'model-constants':
      return {
        imports: [],
        blocks: [
          `${exp(c, 'AI_MODELS')}const AI_MODELS = {
  fast: 'gpt-4o-mini',
  smart: '${c.r.pick(['gpt-4o', 'gpt-4.1'])}',
  reasoning: '${c.r.pick(['o3-mini', 'o4-mini', 'o1'])}',
  embedding: 'text-embedding-3-large',
}${c.ts ? ' as const' : ''};`,
          `${exp(c, 'DEFAULT_MODEL')}const DEFAULT_MODEL = process.env.OPENAI_MODEL || AI_MODELS.fast;`,
        ],
      };
    case 'script': {
      // Maintenance scripts: batch jobs, fine-tuning, image generation. ESM or CommonJS per the file.
      const imports = [importLine(c, { from: 'openai', def: 'OpenAI' }), importLine(c, { from: 'node:fs', def: 'fs' })];
      const kind = c.r.int(0, 2);
      const setup = `const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, organization: process.env.OPENAI_ORG_ID });`;
      let body;
      if (kind === 0) {
        body = `async function submitBatch(jsonlPath${t(c, ': string')}) {
  const file = await openai.files.create({ file: fs.createReadStream(jsonlPath), purpose: 'batch' });
  const batch = await openai.batches.create({
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
  console.log(\`submitted batch \${batch.id} for ${n}s\`);
  return batch;
}`;
      } else if (kind === 1) {
        body = `async function startFineTune(trainingPath${t(c, ': string')}) {
  const training = await openai.files.create({ file: fs.createReadStream(trainingPath), purpose: 'fine-tune' });
  const job = await openai.fineTuning.jobs.create({ training_file: training.id, model: 'gpt-4o-mini-2024-07-18' });
  for await (const model of openai.models.list()) {
    if (model.id.startsWith('ft:')) console.log(model.id);
  }
  return job;
}`;
      } else {
        body = `async function generate${N}Artwork(prompt${t(c, ': string')}) {
  const image = await openai.images.generate({ model: 'dall-e-3', prompt, size: '1024x1024', n: 1 });
  const url = image.data?.[0]?.url;
  if (url) fs.writeFileSync('${n}-artwork.url', url);
  return url;
}`;
      }
      return { imports, blocks: [setup, body] };
    }
    case 'legacy-v3':
      return {
        imports: [importLine(c, { from: 'openai', named: ['Configuration', 'OpenAIApi'] })],
        blocks: [
          `const configuration = new Configuration({ apiKey: process.env.OPENAI_API_KEY });\nconst openai = new OpenAIApi(configuration);`,
          `async function complete${N}(prompt) {
  const response = await openai.createChatCompletion({
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'user', content: prompt }],
    max_tokens: ${c.r.pick([256, 512])},
  });
  return response.data.choices[0].message.content;
}`,
          `async function embed${N}(input) {
  const response = await openai.createEmbedding({ model: 'text-embedding-ada-002', input });
  return response.data.data[0].embedding;
}`,
        ],
      };
    default:
      throw new Error(`unknown openai role ${role}`);
  }
}

// ------------------------------------------------------------------------------ other LLM SDKs

export const OTHER_SDKS = ['anthropic', 'groq', 'google', 'cohere', 'mistral'];

export function otherSdk(c, sdk) {
  const n = noun(c);
  const N = cap(n);
  switch (sdk) {
    case 'anthropic':
      return {
        imports: [importLine(c, { from: '@anthropic-ai/sdk', def: 'Anthropic' })],
        blocks: [
          `const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });`,
          `${exp(c, `draft${N}Reply`)}async function draft${N}Reply(question${t(c, ': string')}) {
  const message = await anthropic.messages.create({
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 1024,
    system: 'You draft polite replies to ${n} questions.',
    messages: [{ role: 'user', content: question }],
  });
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}`,
        ],
      };
    case 'groq':
      return {
        imports: [importLine(c, { from: 'groq-sdk', def: 'Groq' })],
        blocks: [
          `const groq = new Groq({ apiKey: process.env.GROQ_API_KEY });`,
          `/** Groq mirrors the chat completions API; this is not OpenAI. */
${exp(c, `fast${N}Label`)}async function fast${N}Label(text${t(c, ': string')}) {
  const completion = await groq.chat.completions.create({
    model: 'llama-3.3-70b-versatile',
    messages: [{ role: 'user', content: \`Label this ${n}: \${text}\` }],
    stream: false,
    temperature: 0,
  });
  return completion.choices[0]?.message?.content ?? '';
}`,
        ],
      };
    case 'google':
      return {
        imports: [importLine(c, { from: '@google/generative-ai', named: ['GoogleGenerativeAI'] })],
        blocks: [
          `const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? '');`,
          `${exp(c, `translate${N}`)}async function translate${N}(text${t(c, ': string')}, locale${t(c, ': string')}) {
  const gemini = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });
  const result = await gemini.generateContent(\`Translate to \${locale}: \${text}\`);
  return result.response.text();
}`,
        ],
      };
    case 'cohere':
      return {
        imports: [importLine(c, { from: 'cohere-ai', named: ['CohereClient'] })],
        blocks: [
          `const cohere = new CohereClient({ token: process.env.COHERE_API_KEY });`,
          `${exp(c, `rerank${N}s`)}async function rerank${N}s(query${t(c, ': string')}, documents${t(c, ': string[]')}) {
  const embedded = await cohere.embed({ texts: [query], model: 'embed-english-v3.0', inputType: 'search_query' });
  const reranked = await cohere.rerank({ query, documents, topN: 5, model: 'rerank-english-v3.0' });
  return { vector: embedded.embeddings, results: reranked.results };
}`,
        ],
      };
    default:
      return {
        imports: [importLine(c, { from: '@mistralai/mistralai', named: ['Mistral'] })],
        blocks: [
          `const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });`,
          `${exp(c, `vectorize${N}`)}async function vectorize${N}(inputs${t(c, ': string[]')}) {
  const result = await mistral.embeddings.create({ model: 'mistral-embed', inputs });
  return result.data.map((item) => item.embedding);
}`,
          `${exp(c, `chat${N}`)}async function chat${N}(content${t(c, ': string')}) {
  const result = await mistral.chat.complete({ model: 'mistral-large-latest', messages: [{ role: 'user', content }] });
  return result.choices?.[0]?.message?.content;
}`,
        ],
      };
  }
}

// ------------------------------------------------------------------------------------ prefilter noise

/** Noise that fits any module (plain functions). */
export const NOISE_PLAIN = ['orm-models', 'file-input', 'gallery', 'feature-beta', 'survey', 'editor-completions', 'vector-search', 'media-audio'];

/**
 * Ordinary code that contains words the scanner's cheap text test looks for (`completions`, `.models`,
 * `.files`, `.images`, `.audio`, `.responses`, `.beta`, `embeddings`) without touching the OpenAI SDK.
 */
export function noise(c, kind) {
  const n = noun(c);
  const N = cap(n);
  switch (kind) {
    case 'orm-models':
      return {
        imports: [],
        blocks: [
          `${exp(c, `load${N}Invoices`)}async function load${N}Invoices(sequelize${t(c, ': Sequelize')}, accountId${t(c, ': string')}) {
  const { Invoice, LineItem } = sequelize.models;
  const models = Object.keys(sequelize.models).sort();
  logger.debug('registered models', { models });
  return Invoice.findAll({ where: { accountId }, include: [LineItem], order: [['createdAt', 'DESC']] });
}`,
        ],
      };
    case 'file-input':
      return {
        imports: [],
        blocks: [
          `const MAX_UPLOAD_BYTES = ${c.r.pick([5, 10, 25])} * 1024 * 1024;`,
          `${exp(c, `collect${N}Files`)}function collect${N}Files(event${t(c, ': { target: HTMLInputElement }')})${t(c, ': File[]')} {
  const input = event.target;
  if (!input.files || input.files.length === 0) return [];
  return Array.from(input.files).filter((file) => file.size <= MAX_UPLOAD_BYTES);
}`,
          `${exp(c, 'droppedFiles')}function droppedFiles(event${t(c, ': DragEvent')}) {
  return Array.from(event.dataTransfer?.files ?? []).map((file) => ({ name: file.name, size: file.size }));
}`,
        ],
      };
    case 'gallery':
      return {
        imports: [],
        blocks: [
          `${exp(c, `${n}Thumbnails`)}function ${n}Thumbnails(listing${t(c, ': { images: { url: string; width: number }[] }')}, max = ${c.r.int(3, 12)}) {
  const images = listing.images.filter((image) => image.width >= 320);
  return listing.images.length > max ? images.slice(0, max) : images;
}`,
        ],
      };
    case 'feature-beta':
      return {
        imports: [],
        blocks: [
          `${exp(c, `is${N}BetaEnabled`)}function is${N}BetaEnabled(flags${t(c, ': { beta?: Record<string, boolean> }')}, key${t(c, ': string')}) {
  // Beta features are opt-in per workspace.
  return Boolean(flags.beta?.[key]);
}`,
        ],
      };
    case 'survey':
      return {
        imports: [],
        blocks: [
          `${exp(c, `tally${N}Survey`)}function tally${N}Survey(survey${t(c, ': { responses: { answer: string }[] }')}) {
  const counts${t(c, ': Record<string, number>')} = {};
  for (const response of survey.responses) counts[response.answer] = (counts[response.answer] ?? 0) + 1;
  return { total: survey.responses.length, counts };
}`,
        ],
      };
    case 'editor-completions':
      return {
        imports: [],
        blocks: [
          `/** Autocomplete for the ${n} query editor: keyword completions ranked by prefix match. */
${exp(c, `${n}Completions`)}function ${n}Completions(prefix${t(c, ': string')}, keywords${t(c, ': string[]')}) {
  const completions = keywords.filter((word) => word.startsWith(prefix.toLowerCase()));
  return completions.slice(0, 10).map((label, rank) => ({ label, rank, insertText: \`\${label} \` }));
}`,
        ],
      };
    case 'vector-search':
      return {
        imports: [],
        blocks: [
          `// Embeddings come from the in-house encoder service, not from a hosted API.
${exp(c, `nearest${N}s`)}async function nearest${N}s(index${t(c, ': VectorIndex')}, query${t(c, ': string')}, topK = ${c.r.int(3, 20)}) {
  const embeddings = await encoder.encode([query]);
  return index.query({ vector: embeddings[0], topK, includeMetadata: true });
}`,
        ],
      };
    case 'media-audio':
      return {
        imports: [],
        blocks: [
          `${exp(c, `play${N}Chime`)}function play${N}Chime(player${t(c, ': { audio: HTMLAudioElement; muted: boolean }')}) {
  if (player.muted) return;
  player.audio.currentTime = 0;
  void player.audio.play();
}`,
        ],
      };
    default:
      throw new Error(`unknown noise ${kind}`);
  }
}

/** Files that name OpenAI without using the SDK: provider pickers, comments. Not sites. */
export function mention(c) {
  if (c.r.chance(0.5)) {
    return {
      imports: [],
      blocks: [
        `${exp(c, 'LLM_PROVIDERS')}const LLM_PROVIDERS = [
  { value: 'openai', label: 'OpenAI', docs: 'https://platform.openai.com/docs' },
  { value: 'anthropic', label: 'Anthropic', docs: 'https://docs.anthropic.com' },
  { value: 'mistral', label: 'Mistral', docs: 'https://docs.mistral.ai' },
];`,
      ],
    };
  }
  return {
    imports: [],
    blocks: [`// The ${noun(c)} message shape mirrors OpenAI's chat format so we can switch providers later (see ADR-0${c.r.int(10, 40)}).`],
  };
}

