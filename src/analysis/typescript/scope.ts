import { ts } from './parse.js';

/**
 * A declaration that binds a name: a variable (or one element of a destructuring pattern), a parameter,
 * a function, a class, or an import.
 */
export type Binding =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.FunctionExpression
  | ts.ClassExpression;

const scopes = new WeakMap<ts.Node, Map<string, Binding>>();

/**
 * Finds the declaration that `name` refers to at `from`, by walking out through the enclosing scopes.
 * Syntactic and approximate on purpose (no hoisting of `var` out of blocks, no `with`): enough to follow a
 * client from where it is made to where it is used, without building a type-checked program.
 */
export function lookup(name: string, from: ts.Node): Binding | undefined {
  for (let node: ts.Node | undefined = from.parent; node; node = node.parent) {
    if (!isScope(node)) continue;
    let table = scopes.get(node);
    if (!table) {
      table = declarationsOf(node);
      scopes.set(node, table);
    }
    const found = table.get(name);
    if (found) return found;
  }
  return undefined;
}

function isScope(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseBlock(node) ||
    ts.isFunctionLike(node) || ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) ||
    ts.isCatchClause(node) || ts.isClassExpression(node)
  );
}

function declarationsOf(scope: ts.Node): Map<string, Binding> {
  const table = new Map<string, Binding>();
  const addName = (name: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration): void => {
    if (ts.isIdentifier(name)) {
      table.set(name.text, decl);
      return;
    }
    const visitPattern = (pattern: ts.BindingPattern): void => {
      for (const element of pattern.elements) {
        if (ts.isOmittedExpression(element)) continue;
        if (ts.isIdentifier(element.name)) table.set(element.name.text, element);
        else visitPattern(element.name);
      }
    };
    visitPattern(name);
  };
  const addStatements = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) addName(decl.name, decl);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
        table.set(statement.name.text, statement);
      } else if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) table.set(clause.name.text, clause);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) table.set(bindings.name.text, bindings);
        if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) table.set(el.name.text, el);
      } else if (ts.isImportEqualsDeclaration(statement)) {
        table.set(statement.name.text, statement);
      } else if (ts.isExportAssignment(statement) || ts.isExpressionStatement(statement)) {
        // no bindings
      } else if (ts.isLabeledStatement(statement) && ts.isVariableStatement(statement.statement)) {
        for (const decl of statement.statement.declarationList.declarations) addName(decl.name, decl);
      }
    }
  };

  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) addStatements(scope.statements);
  else if (ts.isCaseBlock(scope)) for (const clause of scope.clauses) addStatements(clause.statements);
  else if (ts.isFunctionLike(scope)) {
    for (const param of scope.parameters) addName(param.name, param);
    if (ts.isFunctionExpression(scope) && scope.name) table.set(scope.name.text, scope);
  } else if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) for (const decl of init.declarations) addName(decl.name, decl);
  } else if (ts.isCatchClause(scope)) {
    const decl = scope.variableDeclaration;
    if (decl) addName(decl.name, decl);
  } else if (ts.isClassExpression(scope) && scope.name) {
    table.set(scope.name.text, scope);
  }
  return table;
}
