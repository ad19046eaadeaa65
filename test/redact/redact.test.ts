import { describe, expect, it } from 'vitest';
import { lineSafe, looksLikeKey, MASK, redact, redactEnvText, redactText, registerKeyPatterns } from '../../src/redact/redact.js';
import { commentText, literalBody, stringLiteral } from '../../src/migrate/literals.js';
import { ts } from '../../src/analysis/typescript/parse.js';
import { PLANTED_KEYS } from '../helpers/keys.js';


describe('redact: every planted key format is hidden wherever it appears', () => {
  const positions = (key: string): string[] => [
    key,
    `const apiKey = '${key}';`,
    `new OpenAI({ apiKey: "${key}" })`,
    `OPENAI_API_KEY=${key}`,
    `fetch('https://api.example.com/v1/chat?api_key=${encodeURIComponent(key)}&x=1')`,
    `Authorization: Bearer ${key}`,
    `{"model":"${key}"}`,
    `https://user:${encodeURIComponent(key)}@proxy.example.com`,
  ];
  for (const [format, key] of Object.entries(PLANTED_KEYS)) {
    it(format, () => {
      for (const text of positions(key)) {
        const out = redact(text);
        expect(out, text).not.toContain(key);
        for (const part of key.split(/[./]/).filter((p) => p.length >= 12)) expect(out, text).not.toContain(part);
        expect(out, text).not.toContain(encodeURIComponent(key));
        expect(out, text).toContain(MASK);
        expect(redact(out)).toBe(out); // idempotent
      }
    });
  }

  it('keeps every line where it is (diff line numbers hold), a private key included', () => {
    const pem = 'const k = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----`;\nnext();';
    const out = redact(pem);
    expect(out.split('\n')).toHaveLength(4);
    expect(out).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(out.endsWith('\nnext();')).toBe(true);
  });

  it('keeps the non-secret prefix so a reader sees what kind of key it was', () => {
    expect(redact(PLANTED_KEYS.openaiProject)).toBe('sk-proj-***');
    expect(redact(PLANTED_KEYS.qianfan)).toBe('bce-v3/ALTAK-***');
  });

  it('a key pattern from a template is used too', () => {
    const key = 'gwk_live_7Hq2Lm9Zx';
    expect(redact(`token ${key}`)).toContain(key);
    registerKeyPatterns([{ id: 'gw', apiKey: { pattern: { regex: 'gwk_live_[A-Za-z0-9]{9}', sources: ['S1'] } } }]);
    expect(redact(`token ${key}`)).toBe(`token ${MASK}`);
  });

  it('leaves plain text alone: model ids, URLs, paths, env references, hashes, identifiers', () => {
    const plain = [
      "model: 'gpt-4o-mini-2024-07-18'",
      "model: 'Qwen/Qwen3-VL-32B-Instruct'",
      "model: 'deepseek-ai/DeepSeek-V4-Pro'",
      "baseURL: process.env.ZHIPUAI_BASE_URL ?? 'https://open.bigmodel.cn/api/paas/v4'",
      'apiKey: process.env.OPENAI_API_KEY',
      '"apiKeyEnv": "ZHIPUAI_API_KEY"',
      'added ZHIPUAI_API_KEY= (empty: fill in your Zhipu GLM key)',
      "import { chatCompletionsCreateWithRetry } from './src/components/chat/useOpenAIChatCompletionHook2';",
      '"fingerprint": "0123456789abcdef0123456789abcdef"',
      'max_tokens: 1024, temperature: 0.7',
      'https://api.example.com/v1/models?limit=20',
    ];
    for (const text of plain) expect(redact(text)).toBe(text);
  });

  it('looksLikeKey: keys yes, model ids no', () => {
    for (const key of Object.values(PLANTED_KEYS)) expect(looksLikeKey(key), key).toBe(true);
    for (const id of ['gpt-4o', 'glm-4.6v-flash', 'Qwen/Qwen3-Embedding-8B', 'ft:gpt-4o-mini:acme::abc123', 'MiniMax-M2.7-highspeed', '4.0Ultra']) {
      expect(looksLikeKey(id), id).toBe(false);
    }
  });
});

describe('redactEnvText: every value of a .env file, comments and continuation lines included', () => {
  it('hides values, keeps names and plainly non-secret values', () => {
    const text = [
      `OPENAI_API_KEY=${PLANTED_KEYS.openaiProject}`,
      `# old: OPENAI_API_KEY=${PLANTED_KEYS.openai}`,
      `export ZHIPUAI_API_KEY="${PLANTED_KEYS.zhipu}"`,
      `openai.api.key=${PLANTED_KEYS.opaque}`,
      'PORT=3000',
      'DEBUG=true',
      'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ',
      '-----END PRIVATE KEY-----"',
      'LONG=first\\',
      `${PLANTED_KEYS.qianfan}`,
      'EMPTY=',
      '',
    ].join('\r\n');
    const out = redactEnvText(text);
    for (const key of Object.values(PLANTED_KEYS)) expect(out).not.toContain(key);
    expect(out).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ');
    expect(out.split('\r\n')).toEqual([
      'OPENAI_API_KEY=***',
      '# old: OPENAI_API_KEY=***',
      'export ZHIPUAI_API_KEY=***',
      'openai.api.key=***',
      'PORT=3000',
      'DEBUG=true',
      'PRIVATE_KEY=***',
      '***',
      '***',
      'LONG=***',
      '***',
      'EMPTY=',
      '',
    ]);
  });
});

