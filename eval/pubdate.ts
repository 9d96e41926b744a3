/**
 * Publication dates on trafilatura-eval: the pages whose gold record carries a `date`. Each page
 * is read as HTML with its URL (as a crawler would have it) and analysed; a page counts as right
 * when `published.value` is the gold day. Prints day-level accuracy, plus precision and recall
 * over the pages where Casus gave a date, and where the right answers came from.
 * Options: --limit=N, --verbose (print each miss).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyze } from '../src/analyze.js';
import { readBytes } from '../src/ingest/read-inputs.js';
import { dataSet, fmt, limitOption, prf, trafilaturaItems, trafilaturaPagePath } from './shared-data.js';

interface Item { file: string; date?: string }

export async function run(args: string[]): Promise<void> {
  const dir = dataSet('trafilatura-eval');
  if (!dir) return;
  const items = trafilaturaItems<Item>(dir);
  const limit = limitOption(args);
  const verbose = args.includes('--verbose');
  let pages = 0, right = 0, wrong = 0, none = 0, failed = 0, unread = 0;
  const sources = new Map<string, number>();
  const wrongBy = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let offByOne = 0;
  const started = performance.now();
  for (const [url, item] of Object.entries(items)) {
    if (!item.date) continue;
    if (pages >= limit) break;
    const path = trafilaturaPagePath(dir, item.file);
    if (!path) continue;
    pages++;
    const gold = item.date.slice(0, 10);
    let got: { value: string; evidence: string } | null = null;
    try {
      for (const r of readBytes(gunzipSync(readFileSync(path)), url, 'html', { maxBytes: 50 * 1024 * 1024 })) {
        if (r.ok) got = analyze(r.doc).published;
        else { unread++; if (verbose) console.log(`UNREAD ${item.file}: ${r.failure.code}`); }
      }
    } catch (e) {
      failed++;
      if (verbose) console.error(`${item.file}: ${(e as Error).message}`);
    }
    if (!got) { none++; if (verbose) console.log(`NONE ${item.file} gold=${gold}`); continue; }
    const source = got.evidence.replace(/:.*$/, '').replace(/^meta .*/, 'meta').replace(/^JSON-LD .*/, 'JSON-LD');
    if (got.value === gold) { right++; sources.set(source, (sources.get(source) ?? 0) + 1); }
    else {
      wrong++;
      bump(wrongBy, source);
      if (/^\d{4}-\d\d-\d\d$/.test(gold) && Math.abs(Date.parse(got.value) - Date.parse(gold)) === 86_400_000) offByOne++;
      if (verbose) console.log(`WRONG ${item.file} gold=${gold} got=${got.value} (${got.evidence})`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const { p, r, f } = prf(right, wrong, wrong + none);
  console.log('pubdate · trafilatura-eval pages with a gold date (day level)');
  console.log(`pages ${pages} (crashed ${failed}, unreadable by the HTML reader ${unread})  right ${right}  wrong ${wrong}  no date ${none}`);
  console.log(`accuracy ${fmt(pages ? right / pages : 0)}  precision ${fmt(p)}  recall ${fmt(r)}  F ${fmt(f)}`);
  const list = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`right answers by source: ${list(sources)}`);
  console.log(`errors: no date ${none}; wrong ${wrong} (${offByOne} one day off), by source: ${list(wrongBy)}`);
  console.log(`${(pages / seconds).toFixed(1)} pages/s`);
}
