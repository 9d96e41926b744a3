import { describe, expect, it } from 'vitest';
import { SentenceAnnotator } from './annotate.js';
import { twoPassScorer } from './parser-scorer.js';
import { syntaxModel } from './syntax-model.js';
import type { Scorer } from './tagger.js';
import { scoreSparse } from './weights.js';

describe('twoPassScorer', () => {
  const model = syntaxModel();

  /** Every feature list the parser and the labeler score while parsing a few sentences. */
  function recordedFeatures(): { parser: Uint32Array[]; labeler: Uint32Array[] } {
    const seen = { parser: [] as Uint32Array[], labeler: [] as Uint32Array[] };
    const recording = (s: Scorer, into: Uint32Array[]): Scorer => ({
      nClasses: s.nClasses,
      score(f, n, out) { into.push(f.slice(0, n)); s.score(f, n, out); },
    });
    const annotator = new SentenceAnnotator({ ...model, parser: recording(model.parser, seen.parser), labeler: recording(model.labeler, seen.labeler) });
    for (const s of [
      'The minister said on Tuesday that the talks with the rebels would resume next week .',
      'Troops fired on protesters in the capital , killing at least three people , witnesses said .',
      'It was emphasized that both sides had agreed to a ceasefire , which was broken within hours .',
    ]) annotator.annotate(s.split(' '));
    return seen;
  }

  it('gives the parser and the labeler exactly the scores of scoreSparse', () => {
    const seen = recordedFeatures();
    expect(seen.parser.length).toBeGreaterThan(50);
    expect(seen.labeler.length).toBeGreaterThan(10);
    const random = Array.from({ length: 200 }, (_, k) => Uint32Array.from({ length: 40 }, (_, i) => Math.imul(k * 40 + i + 1, 0x9e3779b1) >>> 0));
    for (const [table, lists] of [[model.tables[1]!, seen.parser], [model.tables[2]!, seen.labeler]] as const) {
      const fast = twoPassScorer(table);
      const a = new Float64Array(table.nClasses);
      const b = new Float64Array(table.nClasses);
      let nonzero = 0;
      for (const f of [...lists, ...random]) {
        scoreSparse(table, f, f.length, a);
        fast.score(f, f.length, b);
        expect(Array.from(b)).toEqual(Array.from(a));
        if (a.some((x) => x !== 0)) nonzero++;
      }
      // The recorded features hit the tables: the comparison is not between empty rows.
      expect(nonzero).toBeGreaterThan(lists.length * 0.9);
    }
  });
});
