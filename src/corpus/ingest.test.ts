import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMixedCorpus } from '../../test/helpers/mixed-corpus.js';
import type { MixedCorpus } from '../../test/helpers/mixed-corpus.js';
import { halfWritten, storeSnapshot } from '../../test/helpers/store-snapshot.js';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { ingest } from './ingest.js';
import type { IngestSummary } from './ingest.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-ingest-'));
const db = join(dir, 'corpus.db');
let corpus: MixedCorpus;
let first: IngestSummary;

beforeAll(async () => {
  // 1,000 readable documents: 600 text, 200 HTML, 150 JSON Lines, 50 near-duplicate copies (5%);
  // plus a binary file, an empty file and a broken JSON line.
  corpus = writeMixedCorpus(join(dir, 'in'), { text: 600, html: 200, jsonl: 150, copies: 50 });
  const store = openSqliteStore(db);
  try {
    first = await ingest([join(dir, 'in')], store, { jobs: 2 });
  } finally {
    await store.close();
  }
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingest of a 1,000-document mixed corpus', () => {
  it('stores every good document once and reports the failures', async () => {
    expect(corpus.good).toBe(1000);
    expect(first).toMatchObject({ documents: 1000, stored: 1000, skipped: 0, failed: 3, interrupted: false });
    const store = openSqliteStore(db);
    const docs = await store.documents();
    expect(docs).toHaveLength(1000);
    expect(new Set(docs.map((d) => d.id)).size).toBe(1000);
    const failures = await store.failures();
    expect(failures.map((f) => ({ uri: f.uri, ...(f.line ? { line: f.line } : {}) })).sort((a, b) => a.uri.localeCompare(b.uri)))
      .toEqual([...corpus.unreadable].sort((a, b) => a.uri.localeCompare(b.uri)));
    expect(failures.map((f) => f.code).sort()).toEqual(['E_INPUT_BINARY', 'E_INPUT_EMPTY', 'E_JSONL_PARSE']);
    expect(halfWritten(db)).toEqual([]);
    await store.close();
  });

  it('links each near-duplicate to its original, and nothing else', async () => {
    const store = openSqliteStore(db);
    const docs = await store.documents();
    const uriOf = new Map(docs.map((d) => [d.id, d.uri]));
    const linked = docs.filter((d) => d.duplicateOf);
    expect(first.duplicates).toBe(50);
    expect(linked).toHaveLength(50);
    for (const d of linked) expect(uriOf.get(d.duplicateOf!), d.uri!).toBe(corpus.copies.get(d.uri!));
    expect((await store.stats()).originals).toBe(950);
    await store.close();
  });

  it('skips everything on a second run and leaves the store unchanged', async () => {
    const before = storeSnapshot(db);
    const store = openSqliteStore(db);
    const again = await ingest([join(dir, 'in')], store, { jobs: 1 });
    await store.close();
    expect(again).toMatchObject({ documents: 1000, stored: 0, skipped: 1000, failed: 3 });
    expect(storeSnapshot(db)).toEqual(before);
  }, 600_000);
});
