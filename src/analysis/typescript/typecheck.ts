import { existsSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, ts } from 'ts-morph';
import type { AnalyzedFile } from '../analyze-files.js';
import type { Site } from '../../scan/sites.js';

export type TypeVerdict = 'openai' | 'other' | 'unknown';

/**
 * Where syntax cannot decide: a call shaped like an SDK call whose receiver could not be traced (a client
 * from a package of the user's own, or through generics) is looked at with the type checker. Only the files
 * holding such calls go into a ts-morph Project, with the project's tsconfig options and real module
 * resolution, so the receiver's declared type tells whose SDK it is. Costly (the checker reads the
 * dependencies' declaration files), which is why it runs only for these calls.
 */
export function checkLikelyCalls(root: string, files: AnalyzedFile[]): Map<Site, TypeVerdict> {
  const verdicts = new Map<Site, TypeVerdict>();
  const wanted = files.filter((f) => f.sites.some(isLikelyCall));
  if (wanted.length === 0) return verdicts;
  const project = createProject(root);
  for (const file of wanted) {
    const sf = project.createSourceFile(file.file, file.text, { overwrite: true });
    for (const site of file.sites.filter(isLikelyCall)) {
      const call = sf.getDescendantAtStartWithWidth(site.start, site.end - site.start);
      const node = call && Node.isCallExpression(call) ? call : undefined;
      const callee = node?.getExpression();
      verdicts.set(site, callee && Node.isPropertyAccessExpression(callee) ? ownerOf(callee.getExpression()) : 'unknown');
    }
  }
  return verdicts;
}

function isLikelyCall(site: Site): boolean {
  return site.kind === 'call' && site.confidence === 'likely';
}

/** Lib files (the DOM, ES built-ins) are not loaded: finding where a receiver's type is declared needs none. */
function createProject(root: string): Project {
  const compilerOptions = { allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true };
  const tsconfig = path.join(root, 'tsconfig.json');
  if (existsSync(tsconfig)) {
    try {
      return new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, skipLoadingLibFiles: true, compilerOptions });
    } catch {
      // an unreadable tsconfig (or one extending a package that is not installed): fall back to defaults
    }
  }
  return new Project({
    skipLoadingLibFiles: true,
    compilerOptions: { ...compilerOptions, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
  });
}

/** Whose declaration the receiver's type comes from: the openai package, another one, or nobody's (any). */
function ownerOf(receiver: Node): TypeVerdict {
  const type = receiver.getType();
  if (type.isAny() || type.isUnknown()) return 'unknown';
  const symbol = type.getSymbol() ?? type.getAliasSymbol() ?? type.getApparentType().getSymbol();
  const declarations = symbol?.getDeclarations() ?? [];
  if (declarations.length === 0) return 'unknown';
  const files = declarations.map((d) => d.getSourceFile().getFilePath());
  if (files.some((f) => /\/node_modules\/openai\//.test(f))) return 'openai';
  // Another package's type (groq-sdk, a wrapper of the user's own that is not OpenAI): not an OpenAI call.
  // A type declared in the user's code (an interface for a mock, say) proves nothing either way.
  return files.every((f) => f.includes('/node_modules/')) ? 'other' : 'unknown';
}
