/**
 * The conformance suite every Store must pass (SQLite today, PostgreSQL later): call
 * `describeStoreConformance(name, open)` from the store's test file with a factory for an empty store.
 */
import { describe, expect, it } from 'vitest';
import { syntheticDocument } from '../corpus/synthetic-documents.js';
import type { SyntheticSpec } from '../corpus/synthetic-documents.js';
import { prepareDocument } from './prepared-document.js';
import type { Store } from './store.js';

const S = [
  'Russian diplomats demanded legal guarantees from Washington about the alliance in Geneva on Tuesday.',
  'The talks between the delegations lasted seven hours and ended without an agreement on the main points.',
  'Officials said another round of meetings could follow in January if both capitals agree to it.',
  'Markets in Europe barely moved as traders waited for the outcome of the negotiations.',
  'Analysts noted that the positions of the two sides remained far apart on every key issue.',
  'Several observers expected new sanctions if the military buildup near the frontier continued.',
];

function story(extra: Partial<SyntheticSpec> = {}): SyntheticSpec {
  return {
    title: 'Talks in Geneva end without agreement',
    sentences: S,
    published: '2021-12-14',
    uri: 'https://news.example/geneva-talks',
    events: [{ source: 'RUS', target: 'USA', code: '1056', date: '2021-12-14', sentence: 0, trigger: 'demanded', goldstein: -5,
      place: { name: 'Geneva', country: 'CH', lat: 46.2, lon: 6.15, geonameId: 2660646 } }],
    quotes: [{ speaker: 'Sergei Ryabkov', sentence: 2 }],
    ...extra,
  };
}

/** A copy with boilerplate added and one sentence edited: a syndicated republication. */
function copyOf(spec: SyntheticSpec, published: string, uri: string): SyntheticSpec {
  return { ...spec, published, uri, sentences: [...spec.sentences.slice(0, 5), 'Several observers expected fresh sanctions if the buildup continued.', 'Subscribe to our newsletter for more news every morning.'] };
}

const other: SyntheticSpec = {
  title: 'Harvest figures published',
  sentences: [
    'The farm ministry published its harvest estimate for the year, raising the wheat figure slightly.',
    'Exporters welcomed the numbers and said port capacity would be enough for the coming season.',
    'Rain in the south delayed the sunflower harvest by about two weeks according to the report.',
  ],
  published: '2021-12-20',
  uri: 'https://news.example/harvest',
  events: [{ source: 'UKR', target: 'EGY', code: '057', date: '2021-12-20', sentence: 1, trigger: 'welcomed', goldstein: 3.5 }],
};