describe('literals: a value can never end the literal or the comment it is written in', () => {
  const hostile = [
    "m'+require('child_process').execSync('id')+'",
    'm"+require("child_process").execSync("id")+"',
    '`${require("child_process").execSync("id")}`',
    'a\\',
    'line\nbreak\r\u2028\u2029',
    '\u0000\u001b[31m',
    '$${x}',
  ];
  for (const quote of ["'", '"', '`'] as const) {
    it(`${quote} literals hold exactly the value`, () => {
      for (const value of hostile) {
        const sf = ts.createSourceFile('x.ts', `const v = ${stringLiteral(value, quote)};`, ts.ScriptTarget.Latest, true);
        const init = (sf.statements[0] as ts.VariableStatement).declarationList.declarations[0]!.initializer!;
        expect(ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init), value).toBe(true);
        expect((init as ts.StringLiteralLike).text).toBe(value);
        expect(literalBody(value, quote)).not.toMatch(/[\n\r\u2028\u2029]/);
      }
    });
  }

  it('comment text is one line, cannot close a block comment and carries no key', () => {
    const text = commentText(`see */ alert(1) /*\nnext\u2028line ${PLANTED_KEYS.openai}`);
    expect(text).not.toMatch(/[\n\r\u2028\u2029]|\*\//);
    expect(text).not.toContain(PLANTED_KEYS.openai);
  });
});

describe('redact: line by line (each distinct line once) gives the text redacting the whole gives', () => {
  const keyed = Object.values(PLANTED_KEYS).flatMap((key) => [
    `const apiKey = '${key}';`, `  "reason": "Authorization: Bearer ${key}",`, `OPENAI_API_KEY=${key}`, `see https://u:${key}@h.example.com`,
  ]);
  const plain = ['{', '  "status": "ok",', "model: 'gpt-4o-mini'", 'apiKey: process.env.OPENAI_API_KEY', '', '}', 'x\r'];
  // Where a rule spans lines: a name at the end of one line and its value on the next, a PEM block.
  const spanning = ["const apiKey =\n  'a8Zq3xW9mN2bV7cL1';", '"token":\n"Qm9z8Xc7Vb6Nn5Mm4Ll3"', "secret:\r\n\r\n  'hunter2hunter2'",
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END RSA PRIVATE KEY-----'];
  // A seeded shuffle, so that a failure can be replayed.
  let seed = 7;
  const pick = <T>(items: readonly T[]): T => items[(seed = (seed * 16807) % 2147483647) % items.length]!;

  it('on reports made of repeated lines, keys, plain text and rules that span lines', () => {
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: 40 }, () => pick([...keyed, ...plain, ...plain, ...spanning])).join(pick(['\n', '\r\n']));
      expect(redact(text), text).toBe(redactText(text));
    }
    for (const text of spanning) {
      expect(redact(text)).toBe(redactText(text));
      expect(redact(`${plain.join('\n')}\n${text}`)).toBe(redactText(`${plain.join('\n')}\n${text}`));
    }
    expect(redact(spanning[0]!)).toBe(`const apiKey =\n  '${MASK}';`);
  });

  it("a template's pattern that could match a line break has the whole text redacted at once", () => {
    expect(lineSafe('bce-v3/ALTAK-[A-Za-z0-9]+/[A-Za-z0-9]+')).toBe(true);
    expect(lineSafe(String.raw`\b(?=[0-9a-zA-Z]*[0-9])[0-9a-zA-Z]{20,}\.(?=[0-9a-zA-Z]*[0-9])[0-9a-zA-Z]{10,}\b`)).toBe(true);
    for (const unsafe of [String.raw`zq\s+\d{8}`, 'zq[^a]\\d{8}', '^zq\\d{8}', 'zq\\d{8}$', '(?<!x)zq\\d{8}', String.raw`zq\n\d{8}`, String.raw`zq\x0a\d{8}`]) {
      expect(lineSafe(unsafe), unsafe).toBe(false);
    }
    registerKeyPatterns([{ id: 'spans', apiKey: { pattern: { regex: String.raw`zq\s+\d{8}`, sources: ['S1'] } } }]);
    const text = 'one\nzq\n12345678\ntwo';
    expect(redact(text)).toBe(`one\n${MASK}\ntwo`);
    expect(redact(text)).toBe(redactText(text));
  });
});
