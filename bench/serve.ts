/**
 * `npm run bench:serve`: API latency under load. Builds (or reuses, --db=PATH) the generated store
 * of 100,000 events, starts `casus serve` in its own process, and per endpoint: (1) a cold pass,
 * every URL of its pool once, one at a time, nothing cached; (2) autocannon with 50 connections for
 * --duration=10 s picking URLs from the pool at random: p50/p95/p99 latency, requests/s, and the
 * server's CPU time per request (from /proc). Run with the answer cache on (default) and off
 * (--cache=0 or --both). Requests accept gzip as browsers do (--identity: not). Options: --events=N,
 * --pool=N URLs per endpoint, --only=name,name, --duration=S, --connections=N.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seededRandom } from '../src/corpus/synthetic-documents.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import { ACTORS, buildStore, SPEAKERS } from './event-store.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const flag = (name: string) => args.includes(`--${name}`);
const EVENTS = Number(opt('events', '100000'));
const DURATION = Number(opt('duration', '10'));
const CONNECTIONS = Number(opt('connections', '50'));
const POOL = Number(opt('pool', '200'));
const work = mkdtempSync(join(tmpdir(), 'casus-bench-serve-'));
const repo = join(import.meta.dirname, '..');

const pct = (sorted: number[], p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
const fmt = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1)).padStart(7);

/** Deterministic URL pools: filters a dashboard sends, spread over the store's two years. */
function pools(docIds: string[]): Record<string, string[]> {
  const rand = seededRandom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const month = () => {
    const m = Math.floor(rand() * 24);
    const y = 2021 + Math.floor(m / 12);
    const mm = String((m % 12) + 1).padStart(2, '0');
    return { from: `${y}-${mm}-01`, to: `${y}-${mm}-28` };
  };
  const roots = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'));
  const gen = (f: () => string) => Array.from({ length: POOL }, f);
  return {
    health: ['/api/health'],
    documents: gen(() => `/api/documents?limit=50&offset=${Math.floor(rand() * 9950)}`),
    document: gen(() => `/api/documents/${pick(docIds)}`),
    events: gen(() => {
      const m = month();
      const r = rand();
      return r < 0.25 ? `/api/events?actor=${pick(ACTORS)}&either=1&from=${m.from}&to=${m.to}`
        : r < 0.5 ? `/api/events?actor=${pick(ACTORS)}&target=${pick(ACTORS)}`
          : r < 0.75 ? `/api/events?root=${pick(roots)}&from=${m.from}&to=${m.to}`
            : `/api/events?offset=${Math.floor(rand() * 50_000)}`;
    }),
    actors: gen(() => `/api/actors?limit=50&offset=${Math.floor(rand() * 20)}`),
    actor: gen(() => `/api/actors/${pick(ACTORS)}?limit=${10 + Math.floor(rand() * 40)}`),
    quotes: gen(() => `/api/quotes?speaker=${encodeURIComponent(pick(SPEAKERS).split(' ')[1]!)}&offset=${Math.floor(rand() * 1000)}`),
    dyad: gen(() => `/api/dyad?a=${pick(ACTORS)}&b=${pick(ACTORS)}&by=${pick(['day', 'week', 'month'])}`),
    timeline: gen(() => { const m = month(); return `/api/timeline?actor=${pick(ACTORS)}&from=${m.from}&to=${m.to}`; }),
    network: gen(() => { const m = month(); return `/api/network?from=${m.from}&to=${m.to}${rand() < 0.3 ? `&root=${pick(roots)}` : ''}`; }),
    map: gen(() => { const m = month(); return `/api/map?from=${m.from}&to=${m.to}&limit=500${rand() < 0.5 ? `&actor=${pick(ACTORS)}` : ''}`; }),
    search: gen(() => `/api/search?q=${encodeURIComponent(pick(['border', 'ceasefire', 'sanctions treaty', 'grain', 'pipeline gas', 'embassy', 'drone', 'summit', 'refugee camp']))}&limit=20&offset=${Math.floor(rand() * 5) * 20}`),
  };
}

