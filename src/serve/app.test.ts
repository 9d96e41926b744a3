import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import type { Document } from '../core/document.js';
import { syntheticDocument } from '../corpus/synthetic-documents.js';
import type { SyntheticSpec } from '../corpus/synthetic-documents.js';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { createApp, safeJson, sameToken } from './app.js';
import type { CasusApp } from './app.js';
import {
  ActorDetailSchema, DyadSchema, EventClusterSchema, GeoJsonSchema, HealthSchema, NetworkSchema, pageOf, QuoteRowSchema, SearchHitSchema,
  StoredDocumentSchema, TimelineSchema,
} from './schemas.js';
import { startServer } from './server.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'casus-serve-'));
const TOKEN = 'correct-horse-battery';

const geneva = { name: 'Geneva', country: 'CHE', lat: 46.2, lon: 6.15, geonameId: 2660646 };
const talks: SyntheticSpec = {
  title: 'Envoys meet in Geneva as talks resume',
  sentences: [
    'Moscow demanded written guarantees from Washington at the talks in Geneva on Monday.',
    'The delegations met for six hours and agreed only to meet again later in the month.',
    'RUS officials said the proposals on the table were a starting point and nothing more.',
    'Traders in the region watched the meeting closely but prices barely moved at all.',
    'Neither side published a statement after the session ended in the late evening.',
  ],
  published: '2022-01-10', uri: 'https://invented.example/geneva',
  events: [{ source: 'RUS', target: 'USA', code: '1056', date: '2022-01-10', sentence: 0, trigger: 'demanded', goldstein: -5, place: geneva }],
  quotes: [{ speaker: 'RUS', sentence: 2 }],
};
const reply: SyntheticSpec = {
  title: 'Washington rejects the demands',
  sentences: [
    'Washington rejected the demands on Wednesday and proposed arms control talks instead.',
    'Troops were moved closer to the frontier overnight, officials in Kyiv reported.',
    'A spokesman said the offer of talks on missiles in Europe remained open for now.',
  ],
  published: '2022-01-12', uri: 'https://invented.example/reply',
  events: [
    { source: 'USA', target: 'RUS', code: '125', date: '2022-01-12', sentence: 0, trigger: 'rejected', goldstein: -4 },
    { source: 'RUSMIL', target: 'UKR', code: '190', date: '2022-01-13', sentence: 1, trigger: 'moved', goldstein: -10, place: { name: 'Kyiv', country: 'UKR', lat: 50.45, lon: 30.52, geonameId: 703448 } },
  ],
  quotes: [{ speaker: 'Jane Spokes', sentence: 2 }],
};
const grain: SyntheticSpec = {
  title: 'Grain deal signed in Warsaw',
  sentences: ['Kyiv and Warsaw signed a grain transit accord in the Polish capital on Friday.', 'Farmers on both sides of the border welcomed the deal cautiously.'],
  published: '2022-02-04', uri: 'https://invented.example/grain',
  events: [{ source: 'UKR', target: 'POL', code: '057', date: '2022-02-04', sentence: 0, trigger: 'signed', goldstein: 8 }],
};
const copyOfTalks: SyntheticSpec = { ...talks, uri: 'https://mirror.example/geneva', published: '2022-01-11',
  sentences: [...talks.sentences.slice(0, 4), 'Subscribe to the morning newsletter for more news like this.'] };
const INJECTION = 'Minister Okafor said <script>alert("owned")</script> was not a policy. The "><img src=x onerror=alert(1)> banner and \' onmouseover=\'alert(2) remained.';

let store: SqliteStore;
let app: CasusApp;
let writer: CasusApp;
let analysed: Document;
let injected: Document;
const ids: Record<string, string> = {};

