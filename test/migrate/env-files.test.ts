import { describe, expect, it } from 'vitest';
import { configKind } from '../../src/collect/discover.js';
import { planEnvFile } from '../../src/migrate/env-files.js';

/**
 * Config files that set OpenAI's key gain the provider's key by name: valid cases (what is added, where) and
 * invalid ones (nothing is added).
 */
const KEY = 'DEEPSEEK_API_KEY';

describe('configKind', () => {
  it.each([
    ['.env', 'dotenv'], ['.env.example', 'dotenv'], ['apps/web/.env.local', 'dotenv'], ['docker-compose.yml', 'compose'],
    ['docker-compose.prod.yaml', 'compose'], ['deploy/compose.yml', 'compose'], ['docker-compose-dev.yml', 'compose'],
    ['.github/workflows/ci.yml', 'workflow'], ['.github/workflows/release.yaml', 'workflow'],
  ])('%s is %s', (file, kind) => expect(configKind(file)).toBe(kind));
  it.each(['env.ts', '.envrc.ts', 'config.yml', 'compose.ts', '.github/ci.yml', '.github/workflows/nested/x.yml', 'docker-compose.yml.bak', 'src/.github/workflows'])(
    '%s is none', (file) => expect(configKind(file)).toBeNull());
});

const valid: Array<[string, 'dotenv' | 'compose' | 'workflow', string, string, number[]]> = [
  ['dotenv after OPENAI_API_KEY', 'dotenv', 'A=1\nOPENAI_API_KEY=sk-x\nB=2\n', 'A=1\nOPENAI_API_KEY=sk-x\nDEEPSEEK_API_KEY=\nB=2\n', [3]],
  ['dotenv after another key name, export kept', 'dotenv', 'export OPENAI_KEY=sk-x\n', 'export OPENAI_KEY=sk-x\nexport DEEPSEEK_API_KEY=\n', [2]],
  ['dotenv once, after the first key line', 'dotenv', 'OPEN_AI_API_KEY=\nOPENAI_API_KEY=\n', 'OPEN_AI_API_KEY=\nDEEPSEEK_API_KEY=\nOPENAI_API_KEY=\n', [2]],
  ['dotenv CRLF', 'dotenv', 'OPENAI_API_KEY=\r\nX=1\r\n', 'OPENAI_API_KEY=\r\nDEEPSEEK_API_KEY=\r\nX=1\r\n', [2]],
  ['dotenv CRLF, no final newline', 'dotenv', 'X=1\r\nOPENAI_API_KEY=', 'X=1\r\nOPENAI_API_KEY=\r\nDEEPSEEK_API_KEY=', [3]],
  ['dotenv Azure key', 'dotenv', 'AZURE_OPENAI_API_KEY=\n', 'AZURE_OPENAI_API_KEY=\nDEEPSEEK_API_KEY=\n', [2]],
  ['compose list', 'compose', 'services:\n  a:\n    environment:\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n      - PORT=1\n',
    'services:\n  a:\n    environment:\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n      - DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}\n      - PORT=1\n', [5]],
  ['compose list, bare and quoted', 'compose', 'x:\n  environment:\n    - "OPENAI_KEY=${OPENAI_KEY}"\ny:\n  environment:\n    - OPENAI_API_KEY\n',
    'x:\n  environment:\n    - "OPENAI_KEY=${OPENAI_KEY}"\n    - "DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}"\ny:\n  environment:\n    - OPENAI_API_KEY\n    - DEEPSEEK_API_KEY\n', [4, 8]],
  ['compose list at the key indent', 'compose', 'a:\n  environment:\n  - OPENAI_API_KEY=${OPENAI_API_KEY}\n  image: x\n',
    'a:\n  environment:\n  - OPENAI_API_KEY=${OPENAI_API_KEY}\n  - DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}\n  image: x\n', [4]],
  ['compose map, pass-through kept empty', 'compose', 'a:\n  environment:\n    OPENAI_API_KEY: ${OPENAI_API_KEY}\n    # note\n    OPENAI_KEY:\n',
    'a:\n  environment:\n    OPENAI_API_KEY: ${OPENAI_API_KEY}\n    DEEPSEEK_API_KEY: ${DEEPSEEK_API_KEY}\n    # note\n    OPENAI_KEY:\n', [4]],
  ['workflow env at every level', 'workflow', 'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\njobs:\n  t:\n    env:\n      OPENAI_KEY: ${{ secrets.K }}\n    steps:\n      - run: x\n        env:\n          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n',
    'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n  DEEPSEEK_API_KEY: ${{ secrets.DEEPSEEK_API_KEY }}\njobs:\n  t:\n    env:\n      OPENAI_KEY: ${{ secrets.K }}\n      DEEPSEEK_API_KEY: ${{ secrets.DEEPSEEK_API_KEY }}\n    steps:\n      - run: x\n        env:\n          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n          DEEPSEEK_API_KEY: ${{ secrets.DEEPSEEK_API_KEY }}\n', [3, 8, 13]],
  ['workflow CRLF', 'workflow', 'env:\r\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\r\n', 'env:\r\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\r\n  DEEPSEEK_API_KEY: ${{ secrets.DEEPSEEK_API_KEY }}\r\n', [3]],
];

