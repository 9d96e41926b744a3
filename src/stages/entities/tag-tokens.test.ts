import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { seededRandom } from '../../corpus/synthetic-documents.js';
import { clean } from '../clean/index.js';
import { tokens } from '../tokens/index.js';
import { defaultEntityResources } from './entity-resources.js';
import type { TaggerInput } from './features.js';
import { taggerTokens } from './recognize.js';
import type { TaggerTokens } from './recognize.js';
import { tagTokens } from './tag-tokens.js';
import { decode, prepare } from './tagger.js';

const pipeline = buildPipeline([clean, tokens]);
const tokensOf = (text: string): TaggerTokens => {
  const doc = analyzeWorking(text, { pipeline, format: 'text' });
  return taggerTokens(doc.text, doc.tokens!);
};

// Capitalised and lower-case words, names, places, digits, hyphens, accents, curly quotes: the
// columns the cached word entries must reproduce, in every context a word can meet.
const VOCAB = ('the minister said on Monday that talks with Russia and the European Union would resume in Brussels . ' +
  'Mr. Kowalczyk , 54 , told Reuters ’ reporters 1,200 troops left Kyiv-based units ; THE KREMLIN denied it . ' +
  'pro-Russian rebels near Donetsk shelled a school , officials of the UN Security Council said in New York . ' +
  'Élodie Durand of Le Monde asked whether Sen. McConnell ( R-Ky. ) and President Biden met at the White House ? ' +
  'state-run TV showed anti-Western protests in São Paulo and Zürich after the 2014 Minsk Agreement collapsed .').split(' ');

function randomText(rand: () => number, sentences: number): string {
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const w: string[] = [];
    const len = 3 + Math.floor(rand() * 18);
    for (let i = 0; i < len; i++) w.push(VOCAB[Math.floor(rand() * VOCAB.length)]!);
    let sentence = w.join(' ');
    sentence = sentence[0]!.toUpperCase() + sentence.slice(1);
    // Now and then a headline in capitals, which changes the columns of every word in it.
    out.push(rand() < 0.1 ? sentence.toUpperCase() : `${sentence}.`);
  }
  return out.join(rand() < 0.5 ? ' ' : '\n\n');
}

describe('tagTokens: the tagger with cached word scores', () => {
  const res = defaultEntityResources();
  const plain = (tt: TaggerInput) => prepare(tt, res.gazetteer, res.weights);
  const expectSame = (tt: TaggerTokens, maxWords?: number) => {
    const p = plain(tt);
    const want = decode(p, res.weights);
    const got = tagTokens(tt, tt.words, res.gazetteer, res.weights, maxWords);
    expect(Array.from(got.labels)).toEqual(Array.from(want));
    expect(Array.from(got.gaz)).toEqual(Array.from(p.cols.gaz));
    return want;
  };

  it('gives the labels and gazetteer column of decode(prepare(...)) on generated documents', () => {
    const rand = seededRandom(7);
    let entities = 0;
    for (let d = 0; d < 40; d++) entities += expectSame(tokensOf(randomText(rand, 2 + Math.floor(rand() * 12)))).filter((l) => l > 0).length;
    expect(entities).toBeGreaterThan(100);
  });

  it('gives the same labels when its word table is emptied within and between documents', () => {
    const rand = seededRandom(11);
    for (let d = 0; d < 30; d++) expectSame(tokensOf(randomText(rand, 1 + Math.floor(rand() * 8))), 20 + d * 3);
    // And back to the default size, the table refilled from empty.
    for (let d = 0; d < 5; d++) expectSame(tokensOf(randomText(rand, 6)));
  });

  it('takes the plain path for an empty token and for weights that are not bytes', () => {
    const text = 'Angela Merkel visited Paris';
    const tt: TaggerTokens = {
      text, start: Int32Array.from([0, 7, 7, 14, 22]), end: Int32Array.from([6, 7, 13, 21, 27]), sentence: new Int32Array(5),
      words: ['Angela', '', 'Merkel', 'visited', 'Paris'], low: ['angela', '', 'merkel', 'visited', 'paris'],
    };
    expectSame(tt);
    const dense = { ...res.weights, values: Float32Array.from(res.weights.values) };
    const t2 = tokensOf('Angela Merkel visited Paris on Monday.');
    expect(Array.from(tagTokens(t2, t2.words, res.gazetteer, dense).labels)).toEqual(Array.from(decode(plain(t2), dense)));
  });

  const polnear = fileURLToPath(new URL('../../../../shared/data/polnear/train/text/', import.meta.url));
  it.skipIf(!existsSync(polnear))('gives the labels of decode on real news (PolNeAR train, when ../shared holds it)', () => {
    const names = readdirSync(polnear).filter((f) => f.endsWith('.txt')).sort().slice(0, 40);
    for (const [k, name] of names.entries()) expectSame(tokensOf(readFileSync(`${polnear}${name}`, 'utf8')), k % 2 ? 500 : undefined);
  });
});
