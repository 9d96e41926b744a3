/** `casus dyad RUS USA [--by week]`: the escalation series of a dyad (events, Goldstein sum and mean per period). */
import { parseArgs } from 'node:util';
import { formatRows } from '../../corpus/format-rows.js';
import type { Period, SeriesRow } from '../../storage/store.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { badDate, COMMON_HELP, commonOptions, openForQuery, rowFormat } from './store-args.js';

export const dyadHelp = `Usage: casus dyad SOURCE TARGET [options]

Events from SOURCE to TARGET per period: how many (clusters, copies counted once), the sum and
the mean of their Goldstein scores: an escalation series.

Options:
  --by day|week|month|year   the period (default week; weeks are ISO weeks)
  --both                 both directions (SOURCE→TARGET and TARGET→SOURCE)
  --from DATE, --to DATE event dates (YYYY-MM-DD, inclusive)
${COMMON_HELP}
`;

const PERIODS = ['day', 'week', 'month', 'year'];

export async function runDyad(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...commonOptions, by: { type: 'string' }, both: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' } } });
  } catch (e) {
    io.error(`casus dyad: ${(e as Error).message}\n${dyadHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(dyadHelp); return ExitCodes.ok; }
  const [a, b] = parsed.positionals;
  if (!a || !b || parsed.positionals.length > 2) { io.error(`casus dyad: give two actor codes\n${dyadHelp}`); return ExitCodes.usage; }
  const by = v.by ?? 'week';
  if (!PERIODS.includes(by)) { io.error(`casus dyad: --by must be day, week, month or year, not "${by}"`); return ExitCodes.usage; }
  const format = rowFormat(v.format, io, 'dyad');
  if (!format) return ExitCodes.usage;
  if (badDate(v.from) || badDate(v.to)) { io.error('casus dyad: --from and --to must be dates as YYYY-MM-DD'); return ExitCodes.usage; }
  const store = openForQuery(v.db, io, 'dyad');
  if (!store) return ExitCodes.usage;
  try {
    const rows = await store.series(a, b, by as Period, { ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), ...(v.both ? { bothDirections: true } : {}) });
    io.write(formatRows<SeriesRow>(rows, [
      { header: by, value: (r) => r.period },
      { header: 'events', value: (r) => r.events },
      { header: 'goldstein_sum', value: (r) => r.goldsteinSum },
      { header: 'goldstein_mean', value: (r) => r.goldsteinMean },
    ], format));
  } finally {
    await store.close();
  }
  return ExitCodes.ok;
}
