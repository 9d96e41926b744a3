/**
 * ingest(): reads sources (files, directories, JSONL, feeds, WARC, URLs and URL lists), skips
 * documents already stored (keyed by content), analyses the rest on worker threads and commits
 * each to the store in input order, so an interrupted run resumed later ends in the same state.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';

import type { Document } from '../core/document.js';
import { contentId } from '../core/ids.js';
import type { RawDocument, ReadResult } from '../ingest/raw-document.js';
import { listFiles, readInputs } from '../ingest/read-inputs.js';
import { isUrlList, readUrl, urlListEntries } from '../ingest/url-fetcher.js';
import type { FetchOptions } from '../ingest/url-fetcher.js';
import type { FailureRecord, Store } from '../storage/store.js';
import { AnalyzePool, defaultJobs } from './analyze-pool.js';

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

/** A small text file whose every line is an http(s) URL is a URL list. */
async function urlListOf(path: string): Promise<string[] | null> {
  if (!URL_LIST_EXT.has(extname(path).toLowerCase())) return null;
  const info = await stat(path);
  if (info.size > URL_LIST_MAX) return null;
  const fh = await open(path, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(Math.min(info.size, 64));
    await fh.read(buf, 0, buf.length, 0);
    head = buf.toString('utf8');
  } finally {
    await fh.close();
  }
  if (!/^\s*(#|https?:\/\/)/i.test(head)) return null;
  const text = await readFile(path, 'utf8');
  return isUrlList(text) ? urlListEntries(text) : null;
}

async function* readUnit(unit: Unit, options: IngestOptions): AsyncGenerator<ReadResult> {
  const readOpts = { ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}), ...(options.stdin ? { stdin: options.stdin } : {}) };
  const fetchOpts = { ...options.fetch, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) };
  if (unit.kind === 'missing') {
    yield { ok: false, failure: { source: { uri: unit.input }, code: 'E_INPUT_NOT_FOUND', message: 'no such file or directory' } };
  } else if (unit.kind === 'stdin') {
    yield* readInputs(['-'], readOpts);
  } else if (unit.kind === 'url') {
    yield* readUrl(unit.url, fetchOpts);
  } else {
    const urls = await urlListOf(unit.path).catch(() => null);
    if (urls) for (const u of urls) yield* readUrl(u, fetchOpts);
    else yield* readInputs([unit.path], readOpts);
  }
}

function failureOf(r: Extract<ReadResult, { ok: false }>): FailureRecord {
  const f = r.failure;
  return { uri: f.source.uri, ...(f.source.line ? { line: f.source.line } : {}), code: f.code, message: f.message };
}

export async function ingest(sources: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const jobs = options.jobs ?? defaultJobs();
  const units = await expandSources(sources);
  const s: IngestSummary = {
    inputsDone: 0, inputsTotal: units.length, documents: 0, stored: 0, duplicates: 0, skipped: 0, failed: 0, elapsedMs: 0,
    relinked: 0, events: 0, newClusters: 0, failures: [], interrupted: false, jobs,
  };
  const pool = jobs > 0 ? new AnalyzePool(jobs) : null;
  // The stages load only where they run: with worker threads, this thread never analyses, so it
  // keeps none of their modules or resources.
  const inline = pool ? null : (await import('../analyze.js')).analyze;
  const analyzeOpts = options.published ? { published: options.published } : {};
  // Analyses run ahead on the threads; commits happen strictly in input order from this queue.
  const queue: { raw: RawDocument; result: Promise<{ ok: true; doc: Document } | { ok: false; message: string }> }[] = [];
  const window = Math.max(2, jobs * 4);
  const seen = new Set<string>();
  const progress = () => { s.elapsedMs = Date.now() - started; options.onProgress?.({ ...s }); };

  const fail = async (f: FailureRecord) => {
    s.failed++;
    s.failures.push(f);
    await store.recordFailure(f);
  };
  const commitHead = async () => {
    const { raw, result } = queue.shift()!;
    const r = await result;
    if (!r.ok) {
      await fail({ uri: raw.source.uri ?? '?', ...(raw.source.line ? { line: raw.source.line } : {}), code: 'E_ANALYZE', message: r.message.split('\n')[0]! });
      return;
    }
    const put = await store.put(r.doc);
    if (put.status === 'exists') s.skipped++;
    else {
      s.stored++;
      if (put.duplicateOf) s.duplicates++;
      s.relinked += put.relinked;
      s.events += put.events;
      s.newClusters += put.newClusters;
      if (raw.source.uri) await store.clearFailure(raw.source.uri, raw.source.line);
    }
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
        const id = contentId(r.doc.text);
        if (seen.has(id) || (await store.has(id))) {
          s.skipped++;
          continue;
        }
        seen.add(id);
        const result = pool ? pool.analyze(r.doc, analyzeOpts) : Promise.resolve(analyzeInline(inline!, r.doc, analyzeOpts));
        queue.push({ raw: r.doc, result });
        while (queue.length >= window) await commitHead();
        if (options.signal?.aborted) break;
      }
      s.inputsDone++;
      progress();
    }
    while (queue.length) await commitHead();
  } finally {
    await pool?.close();
  }
  s.interrupted = Boolean(options.signal?.aborted);
  progress();
  return s;
}

function analyzeInline(analyze: (raw: RawDocument, opts: { published?: string }) => Document, raw: RawDocument, opts: { published?: string }): { ok: true; doc: Document } | { ok: false; message: string } {
  try {
    return { ok: true, doc: analyze(raw, opts) };
  } catch (e) {
    return { ok: false, message: (e as Error).stack ?? String(e) };
  }
}

