import { ts } from '../../../analysis/typescript/parse.js';
import { lookup } from '../../../analysis/typescript/scope.js';
import { STREAM_METHODS, ZOD_HELPERS } from '../surface.js';
import { propertyNameText, type Evaluator } from '../../../analysis/typescript/evaluator.js';

/** Request properties reported under their own name. */
const PLAIN = new Set([
  'stream_options', 'tools', 'functions', 'tool_choice', 'parallel_tool_calls', 'n', 'logprobs', 'top_logprobs',
  'logit_bias', 'seed', 'temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'max_tokens',
  'max_completion_tokens', 'max_output_tokens', 'reasoning_effort', 'stop', 'user', 'modalities', 'audio',
  'prediction', 'store', 'metadata', 'service_tier', 'web_search_options',
]);
/** Request properties reported under another feature's name. */
const ALIASES: Record<string, string> = { function_call: 'tool_choice', reasoning: 'reasoning_effort' };
const IMAGE_PART_TYPES = new Set(['image_url', 'input_image']);

/** The request object literal of a call: its first argument, or the object a const holds. */
export function requestObject(call: ts.CallExpression, evaluator: Evaluator): ts.ObjectLiteralExpression | undefined {
  const arg = call.arguments[0];
  if (!arg) return undefined;
  if (ts.isObjectLiteralExpression(arg)) return arg;
  const value = evaluator.expr(arg);
  return value.k === 'object' ? value.node : undefined;
}

/** The sorted features of a request; see docs/site-model.md. */
export function requestFeatures(method: string, request: ts.ObjectLiteralExpression | undefined, evaluator: Evaluator): string[] {
  const features = new Set<string>();
  if (STREAM_METHODS.has(method)) features.add('stream');
  if (method === 'runTools') features.add('tools');
  if (method === 'runFunctions') features.add('functions');
  if (request) {
    for (const prop of request.properties) {
      if (ts.isSpreadAssignment(prop) || !prop.name) continue;
      const name = propertyNameText(prop.name);
      if (!name) continue;
      const init = ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
      if (name === 'stream') {
        if (!init || init.kind !== ts.SyntaxKind.FalseKeyword) features.add('stream');
      } else if (PLAIN.has(name)) {
        features.add(name);
      } else if (ALIASES[name]) {
        features.add(ALIASES[name]);
      } else if (name === 'response_format') {
        features.add('response_format');
        addFormatKind(init ?? shorthandTarget(prop), features, evaluator);
      } else if (name === 'text' && init) {
        const format = objectOf(init, evaluator) && propertyInitializer(objectOf(init, evaluator)!, 'format');
        if (format) {
          features.add('response_format');
          addFormatKind(format, features, evaluator);
        }
      }
    }
    scanDeep(request, features, evaluator, 0);
    if (method === 'parse' && features.has('response_format') && !features.has('json_object')) features.add('json_schema');
  }
  return [...features].sort();
}

/** `{ type: 'json_object' }`, `{ type: 'json_schema', ... }`, `zodResponseFormat(...)`. */
function addFormatKind(node: ts.Expression | undefined, features: Set<string>, evaluator: Evaluator): void {
  if (!node) return;
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ZOD_HELPERS.has(node.expression.text)) {
    features.add('zod');
    features.add('json_schema');
    return;
  }
  const object = objectOf(node, evaluator);
  const type = object && propertyInitializer(object, 'type');
  if (type && (ts.isStringLiteral(type) || ts.isNoSubstitutionTemplateLiteral(type))) {
    if (type.text === 'json_object' || type.text === 'json_schema') features.add(type.text);
  }
}

/** Vision content parts and zod helpers anywhere in the request, following consts one level deep. */
function scanDeep(node: ts.Node, features: Set<string>, evaluator: Evaluator, depth: number): void {
  const visit = (child: ts.Node): void => {
    if (ts.isPropertyAssignment(child) && child.name) {
      const key = propertyNameText(child.name);
      const init = child.initializer;
      if (key === 'image_url') features.add('vision');
      if (key === 'type' && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) && IMAGE_PART_TYPES.has(init.text)) {
        features.add('vision');
      }
      if (ts.isIdentifier(init)) follow(init.text, init);
    } else if (ts.isShorthandPropertyAssignment(child)) {
      follow(child.name.text, child);
    } else if (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && ZOD_HELPERS.has(child.expression.text)) {
      features.add('zod');
    } else if ((ts.isSpreadElement(child) || ts.isSpreadAssignment(child)) && ts.isIdentifier(child.expression)) {
      follow(child.expression.text, child);
    } else if (ts.isArrayLiteralExpression(child)) {
      for (const element of child.elements) if (ts.isIdentifier(element)) follow(element.text, element);
    }
    if (!ts.isFunctionLike(child)) ts.forEachChild(child, visit);
  };
  const follow = (name: string, at: ts.Node): void => {
    if (depth >= 2) return;
    const decl = lookup(name, at);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer &&
      (ts.isObjectLiteralExpression(decl.initializer) || ts.isArrayLiteralExpression(decl.initializer))) {
      scanDeep(decl.initializer, features, evaluator, depth + 1);
    }
  };
  ts.forEachChild(node, visit);
}

function objectOf(node: ts.Expression, evaluator: Evaluator): ts.ObjectLiteralExpression | undefined {
  if (ts.isObjectLiteralExpression(node)) return node;
  const value = evaluator.expr(node);
  return value.k === 'object' ? value.node : undefined;
}

function propertyInitializer(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const prop of object.properties) {
    if (prop.name && propertyNameText(prop.name) === name) {
      if (ts.isPropertyAssignment(prop)) return prop.initializer;
      if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
    }
  }
  return undefined;
}

function shorthandTarget(prop: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  return ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
}
