/** Inputs that must produce no place: months, person names, organisations, acronyms, common words. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';

describe('places: negative cases', () => {
  it.each([
    'May brought warmer weather to the valley.',
    'Mr. Jordan said the vote would go ahead.',
    'Michael Jordan signed autographs after the game.',
    'Theresa May and Chad Smith spoke to reporters.',
    'The White House declined to comment.',
    'NATO and the EU issued a joint statement.',
    'Police arrested a 44-year-old man after the chase.',
    'Mobile phones were banned from the hall.',
    'Reading the report took most of the afternoon.',
    'The committee will meet again next week.',
    '',
  ])('%s', (text) => {
    const doc = analyze(text, { format: 'text' });
    expect(doc.places.map((p) => p.mentions.map((m) => doc.text.slice(m.start, m.end))).flat()).toEqual([]);
  });
});
