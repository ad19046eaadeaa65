import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from './compiler.js';

export { ts };

/**
 * Parses files with the TypeScript parser that ts-morph bundles, without tsconfig files, lib files, a
 * Program or a type checker: the analysis is syntactic, so all it needs is each file's tree (with parent
 * pointers). Going through ts-morph's Project wrappers doubled the parse time of a 10,000-file scan
 * (README "Performance"), so trees come straight from `ts.createSourceFile`. Files are parsed once and kept
 * for cross-file lookups.
 */
/**
 * JSDoc comments are left unparsed: no detector reads them (to the analysis they are comments, as to the
 * edits), and parsing them took ~40% of the parse time of a cold scan (issue 14). The type checker
 * (typecheck.ts) parses with ts-morph's own defaults, where a JS file's `@type` annotations matter.
 */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

export class Parser {
  private readonly trees = new Map<string, ts.SourceFile | null>();

  /** Parses `text` as the file at `file` (absolute). */
  parse(file: string, text: string): ts.SourceFile {
    const sf = ts.createSourceFile(file, text, PARSE_OPTIONS, false, scriptKindOf(file));
    setParents(sf);
    this.trees.set(file, sf);
    return sf;
  }

  /** The tree of a file that was not a candidate but that a candidate imports; null when unreadable. */
  load(file: string): ts.SourceFile | null {
    const known = this.trees.get(file);
    if (known !== undefined) return known;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.trees.set(file, null);
      return null;
    }
    return this.parse(file, text);
  }
}

/**
 * Sets every node's `parent`, as `createSourceFile(..., setParentNodes: true)` does (JSDoc comments included),
 * a quarter faster: the compiler's own walk builds an array per node (`forEachChildRecursively`). Iterative,
 * like the compiler's, so that a long chain of `a + b + ...` cannot overflow the stack.
 */
export function setParents(root: ts.SourceFile): void {
  const stack: ts.Node[] = [root];
  const inJsDoc: boolean[] = [false];
  let parent: ts.Node;
  let jsDoc = false;
  const bind = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    stack.push(child);
    inJsDoc.push(jsDoc);
    return undefined;
  };
  const bindAll = (children: ts.NodeArray<ts.Node>): undefined => {
    for (const child of children) bind(child);
    return undefined;
  };
  while (stack.length > 0) {
    parent = stack.pop()!;
    jsDoc = inJsDoc.pop()!;
    // The compiler binds a node's JSDoc comments to it, but not the JSDoc of nodes inside a comment.
    const docs = jsDoc || parent === root ? undefined : (parent as { jsDoc?: ts.Node[] }).jsDoc;
    if (docs) {
      for (const doc of docs) {
        (doc as { parent: ts.Node }).parent = parent;
        stack.push(doc);
        inJsDoc.push(true);
      }
    }
    ts.forEachChild(parent, bind, bindAll);
  }
}

export function scriptKindOf(file: string): ts.ScriptKind {
  switch (path.extname(file)) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

/** The first syntax error in a parsed file, or null. */
export function firstSyntaxError(sf: ts.SourceFile): string | null {
  // parseDiagnostics is internal to the compiler but stable for a decade; it holds only syntax errors.
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return null;
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  if (first.start === undefined) return `syntax error: ${message}`;
  const { line, character } = sf.getLineAndCharacterOfPosition(first.start);
  return `syntax error at ${line + 1}:${character + 1}: ${message}`;
}
