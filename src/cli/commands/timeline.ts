/** `casus timeline --actor RUS [--from D] [--to D]`: an actor's events as a calendar. */
import { parseArgs } from 'node:util';
import { formatRows } from '../../corpus/format-rows.js';
import { formatTimeline, timelineDays } from '../../corpus/timeline.js';
import type { TimelineDay } from '../../corpus/timeline.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { badDate, COMMON_HELP, commonOptions, openForQuery, positiveInt, rowFormat } from './store-args.js';

export const timelineHelp = `Usage: casus timeline --actor CODE [options]

An actor's events (as source or target) day by day: month calendars with the number of events
per day, then each day's events. json/csv give one row per day.

Options:
  --actor CODE           CAMEO actor code prefix (required)
  --from DATE, --to DATE event dates (YYYY-MM-DD, inclusive)
${COMMON_HELP}
`;

export async function runTimeline(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...commonOptions, actor: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  } catch (e) {
    io.error(`casus timeline: ${(e as Error).message}\n${timelineHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(timelineHelp); return ExitCodes.ok; }
  if (!v.actor) { io.error(`casus timeline: --actor is required\n${timelineHelp}`); return ExitCodes.usage; }
  const format = rowFormat(v.format, io, 'timeline');
  const limit = positiveInt(v.limit, io, 'timeline', '--limit');
  if (!format || limit === null) return ExitCodes.usage;
  if (badDate(v.from) || badDate(v.to)) { io.error('casus timeline: --from and --to must be dates as YYYY-MM-DD'); return ExitCodes.usage; }
  const store = openForQuery(v.db, io, 'timeline');
  if (!store) return ExitCodes.usage;
  try {
    const clusters = await store.events({ actor: v.actor, eitherSide: true, ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}) });
    let days = timelineDays(clusters);
    if (limit) days = days.slice(0, limit);
    if (format === 'table') io.write(formatTimeline(days));
    else io.write(formatRows<TimelineDay>(days, [
      { header: 'date', value: (d) => d.date },
      { header: 'events', value: (d) => d.events.length },
      { header: 'goldstein_sum', value: (d) => d.goldsteinSum },
      { header: 'clusters', value: (d) => d.events.map((e) => e.id).join(' ') },
    ], format, (d) => ({ date: d.date, goldsteinSum: d.goldsteinSum, events: d.events.map(({ sources: _s, ...rest }) => rest) })));
  } finally {
    await store.close();
  }
  return ExitCodes.ok;
}
