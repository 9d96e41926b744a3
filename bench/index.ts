/**
 * `npm run bench`: speed and memory of the whole pipeline over a fixed corpus (the PolNeAR train
 * texts in ../shared/data/polnear/train/text, sorted by name). Prints, in this order:
 *   1. cold start: `casus analyze examples/article.txt` in a fresh process (dist/ when built, else tsx),
 *      and where its CPU goes (Node's start, imports, each stage's first run with its resources);
 *   2. first document: resources are loaded lazily, so the first document pays for them;
 *   3. one core: each stage timed through the pipeline runner (CPU time and wall time), the whole
 *      pipeline, tokens/s, and peak RSS;
 *   4. worker threads (the analyze pool of `casus ingest`): --jobs 1 and 2, wall time and CPU time
 *      per document per worker, speed-up, and the memory the workers add;
 *   5. `casus ingest` itself with 1 and 2 jobs: wall rate and CPU per document by thread.
 * CPU time (process.cpuUsage, and /proc/thread-self for each worker) is the figure to compare on a
 * shared machine; wall time is what a quiet machine would show.
 * Options: --limit=N (texts), --repeat=N (passes over the texts; from 2 on, the first pass and the
 * later ones are also shown apart), --jobs=N (largest pool; 0 skips step 4), --cold=N (runs
 * of step 1; 0 skips it), --dist=DIR (the compiled tree; default dist/), --one-core=0
 * (skips step 3), --batch=N (step 3 through analyzeBatch: N articles at a time, each stage over
 * all N before the next; default the product's BATCH, 16, as `casus analyze` and the pool's
 * workers run; --batch=1 one by one), --ingest=N (largest --jobs of step 5; 0 skips it), --src (steps 2-5 on the
 * sources under tsx even when the compiled tree is current; by default they run the compiled tree
 * when it was built after the last change under src/, in plain Node: see below), --plain-pages
 * (steps 2-5 without the huge pages the built command starts Node with).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadCpuMs } from '../src/corpus/thread-cpu.js';
import type { StageProbe } from '../src/pipeline/build-pipeline.js';
import { dataSet } from '../eval/shared-data.js';
import { HUGE_PAGES_TUNABLE, launcherOf, withHugePages } from '../src/cli/launcher.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The compiled tree step 1 starts (--dist=DIR compares another build, e.g. an older commit's). */
const distDir = args.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(root, 'dist');

/** The newest modification time of the files under dir (recursively). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The code steps 2-5 measure: the compiled tree when it was built after the last change under
 * src/ (the product as installed: workers read the start-up caches `npm run build` wrote, which
 * the sources under tsx never do), else the sources; --src forces them.
 */
const givenDist = args.some((a) => a.startsWith('--dist='));
// A tree given by --dist (another commit's build) is measured as it is: its age says nothing.
const built = existsSync(join(distDir, 'analyze.js')) && (givenDist || statSync(join(distDir, 'analyze.js')).mtimeMs >= newestMtime(join(root, 'src')));
const measured = built && !args.includes('--src') ? { dir: distDir, ext: '.js' } : { dir: join(root, 'src'), ext: '.ts' };

/**
 * The compiled tree is measured as the built `casus` runs it: in plain Node, and with glibc's
 * malloc on transparent huge pages where the launcher sets them (src/cli/launcher.ts; the weight
 * tables, about 36 MB, then sit on 2 MiB pages). Under tsx, whose module hooks stay installed, the
 * same compiled code took 3-12% more CPU in six alternating runs. So the bench bundles itself
 * (rolldown, into .bench/, which git ignores) and runs that again in plain Node with the
 * launcher's environment (--plain-pages keeps 4 KiB pages, to compare).
 */
