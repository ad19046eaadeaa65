// Maintenance helper for the benchmark generator, not part of the timed runs:
//   node scripts/bench/check-syntax.mjs [.bench/files.txt]
// Parses every generated source file with the TypeScript parser (as qianyi does) and lists syntax errors.
// A generator change that produces unparsable files would make the scanner skip them and skew the benchmark.

import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const list = process.argv[2] ?? path.join(import.meta.dirname, '..', '..', '.bench', 'files.txt');
const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
const kinds = { '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX, '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS };
let bad = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ESNext, false, kinds[path.extname(file)] ?? ts.ScriptKind.TS);
  const diags = sf.parseDiagnostics ?? [];
  if (diags.length > 0) {
    bad++;
    if (bad <= 20) {
      const d = diags[0];
      const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
      console.log(`${file}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
  }
}
console.log(`${files.length} files parsed, ${bad} with syntax errors`);
process.exit(bad > 0 ? 1 : 0);
