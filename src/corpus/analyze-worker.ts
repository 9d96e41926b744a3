/**
 * The analysis worker thread: receives raw documents, runs the default pipeline over those queued
 * together (a batch, stage by stage; its resources loaded once per thread, lazily) and posts back
 * each document as JSON, or its store rows, or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useSharedStartupCaches } from '../resources/startup-cache.js';
import { threadCpuMs } from './thread-cpu.js';
import { BATCH } from '../analyze.js';
import { runJobs } from './worker-job.js';
import type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

export type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

// The start-up caches the pool read once for all its workers (resources still load lazily, from these bytes).
const shared = (workerData as { startupCaches?: Map<string, Uint8Array> } | null)?.startupCaches;
if (shared) useSharedStartupCaches(shared);

/** Requests received and not yet run. */
const queue: WorkerRequest[] = [];
let scheduled = false;

/**
 * Runs what is queued, up to BATCH, as one batch. It runs after the messages the port had waiting
 * were all delivered (setImmediate comes after them), so the requests the pool posted while the
 * last batch ran make the next one.
 */
function drain(): void {
  for (const reply of runJobs(queue.splice(0, BATCH))) parentPort!.postMessage(reply);
  scheduled = queue.length > 0;
  if (scheduled) setImmediate(drain);
}

parentPort?.on('message', (req: WorkerRequest | WorkerStatsRequest) => {
  if ('stats' in req) {
    parentPort!.postMessage({ seq: req.seq, ok: true, cpuMs: threadCpuMs() } satisfies WorkerReply);
    return;
  }
  queue.push(req);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
});
