import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { nameKey } from '../../resources/actor-dictionary.js';
import { clean } from '../clean/index.js';
import { tokens } from '../tokens/index.js';
import { defaultEntityResources } from './entity-resources.js';
import { taggerTokens } from './recognize.js';
import { tagTokens } from './tag-tokens.js';
import { Fact, tokenKey, wordFacts } from './word-facts.js';

const pipeline = buildPipeline([clean, tokens]);
const TEXTS = [
  'Mr. Kowalczyk met the pro-Russian envoy in Kyiv on Monday. THE PRESIDENT SAID NOTHING.',
  'President Élodie Durand of the European Union said anti-Western groups met the Minister. 42 people left.',
  'The Bank of England and Dr. Smith, the Foreign Minister, spoke in São Paulo ( Brazil ) about the Treaty.',
];

describe('wordFacts: per-word answers of the rules, cached by word id', () => {
  const res = defaultEntityResources();
  it('gives the same facts and keys from the word table (across its epochs) as computed for the document alone', () => {
    for (const [k, maxWords] of [undefined, 8, 12, undefined].entries()) {
      for (const text of TEXTS) {
        const doc = analyzeWorking(text, { pipeline, format: 'text' });
        const tt = taggerTokens(doc.text, doc.tokens!);
        const tagged = tagTokens(tt, tt.words, res.gazetteer, res.weights, maxWords);
        expect(tagged.ids, `run ${k}`).not.toBeNull();
        const cached = wordFacts(tt.words, tt.low, tagged, res);
        const alone = wordFacts(tt.words, tt.low, { ...tagged, ids: null }, res);
        expect(Array.from(cached.fact)).toEqual(Array.from(alone.fact));
        tt.words.forEach((w, i) => expect(tokenKey(cached, i)).toBe(nameKey(w)));
      }
    }
  });

  it('answers what the rules ask', () => {
    const doc = analyzeWorking(TEXTS[0]!, { pipeline, format: 'text' });
    const tt = taggerTokens(doc.text, doc.tokens!);
    const f = wordFacts(tt.words, tt.low, { ...tagTokens(tt, tt.words, res.gazetteer, res.weights), ids: null }, res);
    const of = (w: string) => f.fact[tt.words.indexOf(w)]!;
    expect(of('Mr.') & Fact.Honorific).toBeTruthy();
    expect(of('Kowalczyk') & (Fact.Cap | Fact.NameStart)).toBe(Fact.Cap | Fact.NameStart);
    expect(of('the') & (Fact.Stop | Fact.Junk)).toBe(Fact.Stop | Fact.Junk);
    expect(of('pro-Russian') & (Fact.ProPeople | Fact.NameStart)).toBe(Fact.ProPeople | Fact.NameStart);
    expect(of('met') & (Fact.Cap | Fact.NameStart | Fact.Junk)).toBe(0);
    expect(of('.') & Fact.Junk).toBeTruthy();
  });
});