async function get(path: string, a: CasusApp = app, init?: RequestInit): Promise<{ status: number; body: any; type: string | null; raw: string; headers: Headers }> {
  const res = await a.fetch(new Request(`http://casus.test${path}`, init));
  const raw = await res.text();
  let body: unknown = null;
  try { body = JSON.parse(raw); } catch { /* not JSON */ }
  return { status: res.status, body, type: res.headers.get('content-type'), raw, headers: res.headers };
}

const post = (path: string, body: string, type: string, headers: Record<string, string> = {}, a = writer) =>
  get(path, a, { method: 'POST', body, headers: { 'content-type': type, ...headers } });

beforeAll(async () => {
  store = openSqliteStore(join(dir, 'serve.db'));
  analysed = analyze(readFileSync(join(root, 'examples/article.txt'), 'utf8'), { published: '2023-03-14', uri: 'file:///examples/article.txt' });
  await store.put(analysed);
  await store.put(analyze(readFileSync(join(root, 'test/fixtures/wire-story.txt'), 'utf8'), { uri: 'file:///test/fixtures/wire-story.txt' }));
  await store.put(analyze(readFileSync(join(root, 'test/fixtures/news-page.html'), 'utf8'), { format: 'html', uri: 'file:///test/fixtures/news-page.html' }));
  injected = analyze(`Port talks stall again\n\n${INJECTION}\n`, { published: '2023-05-02', uri: 'https://invented.example/"><script>alert(3)</script>' });
  await store.put(injected);
  for (const [k, spec] of Object.entries({ talks, reply, grain, copyOfTalks })) {
    const doc = syntheticDocument(spec);
    ids[k] = doc.id;
    await store.put(doc);
  }
  app = createApp({ store, staticDir: join(dir, 'no-such-dir'), analyzeThreads: 0 });
  writer = createApp({ store, token: TOKEN, staticDir: join(dir, 'no-such-dir'), analyzeThreads: 0, maxBodyBytes: 64 * 1024 });
}, 120_000);

