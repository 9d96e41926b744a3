/**
 * The analysis worker thread: receives raw documents, runs the default pipeline (its resources
 * loaded once per thread, lazily) and posts back the document as JSON, or its store rows, or the error.
 */
import { parentPort } from 'node:worker_threads';
import { threadCpuMs } from './thread-cpu.js';
import { runJob } from './worker-job.js';
import type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

export type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

parentPort?.on('message', (req: WorkerRequest | WorkerStatsRequest) => {
  parentPort!.postMessage('stats' in req ? { seq: req.seq, ok: true, cpuMs: threadCpuMs() } satisfies WorkerReply : runJob(req));
});
