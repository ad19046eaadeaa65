/**
 * The one redactor. Everything qianyi prints (every format, annotations, diffs, errors, notes) and
 * everything it stores (the scan cache, manifests) goes through `redact`, so that no API key of any
 * provider reaches a CI log or a file. It knows the key formats of OpenAI and of the providers (built in,
 * plus each template's `apiKey.pattern`), keys in URL query strings and after key-like names, and generic
 * high-entropy tokens in string literals. `.env` text has its own pass (`redactEnvText`): every value goes.
 */

export const MASK = '***';

interface KeyRule {
  /** Who issues keys of this shape (for tests and docs). */
  issuer: string;
  regex: RegExp;
  /** The non-secret prefix kept in front of the mask (`sk-proj-`), when there is one. */
  keep?: (match: string) => string;
  /** The whole replacement, when the rule needs more than a mask (a multi-line match keeps its line count). */
  replace?: (match: string) => string;
}

const keepPrefix = (re: RegExp) => (match: string) => re.exec(match)?.[0] ?? '';

/** Key formats known without a template (a template's `apiKey.pattern` adds its own). */
const BUILTIN_RULES: KeyRule[] = [
  // JSON web tokens, first: their dotted parts would otherwise look like a Zhipu key and leave the signature.
  // (MiniMax and SenseNova keys are JWT-like; any bearer JWT is a credential.)
  { issuer: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // OpenAI: sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…; most OpenAI-style providers (DeepSeek, TokenHub, ...) issue sk- keys too.
  { issuer: 'openai', regex: /\b(?:sk|pk|rk)-(?:[a-z]+-)?[A-Za-z0-9_-]{16,}/g, keep: keepPrefix(/^(?:sk|pk|rk)-(?:(?:proj|svcacct|admin|ant|cp|api)-)?/) },
  // Baidu Qianfan: bce-v3/ALTAK-<ak>/<secret> (seed-four.md §Qianfan, sources Q1, Q2).
  { issuer: 'qianfan', regex: /\bbce-v3\/ALTAK-[A-Za-z0-9+=_-]+(?:\/[A-Za-z0-9+=_-]+)?/g, keep: () => 'bce-v3/ALTAK-' },
  { issuer: 'baidu', regex: /\bALTAK-[A-Za-z0-9+=_-]{8,}(?:\/[A-Za-z0-9+=_-]+)?/g, keep: () => 'ALTAK-' },
  // Zhipu: <id>.<secret> (seed-four.md §Zhipu, sources Z1, Z10): a long id with digits, a dot, a secret.
  { issuer: 'zhipu', regex: /\b(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{20,}\.(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{10,}\b/g },
  // PEM private keys.
  // Every line becomes a mask: diffs rely on redaction keeping each line where it is.
  { issuer: 'pem', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, replace: (m) => m.replace(/[^\r\n]+/g, MASK) },
];

const templateRules: KeyRule[] = [];

/** Adds the key patterns of provider templates (`apiKey.pattern.regex`); each pattern is added once. */
export function registerKeyPatterns(templates: ReadonlyArray<{ id: string; apiKey: { pattern?: unknown } }>): void {
  for (const t of templates) {
    const pattern = t.apiKey.pattern;
    if (typeof pattern !== 'object' || pattern === null || typeof (pattern as { regex?: unknown }).regex !== 'string') continue;
    const source = (pattern as { regex: string }).regex;
    if (templateRules.some((r) => r.regex.source === source)) continue;
    try {
      templateRules.push({ issuer: t.id, regex: new RegExp(source, 'g') });
    } catch {
      // the schema checks patterns on load; a snapshot from an older build is skipped
    }
  }
}

/** Names whose value is a credential: OPENAI_API_KEY, apiKey, client_secret, ZHIPU.API.KEY, Authorization. */
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:api[_.-]?key|apikey|secret|token|passw(?:or)?d|pwd|authorization|credential|access[_.-]?key|private[_.-]?key|(?:^|_)ak|(?:^|_)sk)[A-Za-z0-9_.-]*`;
/** A quoted value after a secret name: `apiKey: 'abc…'`, `"token": "…"`. */
const QUOTED_AFTER_NAME = new RegExp(String.raw`((?:^|[^A-Za-z0-9_.-])${SECRET_NAME}["']?\s*[:=]\s*)(["'\`])([^"'\`\r\n]{6,}?)\2`, 'gim');
/** An unquoted value after an upper-case secret name: `OPENAI_API_KEY=abc…`. */
const BARE_AFTER_NAME = /(\b[A-Z0-9_.]*(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIALS?|AUTH)[A-Z0-9_.]*[ \t]*[:=][ \t]*)([^\s"'`,;()[\]{}<>]{6,})/g;
/** Query parameters that carry credentials: ?key=, &api_key=, &access_token=, &sig=... */
const QUERY_SECRET = /([?&][A-Za-z0-9_.-]*(?:key|token|secret|passw(?:or)?d|pwd|sig|signature|auth|credential|code|ak|sk)[A-Za-z0-9_.-]*=)([^&#\s'"`<>)]+)/gi;
/** Credentials in a URL's user info: https://user:pass@host. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"`]+:)([^\s/@'"`]+)(@)/gi;
const BEARER = /(\b(?:Bearer|Basic|Token)[ \t]+)([A-Za-z0-9._~+/=-]{12,})/g;
/** Candidates for the generic rule: a run of token characters (in a string literal or bare). */
const TOKEN = /(?<![A-Za-z0-9+/_=.~-])[A-Za-z0-9+/_=.~-]{20,}/g;

/** Values after a secret name that are references, not secrets: env names, `process.env.X`, placeholders. */
function isReference(value: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(value) || /^(?:process\.env|import\.meta\.env|env)\b/.test(value) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value) || /^(?:<[^>]*>|your[-_ ].*|x{3,}|\*+|\.\.\.|…)$/i.test(value) ||
    value.includes(MASK);
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/**
 * Whether a value has the shape of a key: a known format, or a random-looking token (a segment of 20 or more
 * characters with letters and digits and high entropy). Model ids, paths and hashes in hex do not qualify.
 */
export function looksLikeKey(value: string): boolean {
  for (const rules of [BUILTIN_RULES, templateRules]) {
    for (const rule of rules) {
      rule.regex.lastIndex = 0;
      if (rule.regex.test(value)) return true;
    }
  }
  return value.split(/[-_./:]/).some((part) => part.length >= 20 && /\d/.test(part) && /[A-Za-z]/.test(part) && entropy(part) >= 4.2);
}

/**
 * Hides every secret in a text; idempotent, and never adds a quote or a line break (JSON and SARIF stay valid).
 * A report repeats the same lines thousands of times (a scan's JSON of 1,600 sites is 120,000 lines, 4,000 of
 * them distinct), so each distinct line is redacted once, whenever that gives the same text as redacting the
 * whole (`lineWise`).
 */
export function redact(text: string): string {
  if (!text.includes('\n') || !lineWise(text)) return redactText(text);
  const done = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let out = done.get(line);
    if (out === undefined) done.set(line, (out = redactText(line)));
    lines[i] = out;
  }
  return lines.join('\n');
}

/**
 * Whether no rule can match across a line break, so that redacting line by line is redacting the whole: the
 * built-in rules' classes exclude `\n` except a PEM block's and the `\s*` around a secret name's `:`/`=`
 * (`apiKey =` at the end of a line, its value on the next). A template's pattern qualifies when it has none
 * of the constructs that can match or look past a line break (`lineSafe`).
 */
function lineWise(text: string): boolean {
  return !text.includes('-----BEGIN') && !NAME_AT_LINE_END.test(text) && templateRules.every((r) => lineSafe(r.regex.source));
}

/**
 * A line that ends with `:` or `=`, or whose next non-blank text starts with one: what a secret name and its
 * value on different lines need (QUOTED_AFTER_NAME's `\s*`). Without the name itself, which costs a scan of
 * every run of name characters.
 */
const NAME_AT_LINE_END = /[:=][^\S\n]*\n|\n\s*[:=]/;

/**
 * True when a pattern cannot match a line break nor tell one from the end of the text: no whitespace or
 * negated classes, no escapes of control characters, no anchors or lookbehinds, no control characters. (`.`
 * never matches a line break without the `s` flag, and a range of printable characters holds none.)
 */
export function lineSafe(source: string): boolean {
  return !/\\[sSWDBnrtvfxuc0pPk]|\[\^|\^|\$|\(\?<[=!]|[\u0000-\u001f]/.test(source);
}

/** `redact` on the text as one string (the reference its line-wise path is tested against). */
export function redactText(text: string): string {
  let out = text;
  for (const rule of [...BUILTIN_RULES, ...templateRules]) {
    out = out.replace(rule.regex, (match) => rule.replace?.(match) ?? `${rule.keep?.(match) ?? ''}${MASK}`);
  }
  out = out.replace(URL_USERINFO, `$1${MASK}$3`);
  out = out.replace(QUERY_SECRET, (match, name: string, value: string) => (value.startsWith(MASK) ? match : `${name}${MASK}`));
  out = out.replace(BEARER, `$1${MASK}`);
  out = out.replace(QUOTED_AFTER_NAME, (match, head: string, quote: string, value: string) =>
    isReference(value) ? match : `${head}${quote}${MASK}${quote}`);
  out = out.replace(BARE_AFTER_NAME, (match, head: string, value: string) => (isReference(value) ? match : `${head}${MASK}`));
  // A report repeats the same long tokens (paths, ids) many times: each is judged once.
  const judged = new Map<string, boolean>();
  out = out.replace(TOKEN, (match) => {
    let key = judged.get(match);
    if (key === undefined) judged.set(match, (key = looksLikeKey(match)));
    return key ? MASK : match;
  });
  return out;
}

/** `.env` values that are plainly not secrets and may stay readable in a diff. */
const PLAIN_VALUE = /^(?:\d{1,6}|true|false|yes|no|on|off|null|none|development|production|staging|test|debug|info|warn|warning|error|localhost|127\.0\.0\.1|0\.0\.0\.0)$/i;
/** `NAME=value`, `export NAME=value`, `name.with.dots: value`. */
const ENV_LINE = /^([ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*[=:][ \t]*)(.*?)([ \t]*)$/;
/** `NAME=value` anywhere in a comment line (`# old: OPENAI_API_KEY=sk-…`). */
const COMMENTED_VALUE = /([A-Za-z_][A-Za-z0-9_.-]*[ \t]*=[ \t]*)(\S.*?)([ \t]*)$/;

/**
 * A `.env`-style text with every value hidden, in comments too, and every line of a multi-line value (an
 * open quote, or a backslash at the end of the line); plainly non-secret values (PORT=3000) stay.
 */
export function redactEnvText(text: string): string {
  const lines = text.split(/(\r?\n)/);
  let open: string | null = null; // the quote of a value that continues on the next line
  let continued = false;
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i]!;
    if (open !== null || continued) {
      continued = open === null && line.endsWith('\\');
      if (open !== null && line.includes(open)) open = null;
      lines[i] = line.trim() === '' ? line : MASK;
      continue;
    }
    if (/^[ \t]*#/.test(line)) {
      const value = COMMENTED_VALUE.exec(line)?.[2];
      lines[i] = value && !PLAIN_VALUE.test(value) ? redact(line.replace(COMMENTED_VALUE, `$1${MASK}$3`)) : redact(line);
      continue;
    }
    const match = ENV_LINE.exec(line);
    if (!match) {
      lines[i] = redact(line);
      continue;
    }
    const [, head, value = '', tail] = match;
    const unquoted = value.replace(/^(["'`])(.*)\1$/, '$2');
    const first = value[0];
    if ((first === '"' || first === "'" || first === '`') && (value.length === 1 || !value.endsWith(first))) open = first;
    continued = value.endsWith('\\');
    if (value === '' || PLAIN_VALUE.test(unquoted)) lines[i] = redact(line);
    else lines[i] = `${head}${MASK}${tail}`;
  }
  return lines.join('');
}
