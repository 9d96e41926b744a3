/** The time stage: extents and TIMEX3 values resolved against a reference date and tense. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { extractTimes } from './extract-times.js';
import { fullDatesIn, parseDateString, publishedFromMetadata, publishedFromText } from './published.js';

/** [words, type, value, mod?] for each expression found, reference 2021-12-31 (a Friday). */
function found(text: string, reference = '2021-12-31') {
  return extractTimes(text, [{ start: 0, end: text.length }], { reference }).map((t) => [text.slice(t.start, t.end), t.type, t.value, ...(t.mod ? [t.mod] : [])]);
}

describe('extractTimes', () => {
  it('resolves explicit dates, with the weekday fixing nothing it contradicts', () => {
    expect(found('They met on March 3, 2019 and again on 4 June 2020.')).toEqual([
      ['March 3, 2019', 'DATE', '2019-03-03'], ['4 June 2020', 'DATE', '2020-06-04'],
    ]);
  });
  it('reads a weekday in past narration as the one before, in future clauses as the one after', () => {
    expect(found('The minister resigned on Tuesday.')).toEqual([['Tuesday', 'DATE', '2021-12-28']]);
    expect(found('The minister will resign on Tuesday.')).toEqual([['Tuesday', 'DATE', '2022-01-04']]);
  });
  it('picks the year of a month and day nearest the reference', () => {
    expect(found('The vote took place on November 20.')).toEqual([['November 20', 'DATE', '2021-11-20']]);
    expect(found('The vote is set for January 15.')).toEqual([['January 15', 'DATE', '2022-01-15']]);
  });
  it('handles relative expressions and modifiers', () => {
    expect(found('Prices fell last year but rose this week, in mid-November and early next year.')).toEqual([
      ['last year', 'DATE', '2020'], ['this week', 'DATE', '2021-W52'], ['mid-November', 'DATE', '2021-11', 'MID'], ['early next year', 'DATE', '2022', 'START'],
    ]);
    expect(found('Two days ago and three years ago.')).toEqual([['Two days ago', 'DATE', '2021-12-29'], ['three years ago', 'DATE', '2018']]);
  });
  it('normalizes durations and sets', () => {
    expect(found('They spoke for fifty minutes, then for about two years, and 5 1/2 hours.')).toEqual([
      ['fifty minutes', 'DURATION', 'PT50M'], ['about two years', 'DURATION', 'P2Y', 'APPROX'], ['5 1/2 hours', 'DURATION', 'PT5H30M'],
    ]);
    expect(found('The paper appears every Thursday and is printed weekly.')).toEqual([['every Thursday', 'SET', 'XXXX-WXX-4'], ['weekly', 'SET', 'P1W']]);
  });
  it('uses PRESENT_REF / PAST_REF / FUTURE_REF and vague durations', () => {
    expect(found('Now, in recent years, the past few months and the near future matter.')).toEqual([
      ['Now', 'DATE', 'PRESENT_REF'], ['recent years', 'DURATION', 'PXY'], ['the past few months', 'DURATION', 'PXM'], ['the near future', 'DATE', 'FUTURE_REF'],
    ]);
  });
  it('anchors "that evening" and "a year earlier" to the date in focus', () => {
    expect(found('The summit opened on June 3, 2019. Later that evening the leaders dined; a year earlier they had not met.')).toEqual([
      ['June 3, 2019', 'DATE', '2019-06-03'], ['Later that evening', 'TIME', '2019-06-03TEV'], ['a year earlier', 'DATE', '2018'],
    ]);
  });
  it('merges a weekday, a part of day and a date into one expression; decades and quarters', () => {
    expect(found('On Thursday evening, December 30, talks began.')).toEqual([['Thursday evening, December 30', 'DATE', '2021-12-30']]);
    expect(found('Profit doubled in the third quarter, as in the 1990s.')).toEqual([['the third quarter', 'DATE', '2021-Q3'], ['the 1990s', 'DATE', '199']]);
    expect(found('At 10:35 a.m. Wednesday the market closed.')).toEqual([['10:35 a.m. Wednesday', 'TIME', '2021-12-29T10:35']]);
  });
  it('keeps the quarter in focus across "the quarter ended Sept. 30" and reads a year back from it', () => {
    expect(found('Net rose in the fiscal first quarter ended Sept. 30, up from $2 million a year ago.', '1989-11-02')).toEqual([
      ['the fiscal first quarter', 'DATE', '1989-Q1'], ['Sept. 30', 'DATE', '1989-09-30'], ['a year ago', 'DATE', '1988-Q1'],
    ]);
    expect(found('Profit fell in the third quarter. For the quarter a year ago, it earned $5 million.', '1989-10-26')).toEqual([
      ['the third quarter', 'DATE', '1989-Q3'], ['the quarter a year ago', 'DATE', '1988-Q3'],
    ]);
  });
  it('puts the closing date of a period that "ended" before the reference date, even most of a year back', () => {
    expect(found('In the fiscal year ended Jan. 31, sales rose.', '1989-10-31')).toEqual([['the fiscal year', 'DURATION', 'P1Y'], ['Jan. 31', 'DATE', '1989-01-31']]);
    expect(found('In the fiscal year ending Jan. 31, sales will rise.', '1989-10-31').map((t) => t[2])).toContain('1990-01-31');
  });
  it('reads halves as quarters, seasons with spoken years, listed days and pre-/post- years', () => {
    expect(found('Output stays low through the first two quarters of 1990.')).toEqual([['the first two quarters of 1990', 'DATE', '1990-H1']]);
    expect(found('Prices peaked in the winter of nineteen ninety-four.')).toEqual([['the winter of nineteen ninety-four', 'DATE', '1994-WI']]);
    expect(found('The summit will meet on April 24 and 25, 1999.')).toEqual([['April 24', 'DATE', '1999-04-24'], ['25, 1999', 'DATE', '1999-04-25']]);
    expect(found('On March 3 and 15 people came.').map((t) => t[0])).toEqual(['March 3']);
    expect(found('The post-1959 politics changed.')).toEqual([['post-1959', 'DATE', '1959', 'AFTER']]);
  });
  it('anchors "the previous Friday" and "the day before" to the day in focus, or to the date that follows', () => {
    expect(found('He arrived on Monday, Oct. 16. He had left Paris the previous Friday.', '1989-10-31')).toEqual([
      ['Monday, Oct. 16', 'DATE', '1989-10-16'], ['the previous Friday', 'DATE', '1989-10-13'],
    ]);
    expect(found('Talks opened on Tuesday and broke down the following day.', '1989-11-02')).toEqual([
      ['Tuesday', 'DATE', '1989-10-31'], ['the following day', 'DATE', '1989-11-01'],
    ]);
    expect(found('Prices rose after Oct. 12, the day before the plunge.', '1989-10-30')).toEqual([['Oct. 12', 'DATE', '1989-10-12'], ['the day before', 'DATE', '1989-10-12']]);
    expect(found('The day before last Tuesday\'s hearing, he called.', '2000-02-24')).toEqual([['The day before last Tuesday', 'DATE', '2000-02-21']]);
  });
  it('reads "over the next year" as a span, "the next month" in past narration from the date in focus', () => {
    expect(found('Rates will rise by a point over the next year.')).toEqual([['the next year', 'DURATION', 'P1Y']]);
    expect(found('He arrived on March 3, 2015. The next month, he left.')).toEqual([['March 3, 2015', 'DATE', '2015-03-03'], ['The next month', 'DATE', '2015-04']]);
  });
  it('resolves moving holidays (Easter, US Election Day), their weeks and a year after them', () => {
    expect(found('Crowds gathered as Easter week began.', '2000-04-17')).toEqual([['Easter week', 'DATE', '2000-W16']]);
    expect(found('He will campaign until Election Day.', '1998-10-26')).toEqual([['Election Day', 'DATE', '1998-11-03']]);
    expect(found('Good Friday 2021 was quiet.')).toEqual([['Good Friday 2021', 'DATE', '2021-04-02']]);
  });
  it('does not read the tense of a quotation from the verb that reports it', () => {
    expect(found('"He will leave at 4 a.m. Thursday," Castro said.', '2000-04-05')).toEqual([['4 a.m. Thursday', 'TIME', '2000-04-06T04:00']]);
    expect(found('The minister will say "no" on Tuesday.', '2000-04-05')).toEqual([['Tuesday', 'DATE', '2000-04-11']]);
    expect(found('Islam will one day be the second religion.')).toEqual([['one day', 'DATE', 'FUTURE_REF']]);
    expect(found('The rest will be paid at a later date.')).toEqual([['a later date', 'DATE', 'FUTURE_REF']]);
    expect(found('Troops could stay in the gulf for some time.')).toEqual([['some time', 'DURATION', 'PXX']]);
  });
  it('leaves relative dates unresolved without a reference date', () => {
    const text = 'He left yesterday, on December 7.';
    expect(extractTimes(text, [{ start: 0, end: text.length }]).map((t) => t.value)).toEqual(['XXXX-12-07']);
  });
});

