/**
 * Places on LGL (local US news) and GeoVirus (Wikinews outbreak reports): end-to-end accuracy
 * within 161 km over all gold toponyms (a missed toponym counts as wrong), toponym detection
 * precision/recall/F1, median error, and the same accuracy given the gold toponym spans.
 * Options: --limit=N (articles per set), --verbose (print each wrong or missed toponym), --set=lgl|geovirus.
 */
import { readFileSync } from 'node:fs';
import { analyzeWorking } from '../src/analyze.js';
import type { Place } from '../src/core/document.js';
import { defaultPipeline } from '../src/pipeline/default-pipeline.js';
import type { WorkingDocument } from '../src/pipeline/stage.js';
import { defaultGazetteer, normalizePlaceName } from '../src/resources/gazetteer.js';
import { findHint } from '../src/stages/places/find-candidates.js';
import type { Candidate } from '../src/stages/places/find-candidates.js';
import { distanceKm, findPlaces } from '../src/stages/places/index.js';
import { dataSet, fmt, prf } from './shared-data.js';

interface Gold { start: number; end: number; name: string; lat: number; lon: number; geonameId: number | null }
interface Article { text: string; gold: Gold[] }

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const tag = (xml: string, name: string) => { const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml); return m ? m[1]! : null; };

function readLgl(path: string): Article[] {
  const xml = readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const out: Article[] = [];
  for (const a of xml.split('<article ').slice(1)) {
    const raw = tag(a, 'text') ?? '';
    const text = raw.startsWith('<![CDATA[') ? raw.slice(9, raw.lastIndexOf(']]>')) : decode(raw);
    const gold: Gold[] = [];
    for (const t of a.split('<toponym>').slice(1)) {
      const gaz = /<gaztag geonameid="(\d+)">([\s\S]*?)<\/gaztag>/.exec(t);
      if (!gaz) continue; // not geolocated by the annotators: not scored
      gold.push({ start: Number(tag(t, 'start')), end: Number(tag(t, 'end')), name: decode(tag(t, 'phrase') ?? ''), lat: Number(tag(gaz[2]!, 'lat')), lon: Number(tag(gaz[2]!, 'lon')), geonameId: Number(gaz[1]) });
    }
    out.push({ text, gold });
  }
  return out;
}

/** GeoVirus offsets are one past ours (1-based starts): take the occurrence of the name nearest to the given offset. */
function align(text: string, name: string, start: number): number {
  for (let d = 0; d <= 5; d++) for (const s of [start - 1 - d, start - 1 + d]) if (s >= 0 && text.startsWith(name, s)) return s;
  return start;
}

function readGeoVirus(path: string): Article[] {
  // Commented-out template entries (<!-- <name></name> … -->) are not gold.
  const xml = readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  return xml.split('<article>').slice(1).map((a) => {
    const text = decode(tag(a, 'text') ?? '');
    return {
      text,
      gold: a.split('<location>').slice(1).map((l) => {
        const name = decode(tag(l, 'name') ?? '');
        const start = align(text, name, Number(tag(l, 'start')));
        return { start, end: start + name.length, name, lat: Number(tag(l, 'lat')), lon: Number(tag(l, 'lon')), geonameId: null };
      }),
    };
  });
}

const median = (xs: number[]) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

interface Score { sameCountryOnly: number; gold: number; found: number; right: number; errors: number[]; predicted: number; predictedOnGold: number; givenRight: number; givenErrors: number[]; spanMismatch: number }

