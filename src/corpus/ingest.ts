/**
 * ingest(): reads sources (files, directories, JSONL, feeds, WARC, URLs and URL lists), skips
 * documents already stored (keyed by content), analyses, validates and turns the rest into store
 * rows on worker threads, and commits each to the store in input order (this thread only writes),
 * so an interrupted run resumed later ends in the same state.
 */
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';

import { contentId } from '../core/ids.js';
import type { RawDocument, ReadResult } from '../ingest/raw-document.js';
import { DEFAULT_MAX_BYTES, formatFromExtension, listFiles, readBytes, readFileBytes, readInputs } from '../ingest/read-inputs.js';
import { isUrlList, readUrl, urlListEntries } from '../ingest/url-fetcher.js';
import type { FetchOptions } from '../ingest/url-fetcher.js';
import type { PreparedDocument } from '../storage/prepared-document.js';
import type { FailureRecord, Store } from '../storage/store.js';
import { BATCH } from '../analyze.js';
import { AnalyzePool, defaultJobs } from './analyze-pool.js';
import type { AnalyzeFailure } from './analyze-pool.js';

export interface IngestOptions {
  /** Analysis threads; 0 analyses on the calling thread. Default: one per core. */
  jobs?: number;
  /** Reference date (YYYY-MM-DD) for documents without their own. */
  published?: string;
  maxBytes?: number;
  fetch?: FetchOptions;
  /** Stops reading new inputs; what is already analysed is still committed. */
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  /** Standard input, for `-`. */
  stdin?: () => Promise<Uint8Array>;
  /** A running pool to analyse on (left open at the end) instead of starting `jobs` threads: a server's, or a benchmark's. */
  pool?: AnalyzePool;
}

export interface IngestProgress {
  /** Inputs (files, URLs) finished and in total: the basis of the ETA. */
  inputsDone: number;
  inputsTotal: number;
  documents: number;
  stored: number;
  duplicates: number;
  skipped: number;
  failed: number;
  elapsedMs: number;
}

export interface IngestSummary extends IngestProgress {
  /** Documents stored that are near-duplicates of an earlier version. */
  relinked: number;
  events: number;
  newClusters: number;
  failures: FailureRecord[];
  interrupted: boolean;
  jobs: number;
}

type Unit = { kind: 'file'; path: string } | { kind: 'url'; url: string } | { kind: 'stdin' } | { kind: 'missing'; input: string };

const URL_LIST_EXT = new Set(['', '.txt', '.urls', '.list']);
const URL_LIST_MAX = 4 * 1024 * 1024;

/** The inputs in a stable order: directories expanded (sorted, recursively), URLs kept as they are. */
export async function expandSources(sources: readonly string[]): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const s of sources) {
    if (s === '-') units.push({ kind: 'stdin' });
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith('file:')) units.push({ kind: 'url', url: s });
    else {
      const path = resolve(s.startsWith('file:') ? new URL(s).pathname : s);
      const info = await stat(path).catch(() => null);
      if (!info) units.push({ kind: 'missing', input: s });
      else if (info.isDirectory()) for (const f of await listFiles(path)) units.push({ kind: 'file', path: f });
      else units.push({ kind: 'file', path });
    }
  }
  return units;
}

/** A small text file whose every line is an http(s) URL is a URL list: its URLs, else null. */
function urlListIn(path: string, bytes: Uint8Array): string[] | null {
  if (!URL_LIST_EXT.has(extname(path).toLowerCase()) || bytes.length > URL_LIST_MAX) return null;
  if (!/^\s*(#|https?:\/\/)/i.test(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64)).toString('utf8'))) return null;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return isUrlList(text) ? urlListEntries(text) : null;
}

async function* readUnit(unit: Unit, options: IngestOptions): AsyncGenerator<ReadResult> {
  // HTML pages are read on the analysis threads (readDeferred in runJob): at ~8 ms a page, reading them here would make
  // this thread, which also commits, the limit of an ingest on several cores.
  const readOpts = { deferHtml: true, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}), ...(options.stdin ? { stdin: options.stdin } : {}) };
  const fetchOpts = { ...options.fetch, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) };
  if (unit.kind === 'missing') {
    yield { ok: false, failure: { source: { uri: unit.input }, code: 'E_INPUT_NOT_FOUND', message: 'no such file or directory' } };
  } else if (unit.kind === 'stdin') {
    yield* readInputs(['-'], readOpts);
  } else if (unit.kind === 'url') {
    yield* readUrl(unit.url, fetchOpts);
  } else {
    // Each file is opened and read once: the URL-list check looks at the same bytes the readers get.
    const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const listable = URL_LIST_EXT.has(extname(unit.path).toLowerCase());
    const file = await readFileBytes(unit.path, listable ? Math.max(limit, URL_LIST_MAX) : limit);
    if (!file.ok) {
      yield file;
      return;
    }
    const urls = urlListIn(unit.path, file.bytes);
    if (urls) for (const u of urls) yield* readUrl(u, fetchOpts);
    else yield* readBytes(file.bytes, file.uri, formatFromExtension(unit.path), readOpts);
  }
}

function failureOf(r: Extract<ReadResult, { ok: false }>): FailureRecord {
  const f = r.failure;
  return { uri: f.source.uri, ...(f.source.line ? { line: f.source.line } : {}), code: f.code, message: f.message };
}

