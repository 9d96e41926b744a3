/** `casus actors [--type PERSON]`: the entities and actors across stored documents. */
import { parseArgs } from 'node:util';
import { EntityTypes } from '../../core/document.js';
import { formatRows } from '../../corpus/format-rows.js';
import type { ActorRow } from '../../storage/store.js';
import { ExitCodes } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { COMMON_HELP, commonOptions, openForQuery, positiveInt, rowFormat } from './store-args.js';

export const actorsHelp = `Usage: casus actors [options]

Entities across the stored documents, merged by CAMEO actor code (else by name), with the number
of documents that mention them and of events they take part in (copies counted once).

Options:
  --type TYPE            only this entity type (${EntityTypes.join(', ')})
${COMMON_HELP}
`;

export async function runActors(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...commonOptions, type: { type: 'string' } } });
  } catch (e) {
    io.error(`casus actors: ${(e as Error).message}\n${actorsHelp}`);
    return ExitCodes.usage;
  }
  const v = parsed.values;
  if (v.help) { io.write(actorsHelp); return ExitCodes.ok; }
  if (v.type && !(EntityTypes as readonly string[]).includes(v.type)) { io.error(`casus actors: --type must be one of ${EntityTypes.join(', ')}`); return ExitCodes.usage; }
  const format = rowFormat(v.format, io, 'actors');
  const limit = positiveInt(v.limit, io, 'actors', '--limit');
  if (!format || limit === null) return ExitCodes.usage;
  const store = openForQuery(v.db, io, 'actors');
  if (!store) return ExitCodes.usage;
  try {
    const rows = await store.actors({ ...(limit ? { limit } : {}), ...(v.type ? { type: v.type } : {}) });
    io.write(formatRows<ActorRow>(rows, [
      { header: 'code', value: (r) => r.code },
      { header: 'name', value: (r) => r.name, max: 40 },
      { header: 'type', value: (r) => r.type },
      { header: 'documents', value: (r) => r.documents },
      { header: 'mentions', value: (r) => r.mentions },
      { header: 'as_source', value: (r) => r.asSource },
      { header: 'as_target', value: (r) => r.asTarget },
    ], format));
  } finally {
    await store.close();
  }
  return ExitCodes.ok;
}
