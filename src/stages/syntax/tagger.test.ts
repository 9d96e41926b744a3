import { describe, expect, it } from 'vitest';
import { SentenceAnnotator } from './annotate.js';
import { syntaxModel } from './syntax-model.js';
import type { KeptScores, Scorer } from './tagger.js';
import { dynamicFeatures, NUM_STATIC, NUM_TAG_FEATURES, retagBackward, reversedColumns, staticFeatures, tagSentence, wordColumns } from './tagger.js';

const words = 'The talks , which began in March , would resume in Geneva next week .'.split(' ');

/** A scorer that records the features it is given and scores one class high. */
function recorder(nClasses: number, favourite: number, amount: number) {
  const seen: number[][] = [];
  const scorer: Scorer = {
    nClasses,
    score(f, n, s) {
      seen.push(Array.from(f.subarray(0, n)));
      s.fill(0, 0, nClasses);
      s[favourite] = amount;
    },
  };
  return { scorer, seen };
}

describe('right-to-left second opinion', () => {
  const model = syntaxModel();
  const cols = wordColumns(words, model.lexicon, model.clusters);
  const n = cols.n;
  const k = model.tags.length;
  const forward = () => {
    const tags = new Uint8Array(n);
    const kept: KeptScores = { limit: Infinity, margin: new Float64Array(0), scores: new Float64Array(0) };
    tagSentence(cols, model.tagger, tags, undefined, undefined, undefined, kept);
    return { tags, kept };
  };

  it('reads the sentence backwards: its features are those of the reversed sentence, the tags to the right as history', () => {
    const { tags, kept } = forward();
    const { scorer, seen } = recorder(k, 0, 0);
    const out = tags.slice();
    retagBackward(cols, scorer, out, kept, Infinity);
    expect(seen.length).toBe(n);
    const rc = reversedColumns(cols);
    const f = new Uint32Array(NUM_TAG_FEATURES);
    for (let i = n - 1, call = 0; i >= 0; i--, call++) {
      const j = n - 1 - i;
      staticFeatures(rc, j, f, 0);
      const t1 = i + 1 < n ? out[i + 1]! : 250;
      const t2 = i + 2 < n ? out[i + 2]! : i + 1 < n ? 250 : 251;
      dynamicFeatures(rc, j, t1, t2, f, NUM_STATIC);
      expect(seen[call]).toEqual(Array.from(f));
    }
  });

  it('asks only about the tokens below the margin, and sums both opinions', () => {
    const { tags, kept } = forward();
    const margins = Array.from(kept.margin.subarray(0, n));
    const limit = [...margins].sort((a, b) => a - b)[3]!;
    // A backward tagger that pushes class 5 hard: the tokens asked take it, the others keep theirs.
    const { scorer, seen } = recorder(k, 5, 1e6);
    const out = tags.slice();
    retagBackward(cols, scorer, out, kept, limit);
    expect(seen.length).toBe(margins.filter((m) => m < limit).length);
    for (let i = 0; i < n; i++) expect(out[i]).toBe(margins[i]! < limit ? 5 : tags[i]);
    // Margin 0: nothing asked, nothing changed.
    const none = tags.slice();
    retagBackward(cols, scorer, none, kept, 0);
    expect(Array.from(none)).toEqual(Array.from(tags));
  });

  it('records the runner-up of the summed scores of the tokens it asks about, for the parser', () => {
    const { tags, kept } = forward();
    const margins = Array.from(kept.margin.subarray(0, n));
    const limit = [...margins].sort((a, b) => a - b)[3]!;
    const second = { tag: new Uint8Array(n).fill(255), margin: new Float64Array(n).fill(Infinity) };
    const out = tags.slice();
    retagBackward(cols, model.backward!, out, kept, limit, second);
    for (let i = 0; i < n; i++) {
      if (!(margins[i]! < limit)) { expect(second.tag[i]).toBe(255); continue; }
      expect(second.tag[i]).not.toBe(out[i]);
      expect(second.tag[i]).toBeLessThan(k);
      expect(second.margin[i]).toBeGreaterThanOrEqual(0);
    }
    // The stage hands the parser those below the model's secondMargin, and only those.
    const annotator = new SentenceAnnotator(model);
    const t = annotator.tag(words);
    expect(model.secondMargin).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) if (t.second && t.second[i] !== 255) expect(t.second[i]).not.toBe(t.tags[i]);
  });

  it('is what the stage runs: the shipped model has one, and headline-cased sentences keep the forward tags', () => {
    expect(model.backward).toBeDefined();
    expect(model.backwardMargin).toBeGreaterThan(0);
    const annotator = new SentenceAnnotator(model);
    const headline = ['Rebels', 'Seize', 'Airport', 'in', 'Northern', 'Mali'];
    const hc = wordColumns(headline, model.lexicon, model.clusters);
    const plain = new Uint8Array(hc.n);
    tagSentence(hc, model.tagger, plain, undefined, undefined, model.tagdict);
    expect(Array.from(annotator.tag(headline).tags)).toEqual(Array.from(plain));
  });
});
