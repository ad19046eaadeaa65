// The benchmark's floor: the least work any scanner must do, which is to read every source file once.
//   node scripts/bench/read-floor.mjs <listfile>
// <listfile> holds one absolute path per line. Reads each with readFileSync(f, 'utf8') in a plain loop and
// prints {"files":n,"chars":n,"maxRSS":kilobytes} on stdout. The whole process (startup included) is what
// scripts/bench.mjs times, as it times the whole `qianyi scan` process.

import { readFileSync } from 'node:fs';

const list = process.argv[2];
if (!list) {
  console.error('usage: node scripts/bench/read-floor.mjs <listfile>');
  process.exit(2);
}
const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
let chars = 0;
for (const file of files) chars += readFileSync(file, 'utf8').length;
process.stdout.write(`${JSON.stringify({ files: files.length, chars, maxRSS: process.resourceUsage().maxRSS })}\n`);
