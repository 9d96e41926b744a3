/** Inputs that must produce no quotation: scare quotes, quoted names and titles, nouns that look like cues, apostrophes. */
import { describe, expect, it } from 'vitest';
import { analyzeQuotes } from './test-helpers.js';

describe('quotes: negative cases', () => {
  it.each([
    'The leaders met again in the “Normandy format” to discuss the conflict.',
    'In this view the world is divided into “spheres of influence” by the great powers.',
    'She appeared on ABC’s “This Week” programme and on “Meet the Press” later.',
    'The novel “The Grapes of Wrath” was published in 1939.',
    'The so-called “peace plan” was never signed by anyone.',
    'The heads of state met in Geneva for a summit on security.',
    'The said agreement expired in March of last year.',
    'A report on the economy will be published next month.',
    'The voters’ anger didn’t fade, and O’Brien’s campaign lost the state.',
    'He ran the state radio for a decade before retiring to the coast.',
    'The index rose 12.53% in early trading on Monday.',
    '“Never Trump” signs were seen at the rally.',
    'The so-called reform plan was dropped in the spring.',
    'The unprecedented demands addressed to the alliance went unanswered.',
    'The military support given to the rebels grew over the summer.',
    'Plans for a new stadium were shelved after the vote.',
  ])('%s', (text) => {
    const doc = analyzeQuotes(text);
    expect(doc.quotes.map((q) => doc.text.slice(q.start, q.end))).toEqual([]);
  });
});
