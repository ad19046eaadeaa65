import { ts } from '../../../analysis/typescript/parse.js';
import type { SourceValue } from '../../../analysis/typescript/evaluator.js';
import { asSource, claimModel, objectOf, propertyOf, toolChoiceMode } from '../../shared.js';
import type { DetectContext, Detector, SiteDraft } from '../../source.js';
import { FRAMEWORK_CALLS } from '../surface.js';
import { aiMajorOf } from '../model.js';

/**
 * `generateText({ model: openai('gpt-4o'), ... })` and the other functions of `ai` (and its agents) whose
 * model is an OpenAI one: the request is sent here, so this is the call site. A model made inline is part of it.
 */
export const calls: Detector = {
  id: 'ai-sdk-calls',
  description: 'generateText, streamText, generateObject, streamObject, embed, embedMany ... and agents, on an @ai-sdk/openai model',
  detect(ctx) {
    for (const call of ctx.nodes.calls) {
      const fn = asSource(ctx.evaluator.expr(call.expression), 'ai-sdk', 'function');
      if (fn) frameworkCall(ctx, call, FRAMEWORK_CALLS[fn.name!] ?? []);
    }
    for (const node of ctx.nodes.news) {
      if (asSource(ctx.evaluator.expr(node.expression), 'ai-sdk', 'agent-class')) frameworkCall(ctx, node, []);
    }
  },
};

function frameworkCall(ctx: DetectContext, call: ts.CallExpression | ts.NewExpression, implied: readonly string[]): void {
  const options = objectOf(call.arguments?.[0], ctx.evaluator);
  const modelExpr = propertyOf(options, 'model');
  if (!options || !modelExpr) return;
  const model = asSource(ctx.evaluator.expr(modelExpr), 'ai-sdk', 'model');
  if (!model?.api) return;
  const inline = skipOuter(modelExpr);
  if (ts.isCallExpression(inline)) ctx.callModelLiterals.add(inline);
  claimModel(ctx, { node: model.modelNode }, 'ai-sdk', call);
  const features = new Set(implied);
  addOptionFeatures(options, features, model);
  if (usesProviderTools(propertyOf(options, 'tools'), ctx)) features.add('provider_tools');
  const toolChoice = features.has('tool_choice') ? toolChoiceMode(propertyOf(options, 'toolChoice')) : undefined;
  ctx.report(call, {
    kind: 'call', sdk: 'ai-sdk', api: model.api, model: model.model ?? null, features: [...features].sort(),
    confidence: model.unsure ? 'likely' : 'certain', name: null, ...(toolChoice !== undefined ? { toolChoice } : {}),
    ...madeAt(ctx, model, inline),
  });
}

/**
 * Where the call's model is made: inline from a literal id (`modelAt: 'call'`, rewritten with the call), by a
 * model site elsewhere (`const model = openai('gpt-4o')`), and by which provider (its client site, if created).
 */
function madeAt(ctx: DetectContext, model: SourceValue, inline: ts.Expression): Partial<SiteDraft> {
  const out: Partial<SiteDraft> = { provider: model.name?.split('.')[0] ?? 'openai' };
  const major = aiMajorOf(ctx.sf.fileName, ctx.evaluator);
  if (major !== undefined) out.aiMajor = major;
  if (model.origin) out.clientSite = ctx.siteId(model.origin, 'client');
  const made = model.madeBy;
  const literal = made && ts.isCallExpression(made) ? made.arguments[0] : undefined;
  // The migration rewrites a model only in its own file (a request object imported from elsewhere is not edited).
  const fromLiteral = literal !== undefined && ts.isStringLiteralLike(literal) && made!.getSourceFile() === ctx.sf;
  if (made === inline && fromLiteral) out.modelAt = 'call';
  else if (made && made !== inline && fromLiteral) out.modelSite = ctx.siteId(made, 'model');
  return out;
}

/** The request features an AI SDK call's options ask for (named as the openai SDK's, see docs/site-model.md). */
function addOptionFeatures(options: ts.ObjectLiteralExpression, features: Set<string>, model: SourceValue): void {
  if (propertyOf(options, 'tools')) features.add('tools');
  if (propertyOf(options, 'toolChoice')) features.add('tool_choice');
  if (propertyOf(options, 'seed')) features.add('seed');
  if (propertyOf(options, 'output') || propertyOf(options, 'experimental_output')) {
    const output = propertyOf(options, 'output');
    // generateObject({ output: 'no-schema' }) asks for JSON without a schema.
    if (output && ts.isStringLiteralLike(output) && output.text === 'no-schema') {
      features.delete('json_schema');
      features.add('json_object');
    } else if (!output || !ts.isStringLiteralLike(output) || output.text !== 'array') features.add('json_schema');
  }
  if (model.api === 'embeddings.create') features.delete('json_schema');
  if (hasImagePart(options)) features.add('vision');
}

/** `tools: { search: openai.tools.webSearch() }`: a tool OpenAI runs itself (Responses API only). */
function usesProviderTools(tools: ts.Expression | undefined, ctx: DetectContext): boolean {
  if (!tools) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'tools' && asSource(ctx.evaluator.expr(node.expression), 'ai-sdk', 'provider')) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tools);
  return found;
}

/** A `{ type: 'image', ... }` content part anywhere in the options written here. */
function hasImagePart(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAssignment(child) && child.name && ts.isIdentifier(child.name) && child.name.text === 'type' &&
      ts.isStringLiteralLike(child.initializer) && child.initializer.text === 'image') {
      found = true;
      return;
    }
    if (!ts.isFunctionLike(child)) ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function skipOuter(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}
