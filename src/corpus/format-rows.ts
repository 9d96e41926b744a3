/**
 * Output of query results as an aligned table (terminal), JSON or CSV, so every query command
 * supports `--format table|json|csv` the same way.
 */
import { csvLine } from './exports.js';

export type RowFormat = 'table' | 'json' | 'csv';
export const ROW_FORMATS: readonly RowFormat[] = ['table', 'json', 'csv'];

export interface Column<T> { header: string; value: (row: T) => unknown; max?: number }

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v).replace(/\s+/g, ' ');
}

export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => {
    const s = cell(c.value(r));
    const max = c.max ?? 60;
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd() + '\n';
  return line(columns.map((c) => c.header)) + line(widths.map((w) => '-'.repeat(w))) + cells.map(line).join('');
}

export function formatRows<T>(rows: readonly T[], columns: readonly Column<T>[], format: RowFormat, json: (row: T) => unknown = (r) => r): string {
  if (format === 'json') return JSON.stringify(rows.map(json), null, 2) + '\n';
  if (format === 'csv') return csvLine(columns.map((c) => c.header)) + rows.map((r) => csvLine(columns.map((c) => c.value(r)))).join('');
  return formatTable(rows, columns);
}
