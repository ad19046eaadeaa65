/**
 * Worker thread entry (see collect-async.ts). The `lead` walks the tree and hands the files to the other
 * thread, the `reader`, in slices of CHUNK_FILES as it finds them, so that reading starts with the walk; once
 * the walk is done it reads too. Each slice is read by whichever thread claims it first (a shared counter);
 * every candidate is posted as soon as it is read, then the slice's result.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { QianyiError } from '../errors.js';
import { CHUNK_FILES, type LeadStart, type WorkerMessage } from './collect-async.js';
import { collectShard, discoverFiles, type CollectOptions } from './collect.js';
import { rootOf } from './discover.js';

/** What the lead tells the reader, in this order: the root, each slice, the end of the walk. */
export type ReaderMessage = { root: string } | { chunk: string[] } | { end: true };

const { role, next, port } = workerData as { role: 'lead' | 'reader'; next: Int32Array; port: MessagePort };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const chunks: string[][] = [];

/** Reads the slices no thread has claimed yet, among those known so far. */
function readClaimable(root: string): void {
  for (;;) {
    const chunk = Atomics.load(next, 0);
    if (chunk >= chunks.length) return;
    if (Atomics.compareExchange(next, 0, chunk, chunk + 1) !== chunk) continue;
    const shard = collectShard(root, chunks[chunk]!, (candidate) => post({ type: 'candidate', chunk, candidate }));
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

/** The lead's work, once the main thread sends the options (collect-async.ts `LeadStart`). */
function lead(options: CollectOptions): void {
  try {
    const root = rootOf(options.paths, options.cwd);
    if (root !== null) port.postMessage({ root } satisfies ReaderMessage);
    let pending: string[] = [];
    const publish = () => {
      chunks.push(pending);
      port.postMessage({ chunk: pending } satisfies ReaderMessage);
      pending = [];
    };
    const discovered = discoverFiles(options, (file) => {
      pending.push(file);
      if (pending.length === CHUNK_FILES) publish();
    });
    if (pending.length > 0) publish();
    port.postMessage({ end: true } satisfies ReaderMessage);
    port.close();
    post({ type: 'discovered', discovered, chunks: chunks.length });
    readClaimable(discovered.root);
  } catch (error) {
    port.close();
    report(error);
  }
}

if (role === 'lead') {
  parentPort!.once('message', (message: LeadStart) => lead(message.options));
} else {
  let root = '';
  port.on('message', (message: ReaderMessage) => {
    try {
      if ('root' in message) root = message.root;
      else if ('chunk' in message) chunks.push(message.chunk);
      readClaimable(root);
      if ('end' in message) port.close();
    } catch (error) {
      port.close();
      report(error);
    }
  });
}
