/** `casus quotes [--speaker NAME] [--text WORDS]`: who said what, from the stored documents. */
import { parseArgs } from 'node:util';
import { formatRows } from '../../corpus/format-rows.js';
import type { Column } from '../../corpus/format-rows.js';
import type { QuoteRow } from '../../storage/store.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { badDate, COMMON_HELP, commonOptions, openForQuery, positiveInt, rowFormat } from './store-args.js';

export const quotesHelp = `Usage: casus quotes [options]

Quotes in the store (copies of an article count once).

Options:
  --speaker NAME         the speaker's name contains these words (case-insensitive)
  --text WORDS           the quote contains these words (as a phrase)
  --from DATE, --to DATE publication dates (YYYY-MM-DD, inclusive)
${COMMON_HELP}
`;

const COLUMNS: Column<QuoteRow>[] = [
  { header: 'published', value: (q) => q.published },
  { header: 'speaker', value: (q) => q.speaker, max: 30 },
  { header: 'kind', value: (q) => q.kind },
  { header: 'quote', value: (q) => q.text, max: 90 },
  { header: 'source', value: (q) => q.uri ?? q.docId, max: 50 },
];

export async function runQuotes(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...commonOptions, speaker: { type: 'string' }, text: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  } catch (e) {
    io.error(`casus quotes: ${(e as Error).message}\n${quotesHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(quotesHelp); return ExitCodes.ok; }
  const format = rowFormat(v.format, io, 'quotes');
  const limit = positiveInt(v.limit, io, 'quotes', '--limit');
  if (!format || limit === null) return ExitCodes.usage;
  if (badDate(v.from) || badDate(v.to)) { io.error('casus quotes: --from and --to must be dates as YYYY-MM-DD'); return ExitCodes.usage; }
  const store = openForQuery(v.db, io, 'quotes');
  if (!store) return ExitCodes.usage;
  try {
    const rows = await store.quotes({ ...(v.speaker ? { speaker: v.speaker } : {}), ...(v.text ? { text: v.text } : {}),
      ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), ...(limit ? { limit } : {}) });
    io.write(formatRows(rows, COLUMNS, format));
  } finally {
    await store.close();
  }
  return ExitCodes.ok;
}
