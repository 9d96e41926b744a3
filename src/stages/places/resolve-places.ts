/**
 * Toponym resolution: each name of the document to one gazetteer entry, by a population prior,
 * explicit hints, the document's countries and regions, and the places mentioned beside it.
 */
import type { Gazetteer } from '../../resources/gazetteer.js';
import type { Candidate } from './find-candidates.js';

export interface Resolution {
  /** The gazetteer entry, or −1 when the evidence was too weak to answer. */
  entry: number;
  mentions: Candidate[];
  score: number;
  why: string;
}

interface Group {
  key: string; mentions: Candidate[]; entries: number[]; choice: number; confident: boolean; score: number; context: number;
  /** First-level regions its candidates lie in, with the weight one group lends each (ambiguous names lend less). */
  regions: Map<number, number>;
  /** Without context it would get no answer: it does not vouch for others either. */
  weak: boolean;
}

const EARTH_KM = 6371;
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const COUNTRY = 0, ADMIN1 = 1, CITY = 5, ADMIN2 = 6, LOCALITY = 7;

function hintFits(g: Gazetteer, e: number, c: Candidate): boolean {
  const h = c.hint;
  if (!h) return false;
  // "Kansas, Kentucky, Louisiana": a list of states or countries, not a place and its container.
  if (h.admin1 && c.entries.some((x) => g.kind[x]! <= ADMIN1)) return false;
  if (h.country && g.countries[g.country[e]!] !== h.country) return false;
  if (h.admin1 && g.admin1Keys[g.admin1[e]!] !== h.admin1) return false;
  // A container is not inside itself: "Georgia, United States" may be the state, not the country.
  return g.kind[e] !== COUNTRY;
}

interface Context {
  country: Map<number, number>;
  admin1: Map<number, number>;
  total: number;
  points: { group: Group; lat: number; lon: number; w: number }[];
}

function buildContext(g: Gazetteer, groups: Group[], onlyConfident: boolean): Context {
  const ctx: Context = { country: new Map(), admin1: new Map(), total: 0, points: [] };
  for (const gr of groups) {
    if (gr.choice < 0 || gr.weak || (onlyConfident && !gr.confident)) continue;
    const e = gr.choice, w = gr.mentions.length;
    const cc = g.country[e]!;
    if (cc >= 0) { ctx.country.set(cc, (ctx.country.get(cc) ?? 0) + w); ctx.total += w; }
    const a1 = g.admin1[e]!;
    if (a1 >= 0) ctx.admin1.set(a1, (ctx.admin1.get(a1) ?? 0) + w);
    if (g.kind[e]! >= CITY) ctx.points.push({ group: gr, lat: g.lat[e]!, lon: g.lon[e]!, w });
  }
  return ctx;
}

/** The contextual evidence for entry e of group gr. */
function contextScore(g: Gazetteer, e: number, gr: Group, ctx: Context, groups: readonly Group[]): number {
  let s = 0;
  const cc = g.country[e]!;
  if (cc >= 0 && ctx.total > 0) {
    const own = gr.choice >= 0 && g.country[gr.choice] === cc ? gr.mentions.length : 0;
    const total = ctx.total - (gr.choice >= 0 && g.country[gr.choice]! >= 0 ? gr.mentions.length : 0);
    if (total > 0) s += 2 * ((ctx.country.get(cc) ?? 0) - own) / total;
  }
  // Local evidence (same state, names that could share it, places nearby) adds up to at most 4:
  // enough to prefer Paris, Tennessee beside Henry County, not to turn a state into a hamlet.
  let local = 0;
  const a1 = g.admin1[e]!;
  if (a1 >= 0 && g.kind[e] !== ADMIN1) {
    const own = gr.choice >= 0 && g.admin1[gr.choice] === a1 ? gr.mentions.length : 0;
    if ((ctx.admin1.get(a1) ?? 0) - own > 0) local += 2;
  }
  // Other names of the document that could lie in the same state or province ("Paris" and "Henry
  // County" are both in Tennessee), even before they are resolved.
  if (a1 >= 0 && g.kind[e]! >= CITY) {
    let support = 0;
    // Confidently resolved names already count through ctx.admin1; the rest lend their candidates' regions.
    // Names too weak to answer for themselves ("White", "Is") lend nothing.
    for (const o of groups) if (o !== gr && !o.confident && !o.weak) support += o.regions.get(a1) ?? 0;
    local += support;
  }
  if (g.kind[e]! >= CITY) {
    let best = Infinity;
    for (const p of ctx.points) {
      if (p.group === gr) continue;
      const d = distanceKm(g.lat[e]!, g.lon[e]!, p.lat, p.lon);
      if (d < best) best = d;
    }
    if (best < 40) local += 2; else if (best < 150) local += 1.2; else if (best < 400) local += 0.5;
  }
  return s + Math.min(4, local);
}