export async function ingest(sources: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const jobs = options.pool?.size ?? options.jobs ?? defaultJobs();
  const units = await expandSources(sources);
  const s: IngestSummary = {
    inputsDone: 0, inputsTotal: units.length, documents: 0, stored: 0, duplicates: 0, skipped: 0, failed: 0, elapsedMs: 0,
    relinked: 0, events: 0, newClusters: 0, failures: [], interrupted: false, jobs,
  };
  const pool = options.pool ?? (jobs > 0 ? new AnalyzePool(jobs) : null);
  // The stages' resources load only where they run: with worker threads, this thread never
  // analyses nor validates, so it loads none of their models or tables (their modules are still
  // imported here, through analyze-pool → worker-job → analyze).
  const inline = pool ? null : await inlinePreparer();
  const analyzeOpts = options.published ? { published: options.published } : {};
  // Analyses run ahead on the threads; commits happen strictly in input order from this queue,
  // a group of the analysed documents at its head at a time (one transaction per group).
  const queue: Queued[] = [];
  // Enough in flight for every worker to have a batch queued (BATCH, analyze.ts).
  const window = Math.max(GROUP, jobs * BATCH);
  let lastCommit = Date.now();
  const seen = new Set<string>();
  const progress = () => { s.elapsedMs = Date.now() - started; options.onProgress?.({ ...s }); };

  const fail = async (f: FailureRecord) => {
    s.failed++;
    s.failures.push(f);
    await store.recordFailure(f);
  };
  const failureOfDoc = (raw: RawDocument, code: string, message: string): FailureRecord =>
    ({ uri: raw.source.uri ?? '?', ...(raw.source.line ? { line: raw.source.line } : {}), code, message: message.split('\n')[0]! });
  /** Commits the head of the queue (waiting for its analysis) and the analysed documents right behind it, up to GROUP. */
  const commitGroup = async () => {
    queue[0]!.done = await queue[0]!.result;
    const group: Queued[] = [];
    while (queue.length && queue[0]!.done && group.length < GROUP) group.push(queue.shift()!);
    const rows: PreparedDocument[] = [];
    for (const q of group) {
      // A page read on the analysis thread is stored with its markup's key, computed here before it was sent.
      if (q.done!.ok) rows.push(q.raw.markup ? { ...q.done!.rows, sourceKey: q.id } : q.done!.rows);
      else {
        // A page that could not be read never was a document (as when it is read on this thread).
        if (q.done!.read) s.documents--;
        await fail(failureOfDoc(q.raw, q.done!.code, q.done!.message));
      }
    }
    // Validated and prepared on the workers: only writes here, each document with the clearing of an old failure of its input.
    const puts = rows.length ? await store.putPreparedMany(rows) : [];
    const written = group.filter((q) => q.done!.ok);
    for (const [i, put] of puts.entries()) {
      if (put.status === 'failed') await fail(failureOfDoc(written[i]!.raw, 'E_STORE', put.message));
      else if (put.status === 'exists') s.skipped++;
      else {
        s.stored++;
        if (put.duplicateOf) s.duplicates++;
        s.relinked += put.relinked;
        s.events += put.events;
        s.newClusters += put.newClusters;
      }
    }
    lastCommit = Date.now();
  };
  /** Whether the analysed head is worth a commit now: a full group, or the oldest result waiting too long (a slow source). */
  const groupDue = () => {
    let ready = 0;
    while (ready < queue.length && queue[ready]!.done && ready < GROUP) ready++;
    return ready === GROUP || (ready > 0 && Date.now() - lastCommit >= GROUP_WAIT_MS);
  };

  try {
    for (const unit of units) {
      if (options.signal?.aborted) break;
      for await (const r of readUnit(unit, options)) {
        if (!r.ok) {
          await fail(failureOf(r));
          continue;
        }
        s.documents++;
        // A page still to be read is known by its markup's key until then (Store.hasSource).
        const id = contentId(r.doc.markup?.bytes ?? r.doc.text);
        if (seen.has(id) || (await (r.doc.markup ? store.hasSource(id) : store.has(id)))) {
          s.skipped++;
          continue;
        }
        seen.add(id);
        const result = pool ? pool.prepare(r.doc, analyzeOpts) : Promise.resolve(inline!(r.doc, analyzeOpts));
        const q: Queued = { raw: r.doc, id, result };
        void result.then((done) => { q.done = done; });
        queue.push(q);
        while (queue.length >= window || (queue.length && groupDue())) await commitGroup();
        if (options.signal?.aborted) break;
      }
      s.inputsDone++;
      progress();
    }
    while (queue.length) await commitGroup();
  } finally {
    if (pool !== options.pool) await pool?.close();
  }
  s.interrupted = Boolean(options.signal?.aborted);
  progress();
  return s;
}

type Prepared = { ok: true; rows: PreparedDocument } | AnalyzeFailure;
/** A document sent for analysis, and its result once it has come back. */
type Queued = { raw: RawDocument; id: string; result: Promise<Prepared>; done?: Prepared };

/** Documents committed in one transaction at most: SQLite then writes the index pages they share once per group (about 20% less of the committing thread's CPU than one commit per document). */
const GROUP = 32;
/** From a source slower than the analysis (URLs, a feed), what is analysed commits when a document arrives this long after the last commit. */
const GROUP_WAIT_MS = 1000;

/** Reading, analysis and row building on this thread (jobs 0): the workers' own job. */
async function inlinePreparer(): Promise<(raw: RawDocument, opts: { published?: string }) => Prepared> {
  const { rowsOf, runJob } = await import('./worker-job.js');
  return (raw, opts) => rowsOf(runJob({ seq: 0, raw, options: opts, want: 'rows' }));
}
