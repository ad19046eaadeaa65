/**
 * Worker thread entry (see collect-async.ts). The `lead` discovers the files and hands the list to the
 * other `reader` over a port; then each takes the next slice of CHUNK_FILES files (a shared counter) until
 * none is left, posting every candidate as soon as it is read and then the slice's result.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { QianyiError } from '../errors.js';
import { CHUNK_FILES, type WorkerMessage } from './collect-async.js';
import { collectShard, discoverFiles, type CollectOptions } from './collect.js';

const { role, options, next, port } = workerData as { role: 'lead' | 'reader'; options?: CollectOptions; next: Int32Array; port: MessagePort };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

function read(root: string, files: string[]): void {
  for (;;) {
    const chunk = Atomics.add(next, 0, 1);
    const slice = files.slice(chunk * CHUNK_FILES, (chunk + 1) * CHUNK_FILES);
    if (slice.length === 0) return;
    const shard = collectShard(root, slice, (candidate) => post({ type: 'candidate', chunk, candidate }));
    post({ type: 'shard', chunk, shard: { ...shard, candidates: [] } });
  }
}

function report(error: unknown): void {
  const known = error instanceof QianyiError;
  post({
    type: 'error',
    known,
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    hint: known ? error.hint : undefined,
  });
}

if (role === 'lead') {
  try {
    const discovered = discoverFiles(options!);
    port.postMessage({ root: discovered.root, files: discovered.files });
    port.close();
    post({ type: 'discovered', discovered });
    read(discovered.root, discovered.files);
  } catch (error) {
    port.close();
    report(error);
  }
} else {
  port.once('message', ({ root, files }: { root: string; files: string[] }) => {
    port.close();
    try {
      read(root, files);
    } catch (error) {
      report(error);
    }
  });
  // The lead closes the port without a message when discovery failed: nothing to read then.
  port.once('close', () => undefined);
}
