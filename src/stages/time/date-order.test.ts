/** Numeric dates (12/03/2021): the order from the document's own dates, else from its region. */
import { describe, expect, it } from 'vitest';
import { dayFirstOf, localeDayFirst } from './date-order.js';
import { extractTimes } from './extract-times.js';

const values = (text: string, dayFirst?: boolean | null) =>
  extractTimes(text, [{ start: 0, end: text.length }], { reference: '2021-06-01', dayFirst }).map((t) => t.value);

describe('numeric date order', () => {
  it('reads an ambiguous date month first by default, day first for a day-first region', () => {
    expect(values('The hearing on 12/03/2021 was short.')).toEqual(['2021-12-03']);
    expect(values('The hearing on 12/03/2021 was short.', true)).toEqual(['2021-03-12']);
  });
  it('lets a date with a day above 12 settle the order of the others, whatever the region', () => {
    expect(values('Filed on 12/03/2021, heard on 25/03/2021.')).toEqual(['2021-03-12', '2021-03-25']);
    expect(values('Filed on 12/03/2021, heard on 12/25/2021.', true)).toEqual(['2021-12-03', '2021-12-25']);
  });
  it('finds the region in the locale, the language or the country domain', () => {
    expect(localeDayFirst('en_GB')).toBe(true);
    expect(localeDayFirst('en-US')).toBe(false);
    expect(localeDayFirst('en')).toBeNull();
    expect(localeDayFirst('fr')).toBe(true);
    const doc = (over: object) => ({ metadata: {}, language: 'en', source: { format: 'html' as const }, ...over });
    expect(dayFirstOf(doc({ metadata: { meta: { 'og:locale': 'en_GB' } } }))).toBe(true);
    expect(dayFirstOf(doc({ source: { format: 'html', uri: 'https://www.example.co.uk/news/1' } }))).toBe(true);
    expect(dayFirstOf(doc({ source: { format: 'html', uri: 'https://news.example.com/a' } }))).toBeNull();
    expect(dayFirstOf(doc({ source: { format: 'html', uri: 'https://example.io/a' } }))).toBeNull();
    expect(dayFirstOf(doc({ language: 'de' }))).toBe(true);
  });
});
