/**
 * The syntax stage: part-of-speech tags (UPOS and PTB), lemmas and labelled dependencies (UD) for
 * every token of every sentence, from Casus's own tagger and parser (see README in models/).
 */
import type { Syntax } from '../../core/document.js';
import type { Stage } from '../../pipeline/stage.js';
import { SentenceAnnotator } from './annotate.js';
import { lemmatize } from './lemmatizer.js';
import { buildGraph } from './syntax-graph.js';
import { syntaxModel } from './syntax-model.js';

export type { SyntaxGraph } from './syntax-graph.js';

let annotator: SentenceAnnotator | undefined;

/** Annotates every sentence of the token table: the public columns and the graph for later stages. */
export function annotateTokens(text: string, start: Int32Array, end: Int32Array, sentence: Int32Array): Syntax {
  const model = syntaxModel();
  annotator ??= new SentenceAnnotator(model);
  const n = start.length;
  const out: Syntax = {
    start: Array.from(start), end: Array.from(end),
    upos: new Array<string>(n), xpos: new Array<string>(n), lemma: new Array<string>(n),
    head: new Array<number>(n), rel: new Array<string>(n),
  };
  let a = 0;
  while (a < n) {
    let b = a + 1;
    while (b < n && sentence[b] === sentence[a]) b++;
    const words = new Array<string>(b - a);
    for (let i = a; i < b; i++) words[i - a] = text.slice(start[i]!, end[i]!);
    const r = annotator.annotate(words);
    for (let i = a; i < b; i++) {
      const k = i - a;
      const tag = r.tags[k]!;
      out.upos[i] = model.upos[tag]!;
      out.xpos[i] = model.xpos[tag]!;
      out.lemma[i] = lemmatize(words[k]!, model.xpos[tag]!, model.lemmas);
      const h = r.head[k + 1]!;
      out.head[i] = h > 0 ? a + h - 1 : -1;
      out.rel[i] = model.rels[r.rel[k + 1]!]!;
    }
    a = b;
  }
  return out;
}

export const syntax: Stage = {
  name: 'syntax',
  requires: ['sentences', 'tokens'],
  produces: ['syntax', 'parse'],
  run(doc) {
    const t = doc.tokens!;
    const s = annotateTokens(doc.text, t.start, t.end, t.sentence);
    return { syntax: s, parse: buildGraph(Int32Array.from(s.head), s.rel, s.upos, s.xpos, s.lemma) };
  },
};
