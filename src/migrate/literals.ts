/**
 * Generated code is data, never code: every value qianyi writes into a file (a base URL, an env name, a
 * model id, a provider name, a note) goes through one of these, so that no value can end the string or the
 * comment it is written in, whatever a template, a config file or a flag holds.
 */
import { redact } from '../redact/redact.js';

export type Quote = "'" | '"' | '`';

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** The body of a string literal in `quote`: backslashes, the quote, line breaks and controls escaped; in a template literal `${` stays inert. */
export function literalBody(value: string, quote: Quote): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  // `$` before `{` would open a substitution inside a template literal.
  return quote === '`' ? out.replace(/\$(?=\{)/g, '\\$') : out;
}

/** A whole string literal: `'https://…'`. */
export function stringLiteral(value: string, quote: Quote): string {
  return `${quote}${literalBody(value, quote)}${quote}`;
}

/**
 * Text for a `//` or block comment: one line (line breaks become spaces), no star-slash that would close a
 * block comment, and no key: a key-shaped value (say a key pasted where a model id goes) is redacted.
 */
export function commentText(text: string): string {
  return redact(text.replace(LINE_BREAKS, ' ').replace(/[\p{Cc}]/gu, ' ')).replace(/\*\//g, '* /');
}

/** The quote a string literal starts with, for edits that replace only its body. */
export function quoteAt(text: string, start: number): Quote {
  const ch = text[start];
  return ch === '"' || ch === '`' ? ch : "'";
}
