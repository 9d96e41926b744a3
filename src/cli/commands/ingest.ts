/**
 * `casus ingest SOURCE… [--db casus.db] [--jobs N]`: reads, analyses (on worker threads) and
 * stores documents exactly once; a progress bar on a terminal, a summary at the end.
 */
import { parseArgs } from 'node:util';
import { ingest } from '../../corpus/ingest.js';
import type { IngestSummary } from '../../corpus/ingest.js';
import { defaultJobs } from '../../corpus/analyze-pool.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { badDate, DEFAULT_DB, positiveInt, progressLine } from './store-args.js';

export const ingestHelp = `Usage: casus ingest SOURCE… [options]

Store analysed articles in a local database, each exactly once (keyed by content): files,
directories (recursive), JSON Lines, RSS/Atom feeds, WARC/WARC.gz archives, http(s) URLs of pages
or feeds, and text files listing URLs (one per line). Re-running skips what is stored; an
interrupted run is finished by running it again.

Options:
  --db FILE              the store (default ${DEFAULT_DB}; created when absent)
  --jobs N               analysis threads (default: one per core, here ${defaultJobs()})
  --published DATE       reference date (YYYY-MM-DD) for documents without their own
  --max-bytes N          largest input accepted, in bytes (default 20971520)
  --allow-private        fetch URLs on private networks (loopback, 10/8, 192.168/16…)
  --timeout MS           per-URL deadline in milliseconds (default 15000)
  --format table|json    the summary (default table)
  -h, --help             this help
`;

export async function runIngest(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        db: { type: 'string' }, jobs: { type: 'string' }, published: { type: 'string' }, 'max-bytes': { type: 'string' },
        'allow-private': { type: 'boolean' }, timeout: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.error(`casus ingest: ${(e as Error).message}\n${ingestHelp}`);
    return ExitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.write(ingestHelp);
    return ExitCodes.ok;
  }
  if (positionals.length === 0) {
    io.error(`casus ingest: no source given\n${ingestHelp}`);
    return ExitCodes.usage;
  }
  const jobs = positiveInt(values.jobs, io, 'ingest', '--jobs');
  const maxBytes = positiveInt(values['max-bytes'], io, 'ingest', '--max-bytes');
  const timeout = positiveInt(values.timeout, io, 'ingest', '--timeout');
  if (jobs === null || maxBytes === null || timeout === null) return ExitCodes.usage;
  if (badDate(values.published)) {
    io.error(`casus ingest: --published must be a date as YYYY-MM-DD, not "${values.published}"`);
    return ExitCodes.usage;
  }
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    io.error(`casus ingest: --format must be table or json, not "${format}"`);
    return ExitCodes.usage;
  }

  const store = openSqliteStore(values.db ?? DEFAULT_DB);
  const controller = new AbortController();
  // Ctrl-C: stop reading, commit what is analysed, print the summary; a second Ctrl-C kills.
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.error('\ncasus ingest: interrupted, finishing the documents in progress (Ctrl-C again to stop now)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let lastDraw = 0;
  let summary: IngestSummary;
  try {
    summary = await ingest(positionals, store, {
      ...(jobs !== undefined ? { jobs } : {}),
      ...(values.published ? { published: values.published } : {}),
      ...(maxBytes ? { maxBytes } : {}),
      fetch: { allowPrivate: Boolean(values['allow-private']), ...(timeout ? { timeoutMs: timeout } : {}) },
      signal: controller.signal,
      ...(io.stdin ? { stdin: io.stdin } : {}),
      ...(io.stderrIsTty ? {
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastDraw < 100 && p.inputsDone < p.inputsTotal) return;
          lastDraw = now;
          // Redrawn in place: raw stderr, since io.error ends every line.
          process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
        },
      } : {}),
    });
  } finally {
    process.off('SIGINT', onSigint);
    await store.close();
  }
  if (io.stderrIsTty) process.stderr.write('\n');
  for (const f of summary.failures) io.error(`casus: ${f.uri}${f.line ? `:${f.line}` : ''}: ${f.message} [${f.code}]`);
  if (format === 'json') io.write(JSON.stringify({ ...summary, failures: summary.failures }) + '\n');
  else io.write(formatSummary(summary, values.db ?? DEFAULT_DB));
  if (summary.interrupted) return ExitCodes.someInputsFailed;
  return summary.failed > 0 ? ExitCodes.someInputsFailed : ExitCodes.ok;
}

export function formatSummary(s: IngestSummary, db: string): string {
  const secs = s.elapsedMs / 1000;
  const rate = secs > 0 ? (s.documents / secs).toFixed(1) : '-';
  const byCode = new Map<string, number>();
  for (const f of s.failures) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  return [
    `${s.interrupted ? 'Interrupted' : 'Ingested'} into ${db} in ${secs.toFixed(1)} s (${rate} docs/s, ${s.jobs} job${s.jobs === 1 ? '' : 's'}):`,
    `  documents read     ${s.documents}`,
    `  stored             ${s.stored}`,
    `    near-duplicates  ${s.duplicates} (linked to the earliest version${s.relinked ? `; ${s.relinked} re-linked to an earlier arrival` : ''})`,
    `  already stored     ${s.skipped}`,
    `  events             ${s.events} (${s.newClusters} new event clusters)`,
    `  failed             ${s.failed}${byCode.size ? ' (' + [...byCode].map(([c, n]) => `${c} ${n}`).join(', ') + ')' : ''}`,
    '',
  ].join('\n');
}
