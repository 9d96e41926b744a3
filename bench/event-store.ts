/**
 * The generated benchmark store (bench:store and bench:serve): N events, ten per document, twenty
 * actors, 32 CAMEO codes over two years, half of them located, one document in five re-reporting
 * three events of an earlier one (clusters with several reports), two quotes per document.
 */
import { randomSentence, seededRandom, syntheticDocument } from '../src/corpus/synthetic-documents.js';
import type { SyntheticEvent } from '../src/corpus/synthetic-documents.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

export const ACTORS = ['RUS', 'USA', 'UKR', 'CHN', 'DEU', 'FRA', 'GBR', 'TUR', 'IRN', 'ISR', 'POL', 'BLR', 'JPN', 'IND', 'RUSGOV', 'USAGOV', 'UKRMIL', 'NATO', 'EUR', 'UNO'];
const CODES = ['010', '013', '020', '036', '040', '042', '043', '046', '051', '057', '061', '070', '080', '090', '100', '1056', '111', '112', '120', '125', '128', '130', '138', '140', '150', '160', '172', '180', '190', '193', '195', '200'];
const GOLD: Record<string, number> = { '01': 0, '02': 3, '03': 4, '04': 1, '05': 3.5, '06': 6, '07': 7, '08': 5, '09': -2, '10': -5, '11': -2, '12': -4, '13': -6, '14': -6.5, '15': -7.2, '16': -4, '17': -7, '18': -9, '19': -10, '20': -10 };
export const SPEAKERS = ['Sergei Ryabkov', 'Antony Blinken', 'Dmitry Peskov', 'Jake Sullivan', 'Maria Zakharova', 'Jens Stoltenberg', 'Ned Price', 'Wang Wenbin'];
const CITIES = [['Geneva', 'CH', 46.2, 6.15, 2660646], ['Moscow', 'RU', 55.75, 37.62, 524901], ['Kyiv', 'UA', 50.45, 30.52, 703448], ['Brussels', 'BE', 50.85, 4.35, 2800866],
  ['Washington', 'US', 38.9, -77.04, 4140963], ['Beijing', 'CN', 39.9, 116.4, 1816670], ['Minsk', 'BY', 53.9, 27.57, 625144], ['Warsaw', 'PL', 52.23, 21.01, 756135]] as const;

function day(rand: () => number): string {
  return new Date(Date.UTC(2021, 0, 1) + Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
}

export async function buildStore(path: string, events: number): Promise<number> {
  const store = openSqliteStore(path);
  const rand = seededRandom(2021);
  const perDoc = 10;
  const stories: SyntheticEvent[][] = [];
  const storySentences: string[][] = [];
  const t0 = performance.now();
  for (let i = 0; i * perDoc < events; i++) {
    // One document in five also reports three events of an earlier document (same evidence
    // sentences, otherwise new text): those clusters get several reports; no document is a copy.
    const sentences = Array.from({ length: 30 }, () => randomSentence(rand));
    const evs: SyntheticEvent[] = Array.from({ length: perDoc }, (_, j) => {
      const code = CODES[Math.floor(rand() * CODES.length)]!;
      const source = ACTORS[Math.floor(rand() * ACTORS.length)]!;
      let target = ACTORS[Math.floor(rand() * ACTORS.length)]!;
      if (target === source) target = ACTORS[(ACTORS.indexOf(source) + 1) % ACTORS.length]!;
      const city = rand() < 0.5 ? CITIES[Math.floor(rand() * CITIES.length)]! : null;
      return { source, target, code, date: day(rand), sentence: j, goldstein: GOLD[code.slice(0, 2)] ?? 0,
        ...(city ? { place: { name: city[0], country: city[1], lat: city[2], lon: city[3], geonameId: city[4] } } : {}) };
    });
    if (stories.length > 10 && rand() < 0.2) {
      const k = Math.floor(rand() * stories.length);
      for (let j = 0; j < 3; j++) {
        evs[j] = stories[k]![j]!;
        sentences[j] = storySentences[k]![j]!;
      }
    } else {
      stories.push(evs);
      storySentences.push(sentences);
    }
    const doc = syntheticDocument({ title: `Generated report ${i}`, sentences, published: day(rand), uri: `https://bench.example/${i}`, events: evs,
      quotes: [{ speaker: SPEAKERS[Math.floor(rand() * SPEAKERS.length)]!, sentence: perDoc }, { speaker: SPEAKERS[Math.floor(rand() * SPEAKERS.length)]!, sentence: perDoc + 1 }] });
    await store.put(doc);
  }
  const secs = (performance.now() - t0) / 1000;
  const st = await store.stats();
  console.log(`store · ${st.documents} documents, ${st.events} events, ${st.clusters} event clusters, ${st.quotes} quotes, built in ${secs.toFixed(1)} s (${(st.documents / secs).toFixed(0)} docs/s, ${(st.events / secs).toFixed(0)} events/s)`);
  await store.close();
  return st.events;
}
