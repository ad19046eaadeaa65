import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { collect, type Collected, type CollectOptions } from './collect.js';

/**
 * Starts collecting files. From the built package it runs on a worker thread, so that reading and
 * prefiltering every file overlaps with the main thread loading the TypeScript parser (about 0.3 s each
 * on the bench machine: see README "Performance"). Under a TypeScript test runner, and where workers fail
 * to start, it runs inline.
 */
export function startCollect(options: CollectOptions): Promise<Collected> {
  const workerUrl = new URL('./worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return Promise.resolve().then(() => collect(options));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      const { paths, cwd, include, exclude, globBase } = options;
      worker = new Worker(workerUrl, { workerData: { paths, cwd, include, exclude, globBase } });
    } catch {
      resolve(collect(options));
      return;
    }
    worker.once('message', (message: WorkerMessage) => {
      if (message.ok) resolve(message.result);
      else if (message.known) reject(new UsageError(message.message, message.hint));
      else reject(new Error(message.message));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

type WorkerMessage =
  | { ok: true; result: Collected }
  | { ok: false; known: boolean; name: string; message: string; hint?: string };
