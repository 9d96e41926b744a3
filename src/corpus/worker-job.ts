/**
 * One analysis worker job: a raw document to its JSON, or to validated store rows, or to the error
 * that stopped it. Kept apart from the thread wiring (analyze-worker.ts) so it can be tested on its own.
 */
import { analyzeBatch } from '../analyze.js';
import type { AnalyzeOptions } from '../analyze.js';
import type { Document } from '../core/document.js';
import { readDeferred } from '../ingest/read-inputs.js';
import type { RawDocument } from '../ingest/raw-document.js';
import { prepareDocument } from '../storage/prepared-document.js';
import type { PreparedDocument } from '../storage/prepared-document.js';

/**
 * `json`: the analysed document serialised once on the worker (a string posts far more cheaply
 * than a structured clone of the document, and is what a writer or a store needs anyway);
 * `rows`: the document validated and turned into its store rows (ingest's committing thread only writes them).
 */
export interface WorkerRequest { seq: number; raw: RawDocument; options: Pick<AnalyzeOptions, 'published'>; want: 'json' | 'rows' }
/** Asks for the thread's CPU time so far (the benchmark's per-worker figures). */
export interface WorkerStatsRequest { seq: number; stats: true }
/** E_ANALYZE, E_INVALID_DOCUMENT, or a reader's code for HTML left to this thread to read (RawDocument.markup). */
export type FailureCode = string;
export type WorkerReply =
  | { seq: number; ok: true; json: string }
  | { seq: number; ok: true; rows: PreparedDocument }
  /** `read`: the input could not be read (HTML left to this thread), so it never became a document. */
  | { seq: number; ok: false; message: string; code: FailureCode; read?: true }
  | { seq: number; ok: true; cpuMs: number | null };

export function runJob(req: WorkerRequest): WorkerReply {
  return runJobs([req])[0]!;
}

/**
 * Several jobs at once: the documents that can be read are analysed as batches (one per set of
 * options); the replies come in request order, each document's own (a stage that throws fails
 * only its document).
 */
export function runJobs(reqs: readonly WorkerRequest[]): WorkerReply[] {
  const replies = new Array<WorkerReply>(reqs.length);
  const groups = new Map<string, { at: number[]; raws: RawDocument[]; options: WorkerRequest['options'] }>();
  reqs.forEach((req, k) => {
    const read = readDeferred(req.raw);
    if (!read.ok) {
      replies[k] = { seq: req.seq, ok: false, code: read.failure.code, message: read.failure.message, read: true };
      return;
    }
    const key = req.options.published ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { at: [], raws: [], options: req.options }));
    group.at.push(k);
    group.raws.push(read.doc);
  });
  for (const group of groups.values()) {
    analyzeBatch(group.raws, group.options).forEach((r, j) => {
      const req = reqs[group.at[j]!]!;
      replies[group.at[j]!] = r.ok ? replyOf(req, r.doc) : { seq: req.seq, ok: false, code: 'E_ANALYZE', message: r.error instanceof Error ? r.error.stack ?? r.error.message : String(r.error) };
    });
  }
  return replies;
}

/** An analysed document as the request wants it: its JSON, or its validated store rows. */
function replyOf(req: WorkerRequest, doc: Document): WorkerReply {
  const json = JSON.stringify(doc);
  if (req.want === 'json') return { seq: req.seq, ok: true, json };
  try {
    return { seq: req.seq, ok: true, rows: prepareDocument(doc, json) };
  } catch (e) {
    // The pipeline made a document the schema refuses: a bug, reported against this input only.
    return { seq: req.seq, ok: false, code: 'E_INVALID_DOCUMENT', message: (e as Error).message };
  }
}

/** A failure as the pool and ingest hand it on: the reply without its sequence number. */
export type JobFailure = { ok: false; code: FailureCode; message: string; read?: true };

export function jobFailure(r: Extract<WorkerReply, { ok: false }>): JobFailure {
  return { ok: false, code: r.code, message: r.message, ...(r.read ? { read: r.read } : {}) };
}

/** The answer to a `rows` request: the rows, or the failure. */
export function rowsOf(r: WorkerReply): { ok: true; rows: PreparedDocument } | JobFailure {
  if (!r.ok) return jobFailure(r);
  return 'rows' in r ? { ok: true, rows: r.rows } : { ok: false, code: 'E_ANALYZE', message: 'no document' };
}
