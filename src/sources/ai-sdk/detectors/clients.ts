import { ts } from '../../../analysis/typescript/parse.js';
import { lookup } from '../../../analysis/typescript/scope.js';
import { keySource } from '../../openai/detectors/clients.js';
import { asSource, optionNames } from '../../shared.js';
import type { Detector, SiteDraft } from '../../source.js';
import { FACTORIES } from '../surface.js';
import { aiMajor } from './models.js';

/**
 * `createOpenAI({...})`, `createAzure({...})`: a provider of the user's own (key, base URL, headers); also an
 * OpenAI-compatible provider pointed at OpenAI's URL.
 */
export const clients: Detector = {
  id: 'ai-sdk-clients',
  description: 'createOpenAI(...) providers of @ai-sdk/openai',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      if (!asSource(ctx.evaluator.expr(call.expression), 'ai-sdk', 'create-provider', 'other-provider')) continue;
      const made = ctx.evaluator.expr(call);
      const foreign = asSource(made, 'ai-sdk', 'other-provider');
      if (foreign?.origin === call && foreign.url) {
        ctx.report(call, {
          kind: 'client', sdk: 'ai-sdk', api: null, model: null, features: [], confidence: 'certain', name: 'createOpenAI',
          options: optionNames(call.arguments[0]), endpoint: 'foreign', host: foreign.url,
        });
        continue;
      }
      const provider = asSource(made, 'ai-sdk', 'provider');
      if (!provider) continue;
      const draft: SiteDraft = {
        kind: 'client', sdk: 'ai-sdk', api: null, model: null, features: [],
        confidence: provider.unsure ? 'likely' : 'certain', name: provider.name ?? 'createOpenAI', options: optionNames(call.arguments[0]),
      };
      if (provider.unsure) draft.endpoint = 'unknown';
      const keyFrom = keySource(call.arguments[0], ctx);
      if (keyFrom) draft.keyFrom = keyFrom;
      if (!usedHereOnly(call)) draft.usedElsewhere = true;
      Object.assign(draft, aiMajor(ctx));
      ctx.report(call, draft);
    }
  },
};

/**
 * True when the provider is a const of this file, not exported, and every use of it makes a model from a
 * literal id (`p('gpt-4o')`, `p.chat('gpt-4o')`): then every model it makes is a site the migration rewrites.
 */
function usedHereOnly(call: ts.CallExpression): boolean {
  const decl = call.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== call || !ts.isIdentifier(decl.name)) return false;
  const statement = decl.parent?.parent;
  if (!statement || !ts.isVariableStatement(statement) || !(decl.parent.flags & ts.NodeFlags.Const)) return false;
  if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  const name = decl.name.text;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node.text === name && node !== decl.name && lookup(name, node) === decl) {
      if (ts.isExportSpecifier(node.parent) || !makesModelFromLiteral(node)) ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(call.getSourceFile());
  return ok;
}

function makesModelFromLiteral(id: ts.Identifier): boolean {
  let callee: ts.Node = id;
  if (ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id) {
    if (!FACTORIES[id.parent.name.text]) return false;
    callee = id.parent;
  }
  const call = callee.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== callee) return false;
  const arg = call.arguments[0];
  return arg !== undefined && ts.isStringLiteralLike(arg);
}