/** Gold spans as candidates: the resolver alone, with the same document context. */
function givenGold(doc: WorkingDocument, gold: Gold[]): Place[] {
  const g = defaultGazetteer();
  const cands: Candidate[] = [];
  for (const t of gold) {
    const key = normalizePlaceName(doc.text.slice(t.start, t.end));
    const entries = g.lookup(key) ?? g.lookup(key.replace(/['’]s$/, '')) ?? g.lookup(key.replace(/\.$/, ''));
    if (!entries) continue;
    cands.push({ start: t.start, end: t.end, key, entries, source: 'entity', entity: null, demonym: g.isDemonym(key), hint: findHint(g, doc.text, t.end), initial: false });
  }
  return findPlaces(doc, undefined, cands);
}

function countryNamed(name: string): string | null {
  const g = defaultGazetteer();
  const key = normalizePlaceName(name);
  const e = (g.demonymOf(key) ?? g.lookup(key) ?? []).find((i) => g.kind[i] === 0);
  return e === undefined ? null : g.countries[g.country[e]!]!;
}

function locate(places: Place[], s: { start: number; end: number }): Place | undefined {
  return places.find((p) => p.mentions.some((m) => m.start < s.end && s.start < m.end));
}

function score(name: string, articles: Article[], verbose: boolean): Score {
  const hasStage = defaultPipeline().stages.some((s) => s.name === 'places');
  const sc: Score = { sameCountryOnly: 0, gold: 0, found: 0, right: 0, errors: [], predicted: 0, predictedOnGold: 0, givenRight: 0, givenErrors: [], spanMismatch: 0 };
  for (const a of articles) {
    const doc = analyzeWorking(a.text, { format: 'text' });
    const places = hasStage ? doc.places : findPlaces(doc);
    const given = givenGold(doc, a.gold);
    for (const t of a.gold) {
      if (a.text.slice(t.start, t.end) !== t.name) sc.spanMismatch++;
      sc.gold++;
      const p = locate(places, t);
      if (p) {
        sc.found++;
        const d = distanceKm(t.lat, t.lon, p.lat, p.lon);
        sc.errors.push(d);
        if (d <= 161) sc.right++;
        // A country name resolved to that very country, whose representative point differs from the
        // gold set's convention (GeoNames for LGL, Wikipedia for GeoVirus): counted apart, never as right.
        else if (p.kind === 'country' && d < 1500 && countryNamed(t.name) === p.country) sc.sameCountryOnly++;
        if (d > 161 && verbose) console.log(`${name} WRONG ${t.name} → ${p.name} (${p.country}, ${p.kind}) ${d.toFixed(0)} km  …${a.text.slice(Math.max(0, t.start - 50), t.end + 30).replace(/\s+/g, ' ')}…`);
      } else if (verbose) console.log(`${name} MISSED ${t.name}  …${a.text.slice(Math.max(0, t.start - 50), t.end + 30).replace(/\s+/g, ' ')}…`);
      const q = locate(given, t);
      if (q) {
        const d = distanceKm(t.lat, t.lon, q.lat, q.lon);
        sc.givenErrors.push(d);
        if (d <= 161) sc.givenRight++;
      }
    }
    for (const p of places) for (const m of p.mentions) {
      sc.predicted++;
      if (a.gold.some((t) => m.start < t.end && t.start < m.end)) sc.predictedOnGold++;
      else if (verbose) console.log(`${name} EXTRA ${a.text.slice(m.start, m.end)} → ${p.name} (${p.country}, ${p.kind})  …${a.text.slice(Math.max(0, m.start - 40), m.end + 30).replace(/\s+/g, ' ')}…`);
    }
  }
  return sc;
}

export async function run(args: string[]): Promise<void> {
  const limit = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);
  const only = args.find((a) => a.startsWith('--set='))?.slice(6);
  const verbose = args.includes('--verbose');
  const sets: [string, () => Article[] | null][] = [
    ['lgl', () => { const d = dataSet('lgl'); return d ? readLgl(`${d}/lgl.xml`) : null; }],
    ['geovirus', () => { const d = dataSet('geovirus'); return d ? readGeoVirus(`${d}/GeoVirus.xml`) : null; }],
  ];
  const rows: string[] = [];
  for (const [name, read] of sets) {
    if (only && only !== name) continue;
    const articles = read()?.slice(0, limit);
    if (!articles) continue;
    const started = performance.now();
    const s = score(name, articles, verbose);
    const seconds = (performance.now() - started) / 1000;
    const det = prf(s.predictedOnGold, s.predicted - s.predictedOnGold, s.gold - s.found);
    rows.push(`${name.padEnd(9)} ${String(articles.length).padStart(4)} ${String(s.gold).padStart(5)}  ${fmt(s.right / s.gold)}   ${fmt(s.found / s.gold)}  ${fmt(det.p)}  ${fmt(det.f)}  ${median(s.errors).toFixed(1).padStart(7)}   ${fmt(s.givenRight / s.gold)}  ${median(s.givenErrors).toFixed(1).padStart(7)}   ${(articles.length / seconds).toFixed(0).padStart(4)}   ${fmt(s.sameCountryOnly / s.gold)}   ${s.right}/${s.gold} right${s.spanMismatch ? `  (${s.spanMismatch} gold spans do not match their text)` : ''}`);
  }
  console.log('places · end to end from raw text; "given gold" = resolver alone on the gold toponym spans');
  console.log('set       docs  gold  acc@161  recall  prec   F1     median km  given:acc@161 median km  docs/s  right country, other point');
  for (const r of rows) console.log(r);
  console.log('acc@161: share of all gold toponyms placed within 161 km (missed ones count as wrong); recall: gold toponyms found;');
  console.log('right country, other point: share of gold toponyms that name a country, resolved to it, but more than 161 km from the gold set\'s point for it (counted wrong in acc@161).');
  console.log('prec: found mentions that are gold toponyms (a lower bound: the gold sets leave some places unannotated); median over found toponyms.');
}
