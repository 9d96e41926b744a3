import { describe, expect, it } from 'vitest';
import { SentenceAnnotator } from './annotate.js';
import { syntaxModel } from './syntax-model.js';
import type { Scorer } from './tagger.js';
import type { SparseWeights } from './weights.js';
import { scoreSparse } from './weights.js';

/**
 * scoreSparse reads its tables in passes so that cache misses overlap; these references read them
 * the plain way, one feature after the other, as the layouts in weights.ts describe them.
 */
function referenceScores(m: SparseWeights, feats: Uint32Array, scores: Float64Array): void {
  scores.fill(0);
  const bmask = (1 << m.bits) - 1;
  for (const f of feats) {
    const b = f & bmask;
    if (m.inline) {
      // Two Int32 per slot: a 15-bit fingerprint of the bucket with v1 − v0, then v2 − v0 | v3 − v0.
      const slots = m.inline;
      const fp = (Math.imul(b, 0x85ebca6b) >>> 17) + 1;
      for (let h = b >>> m.shift; slots[2 * h] !== 0; h = (h + 1) % (slots.length / 2)) {
        const a = slots[2 * h]!;
        if (a >>> 16 !== fp) continue;
        const c = slots[2 * h + 1]!;
        scores[1]! += (a << 16) >> 16;
        scores[2]! += (c << 16) >> 16;
        scores[3]! += c >> 16;
        break;
      }
      continue;
    }
    // Bucket + 1, then one entry (sign bit) or first entry << 8 | count.
    const slots = m.slots;
    for (let h = b >>> m.shift; slots[2 * h] !== 0; h = (h + 1) % (slots.length / 2)) {
      if (slots[2 * h] !== b + 1) continue;
      const where = slots[2 * h + 1]!;
      const row = where < 0 ? [where & 0x7fffffff] : Array.from(m.entries.subarray(where >>> 8, (where >>> 8) + (where & 0xff)));
      for (const x of row) scores[x >>> 16]! += (x << 16) >> 16;
      break;
    }
  }
}

describe('scoreSparse', () => {
  const model = syntaxModel();

  /** Every feature list each scorer of the model is given while a few sentences are tagged and parsed. */
  function recordedFeatures(): Uint32Array[][] {
    const seen: Uint32Array[][] = [[], [], [], []];
    const recording = (s: Scorer, into: Uint32Array[]): Scorer => ({
      nClasses: s.nClasses,
      score(f, n, out) { into.push(f.slice(0, n)); s.score(f, n, out); },
    });
    const annotator = new SentenceAnnotator({
      ...model,
      tagger: recording(model.tagger, seen[0]!), parser: recording(model.parser, seen[1]!),
      labeler: recording(model.labeler, seen[2]!), backward: recording(model.backward!, seen[3]!),
    });
    for (const s of [
      'The minister said on Tuesday that the talks with the rebels would resume next week .',
      'Troops fired on protesters in the capital , killing at least three people , witnesses said .',
      'It was emphasized that both sides had agreed to a ceasefire , which was broken within hours .',
      'Zorvath Industries denied the allegations , calling them baseless .',
    ]) annotator.annotate(s.split(' '));
    return seen;
  }

  it('gives the tagger, parser, labeler and backward tables the scores of a plain one-pass reading', () => {
    const seen = recordedFeatures();
    const random = Array.from({ length: 200 }, (_, k) => Uint32Array.from({ length: 40 }, (_, i) => Math.imul(k * 40 + i + 1, 0x9e3779b1) >>> 0));
    model.tables.forEach((table, t) => {
      const lists = seen[t]!;
      expect(lists.length).toBeGreaterThan(t === 3 ? 0 : 10);
      const a = new Float64Array(table.nClasses);
      const b = new Float64Array(table.nClasses);
      let nonzero = 0;
      for (const f of [...lists, ...random]) {
        referenceScores(table, f, a);
        scoreSparse(table, f, f.length, b);
        expect(Array.from(b)).toEqual(Array.from(a));
        if (a.some((x) => x !== 0)) nonzero++;
      }
      // The recorded features hit the table: the comparison is not between empty rows.
      expect(nonzero).toBeGreaterThanOrEqual(lists.length);
    });
  });
});
