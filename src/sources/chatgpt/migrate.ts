/**
 * Where the chatgpt package keeps what a migration edits: the client's `completionParams` (its model) and a
 * `sendMessage` call's own `completionParams`. The package's default model is gpt-3.5-turbo, sent when none is set.
 */
import { ts } from '../../analysis/typescript/parse.js';
import { propertyNameText } from '../../analysis/typescript/evaluator.js';

export const CHATGPT_DEFAULT_MODEL = 'gpt-3.5-turbo';

function prop(object: ts.ObjectLiteralExpression | undefined, name: string): ts.ObjectLiteralElementLike | undefined {
  return object?.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === name);
}

/** `completionParams` of an options object: the object literal, `absent`, or `other` (built elsewhere). */
export function completionParams(options: ts.ObjectLiteralExpression | undefined): ts.ObjectLiteralExpression | 'absent' | 'other' {
  const p = prop(options, 'completionParams');
  if (!p) return 'absent';
  return ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) ? p.initializer : 'other';
}

/** The literal of `completionParams.model` written inline, `absent` when no model is set, `other` when it is not a literal there. */
export function inlineModel(options: ts.ObjectLiteralExpression | undefined): ts.StringLiteralLike | 'absent' | 'other' {
  const params = completionParams(options);
  if (params === 'absent') return 'absent';
  if (params === 'other') return 'other';
  const model = prop(params, 'model');
  if (!model) return 'absent';
  return ts.isPropertyAssignment(model) && ts.isStringLiteralLike(model.initializer) ? model.initializer : 'other';
}

/** The options object (second argument) of a `sendMessage` call, when written inline. */
export function sendOptions(call: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const arg = call.arguments[1];
  return arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
}
