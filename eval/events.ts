/**
 * Events, measured two ways from ../shared/data:
 *  1. petrarch2-validation: the PETRARCH2 unit-test records coded with their own invented-actor
 *     and verb dictionaries (imported through the user-dictionary paths), share of records coded
 *     exactly (same set of source-target-code triples) and triple-level P/R/F1;
 *  2. cameo-conflibert-annotations: root-code agreement with the annotators' majority on sentences
 *     a majority found relevant, and the false-event rate on sentences a majority found irrelevant.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { analyzeWorking } from '../src/analyze.js';
import { buildPipeline } from '../src/pipeline/build-pipeline.js';
import type { Pipeline } from '../src/pipeline/build-pipeline.js';
import { DEFAULT_STAGES } from '../src/pipeline/default-pipeline.js';
import type { Stage } from '../src/pipeline/stage.js';
import { parsePetrarchActors } from '../src/resources/actor-dictionary.js';
import { parsePetrarchAgents } from '../src/resources/actor-agents.js';
import { loadPetrarchVerbs } from '../src/resources/petrarch-verbs.js';
import { createEntitiesStage } from '../src/stages/entities/index.js';
import { createEventsStage } from '../src/stages/events/index.js';
import type { DroppedTrigger } from '../src/stages/events/index.js';
import { dataSet, fmt, prf } from './shared-data.js';

/** The default stages up to entities/time, with the given entities and events stages. */
function pipelineWith(entities: Stage | null, events: Stage): Pipeline {
  const base = DEFAULT_STAGES.filter((s) => s.name !== 'events').map((s) => (s.name === 'entities' && entities ? entities : s));
  return buildPipeline([...base, events]);
}

/**
 * Both data sets hold single sentences, some cut before their full stop; the clean stage reads a
 * lone line without one as page furniture (a heading, a menu), so the sentence is closed first.
 */
function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?"”'’)]$/.test(t) ? t : `${t}.`;
}

interface PetrRecord { id: string; date: string; text: string; expected: string[]; error: boolean }

