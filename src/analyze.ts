/**
 * analyze(): a raw input (text, HTML or an already-read RawDocument) to an analysed Document.
 */
import { FORMAT } from './core/document.js';
import type { Document } from './core/document.js';
import { contentId } from './core/ids.js';
import { readHtml } from './ingest/html-reader.js';
import type { RawDocument } from './ingest/raw-document.js';
import { sniffFormat } from './ingest/read-inputs.js';
import { toPublicDocument } from './pipeline/build-pipeline.js';
import type { Pipeline, StageProbe } from './pipeline/build-pipeline.js';
import { defaultPipeline } from './pipeline/default-pipeline.js';
import type { WorkingDocument } from './pipeline/stage.js';

export interface AnalyzeOptions {
  /** Reference date (YYYY-MM-DD) for resolving relative dates. */
  published?: string;
  /** 'text' or 'html'; guessed from the content when absent. */
  format?: 'text' | 'html';
  /** Where the input came from, for `source.uri`. */
  uri?: string;
  /** The caller's id for the document. */
  id?: string;
  title?: string;
  pipeline?: Pipeline;
  /** Called around each stage (the benchmark times stages with it). */
  probe?: StageProbe;
}

/**
 * @example
 * const doc = analyze('Ukraine talks\n\nMr. Putin spoke with Mr. Biden on Thursday.');
 * doc.text.slice(doc.title!.start, doc.title!.end) // 'Ukraine talks'
 */
export function analyze(input: string | RawDocument, options: AnalyzeOptions = {}): Document {
  return toPublicDocument(analyzeWorking(input, options));
}

/** Like analyze, but keeps the internal layers (tokens) for callers inside Casus. */
export function analyzeWorking(input: string | RawDocument, options: AnalyzeOptions = {}): WorkingDocument {
  return (options.pipeline ?? defaultPipeline()).run(initialDocument(input, options), undefined, options.probe);
}

/**
 * How many documents the product analyses together (the pool's workers, `casus analyze`): the
 * CPU gain grows slowly past it (-16.7% at 16, -20.7% at 32) while memory grows with it.
 */
export const BATCH = 16;

/** One input of analyzeBatch: analysed, or the error that stopped it. */
export type AnalyzeResult<D> = { ok: true; doc: D } | { ok: false; error: unknown };

/**
 * Several inputs at once, each analysed exactly as analyze() would (same documents, byte for
 * byte), but stage by stage over the batch (Pipeline.runBatch), which keeps each stage's tables
 * in the CPU caches: 12-20% less CPU per article for batches of 4-32 PolNeAR articles. An input
 * that fails (unreadable, or a stage throws) gives its error; the others go on. `options` apply to
 * every input (give `published`, `uri`, `id` or `title` per input through analyze() instead).
 */
export function analyzeBatch(inputs: readonly (string | RawDocument)[], options: AnalyzeOptions = {}): AnalyzeResult<Document>[] {
  return analyzeWorkingBatch(inputs, options).map((r) => (r.ok ? { ok: true, doc: toPublicDocument(r.doc) } : r));
}

/** Like analyzeBatch, keeping the internal layers. */
export function analyzeWorkingBatch(inputs: readonly (string | RawDocument)[], options: AnalyzeOptions = {}): AnalyzeResult<WorkingDocument>[] {
  const out = new Array<AnalyzeResult<WorkingDocument>>(inputs.length);
  const docs: WorkingDocument[] = [];
  const at: number[] = [];
  inputs.forEach((input, k) => {
    try {
      docs.push(initialDocument(input, options));
      at.push(k);
    } catch (error) {
      out[k] = { ok: false, error };
    }
  });
  const results = (options.pipeline ?? defaultPipeline()).runBatch(docs, undefined, options.probe);
  results.forEach((r, j) => { out[at[j]!] = r; });
  return out;
}

/** A raw input as the document the first stage reads. */
function initialDocument(input: string | RawDocument, options: AnalyzeOptions): WorkingDocument {
  const raw = typeof input === 'string' ? toRaw(input, options) : input;
  const metadata = {
    ...raw.metadata,
    ...(options.published ? { published: options.published } : {}),
    ...(options.title ? { title: options.title } : {}),
  };
  const doc: WorkingDocument = {
    format: FORMAT,
    id: contentId(raw.text),
    source: raw.source,
    text: raw.text,
    language: null,
    title: null,
    published: null,
    metadata,
    regions: raw.knownRegions,
    body: [],
    sentences: [],
    entities: [],
    times: [],
    quotes: [],
    places: [],
    events: [],
    flags: [],
    issues: raw.warnings.map((w) => ({ code: w.code, message: w.message, span: null })),
  };
  return doc;
}

/** A string as a raw document: HTML through the HTML reader, anything else as plain text. */
export function toRaw(input: string, options: AnalyzeOptions): RawDocument {
  const format = options.format ?? (sniffFormat(input) === 'html' ? 'html' : 'text');
  const source = { format, ...(options.uri ? { uri: options.uri } : {}), ...(options.id ? { id: options.id } : {}) };
  if (format === 'html') return readHtml(input, source);
  return { source, text: input, metadata: {}, knownRegions: [], warnings: [] };
}
