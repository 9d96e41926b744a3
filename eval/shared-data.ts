/** Where the evaluation data lives (../shared/data, never copied into the repo), and a clear skip when it is absent. */
import { existsSync } from 'node:fs';
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
