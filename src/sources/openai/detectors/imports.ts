import { ts } from '../../../analysis/typescript/parse.js';
import { isSdkModule } from '../surface.js';
import type { Sdk } from '../../../scan/sites.js';
import type { DetectContext, Detector } from './context.js';

const V3_NAMES = new Set(['Configuration', 'OpenAIApi']);
const AZURE_V1_NAMES = new Set(['OpenAIClient', 'AzureKeyCredential', 'OpenAIKeyCredential']);

/** ESM imports and re-exports, `import x = require()`, `require()` and dynamic `import()` of the SDK. */
export const imports: Detector = {
  id: 'imports',
  description: 'imports, requires and re-exports of the openai package',
  detect(ctx: DetectContext) {
    for (const decl of ctx.nodes.imports) {
      const specifier = moduleSpecifierOf(decl);
      if (specifier === undefined || !isSdkModule(specifier)) continue;
      ctx.report(decl, site(specifier, sdkOfNames(specifier, importedNames(decl))));
    }
    for (const call of ctx.nodes.calls) {
      const specifier = requiredModule(call);
      if (specifier === undefined || !isSdkModule(specifier)) continue;
      ctx.report(call, site(specifier, sdkOfNames(specifier, requiredNames(call))));
    }
  },
};

function site(specifier: string, sdk: Sdk) {
  return { kind: 'import' as const, sdk, api: null, model: null, features: [], confidence: 'certain' as const, name: specifier };
}

function sdkOfNames(specifier: string, names: string[]): Sdk {
  // @azure/openai 1.x has a client of its own (OpenAIClient); 2.x is types for the openai package's AzureOpenAI.
  if (specifier === '@azure/openai') return names.some((n) => AZURE_V1_NAMES.has(n)) ? 'azure-openai-client' : 'azure-openai';
  if (names.some((n) => V3_NAMES.has(n))) return 'openai-v3';
  if (names.length > 0 && names.every((n) => n === 'AzureOpenAI')) return 'azure-openai';
  return 'openai';
}

export function moduleSpecifierOf(decl: ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration): string | undefined {
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    return ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? ref.expression.text : undefined;
  }
  const spec = decl.moduleSpecifier;
  return spec && ts.isStringLiteral(spec) ? spec.text : undefined;
}

/** The module of `require('x')` or `import('x')`. */
export function requiredModule(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
  if (!isRequire && callee.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  const arg = call.arguments[0];
  return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : undefined;
}

export function importedNames(decl: ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration): string[] {
  if (ts.isImportDeclaration(decl)) {
    const bindings = decl.importClause?.namedBindings;
    return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : [];
  }
  if (ts.isExportDeclaration(decl)) {
    const clause = decl.exportClause;
    return clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : [];
  }
  return [];
}

/** Names taken from a require: `const { Configuration, OpenAIApi } = require('openai')`, `require('openai').AzureOpenAI`. */
export function requiredNames(call: ts.CallExpression): string[] {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return [parent.name.text];
  if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) {
    return parent.name.elements.map((e) => {
      const key = e.propertyName ?? e.name;
      return ts.isIdentifier(key) ? key.text : '';
    });
  }
  return [];
}
