import { MessageChannel, Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { collect, mergeShards, type Candidate, type Collected, type CollectOptions, type Discovered, type Shard } from './collect.js';

/** Files per slice the reading threads take turns on: small enough to balance, large enough to be cheap. */
export const CHUNK_FILES = 256;
/** One thread walks the tree and then reads; the other reads as soon as the file list exists. */
const THREADS = 2;
/**
 * Almost everything a reading thread allocates (a file's text) is garbage once prefiltered: a small young
 * generation collects it as well and keeps each thread's memory ~15 MB smaller (issue 14: RSS bounded by
 * candidates, not by the repository).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 2 };

/**
 * Starts collecting files. From the built package it runs on two worker threads: one walks the tree while
 * the other reads and prefilters the files found so far, then both read (worker.ts), so that reading
 * overlaps with the walk and with the main thread loading and running the TypeScript parser (see README
 * "Performance"), and takes both cores.
 * `onCandidate` sees each (non-weak) candidate as it is found, in no particular order, so that parsing can
 * start before the last file is read. Under a TypeScript test runner, and where workers fail to start, it
 * runs inline (then `onCandidate` is not called). The result is the same either way.
 */
export function startCollect(options: CollectOptions, onCandidate?: (candidate: Candidate) => void): Promise<Collected> {
  if (!import.meta.url.endsWith('.js')) return Promise.resolve().then(() => collect(options));
  return new Promise((resolve, reject) => {
    let workers: Worker[] = [];
    const stop = () => {
      for (const w of workers) void w.terminate();
    };
    try {
      const { paths, cwd, include, exclude, globBase } = options;
      workers = takePrestarted() ?? spawnThreads();
      for (const w of workers) w.ref();
      workers[0]!.postMessage({ options: { paths, cwd, include, exclude, globBase } } satisfies LeadStart);
    } catch {
      stop();
      resolve(collect(options));
      return;
    }
    let discovered: Discovered | null = null;
    let chunks = 0;
    let readingStarted = 0;
    const shards = new Map<number, Shard>();
    const streamed = new Map<number, Candidate[]>();
    let failed = false;
    const finishIfDone = () => {
      if (!discovered || shards.size < chunks || failed) return;
      stop();
      const ordered = [...shards.keys()].sort((a, b) => a - b).map((i) => shards.get(i)!);
      resolve(mergeShards(discovered, ordered, Math.round(performance.now() - readingStarted)));
    };
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      stop();
      reject(error);
    };
    for (const worker of workers) {
      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'discovered':
            discovered = message.discovered;
            chunks = message.chunks;
            readingStarted = performance.now();
            break;
          case 'candidate': {
            const list = streamed.get(message.chunk);
            if (list) list.push(message.candidate);
            else streamed.set(message.chunk, [message.candidate]);
            onCandidate?.(message.candidate);
            break;
          }
          case 'shard':
            // Candidates came one by one; within a chunk, in file order.
            shards.set(message.chunk, { ...message.shard, candidates: streamed.get(message.chunk) ?? [] });
            break;
          case 'error':
            fail(message.known ? new UsageError(message.message, message.hint) : new Error(message.message));
            return;
        }
        finishIfDone();
      });
      worker.once('error', fail);
    }
  });
}

/** What the lead waits for before it walks: the options, which are known only once the config is read. */
export type LeadStart = { options: CollectOptions };

/** The collecting threads, lead first, started and waiting for `LeadStart`. */
function spawnThreads(): Worker[] {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const url = new URL('./worker.js', import.meta.url);
  const workers: Worker[] = [];
  try {
    workers.push(new Worker(url, { workerData: { role: 'lead', next, port: port1 }, transferList: [port1], resourceLimits }));
    for (let i = 1; i < THREADS; i++) workers.push(new Worker(url, { workerData: { role: 'reader', next, port: port2 }, transferList: [port2], resourceLimits }));
  } catch (error) {
    for (const w of workers) void w.terminate();
    throw error;
  }
  return workers;
}

let prestarted: Worker[] | null = null;

/**
 * Starts the collecting threads before the command's modules and the config are loaded, so that Node
 * boots them (about 100 ms each, on the other core) while the main thread does that work. The CLI calls it
 * for the commands that scan; the next `startCollect` uses them. Until then they hold nothing and do not
 * keep the process alive (a usage error still exits at once). From the built package only.
 */
export function prestartCollectors(): void {
  if (prestarted || !import.meta.url.endsWith('.js')) return;
  try {
    prestarted = spawnThreads();
  } catch {
    return; // startCollect tries again, and falls back to collecting inline
  }
  for (const w of prestarted) {
    w.unref();
    // A thread that fails before it is used is dropped; startCollect then starts its own.
    w.once('error', () => {
      if (prestarted?.includes(w)) {
        for (const other of prestarted) void other.terminate();
        prestarted = null;
      }
    });
  }
}

function takePrestarted(): Worker[] | null {
  const taken = prestarted;
  prestarted = null;
  return taken;
}

export type WorkerMessage =
  | { type: 'discovered'; discovered: Discovered; chunks: number }
  | { type: 'candidate'; chunk: number; candidate: Candidate }
  | { type: 'shard'; chunk: number; shard: Shard }
  | { type: 'error'; known: boolean; name: string; message: string; hint?: string };
