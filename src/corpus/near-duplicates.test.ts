import { describe, expect, it } from 'vitest';
import { randomSentence, seededRandom } from './synthetic-documents.js';
import { copySimilarity, estimateContainment, estimateJaccard, fingerprint, shingleHashes, signatureFromBytes, signatureToBytes } from './near-duplicates.js';

const rand = seededRandom(7);
const article = Array.from({ length: 12 }, () => randomSentence(rand)).join(' ');
const unrelated = Array.from({ length: 12 }, () => randomSentence(rand)).join(' ');

function trueJaccard(a: string, b: string): number {
  const x = shingleHashes(a);
  const y = shingleHashes(b);
  let inter = 0;
  for (const h of x) if (y.has(h)) inter++;
  return inter / (x.size + y.size - inter);
}

describe('MinHash near-duplicates', () => {
  it('estimates the Jaccard similarity of shingle sets within a few points', () => {
    const edited = article.replace(/\. /g, ', and so on. ').slice(0, Math.floor(article.length * 0.8));
    const truth = trueJaccard(article, edited);
    const est = estimateJaccard(fingerprint(article).signature, fingerprint(edited).signature);
    expect(Math.abs(est - truth)).toBeLessThan(0.12);
  });
  it('marks a lightly edited copy and a copy with boilerplate added, not an unrelated article', () => {
    const a = fingerprint(article);
    const edited = fingerprint(article.replace(/^\w+/, 'Meanwhile'));
    const padded = fingerprint(`${article} ${Array.from({ length: 10 }, () => randomSentence(rand)).join(' ')}`);
    expect(copySimilarity(a, edited)).not.toBeNull();
    expect(copySimilarity(a, padded)).not.toBeNull();
    expect(copySimilarity(a, fingerprint(unrelated))).toBeNull();
  });
  it('is case- and punctuation-insensitive and survives a round trip through bytes', () => {
    const a = fingerprint(article);
    expect(estimateJaccard(a.signature, fingerprint(article.toUpperCase().replace(/\./g, ' ;')).signature)).toBe(1);
    expect(signatureFromBytes(signatureToBytes(a.signature))).toEqual(a.signature);
    expect(a.bands).toHaveLength(32);
    expect(new Set(a.bands).size).toBe(32);
  });
  it('hashes each shingle as FNV-1a of its words joined by spaces, as stores written before hold them', () => {
    const fnv = (t: string) => { let h = 0x811c9dc5; for (let i = 0; i < t.length; i++) { h ^= t.charCodeAt(i); h = Math.imul(h, 0x01000193); } return h >>> 0; };
    const w = `${article} Zürich señor 東京 déjà-vu`.toLowerCase().match(/[\p{L}\p{N}]+/gu)!;
    const expected = new Set(w.slice(0, -3).map((_, i) => fnv(w.slice(i, i + 4).join(' '))));
    expect(shingleHashes(`${article} Zürich señor 東京 déjà-vu`)).toEqual(expected);
    expect(shingleHashes('Two words')).toEqual(new Set([fnv('two words')]));
  });
  it('gives no signature to an empty body, and containment from Jaccard and sizes', () => {
    expect(fingerprint('  ,, ').signature.length).toBe(0);
    expect(estimateContainment(0.5, 100, 50)).toBeCloseTo(1, 5);
    expect(estimateContainment(0, 100, 50)).toBe(0);
  });
});
