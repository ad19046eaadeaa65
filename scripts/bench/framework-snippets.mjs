// OpenAI through a framework, for the bench's AI-heavy profile: LangChain JS and the Vercel AI SDK, as apps
// of 2025–2026 write them (a shared provider module, wrappers, tools, structured output, embeddings). Same
// shape as snippets.mjs: { imports, blocks } merged into an ordinary file.

import { cap, noun, sentence } from './code.mjs';
import { importLine } from './snippets.mjs';

const t = (c, text) => (c.ts ? text : '');
const exp = (c, name) => {
  if (c.cjs) {
    c.exported.push(name);
    return '';
  }
  return 'export ';
};

const CHAT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-5-mini', 'o4-mini'];
const EMBEDDING_MODELS = ['text-embedding-3-small', 'text-embedding-3-large'];

/** Roles this file renders, with the file kinds each fits. */
export const FRAMEWORK_ROLE_KINDS = {
  'langchain-chat': ['service', 'route', 'util'],
  'langchain-embed': ['service', 'util'],
  'ai-sdk-generate': ['service', 'route'],
  'ai-sdk-tools': ['service', 'route'],
  'ai-sdk-embed': ['service', 'util'],
  'ai-sdk-provider': ['util', 'service'],
};

export function frameworkRole(c, role) {
  const model = () => c.r.pick(CHAT_MODELS);
  const n = noun(c);
  const N = cap(n);
  switch (role) {
    case 'langchain-chat': {
      const structured = c.r.chance(0.4);
      return {
        imports: [
          importLine(c, { from: '@langchain/openai', named: ['ChatOpenAI'] }),
          importLine(c, { from: '@langchain/core/messages', named: ['HumanMessage', 'SystemMessage'] }),
          structured ? importLine(c, { from: 'zod', named: ['z'] }) : null,
        ],
        blocks: [
          `const ${n}Model = new ChatOpenAI({\n  model: '${model()}',\n  temperature: ${c.r.pick(['0', '0.3', '0.7'])},\n  apiKey: process.env.OPENAI_API_KEY,\n});`,
          structured
            ? `const ${N}Summary = z.object({ title: z.string(), points: z.array(z.string()).max(5) });

/** ${sentence(c, 5, 12)}. */
${exp(c, `summarize${N}`)}async function summarize${N}(text${t(c, ': string')}) {
  const extractor = ${n}Model.withStructuredOutput(${N}Summary, { name: '${n}_summary' });
  return extractor.invoke([new SystemMessage('Summarise the ${n} for the dashboard.'), new HumanMessage(text)]);
}`
            : `/** ${sentence(c, 5, 12)}. */
${exp(c, `ask${N}`)}async function ask${N}(question${t(c, ': string')}) {
  const reply = await ${n}Model.invoke([new SystemMessage('You answer questions about ${n}s.'), new HumanMessage(question)]);
  return typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
}

${exp(c, `stream${N}`)}async function* stream${N}(question${t(c, ': string')}) {
  for await (const chunk of await ${n}Model.stream(question)) yield chunk.content;
}`,
        ].filter(Boolean),
      };
    }
    case 'langchain-embed':
      return {
        imports: [importLine(c, { from: '@langchain/openai', named: ['OpenAIEmbeddings'] })],
        blocks: [
          `const embeddings = new OpenAIEmbeddings({ model: '${c.r.pick(EMBEDDING_MODELS)}', batchSize: ${c.r.pick(['64', '256', '512'])} });`,
          `${exp(c, `embed${N}s`)}async function embed${N}s(texts${t(c, ': string[]')}) {\n  return embeddings.embedDocuments(texts);\n}`,
        ],
      };
    case 'ai-sdk-provider':
      return {
        imports: [importLine(c, { from: '@ai-sdk/openai', named: ['createOpenAI'] })],
        blocks: [
          `${exp(c, 'ai')}const ai = createOpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  ${c.r.pick(["compatibility: 'strict',", 'baseURL: process.env.OPENAI_BASE_URL,', "headers: { 'x-team': 'acme' },"])}\n});`,
          `${exp(c, 'chatModel')}const chatModel = ai.chat('${model()}');`,
          `${exp(c, 'embeddingModel')}const embeddingModel = ai.textEmbeddingModel('${c.r.pick(EMBEDDING_MODELS)}');`,
        ],
      };
    case 'ai-sdk-generate': {
      const stream = c.r.chance(0.5);
      return {
        imports: [
          importLine(c, { from: '@ai-sdk/openai', named: ['openai'] }),
          importLine(c, { from: 'ai', named: [stream ? 'streamText' : 'generateText'] }),
        ],
        blocks: [
          stream
            ? `${exp(c, `stream${N}Answer`)}function stream${N}Answer(prompt${t(c, ': string')}) {
  return streamText({
    model: openai('${model()}'),
    system: 'You are the ${n} assistant. ${sentence(c, 4, 10)}.',
    prompt,
    temperature: ${c.r.pick(['0.2', '0.5', '1'])},
  });
}`
            : `${exp(c, `generate${N}Answer`)}async function generate${N}Answer(prompt${t(c, ': string')}) {
  const { text, usage } = await generateText({ model: openai.chat('${model()}'), prompt, maxOutputTokens: ${c.r.pick(['256', '1024', '4096'])} });
  return { text, tokens: usage.totalTokens };
}`,
        ],
      };
    }
    case 'ai-sdk-tools':
      return {
        imports: [
          importLine(c, { from: '@ai-sdk/openai', named: ['openai'] }),
          importLine(c, { from: 'ai', named: ['generateObject', 'generateText', 'tool'] }),
          importLine(c, { from: 'zod', named: ['z'] }),
        ],
        blocks: [
          `const lookup${N} = tool({
  description: 'Looks up a ${n} by id',
  inputSchema: z.object({ id: z.string() }),
  execute: async ({ id }) => ({ id, status: '${c.r.pick(['active', 'archived', 'pending'])}' }),
});`,
          `${exp(c, `plan${N}`)}async function plan${N}(goal${t(c, ': string')}) {
  const { text } = await generateText({ model: openai('${model()}'), tools: { lookup${N} }, prompt: goal });
  const { object } = await generateObject({
    model: openai('${model()}'),
    schema: z.object({ steps: z.array(z.string()) }),
    prompt: \`Plan the next steps for: \${text}\`,
  });
  return object.steps;
}`,
        ],
      };
    case 'ai-sdk-embed':
      return {
        imports: [
          importLine(c, { from: '@ai-sdk/openai', named: ['openai'] }),
          importLine(c, { from: 'ai', named: ['embedMany'] }),
        ],
        blocks: [
          `${exp(c, `index${N}s`)}async function index${N}s(chunks${t(c, ': string[]')}) {
  const { embeddings } = await embedMany({ model: openai.embedding('${c.r.pick(EMBEDDING_MODELS)}'), values: chunks });
  return chunks.map((chunk, i) => ({ chunk, vector: embeddings[i] }));
}`,
        ],
      };
    default:
      throw new Error(`unknown framework role ${role}`);
  }
}
