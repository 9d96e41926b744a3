/**
 * `npx tsx bench/ingest.ts`: how `casus ingest` scales with worker threads. For --jobs 1 and 2, over
 * the same files into a fresh store, with the pool started and warmed up first (start-up excluded):
 * wall docs/s, and CPU ms per document of the committing (main) thread, of each worker thread, and
 * of the rest of the process (V8's GC/JIT helper threads, libuv's file reads); how busy the main
 * thread and each worker were (event-loop utilisation: the rest of the wall time they waited);
 * and the rate the CPU times allow on free cores (all threads' CPU over the cores, and no thread
 * faster than its own CPU per document).
 * Texts: the PolNeAR train texts when ../shared/data is present, else a generated mixed corpus;
 * with --html, the web pages of trafilatura-eval (real HTML, read on the analysis threads).
 * Options: --html, --docs=N (default every text), --jobs=N (largest pool, default 2), --rounds=N (runs per
 * pool size on the same pool, default 2: the first includes each worker's JIT warm-up, V8 compiling
 * the stages' hot functions on its own isolate; the next ones show the warm rate of a long ingest).
 * CPU time is the figure to compare on a shared machine.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { AnalyzePool } from '../src/corpus/analyze-pool.js';
import { ingest } from '../src/corpus/ingest.js';
import { threadCpuMs } from '../src/corpus/thread-cpu.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import { dataSet } from '../eval/shared-data.js';
import { writeMixedCorpus } from '../test/helpers/mixed-corpus.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const fmt = (n: number, d = 1) => n.toFixed(d);
const pad = (s: string | number, n: number) => String(s).padStart(n);
const load = () => fmt(loadavg()[0]!, 2);

const work = mkdtempSync(join(tmpdir(), 'casus-bench-ingest-'));
try {
  const dir = join(work, 'texts');
  mkdirSync(dir);
  const polnear = dataSet('polnear/train/text');
  const pages = args.includes('--html') ? dataSet('trafilatura-eval/html/eval') : null;
  let what: string;
  if (pages) {
    const files = readdirSync(pages).filter((f) => f.endsWith('.html.gz')).sort().slice(0, opt('docs', Infinity));
    for (const f of files) writeFileSync(join(dir, f.replace(/\.gz$/, '')), gunzipSync(readFileSync(join(pages, f))));
    what = `${files.length} trafilatura-eval web pages`;
  } else if (polnear) {
    const files = readdirSync(polnear).filter((f) => f.endsWith('.txt')).sort().slice(0, opt('docs', Infinity));
    for (const f of files) writeFileSync(join(dir, f), readFileSync(join(polnear, f)));
    what = `${files.length} PolNeAR train articles`;
  } else {
    const n = opt('docs', 500);
    writeMixedCorpus(dir, { text: Math.round(n * 0.6), html: Math.round(n * 0.2), jsonl: Math.round(n * 0.15), copies: Math.round(n * 0.05) });
    what = `${n} generated mixed documents`;
  }
  const cores = availableParallelism();
  console.log(`casus ingest · ${what}, a fresh SQLite store per run, worker start-up excluded`);
  console.log(`  ${'jobs'.padEnd(4)} ${pad('round', 5)} ${pad('docs/s wall', 11)} ${pad(`on ${cores} free cores`, 16)} ${pad('main CPU ms/doc', 15)} ${pad('busy', 5)} ${pad('each worker CPU ms/doc', 22)} ${pad('busy', 9)} ${pad('rest ms/doc', 11)} ${pad('load avg', 11)} ${pad('stored', 6)}`);
  const rates: number[][] = [];
  for (let jobs = 1; jobs <= opt('jobs', 2); jobs++) {
    const pool = new AnalyzePool(jobs);
    // Every worker loads its resources on its first document: not part of the steady rate.
    const warm = 'Warm-up\n\nThe ministers met in Geneva on Tuesday and said the talks would go on.';
    await Promise.all(Array.from({ length: jobs * 2 }, () => pool.analyze({ source: { format: 'text' }, text: warm, metadata: {}, knownRegions: [], warnings: [] })));
    rates.push([]);
    for (let round = 0; round < opt('rounds', 2); round++) {
      const store = openSqliteStore(join(work, `ingest-${jobs}-${round}.db`));
      const load0 = load();
      const w0 = await pool.threadCpu();
      const u0 = pool.utilization();
      const mu0 = performance.eventLoopUtilization();
      const p0 = cpuMs();
      const m0 = threadCpuMs();
      const t = performance.now();
      const s = await ingest([dir], store, { pool });
      const wall = (performance.now() - t) / 1000;
      const m1 = threadCpuMs();
      const p1 = cpuMs();
      const mu = performance.eventLoopUtilization(mu0).utilization;
      const u = pool.utilization(u0).map((x) => x.utilization);
      const w1 = await pool.threadCpu();
      await store.close();
      const n = s.documents;
      const main = m0 !== null && m1 !== null ? m1 - m0 : NaN;
      const each = w1.map((v, i) => (v !== null && w0[i] != null ? v - w0[i]! : NaN));
      const workers = each.reduce((a, b) => a + b, 0);
      // On free cores: the process's CPU spread over them, and no thread quicker than its own CPU per document.
      const projected = (1000 * n) / Math.max((p1 - p0) / cores, main, ...each);
      rates.at(-1)!.push(n / wall, projected);
      const pct = (x: number) => `${Math.round(x * 100)}%`;
      console.log(`  ${String(jobs).padEnd(4)} ${pad(round + 1, 5)} ${pad(fmt(n / wall), 11)} ${pad(fmt(projected), 16)} ${pad(fmt(main / n, 2), 15)} ${pad(pct(mu), 5)} ${pad(each.map((c) => fmt(c / n, 2)).join(' + '), 22)} ${pad(u.map(pct).join(' '), 9)} ${pad(fmt((p1 - p0 - main - workers) / n, 2), 11)} ${pad(`${load0}→${load()}`, 11)} ${pad(s.stored, 6)}`);
    }
    await pool.close();
  }
  if (rates.length > 1) {
    const ratio = (i: number) => rates[1]!.filter((_, k) => k % 2 === i).map((r, k) => fmt(r / rates[0]![2 * k + i]!, 2)).join(' / ');
    console.log(`  1 → 2 jobs, per round: ${ratio(0)}× wall, ${ratio(1)}× on free cores`);
  }
  console.log('  (each worker: its CPU over all documents, so the workers sum to the analysis cost per document; busy: event-loop utilisation; rest: the GC/JIT helper threads and libuv)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
