/**
 * `npx tsx bench/ingest.ts`: how `casus ingest` scales with worker threads. For --jobs 1 and 2, over
 * the same files into a fresh store, with the pool started and warmed up first (start-up excluded):
 * wall docs/s, and CPU ms per document of the committing (main) thread, of each worker thread, and
 * of the rest of the process (V8's GC/JIT helper threads, libuv's file reads).
 * Texts: the PolNeAR train texts when ../shared/data is present, else a generated mixed corpus.
 * Options: --docs=N (default every text), --jobs=N (largest pool, default 2), --rounds=N (runs per
 * pool size, default 1; the lines show each run). CPU time is the figure to compare on a shared machine.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
  let what: string;
  if (polnear) {
    const files = readdirSync(polnear).filter((f) => f.endsWith('.txt')).sort().slice(0, opt('docs', Infinity));
    for (const f of files) writeFileSync(join(dir, f), readFileSync(join(polnear, f)));
    what = `${files.length} PolNeAR train articles`;
  } else {
    const n = opt('docs', 500);
    writeMixedCorpus(dir, { text: Math.round(n * 0.6), html: Math.round(n * 0.2), jsonl: Math.round(n * 0.15), copies: Math.round(n * 0.05) });
    what = `${n} generated mixed documents`;
  }
  console.log(`casus ingest · ${what}, a fresh SQLite store per run, worker start-up excluded`);
  console.log(`  ${'jobs'.padEnd(5)} ${pad('docs/s wall', 12)} ${pad('main CPU ms/doc', 16)} ${pad('each worker CPU ms/doc', 24)} ${pad('workers ms/doc', 15)} ${pad('rest ms/doc', 12)} ${pad('load avg', 12)} ${pad('stored', 7)}`);
  for (let jobs = 1; jobs <= opt('jobs', 2); jobs++) {
    const pool = new AnalyzePool(jobs);
    // Every worker loads its resources on its first document: not part of the steady rate.
    const warm = 'Warm-up\n\nThe ministers met in Geneva on Tuesday and said the talks would go on.';
    await Promise.all(Array.from({ length: jobs * 2 }, () => pool.analyze({ source: { format: 'text' }, text: warm, metadata: {}, knownRegions: [], warnings: [] })));
    for (let round = 0; round < opt('rounds', 1); round++) {
      const store = openSqliteStore(join(work, `ingest-${jobs}-${round}.db`));
      const load0 = load();
      const w0 = await pool.threadCpu();
      const p0 = cpuMs();
      const m0 = threadCpuMs();
      const t = performance.now();
      const s = await ingest([dir], store, { pool });
      const wall = (performance.now() - t) / 1000;
      const m1 = threadCpuMs();
      const p1 = cpuMs();
      const w1 = await pool.threadCpu();
      await store.close();
      const n = s.documents;
      const main = m0 !== null && m1 !== null ? m1 - m0 : NaN;
      const each = w1.map((v, i) => (v !== null && w0[i] != null ? v - w0[i]! : NaN));
      const workers = each.reduce((a, b) => a + b, 0);
      console.log(`  ${String(jobs).padEnd(5)} ${pad(fmt(n / wall), 12)} ${pad(fmt(main / n, 2), 16)} ${pad(each.map((c) => fmt(c / n, 2)).join(' + '), 24)} ${pad(fmt(workers / n, 2), 15)} ${pad(fmt((p1 - p0 - main - workers) / n, 2), 12)} ${pad(`${load0}→${load()}`, 12)} ${pad(s.stored, 7)}`);
    }
    await pool.close();
  }
  console.log('  (each worker: its CPU over all documents, so the workers sum to the analysis cost per document; rest: the GC/JIT helper threads and libuv)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
