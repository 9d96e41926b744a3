import { describe, expect, it } from 'vitest';
import { validateDocument } from '../core/document.js';
import { chooseCluster, compatibleCodes, dateRange, datesOverlap, eventRows, evidenceTerms, termSimilarity } from './event-clusters.js';
import { syntheticDocument } from './synthetic-documents.js';

describe('event clustering rules', () => {
  it('reads day, month, year and ISO-week values as date ranges', () => {
    expect(dateRange('2021-12-14')).toEqual({ start: '2021-12-14', end: '2021-12-14' });
    expect(dateRange('2021-12-14T10:00')).toEqual({ start: '2021-12-14', end: '2021-12-14' });
    expect(dateRange('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(dateRange('2021')).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(dateRange('2021-W50')).toEqual({ start: '2021-12-13', end: '2021-12-19' });
    expect(dateRange('PRESENT_REF')).toBeNull();
    expect(dateRange('2021-13')).toBeNull();
  });
  it('lets dates overlap within one day, unknown only with unknown', () => {
    expect(datesOverlap({ start: '2021-12-14', end: '2021-12-14' }, { start: '2021-12-15', end: '2021-12-15' })).toBe(true);
    expect(datesOverlap({ start: '2021-12-14', end: '2021-12-14' }, { start: '2021-12-16', end: '2021-12-16' })).toBe(false);
    expect(datesOverlap(null, null)).toBe(true);
    expect(datesOverlap(null, { start: '2021-12-16', end: '2021-12-16' })).toBe(false);
  });
  it('treats a code and its refinements as compatible, other roots not', () => {
    expect(compatibleCodes('13', '138')).toBe(true);
    expect(compatibleCodes('1056', '105')).toBe(true);
    expect(compatibleCodes('1056', '1053')).toBe(true);
    expect(compatibleCodes('112', '120')).toBe(false);
    expect(compatibleCodes('0871', '0874')).toBe(true);
  });
  it('compares evidence by content words', () => {
    expect(evidenceTerms('The talks in Geneva were about the guarantees.')).toEqual(['geneva', 'guarantees', 'talks']);
    expect(termSimilarity(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(termSimilarity([], ['x'])).toBe(0);
  });
  it('chooses the most similar compatible cluster, copies of one story first, else none', () => {
    const ev = { code: '1056', range: { start: '2021-12-14', end: '2021-12-14' }, terms: ['demanded', 'geneva', 'guarantees', 'legal'] };
    const day = { start: '2021-12-14', end: '2021-12-14' };
    expect(chooseCluster(ev, [
      { id: 1, code: '1056', range: day, terms: ['weather'], sameStory: false },
      { id: 2, code: '105', range: day, terms: ['guarantees', 'legal', 'moscow'], sameStory: false },
      { id: 3, code: '120', range: day, terms: ['demanded', 'geneva', 'guarantees', 'legal'], sameStory: false },
    ])).toBe(2);
    expect(chooseCluster(ev, [{ id: 4, code: '1056', range: day, terms: [], sameStory: true }])).toBe(4);
    expect(chooseCluster(ev, [{ id: 5, code: '1056', range: { start: '2022-01-20', end: '2022-01-20' }, terms: ev.terms, sameStory: false }])).toBeNull();
  });
  it('flattens a document’s events with evidence sentence, names, place and the publication day as fallback date', () => {
    const doc = syntheticDocument({ title: 'T', published: '2021-12-15', sentences: ['Moscow threatened Kyiv near Kharkiv.', 'Nothing else happened.'],
      events: [{ source: 'RUS', target: 'UKR', code: '138', sentence: 0, trigger: 'threatened', date: null, place: { name: 'Kharkiv', country: 'UA', lat: 50, lon: 36.2, geonameId: 706483 } }] });
    expect(validateDocument(doc)).toEqual([]);
    const [row] = eventRows(doc);
    expect(row).toMatchObject({ sourceCode: 'RUS', targetCode: 'UKR', trigger: 'threatened', evidence: 'Moscow threatened Kyiv near Kharkiv.',
      range: { start: '2021-12-15', end: '2021-12-15' }, place: { name: 'Kharkiv', geonameId: 706483 }, sourceName: 'RUS' });
  });
});
