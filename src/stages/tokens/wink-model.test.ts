import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import winkNLP from 'wink-nlp';
import type { ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { dataSet } from '../../../eval/shared-data.js';
import { documentLexemes, loadCoreModel, readWinkCache, sentenceModel, writeWinkCache } from './wink-model.js';
import { cacheTestDir, itRefusesBadCaches } from '../../../test/helpers/start-up-cache.js';

const dir = cacheTestDir('wink');
const cachePath = join(dir, 'wink-core.cache');
writeWinkCache(cachePath);

describe('the sentence model (wink-eng-lite-web-model, only what tokenizing and splitting use)', () => {
  it('loads the same core model as the package, field for field', () => {
    const ours = loadCoreModel();
    const theirs = (model as unknown as { core(): unknown }).core();
    expect(isDeepStrictEqual(ours, theirs)).toBe(true);
  });

  it('reads back from the start-up cache the same core, its word table answering as the hash', () => {
    const cached = readWinkCache(cachePath)!;
    const built = loadCoreModel();
    const words = built.features.lexeme.hash!;
    const table = cached.features.lexeme.hash!;
    const strip = (m: typeof built) => ({ ...m, features: { ...m.features, lexeme: { ...m.features.lexeme, hash: null } } });
    expect(isDeepStrictEqual(strip(cached), strip(built))).toBe(true);
    for (const w of built.features.lexeme.list) expect(table[w]).toBe(words[w]);
    for (const w of ['Zelenskyy', 'constructor', '__proto__', 'toString', '', 'xqzv']) expect(table[w]).toBe(words[w]);
    table['Zelenskyy'] = 123456;
    expect(table['Zelenskyy']).toBe(123456);
  });

  itRefusesBadCaches(dir, writeWinkCache, readWinkCache);

  it('answers as the model, then forgets a document\'s new words except words of letters only', () => {
    for (const maxMisses of [50_000, 0]) {
      const list = ['the', 'dog'];
      const { hash, forget } = documentLexemes((key) => (key === 'the' ? 0 : key === 'dog' ? 1 : undefined), list, maxMisses);
      // What wink does with a word: read it, and when absent append it to its list and write its index.
      const add = (word: string) => hash[word] ?? (hash[word] = list.push(word) - 1);
      expect([hash['dog'], hash['dog'], hash['the'], hash['cat'], hash['constructor'], hash['__proto__']]).toEqual([1, 1, 0, undefined, undefined, undefined]);
      expect([add('Okonkwo'), add('Okonkwo’s,'), add('2015.'), add('the')]).toEqual([2, 3, 4, 0]);
      forget();
      expect([hash['Okonkwo'], hash['Okonkwo’s,'], hash['2015.'], hash['dog'], hash['said,']]).toEqual([2, undefined, undefined, 1, undefined]);
      expect(add('2015.')).toBe(5);
      forget();
      expect([hash['Okonkwo'], hash['2015.'], hash['the']]).toEqual([2, undefined, 0]);
    }
  });

  it('tokenizes and splits sentences exactly as the full model (from the JSON and from the cache)', () => {
    const full = winkNLP(model, ['sbd']);
    const lite = winkNLP(sentenceModel(undefined, null), ['sbd']);
    const fromCache = winkNLP(sentenceModel(undefined, cachePath), ['sbd']);
    const out = (nlp: typeof full, text: string) => {
      const doc = nlp.readDoc(text);
      const sentences: unknown[] = [];
      doc.sentences().each((s: ItemSentence) => { sentences.push(s.out(nlp.its.span)); });
      return { values: doc.tokens().out(nlp.its.value), spaces: doc.tokens().out(nlp.its.precedingSpaces), types: doc.tokens().out(nlp.its.type), sentences };
    };
    const texts = [
      "Mr. Putin met J. R. Smith on Dec. 7 in Geneva. They talked. He said: “It won't happen.” U.S. officials didn't agree!",
      'Prices rose 3.5% to $1,200 on 2024-01-05 at 10:30 a.m.; see https://example.com/a?b=c or mail info@example.org #tag @user :-)',
      "L'Assemblée nationale a voté. « Non », a-t-il dit… Then: (a) one; (b) two.\n\nNew paragraph — with dashes – and ellipses...",
    ];
    const dir = dataSet('polnear/train/text');
    if (dir) for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, 40)) texts.push(readFileSync(`${dir}/${f}`, 'utf8'));
    for (const t of texts) {
      const want = out(full, t);
      expect(isDeepStrictEqual(out(lite, t), want), t.slice(0, 60)).toBe(true);
      expect(isDeepStrictEqual(out(fromCache, t), want), t.slice(0, 60)).toBe(true);
    }
  });
});
