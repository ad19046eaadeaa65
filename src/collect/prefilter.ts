/**
 * The cheap text test that decides which files are parsed. It must keep every file that can hold a site:
 * - files that name a source's module as a module specifier (`from 'openai'`, `require("@langchain/openai")`,
 *   `import('ai')`), never as any string (a provider name in a settings list is not a use of the SDK);
 * - files that only use a client created elsewhere: they name an SDK resource (`chat.completions`,
 *   `embeddings.create` ...) or a 3.x method (`createChatCompletion(` ...), and never the word openai;
 * - files that only hold model ids (`"gpt-4o"` in a config module) or OpenAI's host.
 * The terms come from each source (src/sources/prefilter-terms.ts). One regex with literal alternatives, no
 * nested quantifiers: linear in the file size. Every file of the tree goes through it, so the alternatives
 * are grouped by their first character (`factorAlternatives`), which V8 tries once per position instead of
 * once per alternative; the weak test first looks for the bare quoted module, which most files lack.
 */
import { PREFILTERS } from '../sources/prefilter-terms.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const specifier = (alternatives: string, subpaths: boolean) =>
  `(?:from|require\\(|import\\()\\s*['"\`](?:${alternatives})${subpaths ? `(?:/[^'"\`]*)?` : ''}['"\`]`;

/** The alternatives of the candidate test, as each source wrote them (the reference for `factorAlternatives`). */
export function candidateAlternatives(): string[] {
  const modules = [...new Set(PREFILTERS.flatMap((p) => p.modules))].map(escape).join('|');
  return [specifier(modules, true), ...PREFILTERS.flatMap((p) => p.terms)];
}

/**
 * The same alternation with alternatives that start with the same literal character merged:
 * `\.beta\.|\.realtime\.` becomes `\.(?:beta\.|realtime\.)`. A position matches the result exactly when it
 * matches one of the alternatives. An alternative is left alone unless it starts with a plain character
 * (or an escaped punctuation mark) that no quantifier follows and has no `|` of its own outside brackets.
 */
export function factorAlternatives(alternatives: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const out: Array<string | { head: string }> = [];
  for (const alt of alternatives) {
    const head = /^\\[^A-Za-z0-9]/.test(alt) ? alt.slice(0, 2) : /^[^\\[\](){}|?*+^$.]/.test(alt) ? alt[0]! : null;
    if (head === null || /^[?*+{]/.test(alt.slice(head.length)) || hasTopLevelBar(alt)) {
      out.push(alt);
      continue;
    }
    const tails = groups.get(head);
    if (tails) tails.push(alt.slice(head.length));
    else {
      groups.set(head, [alt.slice(head.length)]);
      out.push({ head });
    }
  }
  return out
    .map((o) => {
      if (typeof o === 'string') return o;
      const tails = groups.get(o.head)!;
      return tails.length === 1 ? o.head + tails[0] : `${o.head}(?:${tails.join('|')})`;
    })
    .join('|');
}

function hasTopLevelBar(alt: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < alt.length; i++) {
    const c = alt[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

const CANDIDATE = new RegExp(factorAlternatives(candidateAlternatives()));
const WEAK_SOURCES = PREFILTERS.filter((p) => p.weakModules?.length);
const WEAK = WEAK_SOURCES.map((p) => ({
  /** What every match of `weak` contains: the quoted module name. */
  quoted: new RegExp(`['"\`](?:${p.weakModules!.map(escape).join('|')})['"\`]`),
  weak: new RegExp(specifier(p.weakModules!.map(escape).join('|'), false)),
  enabler: new RegExp(specifier(p.modules.map(escape).join('|'), true)),
}));

export function isCandidate(text: string): boolean {
  return CANDIDATE.test(text);
}

/**
 * For a file that is not a candidate: the indexes of the sources whose weak modules it names (it becomes a
 * candidate when some file of the tree names that source's modules; see `enabledWeakSources`).
 */
export function weakMatches(text: string): number[] {
  const found: number[] = [];
  WEAK.forEach((w, i) => {
    if (w.quoted.test(text) && w.weak.test(text)) found.push(i);
  });
  return found;
}

/** The sources (indexes as in `weakMatches`) whose modules a candidate's text names. */
export function enabledWeakSources(text: string): number[] {
  const found: number[] = [];
  WEAK.forEach((w, i) => {
    if (w.enabler.test(text)) found.push(i);
  });
  return found;
}
