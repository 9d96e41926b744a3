import { describe, expect, it, vi } from 'vitest';
import type { RawDocument } from '../ingest/raw-document.js';
import { prepareDocument } from '../storage/prepared-document.js';
import { syntheticDocument } from './synthetic-documents.js';
import { runJob, runJobs } from './worker-job.js';

// The pipeline stands in as a function of the text: a valid document, one the schema refuses, or a throw.
// analyzeBatch as the real one answers: each input's document or error, in order (and the options it was given).
vi.mock('../analyze.js', () => {
  const analyze = (raw: RawDocument, options: { published?: string } = {}) => {
    if (raw.text === 'throw') throw new Error('stage failed');
    const doc = syntheticDocument({ title: 'Talks', sentences: ['Russia met Ukraine in Geneva on Tuesday for talks.'], published: options.published ?? '2021-12-14',
      events: [{ source: 'RUS', target: 'UKR', code: '036', sentence: 0, date: '2021-12-14' }] });
    return raw.text === 'invalid' ? { ...doc, events: [{ code: 'x' }] } : doc;
  };
  const analyzeBatch = (raws: RawDocument[], options: { published?: string } = {}) => raws.map((raw) => {
    try {
      return { ok: true, doc: analyze(raw, options) };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { analyze, analyzeBatch };
});

const raw = (text: string): RawDocument => ({ source: { format: 'text' }, text, metadata: {}, knownRegions: [], warnings: [] });

describe('runJob (an analysis worker job)', () => {
  it('validates on the worker and returns the store rows of a valid document, with its JSON', async () => {
    const r = runJob({ seq: 1, raw: raw('ok'), options: {}, want: 'rows' });
    expect(r.ok && 'rows' in r).toBe(true);
    if (!('rows' in r)) return;
    const { analyze } = await import('../analyze.js');
    const doc = analyze(raw('ok'));
    expect(r.rows).toEqual(prepareDocument(doc));
    expect(JSON.parse(r.rows.json)).toEqual(doc);
    expect(r.rows.events).toHaveLength(1);
    expect(r.rows.bands.length).toBeGreaterThan(0);
  });

  it('refuses a document the schema refuses: a failure for that input, no rows', () => {
    const r = runJob({ seq: 2, raw: raw('invalid'), options: {}, want: 'rows' });
    expect(r).toMatchObject({ seq: 2, ok: false, code: 'E_INVALID_DOCUMENT' });
    expect((r as { message: string }).message).toMatch(/^not a casus\/1 document: events/);
  });

  it('reports a stage that throws as E_ANALYZE', () => {
    expect(runJob({ seq: 3, raw: raw('throw'), options: {}, want: 'json' })).toMatchObject({ seq: 3, ok: false, code: 'E_ANALYZE' });
  });

  it('runs several jobs as batches and answers each in request order, a failure only its own', () => {
    const replies = runJobs([
      { seq: 10, raw: raw('ok'), options: {}, want: 'json' },
      { seq: 11, raw: raw('throw'), options: {}, want: 'json' },
      { seq: 12, raw: raw('ok'), options: { published: '2022-02-24' }, want: 'json' },
      { seq: 13, raw: raw('invalid'), options: {}, want: 'rows' },
      { seq: 14, raw: raw('ok'), options: {}, want: 'rows' },
    ]);
    expect(replies.map((r) => [r.seq, r.ok])).toEqual([[10, true], [11, false], [12, true], [13, false], [14, true]]);
    expect(replies[1]).toMatchObject({ code: 'E_ANALYZE', message: expect.stringMatching(/stage failed/) });
    expect(replies[3]).toMatchObject({ code: 'E_INVALID_DOCUMENT' });
    // Each batch gets its own options: the one with another date is analysed with it.
    expect(JSON.parse((replies[2] as { json: string }).json).published.value).toBe('2022-02-24');
    expect(JSON.parse((replies[0] as { json: string }).json).published.value).toBe('2021-12-14');
    expect('rows' in replies[4]!).toBe(true);
  });

  it('returns the JSON of the document when asked for it', () => {
    const r = runJob({ seq: 4, raw: raw('ok'), options: {}, want: 'json' });
    expect('json' in r && JSON.parse(r.json).events).toHaveLength(1);
  });
});