function priorScore(g: Gazetteer, e: number, gr: Group): number {
  let s = Math.log10(g.pop[e]!);
  // "Ohio" alone is the state far more often than Ohio County.
  if (g.kind[e] === ADMIN2 && !/ (county|parish|borough)$/.test(gr.key)) s -= 1.5;
  // Capitals stand for their countries in the news; the biggest city of a state or province is
  // the one its name usually means ("Wilmington" alone is more often Delaware's than the larger Carolina one).
  if (g.capital[e]) s += 1.3;
  else if (g.primate[e]) s += 0.5;
  if (gr.mentions.some((c) => hintFits(g, e, c))) s += 6;
  if (g.kind[e] === ADMIN1 && gr.mentions.some((c) => c.admin1Level)) s += 6;
  return s;
}

function choose(g: Gazetteer, gr: Group, ctx: Context | null, groups: readonly Group[]): void {
  let best = -1, bestScore = -Infinity, second = -Infinity, bestCtx = 0;
  for (const e of gr.entries) {
    const c = ctx ? contextScore(g, e, gr, ctx, groups) : 0;
    const s = priorScore(g, e, gr) + c;
    if (s > bestScore) { second = bestScore; bestScore = s; best = e; bestCtx = c; }
    else if (s > second) second = s;
  }
  gr.choice = best;
  gr.score = bestScore;
  gr.context = bestCtx;
  gr.confident = gr.entries.length === 1 || bestScore - second >= 1.5 || gr.mentions.some((c) => hintFits(g, best, c)) || g.kind[best]! <= ADMIN1;
}

/** Resolves every candidate; mentions of one name share one answer (one sense per discourse). */
export function resolvePlaces(g: Gazetteer, candidates: readonly Candidate[]): Resolution[] {
  const byKey = new Map<string, Group>();
  for (const c of candidates) {
    let gr = byKey.get(c.key);
    if (!gr) {
      // A demonym names its country, never a city of the same spelling.
      const entries = c.demonym ? [...(g.demonymOf(c.key) ?? [])] : [...c.entries];
      gr = { key: c.key, mentions: [], entries, choice: -1, confident: false, score: 0, context: 0, regions: new Map(), weak: false };
      byKey.set(c.key, gr);
    }
    gr.mentions.push(c);
  }
  const groups = [...byKey.values()].filter((gr) => gr.entries.length > 0);
  for (const gr of groups) {
    const set = new Set<number>();
    for (const e of gr.entries) if (g.admin1[e]! >= 0) set.add(g.admin1[e]!);
    for (const a1 of set) gr.regions.set(a1, 1 / Math.sqrt(set.size));
  }
  for (const gr of groups) choose(g, gr, null, groups);
  for (const gr of groups) gr.weak = weakEvidence(g, gr) !== null;
  let ctx = buildContext(g, groups, true);
  for (const gr of groups) choose(g, gr, ctx, groups);
  ctx = buildContext(g, groups, false);
  for (const gr of groups) choose(g, gr, ctx, groups);
  return groups.map((gr) => {
    const e = gr.choice;
    const weak = weakEvidence(g, gr);
    return {
      entry: weak ? -1 : e, mentions: gr.mentions, score: gr.score,
      why: weak ? `weak: ${weak}` : `${g.name[e]} prior ${Math.log10(g.pop[e]!).toFixed(1)} context ${gr.context.toFixed(1)}`,
    };
  });
}

/** Why a text-scan candidate is left unresolved: a small place found only by capitalisation, unsupported. */
function weakEvidence(g: Gazetteer, gr: Group): string | null {
  const e = gr.choice;
  if (gr.mentions.some((c) => c.source === 'entity' || c.hint)) return null;
  const kind = g.kind[e]!;
  if (kind <= ADMIN1 || kind < CITY) return null;
  if (gr.mentions.every((c) => c.initial) && g.pop[e]! < 1e5 && gr.context < 2) return 'sentence-initial word only';
  if ((kind === LOCALITY || kind === ADMIN2) && gr.context < 2 && !/ (county|parish|borough)$/.test(gr.key)) return 'small place without support';
  if (g.pop[e]! < 3000 && gr.context < 1) return 'small place without support';
  return null;
}