export function describeStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    it('stores a document once, keyed by its content id, and gives it back whole', async () => {
      const store = await open();
      const doc = syntheticDocument(story());
      expect(await store.has(doc.id)).toBe(false);
      expect((await store.put(doc)).status).toBe('stored');
      expect(await store.has(doc.id)).toBe(true);
      expect((await store.put(doc)).status).toBe('exists');
      expect(await store.get(doc.id)).toEqual(doc);
      expect(await store.get('0000000000000000')).toBeNull();
      expect((await store.stats()).documents).toBe(1);
      await store.close();
    });

    it('knows the HTML inputs read into a stored document by their source key, also when the text was already stored', async () => {
      const store = await open();
      const doc = syntheticDocument(story());
      expect(await store.hasSource('page-1')).toBe(false);
      expect((await store.putPrepared({ ...prepareDocument(doc), sourceKey: 'page-1' })).status).toBe('stored');
      // Another page that reads to the same text: not stored again, but known, so a resumed ingest skips it too.
      expect((await store.putPreparedMany([{ ...prepareDocument(doc), sourceKey: 'page-2' }]))[0]!.status).toBe('exists');
      expect([await store.hasSource('page-1'), await store.hasSource('page-2'), await store.hasSource(doc.id)]).toEqual([true, true, false]);
      await store.close();
    });

    it('rejects a document that is not a casus/1 document and stores nothing of it', async () => {
      const store = await open();
      const bad = { ...syntheticDocument(story()), events: [{ code: 'x' }] } as never;
      await expect(store.put(bad)).rejects.toThrow(/not a casus\/1 document/);
      expect((await store.stats()).documents).toBe(0);
      await store.close();
    });

    it('stores prepared rows that crossed a thread (putPrepared) exactly as put stores the documents', async () => {
      const docs = [syntheticDocument(story()), syntheticDocument(copyOf(story(), '2021-12-15', 'https://mirror.example/copy')), syntheticDocument(other)];
      const viaPut = await open();
      const viaRows = await open();
      const results = { put: [] as unknown[], rows: [] as unknown[] };
      for (const doc of docs) {
        results.put.push(await viaPut.put(doc));
        // structuredClone: what postMessage does to a worker's rows (the signature arrives as a plain Uint8Array).
        results.rows.push(await viaRows.putPrepared(structuredClone(prepareDocument(doc))));
      }
      expect(results.rows).toEqual(results.put);
      expect((results.rows[1] as { duplicateOf: string }).duplicateOf).toBe(docs[0]!.id);
      expect((await viaRows.putPrepared(prepareDocument(docs[0]!))).status).toBe('exists');
      for (const doc of docs) expect(await viaRows.get(doc.id)).toEqual(doc);
      expect(await viaRows.stats()).toEqual(await viaPut.stats());
      expect(await viaRows.events()).toEqual(await viaPut.events());
      expect(await viaRows.quotes()).toEqual(await viaPut.quotes());
      expect(await viaRows.actors()).toEqual(await viaPut.actors());
      expect(await viaRows.search('legal guarantees')).toEqual(await viaPut.search('legal guarantees'));
      expect(await viaRows.documents()).toEqual(await viaPut.documents());
      await viaPut.close();
      await viaRows.close();
    });

    it('stores a group (putPreparedMany) as one by one, rolling back alone a document that cannot be written', async () => {
      const docs = [syntheticDocument(story()), syntheticDocument(copyOf(story(), '2021-12-15', 'https://mirror.example/copy')), syntheticDocument(other)];
      const single = await open();
      const grouped = await open();
      const expected = [];
      for (const doc of docs) expected.push(await single.putPrepared(prepareDocument(doc)));
      // A document whose last event breaks a constraint: its document row, clusters and annotations are written before that.
      const broken = structuredClone(prepareDocument(syntheticDocument(story({ uri: 'https://broken.example/a', title: 'Another story entirely' }))));
      expect(broken.events.length).toBeGreaterThan(0);
      (broken.events.at(-1) as { trigger: string | null }).trigger = null;
      const results = await grouped.putPreparedMany([structuredClone(prepareDocument(docs[0]!)), broken, ...docs.slice(1).map((d) => structuredClone(prepareDocument(d))), prepareDocument(docs[0]!)]);
      expect(results.map((r) => r.status)).toEqual(['stored', 'failed', 'stored', 'stored', 'exists']);
      expect([results[0], ...results.slice(2, 4)]).toEqual(expected);
      expect(await grouped.has(broken.id)).toBe(false);
      expect(await grouped.stats()).toEqual(await single.stats());
      expect(await grouped.events()).toEqual(await single.events());
      expect(await grouped.quotes()).toEqual(await single.quotes());
      expect(await grouped.actors()).toEqual(await single.actors());
      expect(await grouped.documents()).toEqual(await single.documents());
      await single.close();
      await grouped.close();
    });

    it('drops the failure recorded for a source when a document from it is stored, in the same transaction', async () => {
      const store = await open();
      const doc = syntheticDocument(story());
      await store.recordFailure({ uri: doc.source.uri!, code: 'E_FETCH', message: 'timed out' });
      await store.recordFailure({ uri: 'https://elsewhere.example/a', code: 'E_FETCH', message: 'timed out' });
      await store.putPrepared(prepareDocument(doc));
      expect((await store.failures()).map((f) => f.uri)).toEqual(['https://elsewhere.example/a']);
      await store.close();
    });

    it('refuses to prepare a document that is not a casus/1 document', () => {
      const bad = { ...syntheticDocument(story()), events: [{ code: 'x' }] } as never;
      expect(() => prepareDocument(bad)).toThrow(/not a casus\/1 document/);
    });

    it('links a near-duplicate to the earliest version and counts it nowhere', async () => {
      const store = await open();
      const original = syntheticDocument(story());
      const copy = syntheticDocument(copyOf(story(), '2021-12-15', 'https://mirror.example/copy'));
      expect(copy.id).not.toBe(original.id);
      await store.put(original);
      const r = await store.put(copy);
      expect(r.duplicateOf).toBe(original.id);
      const st = await store.stats();
      expect(st).toMatchObject({ documents: 2, originals: 1, duplicates: 1, events: 1, clusters: 1, quotes: 1 });
      const [cluster] = await store.events();
      expect(cluster!.reports).toBe(1);
      expect(cluster!.sources.map((s) => s.docId).sort()).toEqual([original.id, copy.id].sort());
      expect((await store.quotes({ speaker: 'Ryabkov' })).length).toBe(1);
      expect((await store.search('legal guarantees')).length).toBe(1);
      await store.close();
    });

    it('re-points a group to an earlier-published version that arrives later', async () => {
      const store = await open();
      const late = syntheticDocument(copyOf(story(), '2021-12-16', 'https://late.example/a'));
      const early = syntheticDocument(story());
      await store.put(late);
      const r = await store.put(early);
      expect(r.duplicateOf).toBeNull();
      expect(r.relinked).toBe(1);
      const docs = await store.documents();
      expect(docs.find((d) => d.id === late.id)!.duplicateOf).toBe(early.id);
      expect(docs.find((d) => d.id === early.id)!.duplicateOf).toBeNull();
      expect(await store.stats()).toMatchObject({ originals: 1, duplicates: 1, events: 1, clusters: 1 });
      const [cluster] = await store.events();
      expect(cluster!.reports).toBe(1);
      expect((await store.actors()).find((x) => x.code === 'RUS')).toMatchObject({ documents: 1, asSource: 1 });
      await store.close();
    });

    it('does not link unrelated documents', async () => {
      const store = await open();
      await store.put(syntheticDocument(story()));
      expect((await store.put(syntheticDocument(other))).duplicateOf).toBeNull();
      expect((await store.stats()).duplicates).toBe(0);
      await store.close();
    });

    it('clusters the same event reported by different outlets, and keeps different events apart', async () => {
      const store = await open();
      const a = syntheticDocument(story());
      const b = syntheticDocument({
        title: 'Moscow presses Washington for guarantees',
        sentences: [
          'Moscow again demanded legal guarantees from Washington on Tuesday during the Geneva meeting.',
          'A spokesman for the foreign ministry described the atmosphere as businesslike but tense.',
          'No date has been set for the next meeting between the two teams of negotiators.',
        ],
        published: '2021-12-15', uri: 'https://other.example/b',
        events: [{ source: 'RUS', target: 'USA', code: '105', date: '2021-12-14', sentence: 0, trigger: 'demanded', goldstein: -5 }],
      });
      // Same dyad and code family but a month later: another event.
      const c = syntheticDocument({ ...other, title: 'Later demand', uri: 'https://c.example/c', sentences: ['Russia repeated its demand to the United States in January.', ...other.sentences],
        events: [{ source: 'RUS', target: 'USA', code: '1056', date: '2022-01-20', sentence: 0, trigger: 'demand', goldstein: -5 }] });
      // Same day, opposite direction: another dyad.
      const d = syntheticDocument({ ...other, title: 'Reply', uri: 'https://d.example/d', sentences: ['Washington rejected the Russian demands for legal guarantees on Tuesday.', ...other.sentences.slice(1)],
        events: [{ source: 'USA', target: 'RUS', code: '125', date: '2021-12-14', sentence: 0, trigger: 'rejected', goldstein: -4 }] });
      for (const doc of [a, b, c, d]) await store.put(doc);
      const all = await store.events();
      expect(all).toHaveLength(3);
      const geneva = all.find((x) => x.sourceCode === 'RUS' && x.dateStart === '2021-12-14')!;
      expect(geneva.reports).toBe(2);
      expect(geneva.mentions).toBe(2);
      expect(geneva.place).toMatchObject({ name: 'Geneva', geonameId: 2660646 });
      expect((await store.stats()).clusters).toBe(3);
      await store.close();
    });

    it('answers event queries by actor, target, dates and root', async () => {
      const store = await open();
      await store.put(syntheticDocument(story()));
      await store.put(syntheticDocument(other));
      expect((await store.events({ actor: 'RUS', target: 'USA', from: '2021-12-01', to: '2021-12-31', root: '10' })).length).toBe(1);
      expect((await store.events({ actor: 'RUS', root: '13' })).length).toBe(0);
      expect((await store.events({ actor: 'RUS', from: '2022-01-01' })).length).toBe(0);
      expect((await store.events({ actor: 'USA' })).length).toBe(0);
      expect((await store.events({ actor: 'USA', eitherSide: true })).length).toBe(1);
      expect((await store.events({ actor: 'UKR' }))[0]!.goldstein).toBe(3.5);
      // A month-long event starting well before --from still overlaps it.
      await store.put(syntheticDocument({ title: 'Month', uri: 'https://m.example/m', published: '2021-12-01',
        sentences: ['Kyiv and Warsaw held exercises all November long.', 'Both defence ministries called the drills routine and planned.'],
        events: [{ source: 'UKR', target: 'POL', code: '042', date: '2021-11', sentence: 0 }] }));
      expect((await store.events({ actor: 'UKR', target: 'POL', from: '2021-11-29' })).map((c) => [c.dateStart, c.dateEnd])).toEqual([['2021-11-01', '2021-11-30']]);
      expect((await store.events({ actor: 'POL', eitherSide: true, from: '2021-11-29', to: '2021-11-29' }))).toHaveLength(1);
      expect(await store.events({ actor: 'UKR', target: 'POL', from: '2021-12-02' })).toEqual([]);
      await store.close();
    });

    it('builds a dyad series per period with Goldstein sum and mean', async () => {
      const store = await open();
      const mk = (day: string, g: number, i: number) => syntheticDocument({
        title: `Item ${i}`, uri: `https://x.example/${i}`, published: day,
        sentences: [`Report number ${i} about a ${['border', 'missile', 'gas', 'grain'][i]} dispute between the capitals ${i}.`, S[i]!],
        events: [{ source: 'RUS', target: 'USA', code: '112', date: day, sentence: 0, goldstein: g }],
      });
      await store.put(mk('2021-12-06', -2, 0));
      await store.put(mk('2021-12-08', -4, 1));
      await store.put(mk('2021-12-15', 1, 2));
      const series = await store.series('RUS', 'USA', 'week');
      expect(series).toEqual([
        { period: '2021-W49', events: 2, goldsteinSum: -6, goldsteinMean: -3 },
        { period: '2021-W50', events: 1, goldsteinSum: 1, goldsteinMean: 1 },
      ]);
      expect((await store.series('RUS', 'USA', 'month')).map((r) => r.events)).toEqual([3]);
      expect(await store.series('USA', 'RUS', 'week')).toEqual([]);
      await store.close();
    });

    it('lists actors, places, failures; finds text in bodies and quotes', async () => {
      const store = await open();
      await store.put(syntheticDocument(story()));
      await store.recordFailure({ uri: 'file:///bad.html', code: 'E_INPUT_UNREADABLE', message: 'binary' });
      await store.recordFailure({ uri: 'file:///bad.html', code: 'E_INPUT_UNREADABLE', message: 'binary' });
      expect(await store.failures()).toEqual([{ uri: 'file:///bad.html', code: 'E_INPUT_UNREADABLE', message: 'binary' }]);
      await store.clearFailure('file:///bad.html');
      expect(await store.failures()).toEqual([]);
      const actors = await store.actors();
      expect(actors.find((a) => a.code === 'RUS')).toMatchObject({ documents: 1, asSource: 1, asTarget: 0 });
      expect(await store.places()).toEqual([{ entity: null, name: 'Geneva', country: 'CH', lat: 46.2, lon: 6.15, geonameId: 2660646, mentions: 1 }]);
      const hits = await store.search('another round');
      expect(hits.map((h) => h.where).sort()).toEqual(['body', 'quote']);
      expect(hits[0]!.snippet).toMatch(/\[another round\]/);
      expect(await store.search('no such words here')).toEqual([]);
      expect(await store.search('"unbalanced')).toEqual([]);
      await store.close();
    });

    it('pages documents, events, quotes, actors and search hits with totals that match the unpaged queries', async () => {
      const store = await open();
      const original = syntheticDocument(story());
      await store.put(original);
      const copy = syntheticDocument(copyOf(story(), '2021-12-15', 'https://mirror.example/copy'));
      await store.put(copy);
      await store.put(syntheticDocument(other));
      await store.put(syntheticDocument({ title: 'Reply', uri: 'https://d.example/d', published: '2021-12-16',
        sentences: ['Washington rejected the Russian demands for legal guarantees on Tuesday.', 'Another round of talks is not planned before spring.'],
        events: [{ source: 'USA', target: 'RUS', code: '125', date: '2021-12-14', sentence: 0, trigger: 'rejected', goldstein: -4 }],
        quotes: [{ speaker: 'Ned Price', sentence: 1 }] }));

      const v0 = await store.dataVersion();
      await store.put(syntheticDocument({ title: 'Undated', uri: 'https://u.example/u', sentences: ['Kyiv thanked Warsaw for the help with the refugees.', 'Officials gave no further details.'],
        events: [{ source: 'UKR', target: 'POL', code: '041', date: null, sentence: 0 }] }));
      expect(await store.dataVersion()).not.toBe(v0);
      expect(await store.dataVersion()).toBe(await store.dataVersion());
      const dated = await store.eventPage({ dated: true });
      expect(dated.total).toBe((await store.events()).filter((c) => c.dateStart).length);
      expect((await store.eventPage({})).total).toBe(dated.total + 1);
      expect((await store.eventPage({ located: true })).items.map((c) => c.place?.name)).toEqual(['Geneva']);
      const newest = await store.eventPage({ dated: true, order: 'desc' });
      expect(newest.items.map((c) => c.id)).toEqual([...dated.items].reverse().map((c) => c.id));

      const docs = await store.documentPage({ limit: 2, offset: 1 });
      expect(docs.total).toBe(5);
      expect(docs.items.map((d) => d.id)).toEqual((await store.documents()).slice(1, 3).map((d) => d.id));
      expect((await store.documentPage({ duplicates: true })).items.map((d) => d.id)).toEqual([copy.id]);
      expect((await store.documentPage({ duplicates: false })).total).toBe(4);

      const all = await store.events();
      const page = await store.eventPage({ limit: 1, offset: 1 });
      expect(page.total).toBe(all.length);
      expect(page.items.map((c) => c.id)).toEqual([all[1]!.id]);
      expect((await store.eventPage({ actor: 'RUS', eitherSide: true })).items.map((c) => c.id)).toEqual((await store.events({ actor: 'RUS', eitherSide: true })).map((c) => c.id));
      expect(await store.eventPage({ actor: 'ZZZ' })).toEqual({ items: [], total: 0 });
      const geneva = (await store.eventPage({ actor: 'RUS', target: 'USA' })).items[0]!;
      const report = geneva.sources.find((s) => s.docId === original.id)!;
      const ev = original.events[0]!;
      expect(report).toMatchObject({ sentence: ev.sentence, trigger: ev.trigger, why: ev.why, modality: ev.modality, date: ev.date, place: ev.place });
      expect(original.text.slice(report.trigger.start, report.trigger.end)).toBe('demanded');
      expect(geneva.sources.find((s) => s.docId === copy.id)!.duplicateOf).toBe(original.id);

      const quotes = await store.quotePage({ limit: 1 });
      expect(quotes.total).toBe((await store.quotes()).length);
      expect(quotes.total).toBe(2);
      expect(quotes.items).toHaveLength(1);
      expect((await store.quotePage({ speaker: 'price' })).items.map((q) => q.speaker)).toEqual(['Ned Price']);

      const actors = await store.actorPage({ limit: 2, offset: 1 });
      expect(actors.total).toBe((await store.actors()).length);
      expect(actors.items).toEqual((await store.actors()).slice(1, 3));
      expect(await store.actor('RUS')).toMatchObject({ code: 'RUS', asSource: 1, asTarget: 1 });
      expect(await store.actor('ZZZ')).toBeNull();

      const hits = await store.searchPage('legal guarantees', { limit: 1, offset: 1 });
      expect(hits.total).toBe((await store.search('legal guarantees')).length);
      expect(hits.total).toBe(2);
      expect(hits.items).toEqual((await store.search('legal guarantees')).slice(1, 2));
      await store.close();
    });

    it('finds an actor\'s quotes through the entities of its code, and draws the network of dyads', async () => {
      const store = await open();
      const doc = syntheticDocument(story({ quotes: [{ speaker: 'RUS', sentence: 2 }, { speaker: 'Someone Else', sentence: 3 }] }));
      await store.put(doc);
      await store.put(syntheticDocument(other));
      await store.put(syntheticDocument({ title: 'Reply', uri: 'https://d.example/d', published: '2021-12-16',
        sentences: ['Washington rejected the Russian demands for legal guarantees on Tuesday.', 'Troops moved closer to the frontier overnight.'],
        events: [{ source: 'USA', target: 'RUS', code: '125', date: '2021-12-14', sentence: 0, goldstein: -4 }, { source: 'USA', target: 'RUS', code: '190', date: '2021-12-15', sentence: 1, goldstein: -10 }] }));
      // Synthetic entities are named after their code, so the speaker "RUS" is the RUS entity.
      expect((await store.actorQuotes('RUS')).map((q) => q.speaker)).toEqual(['RUS']);
      expect(await store.actorQuotes('CHN')).toEqual([]);
      const net = await store.network();
      const usaRus = net.edges.find((e) => e.source === 'USA' && e.target === 'RUS')!;
      expect(usaRus).toMatchObject({ events: 2, goldsteinSum: -14, quad: { 1: 0, 2: 0, 3: 1, 4: 1 } });
      expect(net.edges.find((e) => e.source === 'RUS' && e.target === 'USA')).toMatchObject({ events: 1, quad: { 3: 1 }, dominantQuad: 3 });
      expect(net.nodes.find((n) => n.id === 'RUS')!.events).toBe(3);
      expect(net.edges).toHaveLength(3);
      expect((await store.network({ minEvents: 2 })).edges.map((e) => `${e.source}-${e.target}`)).toEqual(['USA-RUS']);
      expect((await store.network({ from: '2021-12-15', to: '2021-12-31' })).edges.map((e) => `${e.source}-${e.target}-${e.events}`).sort()).toEqual(['UKR-EGY-1', 'USA-RUS-1']);
      expect((await store.network({ root: '19' })).nodes.map((n) => n.id).sort()).toEqual(['RUS', 'USA']);
      await store.close();
    });
  });
}
