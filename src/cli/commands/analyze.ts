/**
 * `casus analyze INPUT… [--format json|report] [--published YYYY-MM-DD] [--jobs N]`: reads every
 * input, analyses each document (on N worker threads with --jobs) and writes one result per
 * document, in input order. Bad inputs get one clear line on stderr and an error record; the
 * batch goes on; the exit code says if any failed.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeBatch, BATCH } from '../../analyze.js';
import { FORMAT } from '../../core/document.js';
import type { Document, ErrorRecord } from '../../core/document.js';
import type { AnalyzePool } from '../../corpus/analyze-pool.js';
import type { InputFailure, RawDocument, ReadResult } from '../../ingest/raw-document.js';
import { readInputs } from '../../ingest/read-inputs.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { jsonLine } from '../writers/json-writer.js';
import { formatErrorReport, formatReport, styleFor } from '../writers/report-writer.js';

export const analyzeHelp = `Usage: casus analyze INPUT… [options]

Analyse news articles: plain text, HTML or JSON Lines files, directories (recursive), or - for stdin.

Options:
  --format json|report   json: one JSON document per line (default when piped);
                         report: a readable report (default on a terminal)
  --published DATE       reference date (YYYY-MM-DD) for every input without its own
  --max-bytes N          largest input accepted, in bytes (default 20971520)
  --jobs N               analysis threads (default 1: no thread to start for one article;
                         for many, up to one per core, here ${availableParallelism()})
  -h, --help             this help
`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runAnalyze(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        published: { type: 'string' },
        'max-bytes': { type: 'string' },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.error(`casus analyze: ${(e as Error).message}\n${analyzeHelp}`);
    return ExitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.write(analyzeHelp);
    return ExitCodes.ok;
  }
  const format = values.format ?? (io.stdoutIsTty ? 'report' : 'json');
  if (format !== 'json' && format !== 'report') {
    io.error(`casus analyze: --format must be json or report, not "${format}"`);
    return ExitCodes.usage;
  }
  if (values.published !== undefined && !DATE.test(values.published)) {
    io.error(`casus analyze: --published must be a date as YYYY-MM-DD, not "${values.published}"`);
    return ExitCodes.usage;
  }
  const maxBytes = values['max-bytes'] !== undefined ? Number(values['max-bytes']) : undefined;
  if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0)) {
    io.error(`casus analyze: --max-bytes must be a positive whole number of bytes`);
    return ExitCodes.usage;
  }
  const jobs = values.jobs !== undefined ? Number(values.jobs) : 1;
  if (!(Number.isInteger(jobs) && jobs > 0)) {
    io.error(`casus analyze: --jobs must be a positive whole number of threads`);
    return ExitCodes.usage;
  }
  if (positionals.length === 0) {
    io.error(`casus analyze: no input given\n${analyzeHelp}`);
    return ExitCodes.usage;
  }

  const style = styleFor(io.stdoutIsTty);
  const options = values.published ? { published: values.published } : {};
  let ok = 0;
  let failed = 0;
  /** Writes one input's outcome: its document, or its error record (stdout) and message (stderr). */
  const emit = (o: Outcome) => {
    if (o.ok) {
      for (const w of o.raw.warnings) io.error(`casus: ${where(o.raw.source)}: warning: ${w.message} [${w.code}]`);
      io.write(format === 'json' ? o.json() : formatReport(o.doc(), style));
      ok++;
      return;
    }
    failed++;
    io.error(o.message);
    if (format === 'json') io.write(jsonLine(o.record));
    else if (o.inReport) io.write(formatErrorReport(o.record, style));
  };
  const inputs = readInputs(positionals, { ...(maxBytes ? { maxBytes } : {}), ...(io.stdin ? { stdin: io.stdin } : {}) })[Symbol.asyncIterator]();
  if (jobs === 1) await analyzeInBatches(inputs, options, emit);
  else {
    const pool = new (await import('../../corpus/analyze-pool.js')).AnalyzePool(jobs);
    try {
      // A batch per thread in flight (and as many queued behind), written back in input order.
      const pending: Promise<Outcome>[] = [];
      for (let r = await inputs.next(); !r.done; r = await inputs.next()) {
        pending.push(r.value.ok ? analyzeOnPool(pool, r.value.doc, options) : Promise.resolve(readFailure(r.value.failure)));
        while (pending.length > 2 * jobs * BATCH) emit(await pending.shift()!);
      }
      while (pending.length) emit(await pending.shift()!);
    } finally {
      await pool.close();
    }
  }
  if (failed > 0 || ok + failed > 1) io.error(`casus analyze: ${ok} analysed, ${failed} failed`);
  return failed > 0 ? ExitCodes.someInputsFailed : ExitCodes.ok;
}