describe('tense from tags', () => {
  /** Columns for a sentence tagged by hand: "word/TAG word/TAG …". */
  function tagged(s: string) {
    let text = '';
    const start: number[] = [], end: number[] = [], xpos: string[] = [];
    for (const wt of s.split(' ')) {
      const [w, t] = wt.split('/') as [string, string];
      if (text) text += ' ';
      start.push(text.length); text += w; end.push(text.length); xpos.push(t);
    }
    return { text, tags: { start, end, xpos } };
  }
  it('reads past verbs, future modals and intent verbs, and ignores adjectival participles', () => {
    const a = tagged('Qantas/NNP will/MD double/VB flights/NNS by/IN August/NNP to/IN untouched/VBN markets/NNS');
    expect(extractTimes(a.text, [{ start: 0, end: a.text.length }], { reference: '1998-02-13', tags: a.tags }).map((t) => t.value)).toEqual(['1998-08']);
    const b = tagged('Talks/NNS set/JJ to/TO resume/VB Monday/NNP');
    expect(extractTimes(b.text, [{ start: 0, end: b.text.length }], { reference: '1998-03-22', tags: b.tags }).map((t) => t.value)).toEqual(['1998-03-23']);
    const c = tagged('The/DT plant/NN closed/VBD Monday/NNP');
    expect(extractTimes(c.text, [{ start: 0, end: c.text.length }], { reference: '1998-03-22', tags: c.tags }).map((t) => t.value)).toEqual(['1998-03-16']);
  });
});

