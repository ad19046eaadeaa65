// Preloaded into the scanned process by scripts/bench.mjs (`node --require <this> bin/qianyi.js ...`) so that
// the benchmark knows its peak RSS even when the CLI does not report one. On exit of the main thread it writes
// one line to stderr: `qianyi-bench-rss {"pid":n,"maxRSS":kilobytes}`. Costs nothing measurable.
'use strict';
const { writeSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

if (isMainThread) {
  process.on('exit', () => {
    try {
      // Synchronous write: an exit handler cannot wait for an asynchronous one (pipes are async on macOS).
      writeSync(2, `\nqianyi-bench-rss ${JSON.stringify({ pid: process.pid, maxRSS: process.resourceUsage().maxRSS })}\n`);
    } catch {
      // stderr closed: nothing to report to
    }
  });
}