const entry = join(distDir, 'cli/main.js');
if (measured.dir === distDir && !process.env.CASUS_BENCH_PLAIN) {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({ input: fileURLToPath(import.meta.url), platform: 'node', external: [/node_modules/], logLevel: 'warn' });
  const out = join(root, '.bench', 'index.mjs');
  await bundle.write({ file: out, format: 'esm' });
  await bundle.close();
  const env = { ...(args.includes('--plain-pages') ? process.env : launcherEnv()), CASUS_BENCH_PLAIN: '1' };
  const again = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit', env });
  process.exit(again.status ?? 1);
}
const pages = measured.dir !== distDir ? '' : `; plain Node${process.env.GLIBC_TUNABLES?.includes(HUGE_PAGES_TUNABLE) ? ', malloc on huge pages, as the built command runs' : ', 4 KiB pages'}`;
const load = <T>(rel: string) => import(pathToFileURL(join(measured.dir, rel + measured.ext)).href) as Promise<T>;
const analyzeModule = await load<typeof import('../src/analyze.js')>('analyze');
const { analyzeWorking, analyzeWorkingBatch } = analyzeModule;
/** The product's batch (an older compiled tree given by --dist may not have one: one by one). */
const BATCH = analyzeModule.BATCH ?? 1;
const { AnalyzePool } = await load<typeof import('../src/corpus/analyze-pool.js')>('corpus/analyze-pool');
const { ingest } = await load<typeof import('../src/corpus/ingest.js')>('corpus/ingest');
const { openSqliteStore } = await load<typeof import('../src/storage/sqlite/sqlite-store.js')>('storage/sqlite/sqlite-store');
const { defaultPipeline } = await load<typeof import('../src/pipeline/default-pipeline.js')>('pipeline/default-pipeline');

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const fmt = (n: number, d = 1) => n.toFixed(d);
const pad = (s: string | number, n: number) => String(s).padStart(n);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** CPU time (user + system) of waited-for child processes, from /proc/self/stat; null off Linux. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

function coldStart(runs: number): void {
  const built = existsSync(entry);
  // Built: the command itself, as `casus` runs it (its first lines may start Node with huge pages: src/cli/launcher.ts).
  const direct = built && process.platform !== 'win32';
  const cmd = direct ? entry : built ? process.execPath : join(root, 'node_modules/.bin/tsx');
  const argv = [...(direct ? [] : [built ? entry : join(root, 'src/cli/main.ts')]), 'analyze', join(root, 'examples/article.txt'), '--format', 'json'];
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    walls.push(performance.now() - t0);
    const c1 = childrenCpuMs();
    if (c0 !== null && c1 !== null) cpus.push(c1 - c0);
    if (r.status !== 0) throw new Error(`cold start: ${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  const launcher = built ? launcherOf(entry) : 'node';
  const how = built ? `${direct ? entry : `node ${entry}`} (compiled, launcher: ${launcher}; run \`npm run build\` first for current sources)` : 'tsx src/cli/main.ts (not built: includes TypeScript compilation)';
  console.log(`cold start · casus analyze examples/article.txt --format json, ${runs} runs, ${how}`);
  console.log(`  wall median ${fmt(median(walls), 0)} ms (min ${fmt(Math.min(...walls), 0)})${cpus.length ? `, CPU median ${fmt(median(cpus), 0)} ms (min ${fmt(Math.min(...cpus), 0)})` : ''}`);
  if (built) coldBreakdown(runs);
}

/**
 * Where a cold start's CPU goes, in a fresh process over dist/'s compiled modules (not the
 * bundled CLI, whose chunks have hashed names; the run with the least CPU of `runs`): Node's own
 * start, importing what `casus analyze` imports, then the first document stage by stage (each
 * stage loads its resources on first use), and the JSON out.
 */
/** The environment the built command's launcher gives Node (src/cli/launcher.ts), for the runs in plain Node. */
function launcherEnv(): NodeJS.ProcessEnv {
  return !existsSync(entry) || launcherOf(entry) === 'node' ? process.env : withHugePages(process.env);
}

function coldBreakdown(runs: number): void {
  const url = (rel: string) => JSON.stringify(pathToFileURL(join(distDir, rel)).href);
  const script = `
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const out = { node: cpu() };
    let c = cpu();
    await import(${url('cli/commands/analyze.js')});
    const { analyze } = await import(${url('analyze.js')});
    const { defaultPipeline } = await import(${url('pipeline/default-pipeline.js')});
    out.imports = cpu() - c;
    const text = (await import('node:fs')).readFileSync(${JSON.stringify(join(root, 'examples/article.txt'))}, 'utf8');
    const stages = defaultPipeline().stages;
    let s0 = 0;
    out.stages = {};
    c = cpu();
    const doc = analyze(text, { format: 'text', probe: { before() { s0 = cpu(); }, after(i) { out.stages[stages[i].name] = cpu() - s0; } } });
    out.document = cpu() - c;
    c = cpu();
    JSON.stringify(doc);
    out.json = cpu() - c;
    out.total = cpu();
    process.stdout.write(JSON.stringify(out));`;
  type Breakdown = { node: number; imports: number; stages: Record<string, number>; document: number; json: number; total: number };
  let best: Breakdown | null = null;
  for (let k = 0; k < runs; k++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: launcherEnv() });
    if (r.status !== 0) { console.log(`  (breakdown failed: ${r.stderr.split('\n')[0]})`); return; }
    const run = JSON.parse(r.stdout) as Breakdown;
    if (!best || run.total < best.total) best = run;
  }
  const b = best!;
  console.log(`  CPU breakdown (least of ${runs}, in-process, the compiled modules unbundled): Node start ${fmt(b.node, 0)} ms, imports ${fmt(b.imports, 0)} ms, first document ${fmt(b.document, 0)} ms (${Object.entries(b.stages).map(([n, v]) => `${n} ${fmt(v, 0)}`).join(', ')}), JSON ${fmt(b.json, 0)} ms; total ${fmt(b.total, 0)} ms`);
}

