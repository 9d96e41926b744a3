import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../corpus/synthetic-documents.js';
import { describeStoreConformance } from '../store-conformance.js';
import { MIGRATIONS } from './migrations.js';
import Database from 'better-sqlite3';
import { migrate, openSqliteStore, periodOf, schemaVersion, UNDATED_CANDIDATES } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeStoreConformance('sqlite (file)', async () => openSqliteStore(join(dir, `c${n++}.db`)));
describeStoreConformance('sqlite (memory)', async () => openSqliteStore(':memory:'));

const doc = () => syntheticDocument({ title: 'A title', sentences: ['One sentence about talks between the capitals.', 'Another one follows it here.'],
  events: [{ source: 'RUS', target: 'USA', code: '036', sentence: 0, date: '2021-12-01' }], quotes: [{ speaker: 'A Person', sentence: 1 }] });

describe('SqliteStore', () => {
  it('compares an undated event with the newest undated clusters of its dyad, and with those of its near-duplicates however old', async () => {
    const store = openSqliteStore(':memory:');
    const aid = 'Kyiv pledged new humanitarian aid to Warsaw for the refugee centres along the border crossings.';
    const body = ['The announcement came after a long meeting of both cabinets in the capital on the refugee situation.',
      'Officials said thousands of families had crossed the frontier during the previous weeks of fighting.',
      'Volunteers in several towns asked for blankets, medicine and hot food for the arriving children.',
      'The regional governor thanked the neighbouring country for opening its schools and hospitals to them.',
      'Aid groups warned that the winter months would make the crossings far more dangerous for everyone.'];
    const undated = (title: string, uri: string, sentences: string[]) => syntheticDocument({ title, uri, sentences,
      events: [{ source: 'UKR', target: 'POL', code: '043', date: null, sentence: 0 }] });
    const clusterOf = (id: string) => (store.db.prepare('SELECT e.cluster_id AS c FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE d.id = ?').get(id) as { c: number }).c;
    const first = undated('Aid pledged', 'https://a.example/1', [aid, ...body]);
    await store.put(first);
    // Unrelated undated events of the same dyad and root: each opens its own cluster.
    for (let i = 0; i < UNDATED_CANDIDATES; i++) {
      const words = Array.from({ length: 8 }, (_, j) => `term${i}x${j}`).join(' ');
      await store.put(undated(`Filler ${i}`, `https://f.example/${i}`, [`Kyiv discussed ${words} with Warsaw.`, `Nothing else about ${words}.`]));
    }
    const clusters = (store.db.prepare('SELECT COUNT(*) AS n FROM event_clusters').get() as { n: number }).n;
    expect(clusters).toBe(UNDATED_CANDIDATES + 1);
    // Another report with the same evidence but otherwise new text: the first cluster is beyond the newest ones compared.
    const later = undated('Aid again', 'https://b.example/2', [aid, 'A different article follows with its own reporting on other matters entirely.']);
    await store.put(later);
    expect(clusterOf(later.id)).not.toBe(clusterOf(first.id));
    // A republished copy of the first document still joins its cluster, as a report of the same story.
    const copy = undated('Aid pledged', 'https://mirror.example/1', [aid, ...body, 'Subscribe to our newsletter for more news every morning.']);
    const put = await store.put(copy);
    expect(put.duplicateOf).toBe(first.id);
    expect(clusterOf(copy.id)).toBe(clusterOf(first.id));
    await store.close();
  });

  it('runs in WAL mode, records its migrations and reopens without re-running them', async () => {
    const path = join(dir, 'm.db');
    const a = openSqliteStore(path);
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Group commits: savepoint journals in memory, fewer checkpoints.
    expect(a.db.pragma('temp_store', { simple: true })).toBe(2);
    expect(a.db.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    expect(schemaVersion(a.db)).toBe(MIGRATIONS.at(-1)!.version);
    await a.put(doc());
    await a.close();
    const b = openSqliteStore(path);
    expect((b.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    expect((await b.stats()).documents).toBe(1);
    await b.close();
  });

  it('upgrades a version-1 store in place, filling the new columns from the data', async () => {
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    migrate(raw, 1);
    expect(schemaVersion(raw)).toBe(1);
    raw.close();
    // A version-1 store written by hand: one document with one event in one cluster.
    const v1 = new Database(path);
    v1.exec(`INSERT INTO documents (seq, id, json) VALUES (1, 'd1', '{}');
      INSERT INTO event_clusters (id, source_code, target_code, root, code, label, quad_class, terms) VALUES (1, 'RUS', 'USA', '03', '036', 'x', 1, '');
      INSERT INTO events (doc_seq, event_id, code, root, quad_class, goldstein, source_code, target_code, modality, confidence, trigger, evidence, cluster_id, json)
        VALUES (1, 'ev1', '036', '03', 1, 4, 'RUS', 'USA', 'asserted', 1, 't', 'e', 1, '{}');`);
    v1.close();
    const store = openSqliteStore(path);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.db.prepare('SELECT originals FROM event_clusters WHERE id = 1').get()).toEqual({ originals: 1 });
    await store.close();
  });

  it('rolls back the whole document when the transaction fails half-way', async () => {
    let fail = true;
    const store = openSqliteStore(':memory:', { afterDocumentRow: () => { if (fail) throw new Error('simulated crash'); } });
    await expect(store.put(doc())).rejects.toThrow('simulated crash');
    const counts = (store.db.prepare(`SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM quotes)
      + (SELECT COUNT(*) FROM event_clusters) + (SELECT COUNT(*) FROM doc_bands) + (SELECT COUNT(*) FROM body_fts) + (SELECT COUNT(*) FROM quotes_fts) AS n`).get() as { n: number }).n;
    expect(counts).toBe(0);
    fail = false;
    expect((await store.put(doc())).status).toBe('stored');
    expect(await store.stats()).toMatchObject({ documents: 1, events: 1, quotes: 1, clusters: 1 });
    await store.close();
  });

  it('puts a copy\'s event in the cluster of its original even when the evidence differs (same story), and an unrelated one apart', async () => {
    const sentences = [
      'Russian diplomats demanded legal guarantees from Washington about the alliance in Geneva on Tuesday.',
      'The talks between the delegations lasted seven hours and ended without an agreement on the main points.',
      'Officials said another round of meetings could follow in January if both capitals agree to it.',
      'Markets in Europe barely moved as traders waited for the outcome of the negotiations.',
      'Analysts noted that the positions of the two sides remained far apart on every key issue.',
    ];
    const event = (sentence: number, trigger: string) => ({ source: 'RUS', target: 'USA', code: '1056', sentence, trigger });
    const original = syntheticDocument({ title: 'Talks end', sentences, uri: 'https://a.example/1', events: [event(0, 'demanded')] });
    // A republished copy whose event's evidence shares no words with the original's.
    const copy = syntheticDocument({ title: 'Talks end', sentences: [...sentences, 'Subscribe to our newsletter for more.'], uri: 'https://b.example/1', events: [event(3, 'moved')] });
    // Another story with the same dyad and code and evidence as unrelated.
    const other = syntheticDocument({ title: 'Harvest', sentences: ['Farmers counted the wheat in the fields near the river last week.', 'Prices rose.'], uri: 'https://c.example/1', events: [event(0, 'counted')] });
    const store = openSqliteStore(':memory:');
    for (const d of [original, copy, other]) await store.put(d);
    const rows = store.db.prepare('SELECT d.uri, e.cluster_id AS c FROM events e JOIN documents d ON d.seq = e.doc_seq ORDER BY d.seq').all() as { uri: string; c: number }[];
    expect((await store.documents()).find((d) => d.uri === 'https://b.example/1')?.duplicateOf).toBe(original.id);
    expect(rows[1]!.c).toBe(rows[0]!.c);
    expect(rows[2]!.c).not.toBe(rows[0]!.c);
    await store.close();
  });

  it('names ISO weeks across a year boundary', () => {
    expect(periodOf('2021-01-03', 'week')).toBe('2020-W53');
    expect(periodOf('2021-01-04', 'week')).toBe('2021-W01');
    expect(periodOf('2024-12-30', 'week')).toBe('2025-W01');
  });
});
