/**
 * The rules every value from a template, a config file or a flag must meet before qianyi writes it into
 * someone's code. Zod-free, so the config and flag checks on the CLI's fast path can share them with the
 * template schema. Each rule is a pattern plus the sentence an error states.
 */

export interface ValueRule {
  test: (value: string) => boolean;
  /** What the value must be, for "<file>: <field>: must be <rule>". */
  rule: string;
  /** The pattern, when the rule is one (the template JSON Schema shows it to editors). */
  re?: RegExp;
}

const pattern = (re: RegExp, rule: string): ValueRule => ({ test: (v) => re.test(v), rule, re });

/** Provider ids, aliases and region ids: `zhipu`, `intl`. */
export const ID = pattern(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, starting with a letter');

/** Environment variable names: `ZHIPUAI_API_KEY`. */
export const ENV_NAME = pattern(/^[A-Z][A-Z0-9_]{0,63}$/, 'an environment variable name (A-Z, 0-9, _)');

/** Model ids, OpenAI's and the providers': `gpt-4o`, `Qwen/Qwen3-8B`, `ft:gpt-4o:org::id`, `4.0Ultra`. */
export const MODEL_ID = pattern(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'a model id (letters, digits and . _ : / -, at most 128)');

/** A request field name a template renames to: it becomes a property name in code. */
export const FIELD_NAME = pattern(/^[a-z][a-z0-9_]{0,63}$/, 'a request field name (a-z, 0-9, _)');

/** Display names, shown in notes and reports: one line, nothing that could close a literal or a comment. */
export const DISPLAY_NAME = pattern(
  /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}'"`\\$*/]{1,80}$/u,
  'one line of at most 80 characters without quotes, backslashes, $, * or /',
);

/** A base URL as written into `new OpenAI({ baseURL })`. */
export const BASE_URL: ValueRule = {
  rule: 'an https:// URL with a host and no quotes, spaces, backslashes or control characters',
  test(value) {
    if (!/^https:\/\/[^\s'"`\\<>{}|^$]+$/u.test(value) || /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(value)) return false;
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  },
};

/** The first rule a value breaks, as "must be ...", or null when it passes. */
export function problemWith(value: unknown, rule: ValueRule): string | null {
  if (typeof value !== 'string' || value === '') return `must be ${rule.rule}`;
  return rule.test(value) ? null : `must be ${rule.rule}`;
}
