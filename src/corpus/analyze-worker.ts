/**
 * The analysis worker thread: receives raw documents, runs the default pipeline (its resources
 * loaded once per thread) and posts the analysed document back, or the error that stopped it.
 */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../analyze.js';
import type { AnalyzeOptions } from '../analyze.js';
import type { RawDocument } from '../ingest/raw-document.js';

export interface WorkerRequest { seq: number; raw: RawDocument; options: Pick<AnalyzeOptions, 'published'> }
export type WorkerReply = { seq: number; ok: true; doc: ReturnType<typeof analyze> } | { seq: number; ok: false; message: string };

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { seq: req.seq, ok: true, doc: analyze(req.raw, req.options) };
  } catch (e) {
    reply = { seq: req.seq, ok: false, message: (e as Error).stack ?? String(e) };
  }
  parentPort!.postMessage(reply);
});
