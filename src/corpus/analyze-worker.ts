/**
 * The analysis worker thread: receives raw documents, runs the default pipeline (its resources
 * loaded once per thread, lazily) and posts back the document as JSON, or its store rows, or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useSharedStartupCaches } from '../resources/startup-cache.js';
import { threadCpuMs } from './thread-cpu.js';
import { runJob } from './worker-job.js';
import type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

export type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

// The start-up caches the pool read once for all its workers (resources still load lazily, from these bytes).
const shared = (workerData as { startupCaches?: Map<string, Uint8Array> } | null)?.startupCaches;
if (shared) useSharedStartupCaches(shared);

parentPort?.on('message', (req: WorkerRequest | WorkerStatsRequest) => {
  parentPort!.postMessage('stats' in req ? { seq: req.seq, ok: true, cpuMs: threadCpuMs() } satisfies WorkerReply : runJob(req));
});
