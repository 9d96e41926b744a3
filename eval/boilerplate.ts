/**
 * Main-text extraction on trafilatura-eval (990 pages): for each page, every "with" segment found
 * in our extracted text is a true positive (else a false negative), every "without" segment found
 * is a false positive (else a true negative); segment-level precision, recall, F and accuracy, as
 * trafilatura's own benchmark computes them (whitespace collapsed on both sides).
 * Extracted text = the body and heading regions, in reading order (trafilatura's benchmark counts
 * the main text with its headings, without the title or comments). Only the reader and the clean
 * stage run: the later stages do not change regions, and pages/s then measures extraction.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyzeWorking } from '../src/analyze.js';
import { readBytes } from '../src/ingest/read-inputs.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import { clean } from '../src/stages/clean/index.js';
import { dataSet, fmt, limitOption, prf, trafilaturaItems, trafilaturaPagePath } from './shared-data.js';

interface Item { file: string; with: string[]; without: string[] }

const extractionOnly = buildPipeline([clean]);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function extractedText(html: Uint8Array, uri: string): string {
  for (const r of readBytes(html, uri, 'html', { maxBytes: 50 * 1024 * 1024 })) {
    if (!r.ok) return '';
    const doc = analyzeWorking(r.doc, { pipeline: extractionOnly });
    return squash(doc.regions.filter((g) => g.kind === 'body' || g.kind === 'heading').map((g) => doc.text.slice(g.start, g.end)).join(' '));
  }
  return '';
}

export async function run(args: string[]): Promise<void> {
  const dir = dataSet('trafilatura-eval');
  if (!dir) return;
  const items = trafilaturaItems<Item>(dir);
  const limit = limitOption(args);
  const verbose = args.includes('--verbose');
  let tp = 0, fp = 0, fn = 0, tn = 0, pages = 0, failed = 0;
  const started = performance.now();
  for (const [url, item] of Object.entries(items)) {
    if (pages >= limit) break;
    const path = trafilaturaPagePath(dir, item.file);
    if (!path) continue;
    pages++;
    let text = '';
    try {
      text = extractedText(gunzipSync(readFileSync(path)), url);
    } catch (e) {
      failed++;
      if (verbose) console.error(`${item.file}: ${(e as Error).message}`);
    }
    const missed: string[] = [], kept: string[] = [];
    for (const seg of item.with) if (text.includes(squash(seg))) tp++; else { fn++; missed.push(seg); }
    for (const seg of item.without) if (text.includes(squash(seg))) { fp++; kept.push(seg); } else tn++;
    if (verbose && (missed.length || kept.length)) {
      console.log(`${item.file}: ${missed.length} missed, ${kept.length} boilerplate kept`);
      for (const seg of missed) console.log(`  missed: ${squash(seg).slice(0, 100)}`);
      for (const seg of kept) console.log(`  kept:   ${squash(seg).slice(0, 100)}`);
    }
  }
  const { p, r, f } = prf(tp, fp, fn);
  const seconds = (performance.now() - started) / 1000;
  console.log('boilerplate · trafilatura-eval (segment level)');
  console.log(`pages ${pages} (failed ${failed})  with-segments ${tp + fn}  without-segments ${fp + tn}`);
  console.log(`precision ${fmt(p)}  recall ${fmt(r)}  F ${fmt(f)}  accuracy ${fmt((tp + tn) / (tp + fp + fn + tn))}`);
  console.log(`${(pages / seconds).toFixed(1)} pages/s`);
}
