/**
 * `casus events [--actor RUS] [--target USA] [--from D] [--to D] [--root 13]`: events (clusters of
 * reports, copies counted once) from the store, as a table, JSON or CSV.
 */
import { parseArgs } from 'node:util';
import { formatRows } from '../../corpus/format-rows.js';
import type { Column } from '../../corpus/format-rows.js';
import type { EventCluster } from '../../storage/store.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { badDate, COMMON_HELP, commonOptions, openForQuery, positiveInt, rowFormat } from './store-args.js';

export const eventsHelp = `Usage: casus events [options]

Events in the store: each row is one event (a cluster of reports with the same dyad, compatible
CAMEO code, overlapping dates and similar evidence); near-duplicate articles count once.

Options:
  --actor CODE           source actor (CAMEO code prefix: RUS matches RUSGOV)
  --target CODE          target actor (code prefix)
  --either               match --actor on either side of the dyad
  --from DATE, --to DATE event dates (YYYY-MM-DD, inclusive)
  --root NN              CAMEO root code (e.g. 13 for threats)
  --code CODE            CAMEO code prefix
${COMMON_HELP}
`;

export const EVENT_COLUMNS: Column<EventCluster>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'date', value: (c) => (c.dateStart === c.dateEnd ? c.dateStart : `${c.dateStart}..${c.dateEnd}`) },
  { header: 'source', value: (c) => c.sourceCode },
  { header: 'target', value: (c) => c.targetCode },
  { header: 'code', value: (c) => c.code },
  { header: 'label', value: (c) => c.label, max: 30 },
  { header: 'goldstein', value: (c) => c.goldstein },
  { header: 'reports', value: (c) => c.reports },
  { header: 'evidence', value: (c) => c.evidence, max: 70 },
];

export async function runEvents(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...commonOptions, actor: { type: 'string' }, target: { type: 'string' }, either: { type: 'boolean' },
      from: { type: 'string' }, to: { type: 'string' }, root: { type: 'string' }, code: { type: 'string' } } });
  } catch (e) {
    io.error(`casus events: ${(e as Error).message}\n${eventsHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(eventsHelp); return ExitCodes.ok; }
  const format = rowFormat(v.format, io, 'events');
  const limit = positiveInt(v.limit, io, 'events', '--limit');
  if (!format || limit === null) return ExitCodes.usage;
  for (const [flag, val] of [['--from', v.from], ['--to', v.to]] as const) {
    if (badDate(val)) { io.error(`casus events: ${flag} must be a date as YYYY-MM-DD, not "${val}"`); return ExitCodes.usage; }
  }
  if (v.root !== undefined && !/^\d{2}$/.test(v.root)) { io.error(`casus events: --root must be a two-digit CAMEO root code, not "${v.root}"`); return ExitCodes.usage; }
  const store = openForQuery(v.db, io, 'events');
  if (!store) return ExitCodes.usage;
  try {
    const rows = await store.events({
      ...(v.actor ? { actor: v.actor } : {}), ...(v.target ? { target: v.target } : {}), ...(v.either ? { eitherSide: true } : {}),
      ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), ...(v.root ? { root: v.root } : {}), ...(v.code ? { code: v.code } : {}),
      ...(limit ? { limit } : {}),
    });
    io.write(formatRows(rows, EVENT_COLUMNS, format));
  } finally {
    await store.close();
  }
  return ExitCodes.ok;
}
