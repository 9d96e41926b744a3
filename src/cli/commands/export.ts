/**
 * `casus export events|ics|geojson|jsonl [--out FILE]`: the stored events (clusters, copies
 * counted once) as GDELT-2.0-style CSV, JSON Lines, an iCalendar file or GeoJSON.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eventsCsv, eventsGeoJson, eventsIcs, eventsJsonl } from '../../corpus/exports.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { badDate, DEFAULT_DB, openForQuery } from './store-args.js';

export const exportHelp = `Usage: casus export KIND [options]

KIND:
  csv       events, one row per event, the 61 GDELT 2.0 event columns (header first)
  jsonl     events as JSON Lines, each with its reports
  ics       an iCalendar file: one all-day VEVENT per event with its evidence and sources
  geojson   located events as Points, plus the places layer (name, country, lat, lon, geonameId, mentions)

Options:
  --out FILE             write to FILE instead of standard output
  --actor CODE, --target CODE, --from DATE, --to DATE, --root NN   as for casus events
  --db FILE              the store (default ${DEFAULT_DB})
  -h, --help             this help
`;

export async function runExport(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: {
      db: { type: 'string' }, out: { type: 'string' }, actor: { type: 'string' }, target: { type: 'string' }, from: { type: 'string' },
      to: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.error(`casus export: ${(e as Error).message}\n${exportHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(exportHelp); return ExitCodes.ok; }
  const kind = parsed.positionals[0];
  if (!kind || !['csv', 'events', 'jsonl', 'ics', 'geojson'].includes(kind) || parsed.positionals.length > 1) {
    io.error(`casus export: give one of csv, jsonl, ics, geojson\n${exportHelp}`);
    return ExitCodes.usage;
  }
  if (badDate(v.from) || badDate(v.to)) { io.error('casus export: --from and --to must be dates as YYYY-MM-DD'); return ExitCodes.usage; }
  const store = openForQuery(v.db, io, 'export');
  if (!store) return ExitCodes.usage;
  let text: string;
  try {
    const clusters = await store.events({ ...(v.actor ? { actor: v.actor } : {}), ...(v.target ? { target: v.target } : {}),
      ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), ...(v.root ? { root: v.root } : {}) });
    text = kind === 'ics' ? eventsIcs(clusters)
      : kind === 'geojson' ? eventsGeoJson(clusters, await store.places())
      : kind === 'jsonl' ? eventsJsonl(clusters)
      : eventsCsv(clusters);
  } finally {
    await store.close();
  }
  if (v.out) writeFileSync(v.out, text);
  else io.write(text);
  return ExitCodes.ok;
}
