/**
 * What the store commands share: the --db/--format/--limit options, opening an existing store
 * for a query (a query never creates one), date checks and the progress line of `casus ingest`.
 */
import { existsSync } from 'node:fs';
import { ROW_FORMATS } from '../../corpus/format-rows.js';
import type { RowFormat } from '../../corpus/format-rows.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import type { SqliteStore } from '../../storage/sqlite/sqlite-store.js';
import type { CliIO } from '../io.js';

export const DEFAULT_DB = 'casus.db';

export const COMMON_HELP = `  --db FILE              the store (default ${DEFAULT_DB})
  --format table|json|csv
                         table on a terminal, json when piped (default)
  --limit N              at most N rows
  -h, --help             this help`;

export const commonOptions = {
  db: { type: 'string' },
  format: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function badDate(value: string | undefined): boolean {
  return value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value)));
}

export function rowFormat(value: string | undefined, io: CliIO, cmd: string): RowFormat | null {
  const f = value ?? (io.stdoutIsTty ? 'table' : 'json');
  if (!(ROW_FORMATS as readonly string[]).includes(f)) {
    io.error(`casus ${cmd}: --format must be table, json or csv, not "${f}"`);
    return null;
  }
  return f as RowFormat;
}

export function positiveInt(value: string | undefined, io: CliIO, cmd: string, flag: string): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    io.error(`casus ${cmd}: ${flag} must be a positive whole number, not "${value}"`);
    return null;
  }
  return n;
}

export function openForQuery(db: string | undefined, io: CliIO, cmd: string): SqliteStore | null {
  const path = db ?? DEFAULT_DB;
  if (!existsSync(path)) {
    io.error(`casus ${cmd}: no store at ${path} (create one with casus ingest, or name it with --db)`);
    return null;
  }
  return openSqliteStore(path);
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One progress line: bar over inputs, documents, rate and ETA (from the inputs' pace). */
export function progressLine(p: { inputsDone: number; inputsTotal: number; documents: number; stored: number; failed: number; elapsedMs: number }, width = 24): string {
  const frac = p.inputsTotal ? p.inputsDone / p.inputsTotal : 0;
  const filled = Math.round(frac * width);
  const rate = p.elapsedMs > 0 ? p.documents / (p.elapsedMs / 1000) : 0;
  const eta = p.inputsDone > 0 && p.inputsDone < p.inputsTotal ? clock((p.elapsedMs / p.inputsDone) * (p.inputsTotal - p.inputsDone)) : '--:--';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.inputsDone}/${p.inputsTotal} inputs  ${p.documents} docs  ${rate.toFixed(1)} docs/s  ETA ${eta}  stored ${p.stored}  failed ${p.failed}`;
}