/** One input's outcome: its document (as an object or JSON, whichever is asked for), or its failure. */
type Outcome =
  | { ok: true; raw: RawDocument; doc: () => Document; json: () => string }
  | { ok: false; record: ErrorRecord; message: string; inReport: boolean };

/** An input that could not be read: its line on stderr, its error record in the JSON output. */
function readFailure(failure: InputFailure): Outcome {
  const record: ErrorRecord = { format: FORMAT, error: { code: failure.code, message: failure.message }, source: failure.source };
  return { ok: false, record, message: `casus: ${where(failure.source)}: ${failure.message} [${failure.code}]`, inReport: false };
}

/**
 * One thread: the inputs through analyzeBatch, up to BATCH at a time (the same documents as one
 * by one, for 12-20% less CPU); read failures keep their place in the output.
 */
async function analyzeInBatches(inputs: AsyncIterator<ReadResult>, options: { published?: string }, emit: (o: Outcome) => void): Promise<void> {
  const slots: (Outcome | RawDocument)[] = [];
  let documents = 0;
  const flush = () => {
    const raws = slots.filter((x): x is RawDocument => !('ok' in x));
    const results = raws.length ? analyzeBatch(raws, options) : [];
    let k = 0;
    for (const x of slots) {
      if ('ok' in x) { emit(x); continue; }
      const r = results[k++]!;
      if (r.ok) emit({ ok: true, raw: x, doc: () => r.doc, json: () => jsonLine(r.doc) });
      else emit(internalError(x, r.error instanceof Error ? r.error.stack ?? r.error.message : String(r.error)));
    }
    slots.length = 0;
    documents = 0;
  };
  for (let r = await inputs.next(); !r.done; r = await inputs.next()) {
    if (r.value.ok) { slots.push(r.value.doc); documents++; } else slots.push(readFailure(r.value.failure));
    if (documents >= BATCH) flush();
  }
  flush();
}

/**
 * A bug in a stage must not cost the rest of the batch: it is reported against this input, the
 * stack on stderr, its first line without the error's class name in the record.
 */
function internalError(raw: RawDocument, stack: string): Outcome {
  const message = stack.split('\n')[0]!.replace(/^\w*Error: /, '');
  const record: ErrorRecord = { format: FORMAT, error: { code: 'E_INTERNAL', message }, source: raw.source };
  return { ok: false, record, message: `casus: ${where(raw.source)}: internal error while analysing: ${stack}`, inReport: true };
}

async function analyzeOnPool(pool: AnalyzePool, raw: RawDocument, options: { published?: string }): Promise<Outcome> {
  const r = await pool.analyze(raw, options);
  // The worker's JSON is the line JSON output writes (jsonLine: the document's JSON and a newline).
  if (r.ok) return { ok: true, raw, doc: () => r.doc, json: () => `${r.json}\n` };
  return internalError(raw, r.message);
}

/** An input's name as a user typed it: a path for files, with the JSON Lines line number. */
function where(source: { uri?: string; line?: number }): string {
  const uri = source.uri ?? '?';
  const name = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  return source.line ? `${name}:${source.line}` : name;
}
