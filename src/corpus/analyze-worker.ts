/**
 * The analysis worker thread: receives raw documents, runs the default pipeline (its resources
 * loaded once per thread, lazily) and posts the analysed document back, or the error that stopped it.
 */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../analyze.js';
import type { AnalyzeOptions } from '../analyze.js';
import type { RawDocument } from '../ingest/raw-document.js';
import { threadCpuMs } from './thread-cpu.js';

export interface WorkerRequest { seq: number; raw: RawDocument; options: Pick<AnalyzeOptions, 'published'> }
/** Asks for the thread's CPU time so far (the benchmark's per-worker figures). */
export interface WorkerStatsRequest { seq: number; stats: true }
export type WorkerReply =
  | { seq: number; ok: true; doc: ReturnType<typeof analyze> }
  | { seq: number; ok: false; message: string }
  | { seq: number; ok: true; cpuMs: number | null };

parentPort?.on('message', (req: WorkerRequest | WorkerStatsRequest) => {
  let reply: WorkerReply;
  if ('stats' in req) reply = { seq: req.seq, ok: true, cpuMs: threadCpuMs() };
  else {
    try {
      reply = { seq: req.seq, ok: true, doc: analyze(req.raw, req.options) };
    } catch (e) {
      reply = { seq: req.seq, ok: false, message: (e as Error).stack ?? String(e) };
    }
  }
  parentPort!.postMessage(reply);
});
