/**
 * `npm run bench:store`: (1) query latency on a generated store of 100,000 events (the CLI's
 * queries, median and worst of 5 runs); (2) ingest throughput against plain `analyze` on the same
 * files, with --jobs 1 and --jobs 2. Options: --events=N, --docs=N, --skip-ingest, --skip-queries.
 * --db=PATH keeps the generated store there (and reuses it when it exists).
 * Texts for (2): the PolNeAR train texts when ../shared/data is present, else a generated corpus.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/analyze.js';
import { ingest } from '../src/corpus/ingest.js';
import { readInputs } from '../src/ingest/read-inputs.js';
import type { RawDocument } from '../src/ingest/raw-document.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import type { SqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import { dataSet } from '../eval/shared-data.js';
import { writeMixedCorpus } from '../test/helpers/mixed-corpus.js';
import { buildStore } from './event-store.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const flag = (name: string) => args.includes(`--${name}`);
const work = mkdtempSync(join(tmpdir(), 'casus-bench-store-'));

async function time(store: SqliteStore, name: string, q: () => Promise<unknown[]>): Promise<void> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let n = 0;
  for (let k = 0; k < 5; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    n = (await q()).length;
    ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time next to wall time: on a shared machine the wall clock also measures the neighbours.
  console.log(`  ${name.padEnd(72)} ${String(n).padStart(5)} rows  wall median ${ms[2]!.toFixed(1).padStart(6)} ms, worst ${ms[4]!.toFixed(1).padStart(6)} ms  cpu median ${cpu[2]!.toFixed(1).padStart(6)} ms`);
}

async function queries(events: number): Promise<void> {
  const kept = args.find((a) => a.startsWith('--db='))?.slice(5);
  const path = kept ?? join(work, 'events.db');
  if (!kept || !existsSync(kept)) await buildStore(path, events);
  const store = openSqliteStore(path);
  console.log(`queries (5 runs each; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}):`);
  await time(store, 'events --actor RUS --target USA --from 2021-12-01 --to 2021-12-31 --root 13', () => store.events({ actor: 'RUS', target: 'USA', from: '2021-12-01', to: '2021-12-31', root: '13' }));
  await time(store, 'events --actor RUS --from 2021-12-01 --to 2021-12-31', () => store.events({ actor: 'RUS', from: '2021-12-01', to: '2021-12-31' }));
  await time(store, 'events --root 19 --limit 100', () => store.events({ root: '19', limit: 100 }));
  await time(store, 'quotes --speaker "Sergei Ryabkov" --limit 100', () => store.quotes({ speaker: 'Sergei Ryabkov', limit: 100 }));
  await time(store, 'timeline --actor RUS --from 2021-12-01 --to 2021-12-31', () => store.events({ actor: 'RUS', eitherSide: true, from: '2021-12-01', to: '2021-12-31' }));
  await time(store, 'dyad RUS USA --by week', () => store.series('RUS', 'USA', 'week'));
  await time(store, 'dyad RUS UKR --by month --both', () => store.series('RUS', 'UKR', 'month', { bothDirections: true }));
  await time(store, 'actors', () => store.actors());
  await time(store, 'search "legal guarantees"', () => store.search('legal guarantees'));
  await time(store, 'search "border"', () => store.search('border'));
  await store.close();
}

async function throughput(docs: number): Promise<void> {
  const dir = join(work, 'texts');
  mkdirSync(dir, { recursive: true });
  const polnear = dataSet('polnear/train/text');
  let what: string;
  if (polnear) {
    const files = readdirSync(polnear).filter((f) => f.endsWith('.txt')).sort().slice(0, docs);
    for (const f of files) writeFileSync(join(dir, f), readFileSync(join(polnear, f)));
    what = `${files.length} PolNeAR train articles`;
  } else {
    writeMixedCorpus(dir, { text: Math.round(docs * 0.6), html: Math.round(docs * 0.2), jsonl: Math.round(docs * 0.15), copies: Math.round(docs * 0.05) });
    what = `${docs} generated mixed documents`;
  }
  const raws: RawDocument[] = [];
  for await (const r of readInputs([dir])) if (r.ok) raws.push(r.doc);
  analyze('Warm-up. Loads every resource once.');
  let t = performance.now();
  for (const raw of raws) analyze(raw);
  const analyzeRate = raws.length / ((performance.now() - t) / 1000);
  console.log(`throughput · ${what} (${raws.length} documents)`);
  console.log(`  analyze, one thread, resources loaded      ${analyzeRate.toFixed(1).padStart(7)} docs/s`);
  for (const jobs of [1, 2]) {
    const path = join(work, `ingest-${jobs}.db`);
    const store = openSqliteStore(path);
    let firstAt = 0;
    let firstDocs = 0;
    t = performance.now();
    const s = await ingest([dir], store, { jobs, onProgress: (p) => { if (!firstAt && p.stored > 0) { firstAt = performance.now(); firstDocs = p.documents; } } });
    const wall = (performance.now() - t) / 1000;
    await store.close();
    const steady = (s.documents - firstDocs) / ((performance.now() - firstAt) / 1000);
    console.log(`  ingest --jobs ${jobs}: ${(s.documents / wall).toFixed(1).padStart(7)} docs/s wall (worker start-up included), ${steady.toFixed(1).padStart(7)} docs/s after the first commit; ${s.stored} stored, ${s.duplicates} near-duplicates`);
  }
}

try {
  if (!flag('skip-queries')) await queries(opt('events', 100_000));
  if (!flag('skip-ingest')) await throughput(opt('docs', 300));
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
