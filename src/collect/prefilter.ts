/**
 * The cheap text test that decides which files are parsed. It must keep every file that can hold a site:
 * - files that name a source's module as a module specifier (`from 'openai'`, `require("@langchain/openai")`,
 *   `import('ai')`), never as any string (a provider name in a settings list is not a use of the SDK);
 * - files that only use a client created elsewhere: they name an SDK resource (`chat.completions`,
 *   `embeddings.create` ...) or a 3.x method (`createChatCompletion(` ...), and never the word openai;
 * - files that only hold model ids (`"gpt-4o"` in a config module) or OpenAI's host.
 * The terms come from each source (src/sources/prefilter-terms.ts). One regex with literal alternatives, no
 * nested quantifiers: linear in the file size.
 */
import { PREFILTERS } from '../sources/prefilter-terms.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const specifier = (alternatives: string, subpaths: boolean) =>
  `(?:from|require\\(|import\\()\\s*['"\`](?:${alternatives})${subpaths ? `(?:/[^'"\`]*)?` : ''}['"\`]`;

function candidatePattern(): RegExp {
  const modules = [...new Set(PREFILTERS.flatMap((p) => p.modules))].map(escape).join('|');
  const terms = PREFILTERS.flatMap((p) => p.terms);
  return new RegExp([specifier(modules, true), ...terms].join('|'));
}

const CANDIDATE = candidatePattern();
const WEAK_SOURCES = PREFILTERS.filter((p) => p.weakModules?.length);
const WEAK = WEAK_SOURCES.map((p) => ({
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
    if (w.weak.test(text)) found.push(i);
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
