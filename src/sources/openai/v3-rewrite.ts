/**
 * `--rewrite-v3`: the openai 3.x client shape rewritten to the current one. `new OpenAIApi(new Configuration({...}))`
 * becomes `new OpenAI({ apiKey, baseURL })`, `openai.createChatCompletion(req)` becomes
 * `openai.chat.completions.create(req)`, and results bound to those calls lose their `.data`
 * (`completion.data.choices` → `completion.choices`; the current client returns the body itself). Pure: edits
 * and the places that cannot be followed (marked by the planner) out; the planner applies them.
 */
import { ts } from '../../analysis/typescript/parse.js';
import { propertyNameText } from '../../analysis/typescript/evaluator.js';
import { lookup } from '../../analysis/typescript/scope.js';
import type { TextEdit } from '../../migrate/edits.js';

/** The version the rewrite targets, written into package.json (the version the migrated fixtures type-check against). */
export const CURRENT_OPENAI_VERSION = '6.49.0';

/** 3.x methods whose request is one object, and where each lives on the current client. */
const METHODS: Readonly<Record<string, string>> = {
  createChatCompletion: 'chat.completions.create',
  createCompletion: 'completions.create',
  createEmbedding: 'embeddings.create',
  createImage: 'images.generate',
  createModeration: 'moderations.create',
  listModels: 'models.list',
};
/** Configuration options the current client takes under another name (or not at all: removed). */
const CONFIG_OPTIONS = new Set(['apiKey', 'basePath', 'organization']);

export interface V3Client {
  /** The `new Configuration({...})` options, and the statement declaring it when it is a const used only here. */
  options: ts.ObjectLiteralExpression;
  configStatement?: ts.VariableStatement;
}

/** What the client rewrite needs, or why it cannot be done. */
export function v3Client(node: ts.NewExpression): V3Client | string {
  let arg = node.arguments?.[0];
  let configStatement: ts.VariableStatement | undefined;
  if (arg && ts.isIdentifier(arg)) {
    const decl = lookup(arg.text, arg);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return 'its Configuration is built where qianyi cannot follow it';
    const uses = references(decl, node.getSourceFile());
    if (uses.length !== 1) return `its Configuration ${arg.text} is used elsewhere too`;
    const list = decl.parent;
    const statement = list.parent;
    if (ts.isVariableDeclarationList(list) && ts.isVariableStatement(statement) && list.declarations.length === 1 && !statement.modifiers?.length) configStatement = statement;
    else return `its Configuration ${arg.text} is declared where qianyi cannot remove it`;
    arg = decl.initializer;
  }
  if (!arg || !ts.isNewExpression(arg)) return 'its Configuration is built where qianyi cannot follow it';
  const options = arg.arguments?.[0];
  if (!options || !ts.isObjectLiteralExpression(options)) return 'its Configuration options are built elsewhere';
  for (const prop of options.properties) {
    const name = prop.name ? propertyNameText(prop.name) : undefined;
    if (!name || !CONFIG_OPTIONS.has(name)) return `its Configuration sets ${name ?? 'a spread'}, which the current client takes differently`;
  }
  return configStatement ? { options, configStatement } : { options };
}

/** `createChatCompletion` → `chat.completions.create`; undefined for a method with positional arguments. */
export function currentMethod(v3: string): string | undefined {
  return METHODS[v3];
}

export interface CallRewrite {
  edits: TextEdit[];
  /** Places the rewrite cannot follow: node and what to do there. */
  marks: Array<{ at: ts.Node; message: string }>;
}

