import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { clean } from '../clean/index.js';
import { tokens } from '../tokens/index.js';
import { entities } from './index.js';

/** Inputs that must produce no entity at all, each with the reason. */
const NOTHING: [string, string][] = [
  ['The conversation was frank and useful to both parties.', 'a lower-case word that is also a first name'],
  ['The President said nothing.', 'a title alone is not a person'],
  ['“Serious mistakes” were made, he said.', 'a capital that only opens a quotation'],
  ['Growth slowed to 3.5% in the second quarter.', 'numbers and percentages'],
  ['It was a large-scale operation, they said.', 'lower-case compounds'],
  ['The.', 'a determiner alone'],
  ['The vote (R-Ky.) was close, said J. yesterday.', 'party-and-state tags and lone initials'],
  ['', 'empty text'],
];

describe('entities: negative cases', () => {
  const pipeline = buildPipeline([clean, tokens, entities]);
  for (const [text, why] of NOTHING) {
    it(`nothing in ${JSON.stringify(text)} (${why})`, () => {
      const doc = analyzeWorking(text, { pipeline, format: 'text' });
      expect(doc.entities.map((e) => doc.text.slice(e.mentions[0]!.start, e.mentions[0]!.end))).toEqual([]);
    });
  }
  it('a place after "in" is never a government', () => {
    const doc = analyzeWorking('Thousands marched in Paris on Saturday.', { pipeline, format: 'text' });
    expect(doc.entities.map((e) => e.actor?.sector ?? null)).not.toContain('GOV');
  });
});
