import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import type { RawDocument } from '../ingest/raw-document.js';
import { prepareDocument } from '../storage/prepared-document.js';
import { AnalyzePool } from './analyze-pool.js';

const texts = [
  'Talks in Geneva\n\nRussian diplomats demanded legal guarantees from Washington on Tuesday, officials said.',
  'Harvest report\n\nThe farm ministry raised its wheat estimate on Monday. Exporters welcomed the figures.',
  'Border incident\n\nUkraine accused Russia of shelling a village near the border on Sunday.',
  'Summit plans\n\nFrench and German leaders will meet in Berlin next week to discuss energy prices.',
];
const raw = (text: string): RawDocument => ({ source: { format: 'text' }, text, metadata: {}, knownRegions: [], warnings: [] });

// One thread, the documents queued on it run as one batch: the pool as ingest runs it, at its smallest.
const pool = new AnalyzePool(1);
afterAll(() => pool.close());

describe('AnalyzePool', () => {
  it('posts the analysed document back as its JSON, parsed only when read', async () => {
    const results = await Promise.all(texts.map((t) => pool.analyze(raw(t))));
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.json).toBe(JSON.stringify(analyze(raw(texts[i]!))));
      expect(r.doc).toEqual(analyze(raw(texts[i]!)));
      expect(r.doc).toBe(r.doc); // parsed once
    });
  }, 120_000);

  it('builds the validated store rows on the worker, equal to the rows built here', async () => {
    const results = await Promise.all(texts.map((t) => pool.prepare(raw(t), { published: '2021-12-14' })));
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.rows).toEqual(prepareDocument(analyze(raw(texts[i]!), { published: '2021-12-14' })));
    });
  }, 120_000);

  it('says how busy each worker was over a span: analysing, not waiting', async () => {
    const before = pool.utilization();
    await Promise.all(texts.map((t) => pool.analyze(raw(t))));
    const busy = pool.utilization(before);
    expect(busy).toHaveLength(1);
    expect(busy[0]!.active).toBeGreaterThan(0);
    expect(busy[0]!.utilization).toBeGreaterThan(0);
    expect(busy[0]!.utilization).toBeLessThanOrEqual(1);
    // With nothing to do, a worker waits: a span without documents is mostly idle.
    const after = pool.utilization();
    await new Promise((r) => setTimeout(r, 300));
    expect(pool.utilization(after)[0]!.utilization).toBeLessThan(0.5);
  }, 120_000);

  it('tries the batch of a worker that dies again, each document alone, and fails only one that dies alone', async () => {
    // A fresh pool: its worker is still loading its modules (hundreds of milliseconds) when it is
    // killed, so it cannot have answered a document yet. A warm worker could finish them
    // between the post and the kill, which made this test fail now and then on a loaded machine.
    const fresh = new AnalyzePool(1);
    const worker = () => (fresh as unknown as { workers: Worker[] }).workers[0]!;
    try {
      const pending = texts.map((t) => fresh.prepare(raw(t)));
      // All four documents are now posted to the only worker, as one batch: it dies.
      await worker().terminate();
      // Its replacement gets the first document alone (still loading its modules): it dies on it.
      await new Promise((r) => setImmediate(r));
      await worker().terminate();
      const results = await Promise.all(pending);
      expect(results[0]).toMatchObject({ ok: false, code: 'E_ANALYZE', message: expect.stringMatching(/exited/) });
      expect(results.slice(1).map((r) => r.ok)).toEqual([true, true, true]);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