/** Server process CPU (user + system) in ms, from /proc (Linux). */
function cpuMs(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function startServe(db: string, cache: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0', '--cache', String(cache)],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`casus serve exited with ${code}`)));
  });
  return { child, url };
}

async function cold(url: string, paths: string[]): Promise<{ p50: number; p95: number; max: number }> {
  const ms: number[] = [];
  for (const p of paths) {
    const t = performance.now();
    const res = await fetch(url + p);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms.at(-1)! };
}

async function load(url: string, paths: string[], pid: number) {
  const rand = seededRandom(11);
  const latencies: number[] = [];
  const cpu0 = cpuMs(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({
      url, connections: CONNECTIONS, duration: DURATION,
      // As a browser asks: gzip accepted (--identity: not).
      headers: flag('identity') ? {} : { 'accept-encoding': 'gzip, deflate, br' },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[Math.floor(rand() * paths.length)]! }) }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  const cpu1 = cpuMs(pid);
  latencies.sort((a, b) => a - b);
  const n = result.requests.total;
  return {
    rps: n / DURATION, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx, cpuPerReq: cpu0 !== null && cpu1 !== null && n ? (cpu1 - cpu0) / n : NaN,
  };
}

async function run(db: string, cache: number, urlPools: Record<string, string[]>): Promise<void> {
  const { child, url } = await startServe(db, cache);
  try {
    console.log(`\ncache ${cache ? `on (${cache} answers)` : 'off'} · ${CONNECTIONS} connections × ${DURATION} s per endpoint · ${POOL} URLs per pool · ${flag('identity') ? 'no gzip' : 'gzip accepted'} · load average ${loadavg()[0]!.toFixed(1)}`);
    console.log(`  ${'endpoint'.padEnd(10)} ${'cold p50'.padStart(8)} ${'cold p95'.padStart(8)} │ ${'req/s'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'cpu/req'.padStart(7)} errors  (ms)`);
    // Warm-up, not counted: JIT, SQLite's page cache and the memory-mapped file, one URL of each pool
    // for a few seconds, so the first endpoint measured does not pay for the process's start.
    const firsts = Object.values(urlPools).map((p) => p[0]!);
    await new Promise((resolve, reject) => autocannon({ url, connections: 10, duration: 3, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: firsts[Math.floor(Math.random() * firsts.length)]! }) }] },
      (err, res) => (err ? reject(err) : resolve(res))));
    const only = opt('only', '').split(',').filter(Boolean);
    for (const [name, paths] of Object.entries(urlPools)) {
      if (only.length && !only.includes(name)) continue;
      const c = await cold(url, paths);
      const l = await load(url, paths, child.pid!);
      const ok = l.p95 < 50 ? '' : '  p95 ≥ 50';
      console.log(`  ${name.padEnd(10)} ${fmt(c.p50)}  ${fmt(c.p95)} │ ${l.rps.toFixed(0).padStart(7)} ${fmt(l.p50)} ${fmt(l.p95)} ${fmt(l.p99)} ${fmt(l.cpuPerReq)} ${String(l.errors).padStart(6)}${ok}`);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

try {
  const kept = opt('db', '');
  const db = kept || join(work, 'events.db');
  if (!kept || !existsSync(kept)) await buildStore(db, EVENTS);
  const store = openSqliteStore(db);
  const docIds = (await store.documentPage({ limit: 10_000 })).items.map((d) => d.id);
  const st = await store.stats();
  await store.close();
  console.log(`store · ${st.documents} documents, ${st.events} events, ${st.clusters} event clusters, ${st.quotes} quotes`);
  const urlPools = pools(docIds);
  const cacheOpt = opt('cache', '2000');
  if (flag('both')) {
    await run(db, 2000, urlPools);
    await run(db, 0, urlPools);
  } else await run(db, Number(cacheOpt), urlPools);
} finally {
  rmSync(work, { recursive: true, force: true });
}
