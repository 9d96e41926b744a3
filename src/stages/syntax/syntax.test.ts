import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { clauseArguments, modalsOf, negationOf } from './clause.js';
import { SentenceAnnotator } from './annotate.js';
import { lemmatize, ruleLemma } from './lemmatizer.js';
import { syntaxModel } from './syntax-model.js';

/** Analyses text written for this test and gives word lookups over the syntax layer. */
function parse(text: string) {
  const doc = analyzeWorking(text, { format: 'text' });
  const s = doc.syntax!;
  const g = doc.parse!;
  const word = (i: number) => text.slice(s.start[i], s.end[i]);
  const at = (w: string, nth = 0) => {
    const hits = s.start.map((_, i) => i).filter((i) => word(i) === w);
    if (hits[nth] === undefined) throw new Error(`no "${w}" in ${text}`);
    return hits[nth]!;
  };
  return { doc, s, g, word, at };
}

describe('syntax layer', () => {
  it('covers every token with a well-formed tree per sentence', () => {
    const { doc, s } = parse('The council met on Monday. It voted, after a long debate, to delay the plan until March.');
    const t = doc.tokens!;
    expect(s.start).toHaveLength(t.length);
    for (const col of [s.end, s.upos, s.xpos, s.lemma, s.head, s.rel]) expect(col).toHaveLength(t.length);
    for (let sent = 0; sent < doc.sentences.length; sent++) {
      const ids = s.start.map((_, i) => i).filter((i) => t.sentence[i] === sent);
      expect(ids.filter((i) => s.head[i] === -1)).toHaveLength(1);
      for (const i of ids) {
        if (s.head[i] === -1) { expect(s.rel[i]).toBe('root'); continue; }
        expect(t.sentence[s.head[i]!]).toBe(sent);
        // No cycles: following heads reaches the root.
        let k = i;
        for (let steps = 0; k !== -1; steps++) { expect(steps).toBeLessThan(ids.length); k = s.head[k]!; }
      }
    }
  });

  it('finds subject and object of an active clause', () => {
    const { g, at } = parse('The mayor signed the new budget on Tuesday.');
    const a = clauseArguments(g, at('signed'));
    expect(a.subjects).toEqual([at('mayor')]);
    expect(a.objects).toEqual([at('budget')]);
    expect(a.passive).toBe(false);
  });

  it('recognises a passive with its agent', () => {
    const { g, at, s } = parse('The new budget was approved by the city council.');
    const a = clauseArguments(g, at('approved'));
    expect(a.passive).toBe(true);
    expect(a.subjects).toEqual([at('budget')]);
    expect(a.agents).toEqual([at('council')]);
    expect(s.rel[at('budget')]).toBe('nsubj:pass');
  });

  it('reports negation, modals and coordinated subjects', () => {
    const { g, at } = parse('Farmers and truckers will not accept the new rules.');
    const v = at('accept');
    expect(negationOf(g, v)).toEqual([at('not')]);
    expect(modalsOf(g, v)).toEqual([at('will')]);
    expect(clauseArguments(g, v).subjects).toEqual([at('Farmers'), at('truckers')]);
  });

  it('splits and tags contractions as the treebank does', () => {
    const { s, at } = parse("The governor doesn't agree.");
    expect(s.lemma[at('does')]).toBe('do');
    expect(s.lemma[at("n't")]).toBe('not');
    expect(s.upos[at('agree')]).toBe('VERB');
  });

  it('tags and parses an all-capitals headline (headlines are titles, not body: annotated directly)', () => {
    const model = syntaxModel();
    const words = ['RUSSIA', 'SENDS', 'MORE', 'TROOPS', 'TO', 'BORDER'];
    const r = new SentenceAnnotator(model).annotate(words);
    expect(words.map((_, i) => model.upos[r.tags[i]!])).toEqual(['PROPN', 'VERB', 'ADJ', 'NOUN', 'ADP', 'NOUN']);
    expect(r.head[1]).toBe(2); // RUSSIA ← SENDS
    expect(model.rels[r.rel[1]!]).toBe('nsubj');
    expect(lemmatize('SENDS', 'VBZ', model.lemmas)).toBe('send');
  });
});

describe('lemmatizer', () => {
  it('applies suffix rules to unseen words', () => {
    expect(ruleLemma('zorbified', 'VBD')).toBe('zorbify');
    expect(ruleLemma('blorks', 'NNS')).toBe('blork');
    expect(ruleLemma('snabbing', 'VBG')).toBe('snab');
    expect(ruleLemma('Kremlins', 'NNPS')).toBe('Kremlin');
    expect(ruleLemma('Geneva', 'NNP')).toBe('Geneva');
  });
  it('lets exceptions override the rules', () => {
    const ex = new Map([['VBD', new Map([['went', 'go']])]]);
    expect(lemmatize('Went', 'VBD', ex)).toBe('go');
    expect(lemmatize('walked', 'VBD', ex)).toBe('walk');
  });
});
