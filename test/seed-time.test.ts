/** Dates in the seed article (../shared, not committed): every one resolved, the publication date from the text alone. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { SEED_PATH, hasSeed } from './helpers/fixtures.js';

describe.skipIf(!hasSeed)('seed article: time', () => {
  const doc = hasSeed ? analyze(readFileSync(SEED_PATH, 'utf8')) : null!;
  const value = (words: string) => doc.times.filter((t) => doc.text.slice(t.start, t.end) === words).map((t) => [t.value, t.mod ?? null]);

  it('infers the publication date from the text alone', () => {
    expect(['2021-12-30', '2021-12-31']).toContain(doc.published?.value);
    expect(doc.published?.confidence).toBeLessThan(1);
  });
  it('resolves every date against it', () => {
    expect(value('Thursday evening, December 30')).toEqual([['2021-12-30', null]]);
    expect(value('December 7')).toEqual([['2021-12-07', null]]);
    expect(value('December 18')).toEqual([['2021-12-18', null]]);
    expect(value('this week')).toEqual([['2021-W52', null]]);
    expect(value('mid-December')).toEqual([['2021-12', 'MID']]);
    expect(value('Wednesday')).toEqual([['2021-12-29', null]]);
    expect(value('July')).toEqual([['2021-07', null]]);
    expect(value('fifty minutes')).toEqual([['PT50M', null]]);
    expect(value('2014')).toEqual([['2014', null]]);
    expect(value('recent years')).toEqual([['PXY', null]]);
    expect(value('two weeks')).toEqual([['P2W', null]]);
  });
  it('points every time span into the text', () => {
    for (const t of doc.times) expect(t.end).toBeLessThanOrEqual(doc.text.length);
    expect(doc.times.length).toBeGreaterThanOrEqual(15);
  });
});
