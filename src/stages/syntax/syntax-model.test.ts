import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from './syntax-model.js';
import { pack } from './weights.js';

/** A seeded dense table with a few large weights among many small ones. */
function dense(bits: number, nClasses: number, seed: number): Float32Array {
  const out = new Float32Array((1 << bits) * nClasses);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const r = s / 4294967296;
    out[i] = r < 0.05 ? (r - 0.025) * 400 : 0;
  }
  return out;
}

describe('syntax model file', () => {
  it('reads back what it wrote: same scores for every feature', () => {
    const header = { about: 'test', tags: ['NOUN|NN', 'VERB|VB', 'DET|DT'], rels: ['nsubj', 'obj', 'dep', 'root'], lemmas: { VBD: [['went', 'go']] as [string, string][] }, meta: {} };
    const tables = [
      { name: 'tagger', w: pack(dense(10, 3, 1), 10, 3, 1) },
      { name: 'parser', w: pack(dense(12, 4, 2), 12, 4, 1) },
      { name: 'labeler', w: pack(dense(10, 6, 3), 10, 6, 1) },
    ];
    const maps = { lexicon: { keys: [7, 0xfffffff0], values: [3, 0x80000001] }, tagdict: { keys: [9], values: [2] }, clusters: { keys: [11, 12], values: [(2 << 16) | 5, (1 << 16) | 1] } };
    const model = decodeModel(encodeModel(header, tables, maps));
    expect(model.lemmas.get('VBD')?.get('went')).toBe('go');
    // The integer maps come back as written (unsigned keys and values), and miss other keys.
    expect([model.lexicon.get(7), model.lexicon.get(0xfffffff0), model.lexicon.get(8)]).toEqual([3, 0x80000001, undefined]);
    expect(model.tagdict.get(9)).toBe(2);
    expect([model.clusters.get(11), model.clusters.get(12)]).toEqual([(2 << 16) | 5, (1 << 16) | 1]);
    const scorers = [model.tagger, model.parser, model.labeler];
    tables.forEach(({ w }, t) => {
      // Every stored bucket scores as its entries say; the 4-class table stores differences to
      // class 0, scaled down when they overflow 16 bits (neither changes an argmax).
      const rows: number[][] = [];
      let e = 0;
      let maxDiff = 0;
      for (let r = 0; r < w.buckets.length; r++) {
        const want = new Array<number>(w.nClasses).fill(0);
        for (let k = 0; k < w.counts[r]!; k++, e++) want[w.cls[e]!] = w.val[e]!;
        if (w.nClasses <= 4) for (let j = 0; j < w.nClasses; j++) maxDiff = Math.max(maxDiff, Math.abs(want[j]! - want[0]!));
        rows.push(want);
      }
      const scale = maxDiff > 32767 ? 32767 / maxDiff : 1;
      const scores = new Float64Array(w.nClasses);
      rows.forEach((want, r) => {
        scorers[t]!.score(Uint32Array.of(w.buckets[r]!), 1, scores);
        for (let j = 0; j < w.nClasses; j++) {
          const expected = w.nClasses <= 4 ? (want[j]! - want[0]!) * scale : want[j]!;
          expect(Math.abs(scores[j]! - expected)).toBeLessThanOrEqual(1);
        }
      });
    });
  });

  it('rejects a file that is not a model', () => {
    expect(() => decodeModel(Buffer.from('not gzip'))).toThrow();
  });
});
