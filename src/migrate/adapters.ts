/**
 * The edits of model-level `adapt` steps (src/policy/adapters.ts), planned into the file's edit list. Returns
 * the nodes the step's note belongs to (the first gets the report item, every one a comment); none when the
 * code no longer has what the step is about.
 */
import { ts } from '../analysis/typescript/parse.js';
import { jsonSchemaFormat, messageRoles } from '../sources/openai/detectors/adapt-facts.js';
import type { Site } from '../scan/sites.js';
import type { Step } from '../policy/decide.js';
import type { TextEdit } from './edits.js';
import { literalBody, quoteAt, stringLiteral, type Quote } from './literals.js';
import { propertyNameText } from '../analysis/typescript/evaluator.js';

export interface AdapterHost {
  sf: ts.SourceFile;
  text: string;
  quote: Quote;
  edit(edit: TextEdit): void;
  findAt(start: number, end: number): ts.Node | undefined;
  claim(node: ts.Node): void;
}

export function planAdapter(host: AdapterHost, site: Site, call: ts.CallExpression, request: ts.ObjectLiteralExpression | undefined, step: Step): ts.Node[] {
  const { sf } = host;
  switch (step.field) {
    case 'role': {
      if (!request || step.to === undefined) return [];
      const literals = messageRoles(request).literals.filter((l) => l.text === 'developer' && l.getSourceFile() === sf);
      for (const literal of literals) {
        const start = literal.getStart(sf);
        host.edit({ start: start + 1, end: literal.end - 1, text: literalBody(step.to, quoteAt(host.text, start)) });
        host.claim(literal);
      }
      return literals.length > 0 ? [call] : [];
    }
    case 'response_format': {
      const prop = request && jsonSchemaFormat(request);
      if (!prop || step.to === undefined) return [];
      host.edit({ start: prop.initializer.getStart(sf), end: prop.initializer.end, text: `{ type: ${stringLiteral(step.to, host.quote)} }` });
      host.claim(prop);
      return [call];
    }
    case 'enable_thinking': {
      const prop = request?.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'enable_thinking');
      if (!prop || !ts.isPropertyAssignment(prop) || step.to === undefined) return [];
      host.edit({ start: prop.initializer.getStart(sf), end: prop.initializer.end, text: step.to });
      return [call];
    }
    case 'usage':
      return nodesAt(host, site.adapt?.cachedTokensReads);
    case 'replay':
      return nodesAt(host, site.adapt?.contentReplays);
    default:
      return [];
  }
}

function nodesAt(host: AdapterHost, spans: Array<[number, number]> | undefined): ts.Node[] {
  return (spans ?? []).map(([start, end]) => host.findAt(start, end)).filter((n): n is ts.Node => n !== undefined);
}
