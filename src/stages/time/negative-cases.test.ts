/** Inputs that must produce no temporal expression: numbers, measures, names and section labels. */
import { describe, expect, it } from 'vitest';
import { extractTimes } from './extract-times.js';

const times = (text: string) => extractTimes(text, [{ start: 0, end: text.length }], { reference: '2021-12-30' });

describe('time: negative cases', () => {
  it.each([
    'The index rose 12.53% in early trading.',
    'The parcel weighed in at 6.5 kilograms.',
    'Theresa May said the vote would go ahead.',
    'May I ask a question?',
    'See Section 12 of the treaty.',
    'The company sold 1990 tractors to farmers.',
    'He paid $2014 for the bike.',
    'Police arrested a 44-year-old man.',
    'Mr. Reupke, 52 years old, will stay on.',
    'The region imports about three-quarters of its food.',
    'She appeared on ABC News\' "This Week" programme.',
    'The fund charges $1.76 a year per share.',
    'The troops will march through the city.',
    'It was a quarter-century low for the currency.',
    'Room 101 is on the second floor.',
    'He bought the old Eastern Airlines shuttle.',
    'Their polls started at a later date than anyone else\'s.',
  ])('%s', (text) => {
    expect(times(text).map((t) => text.slice(t.start, t.end))).toEqual([]);
  });
});