describe('publication date', () => {
  it('ranks page evidence: marked-up dates over the URL, the URL over shown dates, modified dates last', () => {
    const doc = (times: { kind: string; datetime?: string; text: string }[], uri = 'https://example.org/story') =>
      ({ source: { uri, format: 'html' as const }, metadata: { times } });
    expect(publishedFromMetadata(doc([{ kind: 'element', text: '3. März 2020' }, { kind: 'itemprop', datetime: '2020-03-02', text: '' }]))?.value).toBe('2020-03-02');
    expect(publishedFromMetadata(doc([{ kind: 'label', text: 'Published on March 1, 2020' }], 'https://example.org/2020/02/28/story'))?.value).toBe('2020-02-28');
    expect(publishedFromMetadata(doc([{ kind: 'label-modified', text: 'Updated 2020-03-09' }, { kind: 'label', text: 'Posted 4.3.2020' }]))?.value).toBe('2020-03-04');
    expect(publishedFromMetadata(doc([{ kind: 'label-modified', text: 'Updated 2020-03-09' }]))?.confidence).toBeLessThan(0.5);
    expect(publishedFromMetadata(doc([], 'https://example.org/meldungen/29-10-2021'))?.value).toBe('2021-10-29');
  });
  it('reads a UTC timestamp at 22:00 or 23:00 as the next day (date-only values stored as Central European midnight)', () => {
    expect(parseDateString('2021-11-04T23:00:00Z')).toEqual({ y: 2021, m: 11, d: 5 });
    expect(parseDateString('2021-11-04T23:17:00Z')).toEqual({ y: 2021, m: 11, d: 4 });
    expect(parseDateString('28.01.22')).toEqual({ y: 2022, m: 1, d: 28 });
  });
  it('parses the usual date formats', () => {
    expect(parseDateString('2019-08-02T10:00:00+02:00')).toEqual({ y: 2019, m: 8, d: 2 });
    expect(parseDateString('Fri, 02 Aug 2019 10:00:00 GMT')).toEqual({ y: 2019, m: 8, d: 2 });
    expect(parseDateString('27. Januar 2020')).toEqual({ y: 2020, m: 1, d: 27 });
    expect(parseDateString('27.01.2020')).toEqual({ y: 2020, m: 1, d: 27 });
    expect(parseDateString('no date here')).toBeNull();
  });
  it('finds full dates anywhere in a text, also at its very start', () => {
    expect(fullDatesIn('1.9.2015 um 10 Uhr; am 3. März 2016 und March 4, 2017').map((f) => [f.text, f.index])).toEqual([
      ['1.9.2015', 0], ['3. März 2016', 23], ['March 4, 2017', 40],
    ]);
  });
  it('prefers given metadata, then meta tags, JSON-LD and the URL', () => {
    const base = { source: { format: 'html' as const, uri: 'https://example.org/2018/05/04/story' } };
    expect(publishedFromMetadata({ ...base, metadata: { published: '2020-01-02' } })).toMatchObject({ value: '2020-01-02', confidence: 1 });
    expect(publishedFromMetadata({ ...base, metadata: { meta: { 'article:published_time': '2019-03-04T08:00:00Z' } } })?.value).toBe('2019-03-04');
    expect(publishedFromMetadata({ ...base, metadata: { jsonLd: [{ '@graph': [{ datePublished: '2017-07-07' }] }] } })?.value).toBe('2017-07-07');
    expect(publishedFromMetadata({ ...base, metadata: {} })).toMatchObject({ value: '2018-05-04', evidence: expect.stringMatching(/URL/) });
    expect(publishedFromMetadata({ source: { format: 'text' }, metadata: {} })).toBeNull();
  });
  it('infers it from captions, else from a weekday that agrees with a date', () => {
    const caption = 'Crowds in the square, Kyiv, March 2, 2022.';
    const text = `Story\n\nThe talks went on.\n\n${caption}`;
    const start = text.indexOf(caption);
    expect(publishedFromText(text, [{ start, end: start + caption.length, kind: 'caption' }], [])?.value).toBe('2022-03-02');
    const body = 'The vote, held Sunday, October 3, followed the 2016 referendum.';
    expect(publishedFromText(body, [], [{ start: 0, end: body.length }])?.value).toBe('2021-10-03');
    expect(publishedFromText('Nothing dated here.', [], [{ start: 0, end: 19 }])).toBeNull();
  });
  it('is null for a plain text without dates, never today', () => {
    const doc = analyze('A headline\n\nThe council met and agreed on the plan after a long debate.');
    expect(doc.published).toBeNull();
  });
  it('uses --published as the reference date for the times of a document', () => {
    const doc = analyze('A headline\n\nThe council met yesterday and will meet again on Monday.', { published: '2021-12-30' });
    expect(doc.published).toMatchObject({ value: '2021-12-30', confidence: 1 });
    expect(doc.times.map((t) => [doc.text.slice(t.start, t.end), t.value])).toEqual([['yesterday', '2021-12-29'], ['Monday', '2022-01-03']]);
  });
});
