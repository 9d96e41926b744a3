/**
 * `casus analyze INPUT… [--format json|report] [--published YYYY-MM-DD]`: reads every input,
 * analyses each document and writes one result per document, in input order. Bad inputs get one
 * clear line on stderr and an error record; the batch goes on; the exit code says if any failed.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze } from '../../analyze.js';
import { FORMAT } from '../../core/document.js';
import type { ErrorRecord } from '../../core/document.js';
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
  if (positionals.length === 0) {
    io.error(`casus analyze: no input given\n${analyzeHelp}`);
    return ExitCodes.usage;
  }

  const style = styleFor(io.stdoutIsTty);
  let ok = 0;
  let failed = 0;
  for await (const result of readInputs(positionals, { ...(maxBytes ? { maxBytes } : {}), ...(io.stdin ? { stdin: io.stdin } : {}) })) {
    if (!result.ok) {
      failed++;
      const { failure } = result;
      const record: ErrorRecord = { format: FORMAT, error: { code: failure.code, message: failure.message }, source: failure.source };
      io.error(`casus: ${where(failure.source)}: ${failure.message} [${failure.code}]`);
      if (format === 'json') io.write(jsonLine(record));
      continue;
    }
    try {
      const doc = analyze(result.doc, values.published ? { published: values.published } : {});
      for (const w of result.doc.warnings) io.error(`casus: ${where(result.doc.source)}: warning: ${w.message} [${w.code}]`);
      io.write(format === 'json' ? jsonLine(doc) : formatReport(doc, style));
      ok++;
    } catch (e) {
      // A bug in a stage must not cost the rest of the batch: report it against this input.
      failed++;
      const record: ErrorRecord = { format: FORMAT, error: { code: 'E_INTERNAL', message: (e as Error).message }, source: result.doc.source };
      io.error(`casus: ${where(result.doc.source)}: internal error while analysing: ${(e as Error).stack ?? e}`);
      if (format === 'json') io.write(jsonLine(record));
      else io.write(formatErrorReport(record, style));
    }
  }
  if (failed > 0 || ok + failed > 1) io.error(`casus analyze: ${ok} analysed, ${failed} failed`);
  return failed > 0 ? ExitCodes.someInputsFailed : ExitCodes.ok;
}

/** An input's name as a user typed it: a path for files, with the JSON Lines line number. */
function where(source: { uri?: string; line?: number }): string {
  const uri = source.uri ?? '?';
  const name = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  return source.line ? `${name}:${source.line}` : name;
}