afterAll(async () => {
  await app.close();
  await writer.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET endpoints', () => {
  it('health reports the version, the store counts and whether writing is on', async () => {
    const r = await get('/api/health');
    expect(r.status).toBe(200);
    expect(HealthSchema.parse(r.body)).toMatchObject({ ok: true, write: false, stats: await store.stats() });
    expect(r.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect((await get('/api/health', writer)).body.write).toBe(true);
  });

  it('describes itself in an OpenAPI 3.1 document listing every path the app routes', async () => {
    const r = await get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    const doc = JSON.parse(r.raw);
    expect(doc.openapi).toBe('3.1.0');
    const contract = ['/api/health', '/api/openapi.json', '/api/documents', '/api/documents/{id}', '/api/analyze', '/api/ingest', '/api/events', '/api/actors',
      '/api/actors/{code}', '/api/quotes', '/api/dyad', '/api/timeline', '/api/network', '/api/map', '/api/search'];
    expect(Object.keys(doc.paths).sort()).toEqual([...contract].sort());
    // Every route the (writing) app registers is described, with its method.
    const routed = writer.routes.filter((x) => x.path.startsWith('/api/') && x.path !== '/api/*' && x.method !== 'ALL');
    expect(routed.length).toBeGreaterThanOrEqual(contract.length);
    for (const x of routed) expect(doc.paths[x.path.replace(/:(\w+)/g, '{$1}')]?.[x.method.toLowerCase()], `${x.method} ${x.path}`).toBeDefined();
    // Query parameters come from the zod schemas: the events filters with their patterns and bounds.
    const params = doc.paths['/api/events'].get.parameters as { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
    expect(params.map((p) => p.name).sort()).toEqual(['actor', 'code', 'either', 'from', 'limit', 'offset', 'quad', 'root', 'target', 'to']);
    expect(params.find((p) => p.name === 'limit')!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
    expect(params.find((p) => p.name === 'root')!.schema.pattern).toBeDefined();
    expect(doc.paths['/api/dyad'].get.parameters.filter((p: { required: boolean }) => p.required).map((p: { name: string }) => p.name).sort()).toEqual(['a', 'b']);
    expect(doc.paths['/api/events'].get.responses['200'].content['application/json'].schema.properties.items.items.properties.sources).toBeDefined();
    expect(doc.paths['/api/events'].get.responses['400']).toBeDefined();
  });

  it('gzips kept answers for clients that accept it, the same JSON once unzipped', async () => {
    const plain = await get('/api/events?limit=500');
    const res = await app.fetch(new Request('http://casus.test/api/events?limit=500', { headers: { 'accept-encoding': 'gzip, deflate' } }));
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const zipped = Buffer.from(await res.arrayBuffer());
    expect(zipped.length).toBeLessThan(plain.raw.length);
    expect(gunzipSync(zipped).toString('utf8')).toBe(plain.raw);
    // Small answers and uncached apps answer plain.
    const off = createApp({ store, cacheEntries: 0 });
    expect((await off.fetch(new Request('http://casus.test/api/events?limit=500', { headers: { 'accept-encoding': 'gzip' } }))).headers.get('content-encoding')).toBeNull();
  });

  it('pages the documents with totals, and filters near-duplicates', async () => {
    const all = await get('/api/documents');
    expect(pageOf(StoredDocumentSchema).parse(all.body)).toMatchObject({ total: 8, limit: 50, offset: 0 });
    const page = await get('/api/documents?limit=3&offset=2');
    expect(page.body.items.map((d: { id: string }) => d.id)).toEqual(all.body.items.slice(2, 5).map((d: { id: string }) => d.id));
    expect(page.body).toMatchObject({ total: 8, limit: 3, offset: 2 });
    const dups = await get('/api/documents?duplicates=1');
    expect(dups.body.items).toEqual([expect.objectContaining({ id: ids.copyOfTalks, duplicateOf: ids.talks })]);
    expect((await get('/api/documents?duplicates=0')).body.total).toBe(7);
  });

  it('gives a stored document whole, and 404 for an unknown one', async () => {
    const r = await get(`/api/documents/${analysed.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await store.get(analysed.id));
    expect(r.body.text).toBe(analysed.text);
    for (const unknown of ['0000000000000000', 'not-a-document', '..%2F..%2Fetc%2Fpasswd']) {
      const miss = await get(`/api/documents/${unknown}`);
      expect(miss.status).toBe(404);
      expect(miss.body.error.code).toBe('not_found');
    }
  });

  it('lists event clusters with each report explained, filtered like the CLI', async () => {
    const r = await get('/api/events?limit=500');
    const page = pageOf(EventClusterSchema).parse(r.body);
    expect(page.total).toBe(page.items.length);
    expect(page.total).toBe((await store.events()).length);
    const rusUsa = await get('/api/events?actor=RUS&target=USA&from=2022-01-01&to=2022-01-31&root=10');
    expect(rusUsa.body.total).toBe(1);
    const c = rusUsa.body.items[0];
    expect(c).toMatchObject({ code: '1056', sourceCode: 'RUS', targetCode: 'USA', dateStart: '2022-01-10', reports: 1, place: { name: 'Geneva' } });
    // The copy is listed among the sources but counts once.
    expect(c.sources).toHaveLength(2);
    const own = c.sources.find((s: { docId: string }) => s.docId === ids.talks);
    const doc = syntheticDocument(talks);
    expect(doc.text.slice(own.trigger.start, own.trigger.end)).toBe('demanded');
    expect(own).toMatchObject({ sentence: 0, modality: 'asserted', why: 'synthetic', date: { value: '2022-01-10' } });
    // RUS is a prefix: RUSMIL's event counts with either=1.
    const either = await get('/api/events?actor=rus&either=1');
    expect(either.body.items.map((x: { code: string }) => x.code).sort()).toEqual(['1056', '125', '190']);
    expect((await get('/api/events?quad=4')).body.items.map((x: { code: string }) => x.code)).toEqual(['190']);
    expect((await get('/api/events?actor=RUS&from=2022-01-11')).body.total).toBe(1);
    expect((await get('/api/events?actor=ZZZ')).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('lists actors and gives one actor with its events and its quotes', async () => {
    const list = await get('/api/actors?limit=500');
    expect(list.body.total).toBe((await store.actors()).length);
    expect(list.body.items.length).toBeGreaterThan(3);
    const gpe = await get('/api/actors?type=GPE');
    expect(gpe.body.items.every((a: { type: string }) => a.type === 'GPE')).toBe(true);
    const rus = await get('/api/actors/RUS');
    const detail = ActorDetailSchema.parse(rus.body);
    expect(detail.actor).toMatchObject({ code: 'RUS', asSource: 1, asTarget: 1 });
    // Newest first, either side, code prefix (RUSMIL included).
    expect(detail.events.map((e) => e.code)).toEqual(['190', '125', '1056']);
    expect(detail.quotes.map((q) => q.speaker)).toEqual(['RUS']);
    expect((await get('/api/actors/rus')).body.actor.code).toBe('RUS');
    expect((await get('/api/actors/QQQ')).status).toBe(404);
    expect((await get('/api/actors/R%20S')).body.error).toMatchObject({ code: 'bad_parameter', parameter: 'code' });
  });

  it('lists quotes by speaker', async () => {
    const all = await get('/api/quotes?limit=500');
    expect(pageOf(QuoteRowSchema).parse(all.body).total).toBe((await store.quotes()).length);
    const jane = await get('/api/quotes?speaker=spokes');
    expect(jane.body.items.map((q: { speaker: string }) => q.speaker)).toEqual(['Jane Spokes']);
    expect((await get('/api/quotes?speaker=spokes&from=2022-02-01')).body.total).toBe(0);
  });

  it('gives the dyad series in both directions, or one', async () => {
    const both = await get('/api/dyad?a=RUS&b=USA&by=day');
    expect(DyadSchema.parse(both.body)).toMatchObject({ a: 'RUS', b: 'USA', by: 'day', direction: 'both' });
    expect(both.body.items).toEqual([
      { period: '2022-01-10', events: 1, goldsteinSum: -5, goldsteinMean: -5 },
      { period: '2022-01-12', events: 1, goldsteinSum: -4, goldsteinMean: -4 },
    ]);
    expect((await get('/api/dyad?a=RUS&b=USA&by=month&direction=ab')).body.items).toEqual([{ period: '2022-01', events: 1, goldsteinSum: -5, goldsteinMean: -5 }]);
    expect((await get('/api/dyad?a=RUS&b=USA')).body.by).toBe('week');
  });

  it('groups dated clusters by day on the timeline', async () => {
    const r = await get('/api/timeline?actor=RUS');
    const t = TimelineSchema.parse(r.body);
    expect(t.items.map((d) => [d.date, d.events])).toEqual([['2022-01-10', 1], ['2022-01-12', 1], ['2022-01-13', 1]]);
    expect(t.truncated).toBe(false);
    const cut = await get('/api/timeline?actor=RUS&limit=2');
    expect(cut.body.truncated).toBe(true);
    expect(cut.body.items.flatMap((d: { clusters: unknown[] }) => d.clusters)).toHaveLength(2);
    expect((await get('/api/timeline?root=05&from=2022-02-01')).body.items.map((d: { date: string }) => d.date)).toEqual(['2022-02-04']);
  });

  it('draws the network of who acts on whom', async () => {
    const r = await get('/api/network?from=2022-01-01&to=2022-12-31');
    const net = NetworkSchema.parse(r.body);
    expect(net.edges.map((e) => `${e.source}>${e.target}:${e.events}:${e.dominantQuad}`).sort()).toEqual(['RUS>USA:1:3', 'RUSMIL>UKR:1:4', 'UKR>POL:1:2', 'USA>RUS:1:3']);
    expect(net.edges.find((e) => e.source === 'USA')).toMatchObject({ goldsteinSum: -4, quad: { 1: 0, 2: 0, 3: 1, 4: 0 } });
    expect(net.nodes.find((n) => n.id === 'RUS')!.events).toBe(2);
    expect((await get('/api/network?from=2022-01-01&to=2022-12-31&minEvents=2')).body.edges).toEqual([]);
  });

  it('maps located event clusters as GeoJSON', async () => {
    const r = await get('/api/map?from=2022-01-01&to=2022-12-31');
    const geo = GeoJsonSchema.parse(r.body);
    expect(geo.features.map((f) => [f.properties.code, f.geometry.coordinates])).toEqual([['1056', [6.15, 46.2]], ['190', [30.52, 50.45]]]);
    // Each report names its document and event, so the map can open it without another request.
    const links = geo.features[0]!.properties.reportLinks as { docId: string; eventId: string }[];
    const events = (await get('/api/events?from=2022-01-01&to=2022-12-31&root=10')).body.items as { code: string; sources: { docId: string; eventId: string; duplicateOf: string | null }[] }[];
    const cluster = events.find((c) => c.code === '1056')!;
    expect(links.length).toBeGreaterThan(0);
    expect(links).toEqual(cluster.sources.filter((x) => !x.duplicateOf).map((x) => expect.objectContaining({ docId: x.docId, eventId: x.eventId })));
    expect((await get('/api/map?actor=UKR&from=2022-01-01')).body.features).toHaveLength(1);
  });

  it('searches bodies and quotes', async () => {
    const r = await get('/api/search?q=written%20guarantees');
    const hits = pageOf(SearchHitSchema).parse(r.body);
    expect(hits.items.map((h) => [h.docId, h.where])).toEqual([[ids.talks, 'body']]);
    expect(hits.items[0]!.snippet).toContain('[written guarantees]');
    expect((await get('/api/search?q=%22unbalanced')).body.total).toBe(0);
  });
});

describe('errors', () => {
  const bad: [string, string][] = [
    ['/api/documents?limit=0', 'limit'], ['/api/documents?limit=501', 'limit'], ['/api/documents?limit=ten', 'limit'], ['/api/documents?offset=-1', 'offset'],
    ['/api/documents?duplicates=yes', 'duplicates'], ['/api/events?from=2022-13-01', 'from'], ['/api/events?to=2022-02-30', 'to'], ['/api/events?from=yesterday', 'from'],
    ['/api/events?root=21', 'root'], ['/api/events?root=1', 'root'], ['/api/events?root=00', 'root'], ['/api/events?quad=5', 'quad'], ['/api/events?actor=RUS;DROP', 'actor'],
    ['/api/events?limit=1.5', 'limit'], ['/api/actors?type=ALIEN', 'type'], ['/api/dyad?b=USA', 'a'], ['/api/dyad?a=RUS&b=USA&by=fortnight', 'by'],
    ['/api/dyad?a=RUS&b=USA&direction=ba', 'direction'], ['/api/timeline?limit=2001', 'limit'], ['/api/network?minEvents=0', 'minEvents'], ['/api/map?to=2022-1-1', 'to'],
    ['/api/search', 'q'], ['/api/search?q=', 'q'], ['/api/quotes?from=20220101', 'from'],
  ];
  it.each(bad)('400 bad_parameter for %s', async (path, parameter) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.body.error).toMatchObject({ code: 'bad_parameter', parameter });
    expect(r.body.error.message).toContain(parameter);
  });

  it('404 for an unknown API path, 405 for a wrong method', async () => {
    expect((await get('/api/nothing-here')).body.error.code).toBe('not_found');
    const r = await get('/api/events', app, { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.body.error.code).toBe('method_not_allowed');
  });
});

describe('analyze and writing', () => {
  const article = readFileSync(join(root, 'test/fixtures/wire-story.txt'), 'utf8');

  it('analyses text, HTML and JSON bodies without storing them', async () => {
    const before = await store.stats();
    const text = await post('/api/analyze', article, 'text/plain; charset=utf-8', {}, app);
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ format: 'casus/1', text: article });
    expect(text.body.sentences.length).toBeGreaterThan(3);
    const html = await post('/api/analyze', readFileSync(join(root, 'test/fixtures/news-page.html'), 'utf8'), 'text/html', {}, app);
    expect(html.body.source.format).toBe('html');
    const json = await post('/api/analyze', JSON.stringify({ text: 'Talks end\n\nKyiv thanked Warsaw for the grain deal on Friday.', published: '2022-02-04', url: 'https://invented.example/x' }), 'application/json', {}, app);
    expect(json.body.source.uri).toBe('https://invented.example/x');
    expect(await store.stats()).toEqual(before);
  });

  it('sends the analysed JSON with <, > and & escaped, equal to the document once parsed', async () => {
    const text = 'Talks end\n\nKyiv thanked Warsaw for the <script>grain</script> deal & more on Friday.';
    for (const threads of [0, 1]) {
      const a = createApp({ store, staticDir: join(dir, 'no-such-dir'), analyzeThreads: threads });
      const res = await a.request('/api/analyze', { method: 'POST', body: text, headers: { 'content-type': 'text/plain' } });
      const raw = await res.text();
      expect(raw).not.toMatch(/[<>&]/);
      expect(JSON.parse(raw).text).toBe(text);
      await a.close();
    }
  }, 120_000);

  it('refuses other media types, bad JSON bodies and bodies over the limit', async () => {
    expect((await post('/api/analyze', '<a/>', 'application/xml')).body.error.code).toBe('unsupported_media_type');
    expect((await post('/api/analyze', '<a/>', 'application/xml')).status).toBe(415);
    expect((await post('/api/analyze', '{"text": ', 'application/json')).body.error.code).toBe('bad_body');
    expect((await post('/api/analyze', '{"text": "a", "html": "b"}', 'application/json')).status).toBe(400);
    expect((await post('/api/analyze', '   ', 'text/plain')).status).toBe(400);
    const big = await post('/api/analyze', 'word '.repeat(20_000), 'text/plain');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
  });

  it('stores only with the right token, compared in constant time', async () => {
    const text = 'Harbour deal agreed\n\nRotterdam and Antwerp agreed on Tuesday to share dredging costs for the estuary, port officials said.';
    expect((await post('/api/analyze?store=1', text, 'text/plain', {}, app)).body.error.code).toBe('writing_disabled');
    const none = await post('/api/analyze?store=1', text, 'text/plain');
    expect(none.status).toBe(401);
    const wrong = await post('/api/analyze?store=1', text, 'text/plain', { authorization: 'Bearer correct-horse-battery!' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden');
    const docs = (await store.stats()).documents;
    const ok = await post('/api/analyze?store=1', text, 'text/plain', { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body.stored.status).toBe('stored');
    expect((await store.stats()).documents).toBe(docs + 1);
    // The cached document list sees the write.
    expect((await get('/api/documents?limit=500', writer)).body.items.map((d: { id: string }) => d.id)).toContain(ok.body.document.id);
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abcd')).toBe(false);
  });

  it('ingests texts with the token; URLs to private networks are refused; no token, no endpoint', async () => {
    expect((await post('/api/ingest', '{"texts": ["x"]}', 'application/json', {}, app)).status).toBe(404);
    expect((await post('/api/ingest', '{"texts": ["x"]}', 'application/json')).status).toBe(401);
    const body = JSON.stringify({ texts: ['Bridge reopens\n\nThe river bridge reopened on Monday after two years of repairs, the city said.'], urls: ['http://127.0.0.1:9/feed'] });
    const r = await post('/api/ingest', body, 'application/json', { authorization: `Bearer ${TOKEN}` });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ stored: 1, failed: 1 });
    expect(r.body.failures[0].uri).toBe('http://127.0.0.1:9/feed');
    expect((await post('/api/ingest', '{"urls": ["file:///etc/passwd"]}', 'application/json', { authorization: `Bearer ${TOKEN}` })).status).toBe(400);
  });
});

describe('untrusted article text', () => {
  it('comes back as JSON data: markup escaped, parsed back exactly, never as HTML', async () => {
    const r = await get(`/api/documents/${injected.id}`);
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.raw).not.toMatch(/<script|<img|"><|onerror=alert\(1\)>/);
    expect(r.body.text).toContain(INJECTION);
    expect(r.body.source.uri).toBe('https://invented.example/"><script>alert(3)</script>');
    const hits = await get('/api/search?q=policy');
    expect(hits.raw).not.toContain('<script');
    expect(hits.body.items.map((h: { snippet: string }) => h.snippet).join(' ')).toContain('<script>');
    expect(JSON.parse(safeJson({ s: '<\u2028&>' }))).toEqual({ s: '<\u2028&>' });
  });
});

/** A request with the path sent as it is: fetch would normalise `..` away before it left. */
function rawGet(port: number, path: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => { data += d.toString('latin1'); });
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head ?? '')?.[1] ?? 0), head: head ?? '', body: rest.join('\r\n\r\n') });
    });
    socket.on('error', reject);
  });
}

describe('static dashboard', () => {
  const web = join(dir, 'web');
  const SECRET = 'top-secret-outside-the-web-root';

  beforeAll(() => {
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>dash</title><div id="app"></div>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log("dash")');
    writeFileSync(join(web, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(web, '.env'), SECRET);
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    symlinkSync(dir, join(web, 'out'));
  });

  it('serves files with their types, index.html for client routes, security headers everywhere', async () => {
    const dash = createApp({ store, staticDir: web });
    const server = await startServer(dash, { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const index = await fetch(`${server.url}/`);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await index.text()).toContain('id="app"');
      expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(index.headers.get('x-content-type-options')).toBe('nosniff');
      const js = await fetch(`${server.url}/assets/app.js`);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await fetch(`${server.url}/assets/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(await (await fetch(`${server.url}/documents/abc123`)).text()).toContain('id="app"');
      expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
      const api = await fetch(`${server.url}/api/health`);
      expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(api.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('never serves a file outside the directory, however the path is written', async () => {
    const server = await startServer(createApp({ store, staticDir: web }), { port: 0 });
    try {
      const attempts = ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt',
        '/..%5csecret.txt', '/%252e%252e/secret.txt', `/${encodeURIComponent(join(dir, 'secret.txt'))}`, `//${join(dir, 'secret.txt').slice(1)}`, '/index.html%00.js',
        '/%00', '/out/secret.txt', '/.env', '/%2eenv', '/assets/%2e%2e/%2e%2e/secret.txt'];
      for (const path of attempts) {
        const r = await rawGet(server.port, path);
        expect(r.body, path).not.toContain(SECRET);
        expect([200, 400, 404], path).toContain(r.status);
        // A 200 can only be the dashboard's own index.html (a client route).
        if (r.status === 200) expect(r.body, path).toContain('id="app"');
      }
    } finally {
      await server.close();
    }
  });

  it('says how to build the dashboard when it is missing', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.raw).toContain('npm run build:web');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers CORS only for the configured origin', async () => {
    const cors = createApp({ store, cors: 'http://localhost:5173' });
    const ok = await get('/api/health', cors, { headers: { origin: 'http://localhost:5173' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await get('/api/health', cors, { headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
    expect((await get('/api/health', app, { headers: { origin: 'http://localhost:5173' } })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