function petrarchRecords(xml: string): PetrRecord[] {
  const out: PetrRecord[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of body.matchAll(/<Sentence\s([^>]*)>([\s\S]*?)<\/Sentence>/g)) {
    const attrs = m[1]!;
    const inner = m[2]!;
    const id = /id="([^"]*)"/.exec(attrs)?.[1] ?? '?';
    const date = /date="(\d{8})"/.exec(attrs)?.[1] ?? '';
    const text = (/<Text>([\s\S]*?)<\/Text>/.exec(inner)?.[1] ?? '').replace(/\s+/g, ' ').trim();
    const expected: string[] = [];
    let error = false;
    for (const c of inner.matchAll(/<EventCoding\s([^>]*)>/g)) {
      const a = c[1]!;
      if (/error\s*=/.test(a)) error = true;
      const get = (k: string) => new RegExp(`${k}\\s*=\\s*["']([^"']*)["']`).exec(a)?.[1];
      const s = get('sourcecode');
      const t = get('targetcode');
      const e = get('eventcode');
      if (s !== undefined && t !== undefined && e !== undefined) expected.push(`${s}|${t}|${e}`);
    }
    out.push({ id, date: date ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` : '', text, expected, error });
  }
  return out;
}

function evalPetrarch(verbose: boolean): void {
  const dir = dataSet('petrarch2-validation');
  if (!dir) return;
  const actors = parsePetrarchActors(readFileSync(`${dir}/dictionaries/PETR.Validate.actors.txt`, 'utf8'), 'PETR.Validate.actors.txt');
  const verbs = loadPetrarchVerbs(`${dir}/dictionaries/PETR.Validate.verbs.txt`);
  const agents = parsePetrarchAgents(readFileSync(`${dir}/dictionaries/PETR.Validate.agents.txt`, 'utf8'), 'PETR.Validate.agents.txt');
  const pipe = pipelineWith(createEntitiesStage({ actors: [actors] }), createEventsStage({ patterns: [verbs], replaceBundled: true, agents: [agents], standaloneAgents: false }));
  const records = petrarchRecords(readFileSync(`${dir}/text/PETR.UnitTest.records.xml`, 'utf8')).filter((r) => !r.error && r.text);
  let exact = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let noEventRight = 0;
  let noEventTotal = 0;
  for (const r of records) {
    const doc = analyzeWorking(asSentence(r.text), { published: r.date || undefined, id: r.id, pipeline: pipe });
    // PETRARCH codes what its patterns say, negations included (its dictionary has patterns for them).
    const got = new Set(doc.events.filter((e) => e.source && e.target).map((e) => `${e.source!.code}|${e.target!.code}|${e.code}`));
    const want = new Set(r.expected);
    let hit = 0;
    for (const g of got) if (want.has(g)) hit++;
    tp += hit;
    fp += got.size - hit;
    fn += want.size - hit;
    const ok = hit === want.size && got.size === want.size;
    if (ok) exact++;
    if (want.size === 0) { noEventTotal++; if (ok) noEventRight++; }
    if (verbose && !ok) console.log(`  ${r.id}: want ${[...want].join(' ') || '(none)'} got ${[...got].join(' ') || '(none)'} | ${r.text.slice(0, 100)}`);
  }
  const s = prf(tp, fp, fn);
  console.log('\nPETRARCH2 unit-test records (their actor and verb dictionaries imported; records expecting an error left out)');
  console.log('records  exact  share  | triples  P      R      F1    | no-event records right');
  console.log(`${String(records.length).padEnd(8)} ${String(exact).padEnd(6)} ${fmt(exact / records.length)}  | ${String(tp + fn).padEnd(8)} ${fmt(s.p)}  ${fmt(s.r)}  ${fmt(s.f)} | ${noEventRight}/${noEventTotal}`);
}

/** RFC 4180 CSV: quoted fields with doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; } else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

interface Labelled { text: string; relevant: boolean | null; root: string | null; rounds: number[] }

/** Every annotator's votes, pooled over the rounds that annotated the same sentence. */
function conflibertSentences(dir: string): Labelled[] {
  const votes = new Map<string, { yes: number; no: number; roots: Map<string, number>; coders: number; rounds: number[] }>();
  const rounds = readdirSync(`${dir}/annotations`).filter((d) => d.startsWith('training_round_')).sort();
  for (const r of rounds) {
    const base = `${dir}/annotations/${r}`;
    const file = ['summary_v2.csv', 'summary.csv', 'summary_v1.csv'].map((f) => `${base}/${f}`).find((f) => existsSync(f));
    if (!file) continue;
    const [head, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    if (!head) continue;
    const col = (name: string) => head.indexOf(name);
    const textCol = col('sentences');
    const round = Number(r.slice('training_round_'.length));
    for (const row of rows) {
      const text = (row[textCol] ?? '').trim();
      if (!text) continue;
      let v = votes.get(text);
      if (!v) { v = { yes: 0, no: 0, roots: new Map(), coders: 0, rounds: [] }; votes.set(text, v); }
      if (!v.rounds.includes(round)) v.rounds.push(round);
      for (let k = 1; k <= 6; k++) {
        if (col(`1_Relevant_${k}`) < 0) continue;
        const rel = (row[col(`1_Relevant_${k}`)] ?? '').toLowerCase();
        const done = (row[col(`anncomplete_${k}`)] ?? '').toLowerCase();
        if (done !== 'true' || (rel !== 'true' && rel !== 'false')) continue;
        if (rel === 'true') {
          v.yes++;
          const code = /^\s*\d+-(\d+)/.exec(row[col(`Action1_CAMEO_${k}`)] ?? '')?.[1];
          if (code) { v.coders++; const c = code.padStart(2, '0'); v.roots.set(c, (v.roots.get(c) ?? 0) + 1); }
        } else v.no++;
      }
    }
  }
  const out: Labelled[] = [];
  for (const [text, v] of votes) {
    const total = v.yes + v.no;
    const relevant = total === 0 ? null : v.yes * 2 > total ? true : v.no * 2 > total ? false : null;
    let root: string | null = null;
    for (const [c, n] of v.roots) if (n * 2 > v.coders) root = c;
    out.push({ text, relevant, root, rounds: v.rounds.sort((a, b) => a - b) });
  }
  return out;
}

/**
 * The annotations hold two sets of 100 sentences: rounds 1-7 annotated one, rounds 8-10 the
 * other. Rules are tuned on the first ("tune"); the second ("held-back") is only ever reported.
 */
const HELD_BACK_FROM_ROUND = 8;
type Split = 'tune' | 'held-back';
const splitOf = (it: Labelled): Split => (it.rounds[0]! >= HELD_BACK_FROM_ROUND ? 'held-back' : 'tune');

interface Tally {
  relevantWithRoot: number; coded: number; agree: number; irrelevant: number; falseEvents: number;
  tp: number; fp: number; fn: number;
  /** gold root → predicted root (or "none") → count */
  confusion: Map<string, Map<string, number>>;
  /** why a relevant sentence got no event */
  missing: Map<string, number>;
}
const newTally = (): Tally => ({ relevantWithRoot: 0, coded: 0, agree: 0, irrelevant: 0, falseEvents: 0, tp: 0, fp: 0, fn: 0, confusion: new Map(), missing: new Map() });
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

function evalConflibert(args: string[]): void {
  const dir = dataSet('cameo-conflibert-annotations');
  if (!dir) return;
  const verbose = args.includes('--verbose') || args.includes('-v');
  // Listing sentences of the held-back set would invite tuning on them: only on explicit request.
  const showHeldBack = args.includes('--show-held-back');
  let drops: DroppedTrigger[] = [];
  const pipe = pipelineWith(null, createEventsStage({ onDrop: (d) => drops.push(d) }));
  const items = conflibertSentences(dir);
  const tallies: Record<Split | 'all', Tally> = { tune: newTally(), 'held-back': newTally(), all: newTally() };
  for (const it of items) {
    if (it.relevant === null) continue;
    const split = splitOf(it);
    const show = verbose && (split === 'tune' || showHeldBack);
    drops = [];
    const doc = analyzeWorking(asSentence(it.text), { pipeline: pipe });
    const evs = [...doc.events].sort((a, b) => b.confidence - a.confidence);
    const has = evs.length > 0;
    const list = evs.map((e) => `${e.source?.code ?? '-'}>${e.target?.code ?? '-'}:${e.code}`).join(',');
    for (const t of [tallies[split], tallies.all]) {
      if (it.relevant) { if (has) t.tp++; else t.fn++; } else if (has) t.fp++;
      if (!it.relevant) { t.irrelevant++; if (has) t.falseEvents++; continue; }
      if (!it.root) continue;
      t.relevantWithRoot++;
      if (has) t.coded++;
      if (has && evs[0]!.root === it.root) t.agree++;
      const row = t.confusion.get(it.root) ?? new Map<string, number>();
      t.confusion.set(it.root, row);
      bump(row, has ? evs[0]!.root : 'none');
      if (!has) bump(t.missing, drops.length === 0 ? 'no trigger' : drops.some((d) => d.reason === 'no-actor') ? 'no actor' : `filtered (${drops[0]!.rule})`);
    }
    if (!show) continue;
    if (!it.relevant) { if (has) console.log(`  FALSE got ${list} | ${it.text.slice(0, 110)}`); continue; }
    if (!it.root) continue;
    const ok = has && evs[0]!.root === it.root;
    const why = has ? '' : drops.length === 0 ? ' [no trigger]' : ` [${drops.map((d) => `${d.reason}: ${d.pattern}`).join('; ')}]`;
    console.log(`  ${ok ? 'ok ' : has ? 'BAD' : ' - '} gold ${it.root} got ${list || '(none)'}${why} | ${it.text.slice(0, 110)}`);
  }
  console.log('\nConfliBERT CAMEO annotations (majority of 3-5 annotators; not adjudicated); rules tuned on rounds 1-7, rounds 8-10 held back');
  console.log('split      relevant+root  coded  root agreement (all / coded) | irrelevant  false-event rate | event detection P      R      F1');
  for (const name of ['tune', 'held-back', 'all'] as const) {
    const t = tallies[name];
    const s = prf(t.tp, t.fp, t.fn);
    console.log(`${name.padEnd(10)} ${String(t.relevantWithRoot).padEnd(14)} ${String(t.coded).padEnd(6)} ${fmt(t.agree / Math.max(1, t.relevantWithRoot))} / ${fmt(t.agree / Math.max(1, t.coded))}              | ${String(t.irrelevant).padEnd(11)} ${fmt(t.falseEvents / Math.max(1, t.irrelevant))}            |                 ${fmt(s.p)}  ${fmt(s.r)}  ${fmt(s.f)}`);
  }
  // Error breakdown on the tuning split only (the held-back one is scored, not studied).
  const t = tallies.tune;
  console.log('\nerror breakdown, tune split: gold root → predicted root of the top event (count)');
  for (const [gold, row] of [...t.confusion].sort()) {
    const cells = [...row].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p === gold ? `${p}✓` : p}:${n}`).join('  ');
    console.log(`  ${gold}  ${cells}`);
  }
  console.log('no event on a relevant sentence, by cause:');
  for (const [cause, n] of [...t.missing].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${cause}`);
}

export async function run(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose') || args.includes('-v');
  const only = args.find((a) => a === 'petrarch' || a === 'conflibert');
  if (!only || only === 'petrarch') evalPetrarch(verbose);
  if (!only || only === 'conflibert') evalConflibert(args);
}
