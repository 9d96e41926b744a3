/** `casus search "legal guarantees"`: full-text search over article bodies and quotes. */
import { parseArgs } from 'node:util';
import { formatRows } from '../../corpus/format-rows.js';
import type { SearchHit } from '../../storage/store.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { COMMON_HELP, commonOptions, openForQuery, positiveInt, rowFormat } from './store-args.js';

export const searchHelp = `Usage: casus search WORDS [options]

Finds the words, as a phrase, in article bodies and quotes (SQLite FTS5, case-insensitive);
the snippet marks the match in [brackets]. Copies of an article are not listed.

Options:
${COMMON_HELP}
`;

export async function runSearch(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: commonOptions });
  } catch (e) {
    io.error(`casus search: ${(e as Error).message}\n${searchHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(searchHelp); return ExitCodes.ok; }
  const query = parsed.positionals.join(' ').trim();
  if (!query) { io.error(`casus search: no words given\n${searchHelp}`); return ExitCodes.usage; }
  const format = rowFormat(v.format, io, 'search');
  const limit = positiveInt(v.limit, io, 'search', '--limit');
  if (!format || limit === null) return ExitCodes.usage;
  const store = openForQuery(v.db, io, 'search');
  if (!store) return ExitCodes.usage;
  try {
    const rows = await store.search(query, limit ? { limit } : {});
    io.write(formatRows<SearchHit>(rows, [
      { header: 'published', value: (r) => r.published },
      { header: 'in', value: (r) => r.where },
      { header: 'title', value: (r) => r.title, max: 40 },
      { header: 'snippet', value: (r) => r.snippet, max: 100 },
      { header: 'source', value: (r) => r.uri ?? r.docId, max: 50 },
    ], format));
  } finally {
    await store.close();
  }
  return ExitCodes.ok;
}
