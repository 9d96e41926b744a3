import { describe, expect, it } from 'vitest';
import { SentenceAnnotator } from './annotate.js';
import { lemmatize } from './lemmatizer.js';
import { syntaxModel } from './syntax-model.js';
import type { WordColumns } from './tagger.js';
import { neighbourFeatures, NUM_STATIC, staticFeatures, WORD_SLOTS, wordColumns, wordFeatures, wordRow } from './tagger.js';
import { WordCache } from './word-cache.js';

const sentences = [
  'The talks , which began in March , would resume in Geneva next week .',
  'Protesters gathered outside the ministry on Tuesday , demanding the release of 12 detained students .',
  'REBELS SEIZE AIRPORT IN NORTHERN MALI',
  'Army Shells Rebel Positions Near Border Town',
  'The minister said the talks had been “ constructive ” but that no agreement was reached .',
  'Pro-government militias were accused of looting the town ’s market .',
  'He said : " We will not negotiate with terrorists . "',
].map((s) => s.split(' '));

const COLUMNS = ['lower', 'exact', 'shape', 'suf1', 'suf2', 'suf3', 'suf4', 'suf5', 'tail', 'pre1', 'pre2', 'pre3', 'amb', 'clu'] as const;
const columnsOf = (c: WordColumns) => ({ n: c.n, sentenceCase: c.sentenceCase, ...Object.fromEntries(COLUMNS.map((k) => [k, Array.from(c[k].subarray(0, c.n))])) });

describe('word cache', () => {
  const model = syntaxModel();

  it('gives the columns wordColumns gives, also after filling up and starting again', () => {
    // Capacity 24: the sentences above do not all fit, so the cache empties itself on the way.
    const cache = new WordCache(model.lexicon, model.clusters, [model.tagger, model.backward], 24);
    for (let pass = 0; pass < 2; pass++) {
      for (const words of sentences) {
        expect(columnsOf(cache.columns(words)!)).toEqual(columnsOf(wordColumns(words, model.lexicon, model.clusters)));
      }
    }
    expect(cache.columns(new Array(25).fill('word'))).toBeNull();
    expect(sentences.map((w) => wordColumns(w, model.lexicon, model.clusters).sentenceCase)).toContain(1);
    expect(sentences.map((w) => wordColumns(w, model.lexicon, model.clusters).sentenceCase)).toContain(2);
  });

  it('keeps the summed word-only scores of each word as scoring its word slots gives them; a sentence longer than the rows arena is scored in full', () => {
    const cache = new WordCache(model.lexicon, model.clusters, [model.tagger, model.backward], 40);
    const words = [...sentences[1]!, ...sentences[0]!];
    expect(words.length).toBeGreaterThan(20);
    const c = cache.columns(words)!;
    const fresh = new Int16Array(model.tags.length);
    for (const [tagger, scorer] of [[0, model.tagger], [1, model.backward!]] as const) {
      const rows = cache.rows(tagger, c);
      for (let i = 0; i < c.n; i++) {
        // 40 words: room for the forward rows of all 29, not for 29 backward ones (20).
        if (tagger === 1) { expect(rows.at[i]).toBe(-1); continue; }
        expect(wordRow(c, i, scorer, fresh, 0)).toBe(true);
        expect(Array.from(rows.scores.subarray(rows.at[i]!, rows.at[i]! + fresh.length))).toEqual(Array.from(fresh));
      }
    }
    // The same word twice has one row.
    const rows = cache.rows(0, c);
    expect(rows.at[words.indexOf('the')]).toBe(rows.at[words.lastIndexOf('the')]);
  });

  it('writes the word slots in wordFeatures and all the others in neighbourFeatures', () => {
    const c = wordColumns('The talks would resume in Geneva .'.split(' '), model.lexicon, model.clusters);
    const w = new Uint32Array(NUM_STATIC);
    const o = new Uint32Array(NUM_STATIC);
    wordFeatures(c, 3, w, 0);
    neighbourFeatures(c, 3, o, 0, 1);
    const all = new Uint32Array(NUM_STATIC);
    staticFeatures(c, 3, all, 0);
    for (let s = 0; s < NUM_STATIC; s++) {
      const word = WORD_SLOTS.includes(s);
      expect(word ? w[s] : o[s], `slot ${s}`).toBe(all[s]);
      expect(word ? o[s] : w[s], `slot ${s}`).toBe(0);
    }
  });

  it('caches only features that read the word alone: the same word elsewhere gives the same word slots', () => {
    const a = wordColumns('The talks would resume in Geneva .'.split(' '), model.lexicon, model.clusters);
    const b = wordColumns('Geneva hosted the talks'.split(' '), model.lexicon, model.clusters);
    const fa = new Uint32Array(NUM_STATIC);
    const fb = new Uint32Array(NUM_STATIC);
    for (const [i, j] of [[5, 0], [1, 3]] as const) {
      for (const dir of [1, -1] as const) {
        staticFeatures(a, i, fa, 0, dir);
        staticFeatures(b, j, fb, 0, dir);
        for (let s = 0; s < NUM_STATIC; s++) {
          if (WORD_SLOTS.includes(s)) expect(fa[s], `slot ${s}`).toBe(fb[s]);
          // Every other slot reads the neighbours or the position: "Geneva" last in one sentence and first in the other differs in all of them.
          else if (i === 5 && dir === 1) expect(fa[s], `slot ${s}`).not.toBe(fb[s]);
        }
      }
    }
  });

  it('tags, keeps runner-up tags and lemmatizes exactly as the uncached tagger does', () => {
    const plain = new SentenceAnnotator(model);
    let backward = 0;
    // The default size; one where the cache starts again every few sentences; one where the
    // backward rows (half as many) cannot hold a sentence and one where no sentence fits at all.
    for (const size of [undefined, 40, 20, 8]) {
      const cached = new SentenceAnnotator(model, size);
      for (const words of [...sentences, ...sentences]) {
        const cols = wordColumns(words, model.lexicon, model.clusters);
        const tags = new Uint8Array(cols.n);
        const second = plain.tagColumns(cols, tags);
        const t = cached.tag(words);
        expect(Array.from(t.tags)).toEqual(Array.from(tags));
        expect(t.second ? Array.from(t.second) : null).toEqual(second ? Array.from(second) : null);
        const stageTags = new Uint8Array(words.length);
        const lemmas = new Array<string>(words.length + 2);
        const stageSecond = cached.tagAndLemmatize(words, stageTags, lemmas, 2);
        expect(Array.from(stageTags)).toEqual(Array.from(tags));
        expect(stageSecond ? Array.from(stageSecond) : null).toEqual(second ? Array.from(second) : null);
        expect(lemmas.slice(2)).toEqual(words.map((w, i) => lemmatize(w, model.xpos[tags[i]!]!, model.lemmas)));
        if (second) backward++;
      }
    }
    // The right-to-left tagger's rows were used too (runner-up tags come from its rescoring).
    expect(backward).toBeGreaterThan(0);
  });
});
