/** Worker thread entry: runs `collect` off the main thread, which meanwhile loads the parser. */
import { parentPort, workerData } from 'node:worker_threads';
import { QianyiError } from '../errors.js';
import { collect, type CollectOptions } from './collect.js';

try {
  parentPort!.postMessage({ ok: true, result: collect(workerData as CollectOptions) });
} catch (error) {
  const known = error instanceof QianyiError;
  parentPort!.postMessage({
    ok: false,
    known,
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    hint: known ? error.hint : undefined,
  });
}
