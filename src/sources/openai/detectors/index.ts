import { ts } from '../../../analysis/typescript/parse.js';
import { isSdkModule } from '../surface.js';
import { calls } from './calls.js';
import { clients } from './clients.js';
import type { Detector, FileNodes } from './context.js';
import { env, isEnvObject } from './env.js';
import { imports, moduleSpecifierOf, requiredModule } from './imports.js';
import { models } from './models.js';

/**
 * The detectors, in the order they run: `calls` must run before `models` (it claims the call's model literal);
 * `models` runs last, after every source's detectors (see src/sources/index.ts).
 */
export const detectors = { imports, clients, calls, env, models } satisfies Record<string, Detector>;

/** One walk of the tree that gathers every node any detector looks at. */
export function collectNodes(sf: ts.SourceFile): FileNodes {
  const nodes: FileNodes = { imports: [], calls: [], news: [], envReads: [], envDestructures: [], strings: [], templates: [] };
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
        nodes.imports.push(node as ts.ImportDeclaration);
        break;
      case ts.SyntaxKind.CallExpression:
        nodes.calls.push(node as ts.CallExpression);
        break;
      case ts.SyntaxKind.NewExpression:
        nodes.news.push(node as ts.NewExpression);
        break;
      case ts.SyntaxKind.PropertyAccessExpression:
        if (isEnvObject((node as ts.PropertyAccessExpression).expression)) nodes.envReads.push(node as ts.PropertyAccessExpression);
        break;
      case ts.SyntaxKind.ElementAccessExpression: {
        // process.env["NAME"], and process.env[NAME] with NAME a constant (the env detector resolves it).
        const access = node as ts.ElementAccessExpression;
        const key = access.argumentExpression;
        if (isEnvObject(access.expression) && (ts.isStringLiteralLike(key) || ts.isIdentifier(key))) nodes.envReads.push(access);
        break;
      }
      case ts.SyntaxKind.VariableDeclaration: {
        const decl = node as ts.VariableDeclaration;
        if (ts.isObjectBindingPattern(decl.name) && decl.initializer && isEnvObject(skipOuterExpressions(decl.initializer))) {
          nodes.envDestructures.push(decl);
        }
        break;
      }
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        nodes.strings.push(node as ts.StringLiteralLike);
        return;
      case ts.SyntaxKind.TemplateExpression:
        nodes.templates.push(node as ts.TemplateExpression);
        break;
      case ts.SyntaxKind.JSDoc:
        return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return nodes;
}

/** True when the file imports, requires or re-exports the SDK. */
export function fileImportsSdk(nodes: FileNodes): boolean {
  return (
    nodes.imports.some((decl) => isSdkModule(moduleSpecifierOf(decl) ?? '')) ||
    nodes.calls.some((call) => isSdkModule(requiredModule(call) ?? ''))
  );
}

function skipOuterExpressions(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}
