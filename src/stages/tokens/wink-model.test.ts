import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import winkNLP from 'wink-nlp';
import type { ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { dataSet } from '../../../eval/shared-data.js';
import { loadCoreModel, sentenceModel } from './wink-model.js';

describe('the sentence model (wink-eng-lite-web-model, only what tokenizing and splitting use)', () => {
  it('loads the same core model as the package, field for field', () => {
    const ours = loadCoreModel();
    const theirs = (model as unknown as { core(): unknown }).core();
    expect(isDeepStrictEqual(ours, theirs)).toBe(true);
  });

  it('tokenizes and splits sentences exactly as the full model', () => {
    const full = winkNLP(model, ['sbd']);
    const lite = winkNLP(sentenceModel(), ['sbd']);
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
    for (const t of texts) expect(isDeepStrictEqual(out(lite, t), out(full, t)), t.slice(0, 60)).toBe(true);
  });
});
