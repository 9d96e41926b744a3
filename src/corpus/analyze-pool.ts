/**
 * A pool of analysis worker threads (one per core by default). Works both from the compiled
 * dist/ (a .js worker) and from TypeScript sources under tsx or vitest (the worker registers
 * tsx's loader first), so tests exercise the same threads the installed command uses.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Document } from '../core/document.js';
import type { RawDocument } from '../ingest/raw-document.js';
import type { WorkerReply, WorkerRequest, WorkerStatsRequest } from './analyze-worker.js';

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** A worker for `analyze-worker` next to this file, whichever form (.ts or .js) this file has. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  const jsEntry = new URL('./analyze-worker.js', here);
  if (here.endsWith('.js') && existsSync(fileURLToPath(jsEntry))) return new Worker(jsEntry);
  const tsEntry = new URL('./analyze-worker.ts', here);
  const require = createRequire(here);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(tsEntry.href)}); })` +
    `.catch((e) => { console.error(e); process.exit(70); });`;
  return new Worker(boot, { eval: true });
}

export class AnalyzePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: { req: WorkerRequest; resolve: (r: WorkerReply) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { worker: Worker; resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private readonly statsPending = new Map<number, (cpuMs: number | null) => void>();
  private nextSeq = 0;
  private closed = false;

  constructor(readonly size: number = defaultJobs()) {
    for (let i = 0; i < size; i++) this.add();
  }

  private add(): void {
    const w = spawnWorker();
    w.on('message', (reply: WorkerReply) => {
      if ('cpuMs' in reply) {
        this.statsPending.get(reply.seq)?.(reply.cpuMs);
        this.statsPending.delete(reply.seq);
        return;
      }
      const p = this.pending.get(reply.seq);
      this.pending.delete(reply.seq);
      p?.resolve(reply);
      this.release(w);
    });
    w.on('error', (e) => this.crashed(w, e));
    w.on('exit', (code) => { if (!this.closed) this.crashed(w, new Error(`analysis worker exited with code ${code}`)); });
    this.workers.push(w);
    this.idle.push(w);
  }

  /** A dead worker fails its document (the batch goes on) and is replaced. */
  private crashed(w: Worker, e: Error): void {
    const i = this.workers.indexOf(w);
    if (i < 0) return;
    this.workers.splice(i, 1);
    const j = this.idle.indexOf(w);
    if (j >= 0) this.idle.splice(j, 1);
    for (const [seq, p] of this.pending) {
      if (p.worker === w) {
        this.pending.delete(seq);
        p.resolve({ seq, ok: false, message: e.message });
      }
    }
    if (!this.closed) {
      this.add();
      this.pump();
    }
  }

  private release(w: Worker): void {
    this.idle.push(w);
    this.pump();
  }

  private pump(): void {
    while (this.idle.length && this.waiting.length) {
      const w = this.idle.shift()!;
      const job = this.waiting.shift()!;
      this.pending.set(job.req.seq, { worker: w, resolve: job.resolve, reject: job.reject });
      w.postMessage(job.req);
    }
  }

  /** Analyses one raw document on the next free thread. Never rejects for a bad document. */
  analyze(raw: RawDocument, options: WorkerRequest['options'] = {}): Promise<{ ok: true; doc: Document } | { ok: false; message: string }> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.waiting.push({
        req: { seq, raw, options },
        resolve: (r) => resolve(r.ok ? ('doc' in r ? { ok: true, doc: r.doc } : { ok: false, message: 'no document' }) : { ok: false, message: r.message }),
        reject,
      });
      this.pump();
    });
  }

  /** CPU milliseconds each worker thread has used so far (null where the OS does not say). */
  threadCpu(): Promise<(number | null)[]> {
    return Promise.all(this.workers.map((w) => new Promise<number | null>((resolve) => {
      const seq = this.nextSeq++;
      this.statsPending.set(seq, resolve);
      w.postMessage({ seq, stats: true } satisfies WorkerStatsRequest);
    })));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
