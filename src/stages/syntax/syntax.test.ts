import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { DEFAULT_STAGES } from '../../pipeline/default-pipeline.js';
import { clauseArguments, governingVerb, isParsed, modalsOf, negationOf, spanHead } from './clause.js';
import { SentenceAnnotator } from './annotate.js';
import { createSyntaxStage, PARSE_ALL, UNPARSED } from './index.js';
import { lemmatize, ruleLemma } from './lemmatizer.js';
import { syntaxModel } from './syntax-model.js';

/** The default pipeline with every sentence parsed (the default parses only event and quotation material). */
const parseAll = buildPipeline(DEFAULT_STAGES.map((s) => (s.name === 'syntax' ? createSyntaxStage({ gate: PARSE_ALL }) : s)));

/** Analyses text written for this test and gives word lookups over the syntax layer. */
function parse(text: string, pipeline = parseAll) {
  const doc = analyzeWorking(text, { format: 'text', pipeline });
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

describe('selective parsing', () => {
  const text = 'The weather was mild and the sky was blue. Protesters attacked the police station on Monday. “We will stay here,” one of them said.';
  const { doc, s, g, at } = parse(text, buildPipeline(DEFAULT_STAGES));

  it('parses the sentences the events coder reads (a trigger and a coded actor), tags and lemmatizes all', () => {
    // The last sentence has a trigger ("said") but no actor the parse could give it: not parsed.
    expect(s.parsed).toEqual([false, true, false]);
    expect(s.upos[at('sky')]).toBe('NOUN');
    expect(s.lemma[at('was')]).toBe('be');
    expect(s.head[at('sky')]).toBe(-1);
    expect(s.rel[at('sky')]).toBe(UNPARSED);
    expect(clauseArguments(g, at('attacked')).objects).toEqual([at('station')]);
  });

  it('keeps the clause helpers sensible on an unparsed sentence', () => {
    expect(isParsed(g, at('sky'))).toBe(false);
    expect(isParsed(g, at('attacked'))).toBe(true);
    const a = clauseArguments(g, at('was'));
    expect([...a.subjects, ...a.objects, ...a.agents]).toEqual([]);
    expect(negationOf(g, at('was'))).toEqual([]);
    expect(governingVerb(g, at('the'), at('sky'))).toBe(-1);
    expect(spanHead(g, at('the'), at('sky'))).toBe(at('sky'));
  });

  it('produces a layer that passes the document schema', async () => {
    const { SyntaxSchema } = await import('../../core/document.js');
    expect(SyntaxSchema.safeParse(doc.syntax).success).toBe(true);
  });

  it('parses a sentence on demand into the graph and the public layer, as a parse of every sentence does', () => {
    const lazy = analyzeWorking(text, { format: 'text', pipeline: buildPipeline(DEFAULT_STAGES) });
    const all = parse(text).doc;
    const said = at('said');
    expect(lazy.parse!.rel[said]).toBe(UNPARSED);
    lazy.parse!.parseSentences!([2]);
    expect(lazy.syntax!.parsed).toEqual([false, true, true]);
    for (const col of ['upos', 'xpos', 'lemma', 'head', 'rel'] as const) expect(lazy.syntax![col].slice(at('We'))).toEqual(all.syntax![col].slice(at('We')));
    expect(Array.from(lazy.parse!.head)).toEqual(lazy.syntax!.head);
    expect(lazy.parse!.rel[said]).not.toBe(UNPARSED);
    expect(clauseArguments(lazy.parse!, said).subjects).toEqual(clauseArguments(all.parse!, said).subjects);
    expect(clauseArguments(lazy.parse!, said).subjects.length).toBe(1);
  });

  it('codes the same events as a parse of every sentence', () => {
    const news = 'Rebels attacked an army base near Goma on Tuesday. The government condemned the attack. But later accused Rwanda of arming the rebels. “We will defend our people,” the defence minister of Congo said.';
    const lazy = analyzeWorking(news, { format: 'text', pipeline: buildPipeline(DEFAULT_STAGES) });
    const all = parse(news).doc;
    expect(lazy.events.length).toBeGreaterThan(0);
    expect(lazy.events).toEqual(all.events);
    expect(lazy.syntax!.parsed!.filter(Boolean).length).toBeLessThan(all.syntax!.parsed!.length);
  });
});

describe('news text', () => {
  it('finds the speaker of a long quotation placed before its attribution', () => {
    const { g, at } = parse('“We will not accept any deal that leaves our soldiers exposed, that rewards aggression, or that ignores the wishes of the people who live in the east of the country,” the defence minister, who spoke on condition of anonymity, told reporters in Kyiv on Friday.');
    const a = clauseArguments(g, at('told'));
    expect(a.subjects).toEqual([at('minister')]);
    expect(a.objects.length + a.obliques.length).toBeGreaterThan(0);
    expect(clauseArguments(g, at('accept')).subjects).toEqual([at('We')]);
    expect(clauseArguments(g, at('accept')).objects).toEqual([at('deal')]);
  });

  it('finds the subject of a verb after a relative clause set off by commas', () => {
    const { g, at } = parse('Ms. Okafor, who has led the union since the strike in the spring of last year, quickly rejected the offer.');
    const a = clauseArguments(g, at('rejected'));
    expect(a.subjects).toEqual([at('Okafor')]);
    expect(a.objects).toEqual([at('offer')]);
    expect(a.passive).toBe(false);
    expect(g.rel[at('led')]).toBe('acl:relcl');
  });

  it('leaves a dateline out of the clause', () => {
    const { g, at, word } = parse('WASHINGTON (Reuters) — The Senate passed the spending bill on Tuesday.');
    const a = clauseArguments(g, at('passed'));
    expect(a.subjects.map(word)).toEqual(['Senate']);
    expect(a.objects.map(word)).toEqual(['bill']);
  });

  it('reads words in capitals inside an ordinary sentence', () => {
    const { g, at, s } = parse('The ministry said POLICE ARRESTED two men in the capital.');
    expect(s.upos[at('ARRESTED')]).toBe('VERB');
    expect(clauseArguments(g, at('ARRESTED')).subjects).toEqual([at('POLICE')]);
    expect(clauseArguments(g, at('ARRESTED')).objects).toEqual([at('men')]);
  });

  // Title Case once read as a row of names ("Seize" → PROPN); the word clusters set it right.
  it('tags and parses a title-case headline', () => {
    const model = syntaxModel();
    const words = ['Rebels', 'Seize', 'Airport', 'in', 'Northern', 'Mali'];
    const r = new SentenceAnnotator(model).annotate(words);
    expect(model.upos[r.tags[1]!]).toBe('VERB');
    expect(r.head[1]).toBe(2); // Rebels ← Seize
    expect(r.head[3]).toBe(2); // Seize → Airport
    expect(model.rels[r.rel[3]!]).toBe('obj');
  });

  // With the root first in the buffer the parser took the name as root before reaching the verb;
  // with the root last, the verb is the root and the name its subject.
  it('makes the verb the root after a long title and name', () => {
    const model = syntaxModel();
    const words = ['Deputy', 'Governor', 'Anna', 'Kowalczyk', 'of', 'Silesia', 'had', 'requested', 'a', 'meeting', '.'];
    const r = new SentenceAnnotator(model).annotate(words);
    expect(r.head[8]).toBe(0); // requested
    expect(model.rels[r.rel[8]!]).toBe('root');
    expect(r.head[3]).toBe(8); // Anna ← requested
    expect(model.rels[r.rel[3]!]).toBe('nsubj');
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
