/** The exchange clustering behind the word-cluster features (train/clusters.ts), on a made-up corpus. */
import { describe, expect, it } from 'vitest';
import { clusterSentences } from '../../../train/clusters.js';
import { hashLower } from './hash.js';

describe('word clusters', () => {
  it('puts words that share their neighbours in one class', () => {
    const dets = ['the', 'a', 'this', 'that'];
    const nouns = ['cat', 'dog', 'bird', 'horse'];
    const verbs = ['saw', 'chased', 'fed', 'heard'];
    let seed = 7;
    const pick = (words: string[]) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return words[Math.floor((seed / 4294967296) * words.length)]!;
    };
    // "the cat saw a dog": 400 such sentences, words drawn at random within their group.
    const sents: Uint32Array[] = [];
    for (let r = 0; r < 400; r++) sents.push(Uint32Array.from([pick(dets), pick(nouns), pick(verbs), pick(dets), pick(nouns)], (w) => hashLower(w)));
    const t = clusterSentences(sents, { classes: 3, coarse: 2, minCount: 1, log: () => {} });
    const classOf = (w: string) => t.fine[t.words.indexOf(hashLower(w))];
    for (const group of [dets, nouns, verbs]) expect(new Set(group.map(classOf)).size).toBe(1);
    expect(new Set([dets[0]!, nouns[0]!, verbs[0]!].map(classOf)).size).toBe(3);
  });
});