function oneCore(texts: string[], repeat: number, batch: number): void {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const stages = defaultPipeline().stages;
  // The first document loads every resource it needs (lazily): timed on its own.
  let c = cpuMs();
  let t = performance.now();
  analyzeWorking(texts[0]!, { format: 'text' });
  console.log(`first document (loads resources) · wall ${fmt(performance.now() - t, 0)} ms, CPU ${fmt(cpuMs() - c, 0)} ms`);

  const stageCpu = new Float64Array(stages.length);
  const stageWall = new Float64Array(stages.length);
  let c0 = 0;
  let t0 = 0;
  const probe: StageProbe = {
    before() { c0 = cpuMs(); t0 = performance.now(); },
    after(i) { stageWall[i]! += performance.now() - t0; stageCpu[i]! += cpuMs() - c0; },
  };
  let tokens = 0;
  // How much the parser runs: the syntax stage parses only the sentences the events coder asks for.
  let sentences = 0, parsedSentences = 0, parsedTokens = 0;
  c = cpuMs();
  const thread0 = threadCpuMs();
  t = performance.now();
  // With --repeat=2 or more, the first pass (V8 compiling the hot code, which runs unoptimised
  // meanwhile) is also reported apart from the later ones: a long ingest runs at the later rate.
  const firstPass = new Float64Array(stages.length);
  let firstCpu = 0, firstThread: number | null = null;
  for (let k = 0; k < repeat; k++) {
    if (k === 1) { firstPass.set(stageCpu); firstCpu = cpuMs() - c; const th = threadCpuMs(); firstThread = th !== null && thread0 !== null ? th - thread0 : null; }
    for (let at = 0; at < texts.length; at += batch) {
      // --batch=N: analyzeBatch's order, each stage over N articles before the next stage.
      const analysed = batch > 1
        ? analyzeWorkingBatch(texts.slice(at, at + batch), { format: 'text', probe }).map((r) => { if (!r.ok) throw r.error; return r.doc; })
        : [analyzeWorking(texts[at]!, { format: 'text', probe })];
      for (const d of analysed) {
        tokens += d.tokens?.length ?? 0;
        const parsed = d.syntax?.parsed;
        if (!parsed || !d.tokens) continue;
        sentences += parsed.length;
        for (let i = 0; i < d.tokens.length; i++) if (parsed[d.tokens.sentence[i]!]) parsedTokens++;
        parsedSentences += parsed.filter(Boolean).length;
      }
    }
  }
  const wall = (performance.now() - t) / 1000;
  const cpu = (cpuMs() - c) / 1000;
  const thread1 = threadCpuMs();
  const docs = texts.length * repeat;
  const total = stageCpu.reduce((a, b) => a + b, 0);
  console.log(`\none core · ${texts.length} PolNeAR train articles × ${repeat}${batch > 1 ? `, stage by stage over batches of ${batch} (analyzeBatch)` : ''}, ${tokens} tokens, load average ${fmt(loadavg()[0]!)}`);
  console.log(`  ${'stage'.padEnd(10)} ${pad('CPU ms/doc', 11)} ${pad('share', 6)} ${pad('docs/s CPU', 11)} ${pad('k tokens/s', 11)} ${pad('docs/s wall', 12)}`);
  for (let i = 0; i < stages.length; i++) {
    const s = stageCpu[i]! / 1000;
    console.log(`  ${stages[i]!.name.padEnd(10)} ${pad(fmt(stageCpu[i]! / docs, 2), 11)} ${pad(fmt((100 * stageCpu[i]!) / total, 0) + '%', 6)} ${pad(fmt(docs / s), 11)} ${pad(fmt(tokens / s / 1000, 0), 11)} ${pad(fmt(docs / (stageWall[i]! / 1000)), 12)}`);
  }
  console.log(`  ${'pipeline'.padEnd(10)} ${pad(fmt((cpu * 1000) / docs, 2), 11)} ${pad('', 6)} ${pad(fmt(docs / cpu), 11)} ${pad(fmt(tokens / cpu / 1000, 0), 11)} ${pad(fmt(docs / wall), 12)}`);
  console.log(`  whole pipeline: ${fmt(docs / cpu)} docs/s by CPU time, ${fmt(docs / wall)} docs/s wall, ${fmt(tokens / cpu / 1000, 0)}k tokens/s (CPU), ${fmt((bytes * repeat) / 1e6 / cpu, 2)} MB/s (CPU)`);
  // process.cpuUsage counts V8's helper threads too (parallel and concurrent GC, compilers): their
  // work lands on whichever stage is running. /proc/thread-self (10 ms ticks) splits it out overall.
  if (thread0 !== null && thread1 !== null) {
    const own = thread1 - thread0;
    console.log(`  of which the pipeline's own thread ${fmt(own / docs, 2)} CPU ms/doc, V8's GC/JIT helper threads ${fmt((cpu * 1000 - own) / docs, 2)} (charged to the stage that was running)`);
  }
  if (repeat > 1) {
    const later = texts.length * (repeat - 1);
    const laterCpu = cpu * 1000 - firstCpu;
    const perStage = (from: Float64Array, n: number) => stages.map((s, i) => `${s.name} ${fmt(from[i]! / n, 2)}`).join(', ');
    console.log(`  first pass: ${fmt(firstCpu / texts.length, 2)} CPU ms/doc (${fmt((1000 * texts.length) / firstCpu)} docs/s)${firstThread !== null ? `, V8 helper threads ${fmt((firstCpu - firstThread) / texts.length, 2)}` : ''}; ${perStage(firstPass, texts.length)}`);
    const laterStage = stageCpu.map((v, i) => v - firstPass[i]!);
    const laterThread = thread1 !== null && thread0 !== null && firstThread !== null ? thread1 - thread0 - firstThread : null;
    console.log(`  later passes: ${fmt(laterCpu / later, 2)} CPU ms/doc (${fmt((1000 * later) / laterCpu)} docs/s)${laterThread !== null ? `, V8 helper threads ${fmt((laterCpu - laterThread) / later, 2)}` : ''}; ${perStage(laterStage, later)}`);
  }
  if (sentences) console.log(`  dependency parse (on demand): ${fmt((100 * parsedSentences) / sentences)}% of sentences, ${fmt((100 * parsedTokens) / tokens)}% of tokens`);
  console.log(`  peak RSS ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB (one thread, every resource loaded)`);
}

