import { ts } from '../../../analysis/typescript/parse.js';
import {
  DISTINCTIVE_FIRST_SEGMENTS, DISTINCTIVE_SINGLE_RESOURCES, RESOURCE_METHODS, RESOURCE_SEGMENTS, TOP_LEVEL_RESOURCES,
  V3_DISTINCTIVE_METHODS, V3_METHODS,
} from '../surface.js';
import type { Confidence, Sdk } from '../../../scan/sites.js';
import { OPENAI_RANGES } from '../capabilities.js';
import type { Evaluator } from '../../../analysis/typescript/evaluator.js';
import type { DetectContext, Detector } from './context.js';
import { requestFeatures, requestObject } from './features.js';

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
        ...(params ? { params } : {}),
      });
    }
  },
};

interface CallTarget {
  api: string;
  sdk: Sdk;
  confidence: Confidence;
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
    return V3_METHODS.has(method) ? { api: method, sdk: 'openai-v3', confidence: 'certain' } : undefined;
  }
  if (receiver.k === 'resource') {
    return RESOURCE_METHODS.has(method) ? { api: `${receiver.path.join('.')}.${method}`, sdk: receiver.sdk, confidence: 'certain' } : undefined;
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
}

function positionalModel(call: ts.CallExpression, index: number, ctx: DetectContext): CallModel | null {
  const arg = call.arguments[index];
  if (!arg) return null;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
    ctx.callModelLiterals.add(arg);
    return { value: arg.text, at: 'call' };
  }
  const value = ctx.evaluator.expr(arg);
  return value.k === 'string' ? { value: value.value, at: 'elsewhere' } : null;
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
        if (init.getSourceFile() !== ctx.sf) return { value: init.text, at: 'elsewhere' };
        ctx.callModelLiterals.add(init);
        return { value: init.text, at: 'call' };
      }
      const value = ctx.evaluator.expr(init);
      return value.k === 'string' ? { value: value.value, at: 'elsewhere' } : null;
    }
    if (ts.isShorthandPropertyAssignment(prop)) {
      const value = ctx.evaluator.identifier(prop.name.text, prop);
      return value.k === 'string' ? { value: value.value, at: 'elsewhere' } : null;
    }
    return null;
  }
  return null;
}

/** Fields whose range differs between providers, as the request writes them: the number literal, else null. */
function rangedParams(request: ts.ObjectLiteralExpression): Record<string, number | null> | undefined {
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
function toolChoiceOf(request: ts.ObjectLiteralExpression): 'none' | 'auto' | 'required' | 'named' | null {
  for (const prop of request.properties) {
    const key = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
    if ((key !== 'tool_choice' && key !== 'function_call') || !ts.isPropertyAssignment(prop)) continue;
    const value = prop.initializer;
    if (ts.isObjectLiteralExpression(value)) return 'named';
    if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) {
      const mode = value.text;
      return mode === 'none' || mode === 'auto' || mode === 'required' ? mode : null;
    }
    return null;
  }
  return null;
}