const invalid: Array<[string, 'dotenv' | 'compose' | 'workflow', string]> = [
  ['dotenv with the provider key already', 'dotenv', 'OPENAI_API_KEY=\nDEEPSEEK_API_KEY=sk\n'],
  ['dotenv base URL only (an empty X_BASE_URL would override the fallback)', 'dotenv', 'OPENAI_BASE_URL=https://x\nOPENAI_API_URL=https://y\n'],
  ['dotenv key pool', 'dotenv', 'OPENAI_API_KEYS=a,b\n'],
  ['dotenv browser key', 'dotenv', 'NEXT_PUBLIC_OPENAI_API_KEY=\n'],
  ['dotenv comment', 'dotenv', '# OPENAI_API_KEY=\n'],
  ['dotenv another provider', 'dotenv', 'ANTHROPIC_API_KEY=\nMY_OPENAI_API_KEY=\n'],
  ['compose block with the provider key already', 'compose', 'a:\n  environment:\n    - OPENAI_API_KEY\n    - DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}\n'],
  ['compose key outside environment:', 'compose', 'a:\n  labels:\n    OPENAI_API_KEY: x\n  OPENAI_API_KEY: y\n'],
  ['compose flow style', 'compose', 'a:\n  environment: [OPENAI_API_KEY]\n'],
  ['compose env_file', 'compose', 'a:\n  env_file:\n    - OPENAI_API_KEY\n'],
  ['compose a deeper value is no entry', 'compose', 'a:\n  environment:\n    X: |\n      OPENAI_API_KEY: y\n'],
  ['workflow with the provider key already', 'workflow', 'env:\n  DEEPSEEK_API_KEY: ${{ secrets.DEEPSEEK_API_KEY }}\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n'],
  ['workflow with the provider key in another env block', 'workflow', 'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\njobs:\n  t:\n    steps:\n      - run: x\n        env:\n          DEEPSEEK_API_KEY: ${{ secrets.DEEPSEEK_API_KEY }}\n'],
  ['workflow with: inputs', 'workflow', 'steps:\n  - uses: x\n    with:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n'],
  ['workflow environment: (compose word)', 'workflow', 'jobs:\n  a:\n    environment:\n      OPENAI_API_KEY: x\n'],
];

describe('planEnvFile', () => {
  it.each(valid)('adds: %s', (_, kind, before, after, lines) => {
    expect(planEnvFile(before, KEY, undefined, kind)).toEqual({ before, after, line: lines[0], lines });
  });
  it.each(invalid)('adds nothing: %s', (_, kind, before) => {
    expect(planEnvFile(before, KEY, undefined, kind)).toBeUndefined();
  });
  it('a routed provider key goes after the first provider key, in each block', () => {
    const before = 'a:\n  environment:\n    OPENAI_API_KEY: ${OPENAI_API_KEY}\n    DEEPSEEK_API_KEY: ${DEEPSEEK_API_KEY}\n';
    expect(planEnvFile(before, 'DASHSCOPE_API_KEY', KEY, 'compose')?.after).toBe(`${before}    DASHSCOPE_API_KEY: \${DASHSCOPE_API_KEY}\n`);
  });
  it('refuses a name that is no plain variable name', () => {
    expect(() => planEnvFile('OPENAI_API_KEY=\n', 'X=1\nY', undefined, 'dotenv')).toThrow(/not an environment variable name/);
  });
});
