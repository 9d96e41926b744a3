/**
 * A pool of analysis worker threads (one per core by default), each kept two documents ahead so it
 * never waits for a busy main thread to hand it the next one. Works both from the compiled
 * dist/ (a .js worker) and from TypeScript sources under tsx or vitest (the worker registers
 * tsx's loader first), so tests exercise the same threads the installed command uses.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Document } from '../core/document.js';
import type { RawDocument } from '../ingest/raw-document.js';
import type { PreparedDocument } from '../storage/prepared-document.js';
import { readStartupCachesShared } from '../resources/startup-cache.js';
import { BATCH } from '../analyze.js';
import { jobFailure, rowsOf } from './worker-job.js';
import type { JobFailure, WorkerReply, WorkerRequest, WorkerStatsRequest } from './worker-job.js';

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** A worker for `analyze-worker` next to this file, whichever form (.ts or .js) this file has. */
function spawnWorker(workerData: WorkerData): Worker {
  const here = import.meta.url;
  const jsEntry = new URL('./analyze-worker.js', here);
  if (here.endsWith('.js') && existsSync(fileURLToPath(jsEntry))) return new Worker(jsEntry, { workerData });
  const tsEntry = new URL('./analyze-worker.ts', here);
  const require = createRequire(here);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(tsEntry.href)}); })` +
    `.catch((e) => { console.error(e); process.exit(70); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** What every worker starts with: the start-up caches, read once and shared (analyze-worker.ts). */
interface WorkerData { startupCaches: Map<string, Uint8Array> }

/** An analysed document: its JSON as the worker wrote it, and the object, parsed on first use. */
export interface AnalyzedDocument { ok: true; json: string; readonly doc: Document }
export type AnalyzeFailure = JobFailure;

/** `alone`: retried after its worker died in a batch; posted to an idle worker and run by itself, so that a document that kills a worker is the only one it takes. */
type Job = { req: WorkerRequest; resolve: (r: WorkerReply) => void; alone?: true };

function analyzed(json: string): AnalyzedDocument {
  let doc: Document | undefined;
  return { ok: true, json, get doc() { return (doc ??= JSON.parse(json) as Document); } };
}

export class AnalyzePool {
  private readonly workers: Worker[] = [];
  /** Requests posted to each worker and not yet answered, oldest first (a worker answers in order). */
  private readonly posted = new Map<Worker, Job[]>();
  private readonly waiting: Job[] = [];
  private readonly statsPending = new Map<number, (cpuMs: number | null) => void>();
  private nextSeq = 0;
  private closed = false;
  /** Requests queued on a worker at once: a worker runs what is queued, up to BATCH, as one batch (analyzeBatch). */
  private readonly depth: number;

  private readonly workerData: WorkerData;

  constructor(readonly size: number = defaultJobs(), options: { depth?: number } = {}) {
    this.depth = Math.max(1, options.depth ?? BATCH);
    this.workerData = { startupCaches: readStartupCachesShared() };
    for (let i = 0; i < size; i++) this.add();
  }

  private add(): void {
    const w = spawnWorker(this.workerData);
    w.on('message', (reply: WorkerReply) => {
      if ('cpuMs' in reply) {
        this.statsPending.get(reply.seq)?.(reply.cpuMs);
        this.statsPending.delete(reply.seq);
        return;
      }
      const jobs = this.posted.get(w);
      const i = jobs ? jobs.findIndex((j) => j.req.seq === reply.seq) : -1;
      if (i >= 0) jobs!.splice(i, 1)[0]!.resolve(reply);
      this.pump();
    });
    w.on('error', (e) => this.crashed(w, e));
    w.on('exit', (code) => { if (!this.closed) this.crashed(w, new Error(`analysis worker exited with code ${code}`)); });
    this.workers.push(w);
    this.posted.set(w, []);
  }

  /**
   * A dead worker is replaced, and the run goes on. A worker runs its queue as one batch, so which
   * document killed it is not known: they are all tried again, each by itself on an idle worker
   * (`alone`); a document that kills a worker by itself (or the only one it had) fails, E_ANALYZE.
   */
  private crashed(w: Worker, e: Error): void {
    const i = this.workers.indexOf(w);
    if (i < 0) return;
    this.workers.splice(i, 1);
    const jobs = this.posted.get(w) ?? [];
    this.posted.delete(w);
    if (jobs.length === 1 || jobs[0]?.alone) {
      const [dead, ...rest] = jobs;
      dead!.resolve({ seq: dead!.req.seq, ok: false, code: 'E_ANALYZE', message: e.message });
      this.waiting.unshift(...rest);
    } else this.waiting.unshift(...jobs.map((j): Job => ({ ...j, alone: true })));
    if (!this.closed) {
      this.add();
      this.pump();
    }
  }

  private pump(): void {
    while (this.waiting.length) {
      // The least loaded worker with room in its queue (an idle one for a job to run alone; none beside one).
      const alone = this.waiting[0]!.alone === true;
      let best: Worker | null = null;
      let load = alone ? 1 : this.depth;
      for (const w of this.workers) {
        const posted = this.posted.get(w)!;
        const n = posted[0]?.alone ? this.depth : posted.length;
        if (n < load) { best = w; load = n; }
      }
      if (!best) return;
      const job = this.waiting.shift()!;
      this.posted.get(best)!.push(job);
      best.postMessage(job.req);
    }
  }

  private run(raw: RawDocument, options: WorkerRequest['options'], want: WorkerRequest['want']): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    const seq = this.nextSeq++;
    return new Promise((resolve) => {
      this.waiting.push({ req: { seq, raw, options, want }, resolve });
      this.pump();
    });
  }

  /**
   * Analyses one raw document on the next free thread. Never rejects for a bad document. The
   * document crosses threads as its JSON (`json`); `doc` parses it when first read.
   */
  async analyze(raw: RawDocument, options: WorkerRequest['options'] = {}): Promise<AnalyzedDocument | AnalyzeFailure> {
    const r = await this.run(raw, options, 'json');
    if (!r.ok) return jobFailure(r);
    return 'json' in r ? analyzed(r.json) : { ok: false, code: 'E_ANALYZE', message: 'no document' };
  }

  /**
   * Analyses one raw document and turns it into store rows on the worker: validated there
   * (E_INVALID_DOCUMENT when the schema refuses it), so a store can trust the rows.
   */
  async prepare(raw: RawDocument, options: WorkerRequest['options'] = {}): Promise<{ ok: true; rows: PreparedDocument } | AnalyzeFailure> {
    return rowsOf(await this.run(raw, options, 'rows'));
  }

  /** CPU milliseconds each worker thread has used so far (null where the OS does not say). */
  threadCpu(): Promise<(number | null)[]> {
    return Promise.all(this.workers.map((w) => new Promise<number | null>((resolve) => {
      const seq = this.nextSeq++;
      this.statsPending.set(seq, resolve);
      w.postMessage({ seq, stats: true } satisfies WorkerStatsRequest);
    })));
  }

  /**
   * Each worker's event-loop utilisation (busy share of its wall time; given an earlier answer,
   * since then): where a worker waits for work instead of analysing.
   */
  utilization(since?: readonly EventLoopUtilization[]): EventLoopUtilization[] {
    return this.workers.map((w, i) => w.performance.eventLoopUtilization(since?.[i]));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
