/**
 * The syntax stage: part-of-speech tags (UPOS and PTB) and lemmas for every token, and labelled
 * dependencies (UD) for the sentences that can hold an event or a quotation (see parse-gate.ts).
 */
import type { Syntax } from '../../core/document.js';
import type { Stage } from '../../pipeline/stage.js';
import { SentenceAnnotator } from './annotate.js';
import { lemmatize } from './lemmatizer.js';
import type { ParseGate } from './parse-gate.js';
import { defaultParseGate, PARSE_ALL } from './parse-gate.js';
import { buildGraph } from './syntax-graph.js';
import { syntaxModel } from './syntax-model.js';

export type { SyntaxGraph } from './syntax-graph.js';
export type { ParseGate } from './parse-gate.js';
export { defaultParseGate, PARSE_ALL, PARSE_NONE, triggerGate } from './parse-gate.js';

/** Relation of the tokens of a sentence the parser did not run on (their head is -1). */
export const UNPARSED = '_';

let annotator: SentenceAnnotator | undefined;

/**
 * Annotates every sentence of the token table: the public columns and the graph for later stages.
 * Sentences the gate turns down get tags and lemmas only (head -1, relation UNPARSED); `parsed`
 * says per sentence index which were parsed.
 */
export function annotateTokens(text: string, start: Int32Array, end: Int32Array, sentence: Int32Array, gate: ParseGate = PARSE_ALL): Syntax {
  const model = syntaxModel();
  annotator ??= new SentenceAnnotator(model);
  const n = start.length;
  const out: Syntax = {
    start: Array.from(start), end: Array.from(end),
    upos: new Array<string>(n), xpos: new Array<string>(n), lemma: new Array<string>(n),
    head: new Array<number>(n), rel: new Array<string>(n),
    parsed: [],
  };
  const parsed = out.parsed!;
  let a = 0;
  while (a < n) {
    let b = a + 1;
    while (b < n && sentence[b] === sentence[a]) b++;
    const words = new Array<string>(b - a);
    for (let i = a; i < b; i++) words[i - a] = text.slice(start[i]!, end[i]!);
    const t = annotator.tag(words);
    for (let i = a; i < b; i++) {
      const tag = t.tags[i - a]!;
      out.upos[i] = model.upos[tag]!;
      out.xpos[i] = model.xpos[tag]!;
      out.lemma[i] = lemmatize(words[i - a]!, model.xpos[tag]!, model.lemmas);
    }
    const s = sentence[a]!;
    while (parsed.length < s) parsed.push(false);
    if (gate.wanted(words, out.lemma.slice(a, b))) {
      const before = t.tags.slice();
      const r = annotator.parse(t);
      for (let i = a; i < b; i++) {
        const tag = r.tags[i - a]!;
        // The parser may re-tag a word (split-clauses.ts reads pieces again; a finite verb is not a participle).
        if (tag !== before[i - a]) {
          out.upos[i] = model.upos[tag]!;
          out.xpos[i] = model.xpos[tag]!;
          out.lemma[i] = lemmatize(words[i - a]!, model.xpos[tag]!, model.lemmas);
        }
        const h = r.head[i - a + 1]!;
        out.head[i] = h > 0 ? a + h - 1 : -1;
        out.rel[i] = model.rels[r.rel[i - a + 1]!]!;
      }
      parsed[s] = true;
    } else {
      for (let i = a; i < b; i++) { out.head[i] = -1; out.rel[i] = UNPARSED; }
      parsed[s] = false;
    }
    a = b;
  }
  return out;
}

export interface SyntaxOptions {
  /** Which sentences get a dependency parse (default: defaultParseGate(), event or quotation material; PARSE_ALL for all). */
  gate?: ParseGate;
}

export function createSyntaxStage(options: SyntaxOptions = {}): Stage {
  return {
    name: 'syntax',
    requires: ['sentences', 'tokens'],
    produces: ['syntax', 'parse'],
    run(doc) {
      const t = doc.tokens!;
      const s = annotateTokens(doc.text, t.start, t.end, t.sentence, options.gate ?? defaultParseGate());
      while (s.parsed!.length < doc.sentences.length) s.parsed!.push(false);
      return { syntax: s, parse: buildGraph(Int32Array.from(s.head), s.rel, s.upos, s.xpos, s.lemma) };
    },
  };
}

export const syntax: Stage = createSyntaxStage();
