/** Where the evaluation data lives (../shared/data, never copied into the repo), and a clear skip when it is absent. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = process.env['CASUS_DATA'] ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));

/** The path of a data set, or null after printing why the evaluation is skipped. */
export function dataSet(name: string): string | null {
  const path = `${DATA_DIR.replace(/\/$/, '')}/${name}`;
  if (!existsSync(path)) {
    console.log(`skipped: ${path} is absent (set CASUS_DATA to the folder holding the shared data sets)`);
    return null;
  }
  return path;
}

/** Precision, recall and F1 from counts; 0 where undefined. */
export function prf(tp: number, fp: number, fn: number): { p: number; r: number; f: number } {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

export const fmt = (x: number) => x.toFixed(3);

/** trafilatura-eval's gold items (evaldata.json), keyed by page URL. */
export function trafilaturaItems<T extends { file: string }>(dir: string): Record<string, T> {
  return JSON.parse(readFileSync(`${dir}/evaldata.json`, 'utf8')) as Record<string, T>;
}

/** A trafilatura-eval page's gzipped HTML (html/cache first, then html/eval), or null when absent. */
export function trafilaturaPagePath(dir: string, file: string): string | null {
  return [`${dir}/html/cache/${file}.gz`, `${dir}/html/eval/${file}.gz`].find(existsSync) ?? null;
}

/** The --limit=N option of an evaluation, or Infinity. */
export function limitOption(args: readonly string[]): number {
  return Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);
}
