import { ts } from '../../../analysis/typescript/parse.js';
import {
  DISTINCTIVE_FIRST_SEGMENTS, DISTINCTIVE_SINGLE_RESOURCES, RESOURCE_METHODS, RESOURCE_SEGMENTS, TOP_LEVEL_RESOURCES,
  V3_DISTINCTIVE_METHODS, V3_METHODS,
} from '../surface.js';
import type { Confidence, Sdk } from '../../../scan/sites.js';
import { OPENAI_RANGES } from '../capabilities.js';
import type { Endpoint, Evaluator } from '../../../analysis/typescript/evaluator.js';
import { lookup } from '../../../analysis/typescript/scope.js';
import type { DetectContext, Detector } from './context.js';
import { toolChoiceMode } from '../../shared.js';
import { requestFeatures, requestObject } from './features.js';
import { adaptFacts } from './adapt-facts.js';

/** Calls of SDK methods on a client, or on a resource reached from one. */
export const calls: Detector = {
  id: 'calls',
  description: 'calls of openai SDK methods (4.x to 7.x resources, 3.x OpenAIApi methods)',
  detect(ctx: DetectContext) {
    for (const call of ctx.nodes.calls) {
      const method = methodName(call.expression);
      if (!method || !(RESOURCE_METHODS.has(method) || V3_METHODS.has(method))) continue;
      const target = sdkCallTarget(call, method, ctx.evaluator);
      if (!target) continue;
      const request = requestObject(call, ctx.evaluator);
      const features = requestFeatures(method, request, ctx.evaluator);
      const positional = target.sdk === 'openai-v3' ? V3_POSITIONAL_MODEL[target.api] : undefined;
      const model = positional !== undefined ? positionalModel(call, positional, ctx) : request ? modelOf(request, ctx) : null;
      const params = request ? rangedParams(request) : undefined;
      const adapt = adaptFacts(call, request && request.getSourceFile() === ctx.sf ? request : undefined);
      const endpoint = target.endpoint && target.endpoint.kind !== 'openai' ? target.endpoint : undefined;
      ctx.report(call, {
        kind: 'call',
        sdk: target.sdk,
        api: target.api,
        model: model?.value ?? null,
        features,
        confidence: target.confidence,
        name: null,
        ...(features.includes('tool_choice') && request ? { toolChoice: toolChoiceOf(request) } : {}),
        ...(call.arguments.length > 0 ? { request: !request ? 'unresolved' as const : request.getSourceFile() === ctx.sf ? 'in-file' as const : 'other-file' as const } : {}),
        ...(model ? { modelAt: model.at } : {}),
        ...(model?.literal ? { modelSite: ctx.siteId(model.literal, 'model') } : {}),
        ...(!model && request ? fallbackModelSite(request, ctx) : {}),
        ...(endpoint ? { endpoint: endpoint.kind as 'provider' | 'foreign' | 'unknown' } : {}),
        ...(endpoint?.host ? { host: endpoint.host } : {}),
        ...(target.origin ? { clientSite: ctx.siteId(target.origin, 'client') } : {}),
        ...(params ? { params } : {}),
        ...(adapt ? { adapt } : {}),
      });
    }
  },
};

interface CallTarget {
  api: string;
  sdk: Sdk;
  confidence: Confidence;
  /** Where the client sends requests, when the analysis traced it (absent: OpenAI). */
  endpoint?: Endpoint;
  /** The `new` that made the client, when the analysis traced it. */
  origin?: ts.NewExpression;
}

function methodName(callee: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteral(callee.argumentExpression)) return callee.argumentExpression.text;
  return undefined;
}

/** What SDK method a call reaches, or undefined when it is not an SDK call (or cannot be told from one). */
export function sdkCallTarget(call: ts.CallExpression, method: string, evaluator: Evaluator): CallTarget | undefined {
  const callee = call.expression as ts.PropertyAccessExpression | ts.ElementAccessExpression;
  const receiver = evaluator.expr(callee.expression);
  if (receiver.k === 'client' && receiver.sdk === 'openai-v3') {
    return V3_METHODS.has(method) ? { api: method, sdk: 'openai-v3', confidence: 'certain', endpoint: receiver.endpoint, origin: receiver.origin } : undefined;
  }
  if (receiver.k === 'resource') {
    return RESOURCE_METHODS.has(method)
      ? { api: `${receiver.path.join('.')}.${method}`, sdk: receiver.sdk, confidence: 'certain', endpoint: receiver.endpoint, origin: receiver.origin }
      : undefined;
  }
  if (receiver.k !== 'unknown') return undefined;
  const path = receiver.path;
  if (path.length === 0) {
    return V3_DISTINCTIVE_METHODS.has(method) ? { api: method, sdk: 'openai-v3', confidence: 'likely' } : undefined;
  }
  if (!RESOURCE_METHODS.has(method) || !isDistinctivePath(path)) return undefined;
  return { api: `${path.join('.')}.${method}`, sdk: 'openai', confidence: 'likely' };
}