/** The callee rename and the `.data` unwrapping of the results of one 3.x call. */
export function rewriteCall(call: ts.CallExpression, method: string): CallRewrite | string {
  const sf = call.getSourceFile();
  const to = currentMethod(method);
  if (!to) return `${method} takes positional arguments in 3.x: rewrite it to the current client by hand`;
  if (!ts.isPropertyAccessExpression(call.expression)) return 'qianyi cannot rename this call';
  if (call.arguments.length > 1) return `this call passes request options (${call.arguments[1]!.getText(sf).slice(0, 40)}), which the current client takes differently`;
  const out: CallRewrite = { edits: [{ start: call.expression.name.getStart(sf), end: call.expression.name.end, text: to }], marks: [] };
  // The value the call's result is: `await call`, maybe in parentheses.
  let result: ts.Expression = call;
  while (ts.isAwaitExpression(result.parent) || ts.isParenthesizedExpression(result.parent)) result = result.parent as ts.Expression;
  const parent = result.parent;
  const dataOf = (expr: ts.Node) => ts.isPropertyAccessExpression(expr.parent) && expr.parent.expression === expr && expr.parent.name.text === 'data' ? expr.parent : undefined;
  const direct = dataOf(result);
  if (direct) {
    out.edits.push({ start: result.end, end: direct.end, text: '' });
    return out;
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === result) {
    if (ts.isIdentifier(parent.name)) {
      for (const ref of references(parent, sf)) {
        const data = dataOf(ref);
        if (data) out.edits.push({ start: ref.end, end: data.end, text: '' });
        else out.marks.push({ at: ref, message: `${ref.text} is the 3.x response here: the current client returns the body (what .data was), so read it directly` });
      }
      return out;
    }
    if (ts.isObjectBindingPattern(parent.name)) {
      const elements = parent.name.elements;
      const data = elements.length === 1 ? elements[0]! : undefined;
      const key = data && (data.propertyName ?? data.name);
      if (data && key && ts.isIdentifier(key) && key.text === 'data' && !data.dotDotDotToken && !data.initializer) {
        // `const { data } = await ...` → `const data = await ...`; `{ data: completion }` → `completion`.
        out.edits.push({ start: parent.name.getStart(sf), end: parent.name.end, text: data.name.getText(sf) });
        return out;
      }
      out.marks.push({ at: parent, message: 'this destructures the 3.x response: the current client returns the body (what .data was)' });
      return out;
    }
  }
  out.marks.push({ at: call, message: 'where this result is used, drop .data: the current client returns the body (what .data was)' });
  return out;
}

/**
 * The import or require of `openai` in this file, with Configuration and OpenAIApi replaced by OpenAI. Other
 * 3.x names (request and response types) are gone from the current package: they are marked.
 */
export function rewriteImports(sf: ts.SourceFile): CallRewrite {
  const out: CallRewrite = { edits: [], marks: [] };
  const rewrite = (elements: readonly (ts.ImportSpecifier | ts.BindingElement)[], list: ts.Node, at: ts.Node) => {
    const names = elements.map((e) => ((e.propertyName ?? e.name) as ts.Identifier).text);
    if (!names.includes('OpenAIApi') && !names.includes('Configuration')) return;
    const kept = elements.filter((e) => !['OpenAIApi', 'Configuration'].includes(((e.propertyName ?? e.name) as ts.Identifier).text));
    const others = kept.map((e) => e.getText(sf));
    if (!names.includes('OpenAI')) others.unshift('OpenAI');
    out.edits.push({ start: list.getStart(sf), end: list.end, text: `{ ${others.join(', ')} }` });
    const gone = kept.filter((e) => ((e.propertyName ?? e.name) as ts.Identifier).text !== 'OpenAI');
    if (gone.length > 0) out.marks.push({ at, message: `${gone.map((e) => e.getText(sf)).join(', ')}: 3.x names the current openai package no longer exports (see OpenAI.Chat.ChatCompletionMessageParam and friends)` });
  };
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === 'openai') {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) rewrite(bindings.elements, bindings, statement);
    }
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        const required = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' &&
          init.arguments[0] && ts.isStringLiteral(init.arguments[0]) && init.arguments[0].text === 'openai';
        if (required && ts.isObjectBindingPattern(decl.name)) rewrite(decl.name.elements, decl.name, statement);
      }
    }
  }
  return out;
}

/** The text that sets `openai` to the current version in a package.json, or undefined when it lists no such dependency. */
export function bumpOpenAi(text: string, version = CURRENT_OPENAI_VERSION): string | undefined {
  const json = ts.parseJsonText('package.json', text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const edits: TextEdit[] = [];
  for (const section of root.properties) {
    if (!ts.isPropertyAssignment(section) || !ts.isStringLiteral(section.name) || !['dependencies', 'devDependencies'].includes(section.name.text)) continue;
    if (!ts.isObjectLiteralExpression(section.initializer)) continue;
    for (const dep of section.initializer.properties) {
      if (!ts.isPropertyAssignment(dep) || !ts.isStringLiteral(dep.name) || dep.name.text !== 'openai' || !ts.isStringLiteral(dep.initializer)) continue;
      if (dep.initializer.text === version) continue;
      edits.push({ start: dep.initializer.getStart(json) + 1, end: dep.initializer.end - 1, text: version });
    }
  }
  if (edits.length === 0) return undefined;
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Every identifier in the file that refers to `decl` (its own name excluded). */
function references(decl: ts.VariableDeclaration, sf: ts.SourceFile): ts.Identifier[] {
  if (!ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== decl.name && lookup(name, node) === decl) {
      // `{ name }` shorthand and property names are not references of their own kind here: keep them (they are uses).
      if (!(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