async function workers(texts: string[], maxJobs: number): Promise<void> {
  console.log(`\nworker threads · the analyze pool (as casus ingest runs it), ${texts.length} articles, load average ${fmt(loadavg()[0]!)}`);
  console.log(`  ${'jobs'.padEnd(5)} ${pad('docs/s wall', 12)} ${pad('speed-up', 9)} ${pad('worker CPU ms/doc', 18)} ${pad('main ms/doc', 12)} ${pad('GC/JIT ms/doc', 14)} ${pad('docs/s per worker-CPU-s', 24)} ${pad('start-up ms', 12)} ${pad('+RSS MB', 8)}`);
  let base = 0;
  let baseCpu = 0;
  for (let jobs = 1; jobs <= maxJobs; jobs++) {
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    let t = performance.now();
    const pool = new AnalyzePool(jobs);
    // Start-up: every worker loads its resources on its first document.
    await Promise.all(texts.slice(0, jobs).map((text) => pool.analyze({ source: { format: 'text' }, text, metadata: {}, knownRegions: [], warnings: [] })));
    const startup = performance.now() - t;
    const w0 = await pool.threadCpu();
    const m0 = cpuMs();
    const main0 = threadCpuMs() ?? 0;
    t = performance.now();
    // A bounded window in flight, as ingest keeps it (a batch queued on each worker), so documents are not all queued at once.
    const window = Math.max(32, jobs * BATCH);
    const inFlight = new Set<Promise<unknown>>();
    let failed = 0;
    for (const text of texts) {
      const p: Promise<unknown> = pool.analyze({ source: { format: 'text' }, text, metadata: {}, knownRegions: [], warnings: [] })
        .then((r) => { if (!r.ok) failed++; inFlight.delete(p); });
      inFlight.add(p);
      if (inFlight.size >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const wall = (performance.now() - t) / 1000;
    const mainCpu = cpuMs() - m0;
    const mainThread = (threadCpuMs() ?? 0) - main0;
    const w1 = await pool.threadCpu();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    await pool.close();
    const workerCpu = w1.reduce<number>((sum, v, i) => sum + (v ?? 0) - (w0[i] ?? 0), 0);
    // The process's CPU time includes every thread: workers, this one, and V8's helpers (GC, compiler).
    const helpers = mainCpu - workerCpu - mainThread;
    const rate = texts.length / wall;
    if (jobs === 1) { base = rate; baseCpu = texts.length / (workerCpu / 1000); }
    const perWorkerRate = texts.length / (workerCpu / 1000);
    console.log(`  ${String(jobs).padEnd(5)} ${pad(fmt(rate), 12)} ${pad(fmt(rate / base, 2) + '×', 9)} ${pad(fmt(workerCpu / texts.length, 2), 18)} ${pad(fmt(mainThread / texts.length, 2), 12)} ${pad(fmt(helpers / texts.length, 2), 14)} ${pad(fmt(perWorkerRate), 24)} ${pad(fmt(startup, 0), 12)} ${pad(fmt((peak - rss0) / 1048576, 0), 8)}${failed ? `  (${failed} failed)` : ''}`);
    if (jobs > 1) {
      console.log(`  jobs ${jobs}: CPU per document per worker is ${fmt((100 * baseCpu) / perWorkerRate, 0)}% of one worker's; on ${jobs} free cores the CPU-bound speed-up is ${fmt((jobs * perWorkerRate) / baseCpu, 2)}× (wall on this machine: ${fmt(rate / base, 2)}×)`);
    }
  }
  if (!existsSync('/proc/thread-self/stat')) console.log('  (no /proc/thread-self: worker CPU figures unavailable on this OS)');
}

/**
 * `casus ingest` on the same texts (files in a temporary folder, a fresh store each run): wall
 * rate, and CPU per document of this thread (reading, the store's writes, near-duplicates,
 * clusters) and of the other threads (the workers' analysis and V8's helpers).
 */
async function ingestRuns(texts: string[], files: string[], maxJobs: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'casus-bench-'));
  try {
    const dir = join(work, 'texts');
    mkdirSync(dir);
    texts.forEach((t, i) => writeFileSync(join(dir, files[i]!), t));
    console.log(`
ingest · casus ingest over the same ${texts.length} files into a fresh SQLite store, load average ${fmt(loadavg()[0]!)}`);
    console.log(`  ${'jobs'.padEnd(5)} ${pad('docs/s wall', 12)} ${pad('speed-up', 9)} ${pad('this thread CPU ms/doc', 23)} ${pad('other threads CPU ms/doc', 25)} ${pad('stored', 7)}`);
    let base = 0;
    for (let jobs = 1; jobs <= maxJobs; jobs++) {
      const store = openSqliteStore(join(work, `ingest-${jobs}.db`));
      const c0 = cpuMs();
      const m0 = threadCpuMs() ?? 0;
      const t = performance.now();
      const summary = await ingest([dir], store, { jobs });
      const wall = (performance.now() - t) / 1000;
      const main = (threadCpuMs() ?? 0) - m0;
      const others = cpuMs() - c0 - main;
      await store.close();
      const rate = texts.length / wall;
      if (jobs === 1) base = rate;
      console.log(`  ${String(jobs).padEnd(5)} ${pad(fmt(rate), 12)} ${pad(fmt(rate / base, 2) + '×', 9)} ${pad(fmt(main / texts.length, 2), 23)} ${pad(fmt(others / texts.length, 2), 25)} ${pad(summary.stored, 7)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const dir = dataSet('polnear/train/text');
if (dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, opt('limit', Infinity));
  const texts = files.map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
  console.log(`code measured from step 2 on: ${measured.dir === distDir ? `${distDir} (${givenDist ? 'given by --dist' : 'compiled after the last change under src/'}${pages})` : `src/ under tsx${built ? ' (--src)' : ` (${distDir} is older than src/ or absent: run \`npm run build\` to measure the compiled code)`}`}`);
  const cold = opt('cold', 3);
  if (cold > 0) coldStart(cold);
  if (opt('one-core', 1) > 0) oneCore(texts, opt('repeat', 1), Math.max(1, opt('batch', BATCH)));
  const jobs = opt('jobs', 2);
  if (jobs > 0) await workers(texts, jobs);
  const ingestJobs = opt('ingest', 2);
  if (ingestJobs > 0) await ingestRuns(texts, files, ingestJobs);
}