function isDistinctivePath(path: string[]): boolean {
  if (!TOP_LEVEL_RESOURCES.has(path[0]!) || !path.every((segment) => RESOURCE_SEGMENTS.has(segment))) return false;
  return path.length === 1 ? DISTINCTIVE_SINGLE_RESOURCES.has(path[0]!) : DISTINCTIVE_FIRST_SEGMENTS.has(path[0]!);
}

/** 3.x methods that take the model as a positional argument: `createTranscription(file, model, ...)`. */
const V3_POSITIONAL_MODEL: Record<string, number> = { createTranscription: 1, createTranslation: 1 };

/** A call's model: its value, and whether the literal is written in the call (`call`) or read from elsewhere. */
interface CallModel {
  value: string;
  at: 'call' | 'elsewhere';
  /** The literal read from elsewhere (a constant, a config object, a default parameter). */
  literal?: ts.StringLiteralLike;
}

function positionalModel(call: ts.CallExpression, index: number, ctx: DetectContext): CallModel | null {
  const arg = call.arguments[index];
  if (!arg) return null;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
    ctx.callModelLiterals.add(arg);
    return { value: arg.text, at: 'call' };
  }
  return modelValue(arg, ctx);
}

/** A model read from elsewhere: a string the evaluator resolves, or the literal default of a parameter. */
function modelValue(expr: ts.Expression, ctx: DetectContext): CallModel | null {
  const value = ctx.evaluator.expr(expr);
  if (value.k === 'string') return { value: value.value, at: 'elsewhere', literal: value.node };
  const decl = ts.isIdentifier(expr) ? lookup(expr.text, expr) : undefined;
  if (decl && (ts.isParameter(decl) || ts.isBindingElement(decl)) && decl.initializer && ts.isStringLiteralLike(decl.initializer)) {
    return { value: decl.initializer.text, at: 'elsewhere', literal: decl.initializer };
  }
  return null;
}

/**
 * A model chosen at run time with a literal fallback (`const MODEL = process.env.CHAT_MODEL ?? 'gpt-4o-mini'`):
 * the fallback reaches the call, so its model site is linked to it.
 */
function fallbackModelSite(request: ts.ObjectLiteralExpression, ctx: DetectContext): { modelSite: string } | Record<string, never> {
  const prop = request.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === 'model');
  let expr: ts.Expression | undefined = prop && ts.isPropertyAssignment(prop) ? prop.initializer : prop && ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
  if (expr && ts.isIdentifier(expr)) {
    const decl = lookup(expr.text, expr);
    expr = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
  }
  while (expr && (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr))) expr = expr.expression;
  const fallback = expr && ts.isBinaryExpression(expr) &&
    (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken) ? expr.right
    : expr && ts.isConditionalExpression(expr) ? expr.whenFalse : undefined;
  return fallback && ts.isStringLiteralLike(fallback) ? { modelSite: ctx.siteId(fallback, 'model') } : {};
}

/** The request's model when it is a string, wherever the string is declared. */
function modelOf(request: ts.ObjectLiteralExpression, ctx: DetectContext): CallModel | null {
  for (const prop of request.properties) {
    const isModel = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) && prop.name.text === 'model';
    if (!isModel) continue;
    if (ts.isPropertyAssignment(prop)) {
      const init = prop.initializer;
      if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) {
        // A request const in another module: its literal is a model site of that file.
        if (init.getSourceFile() !== ctx.sf) return { value: init.text, at: 'elsewhere', literal: init };
        ctx.callModelLiterals.add(init);
        return { value: init.text, at: 'call' };
      }
      return modelValue(init, ctx);
    }
    if (ts.isShorthandPropertyAssignment(prop)) return modelValue(prop.name, ctx);
    return null;
  }
  return null;
}

/** Fields whose range differs between providers, as the request writes them: the number literal, else null. */
export function rangedParams(request: ts.ObjectLiteralExpression): Record<string, number | null> | undefined {
  let found: Record<string, number | null> | undefined;
  for (const prop of request.properties) {
    const key = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
    if (!key || !Object.hasOwn(OPENAI_RANGES, key)) continue;
    found ??= {};
    found[key] = ts.isPropertyAssignment(prop) ? numberOf(prop.initializer) : null;
  }
  return found;
}

function numberOf(node: ts.Expression): number | null {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  return null;
}

/** The tool_choice (or legacy function_call) mode written in the request, or null when it is not a literal. */
export function toolChoiceOf(request: ts.ObjectLiteralExpression): 'none' | 'auto' | 'required' | 'named' | null {
  for (const prop of request.properties) {
    const key = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
    if ((key !== 'tool_choice' && key !== 'function_call') || !ts.isPropertyAssignment(prop)) continue;
    return toolChoiceMode(prop.initializer);
  }
  return null;
}
