/**
 * The syntax stage: part-of-speech tags (UPOS and PTB) and lemmas for every token, and labelled
 * dependencies (UD) on demand: a later stage asks for the sentences it reads (lazy-parse.ts).
 */
import type { Syntax } from '../../core/document.js';
import type { Stage } from '../../pipeline/stage.js';
import { SentenceAnnotator } from './annotate.js';
import type { TagsForParse } from './lazy-parse.js';
import { LazyParse } from './lazy-parse.js';
import type { ParseGate } from './parse-gate.js';
import { PARSE_ALL, PARSE_NONE } from './parse-gate.js';
import { syntaxModel } from './syntax-model.js';

export type { SyntaxGraph } from './syntax-graph.js';
export type { ParseGate } from './parse-gate.js';
export { LazyParse } from './lazy-parse.js';
export { PARSE_ALL, PARSE_NONE } from './parse-gate.js';

/** Relation of the tokens of a sentence the parser did not run on (their head is -1). */
export const UNPARSED = '_';

let annotator: SentenceAnnotator | undefined;

/**
 * Tags and lemmatizes every sentence of the token table and parses those the gate wants now; the
 * graph parses the others when asked. Unparsed sentences have head -1 and relation UNPARSED;
 * `syntax.parsed` says per sentence index which were parsed (`sentences`: their count, at least).
 */
export function tagTokens(text: string, start: Int32Array, end: Int32Array, sentence: Int32Array, gate: ParseGate = PARSE_NONE, sentences = 0): { syntax: Syntax; graph: LazyParse } {
  const model = syntaxModel();
  annotator ??= new SentenceAnnotator(model);
  const n = start.length;
  const out: Syntax = {
    start: Array.from(start), end: Array.from(end),
    upos: new Array<string>(n), xpos: new Array<string>(n), lemma: new Array<string>(n),
    head: new Array<number>(n).fill(-1), rel: new Array<string>(n).fill(UNPARSED),
    parsed: [],
  };
  const ns = Math.max(sentences, n > 0 ? sentence[n - 1]! + 1 : 0);
  const parsed = out.parsed!;
  for (let s = 0; s < ns; s++) parsed.push(false);
  const first = new Int32Array(ns + 1).fill(n);
  const tagged = new Array<TagsForParse | null>(ns).fill(null);
  const eager: number[] = [];
  // One buffer for the document's tags; each sentence keeps its stretch of it.
  const tagBuffer = new Uint8Array(n);
  let a = 0;
  while (a < n) {
    let b = a + 1;
    while (b < n && sentence[b] === sentence[a]) b++;
    const words = new Array<string>(b - a);
    for (let i = a; i < b; i++) words[i - a] = text.slice(start[i]!, end[i]!);
    const tags = tagBuffer.subarray(a, b);
    const second = annotator.tagAndLemmatize(words, tags, out.lemma, a);
    for (let i = a; i < b; i++) {
      const tag = tags[i - a]!;
      out.upos[i] = model.upos[tag]!;
      out.xpos[i] = model.xpos[tag]!;
    }
    const s = sentence[a]!;
    tagged[s] = { words, tags, second };
    first[s] = a;
    if (gate !== PARSE_NONE && gate.wanted(words, out.lemma.slice(a, b))) eager.push(s);
    a = b;
  }
  // A sentence without tokens starts where the next one does.
  for (let s = ns - 1; s >= 0; s--) if (!tagged[s]) first[s] = first[s + 1]!;
  const graph = new LazyParse(out, first, tagged, annotator, model);
  graph.parseSentences(eager);
  return { syntax: out, graph };
}

/**
 * Tags, lemmas and the parse of the sentences the gate wants (default: all) as the public layer.
 */
export function annotateTokens(text: string, start: Int32Array, end: Int32Array, sentence: Int32Array, gate: ParseGate = PARSE_ALL): Syntax {
  return tagTokens(text, start, end, sentence, gate).syntax;
}

export interface SyntaxOptions {
  /**
   * Sentences to parse in the stage itself (PARSE_ALL for all). Default: none; the others are
   * parsed when a later stage asks the `parse` graph for them (the events coder does).
   */
  gate?: ParseGate;
}

export function createSyntaxStage(options: SyntaxOptions = {}): Stage {
  return {
    name: 'syntax',
    requires: ['sentences', 'tokens'],
    produces: ['syntax', 'parse'],
    run(doc) {
      const t = doc.tokens!;
      const { syntax, graph } = tagTokens(doc.text, t.start, t.end, t.sentence, options.gate ?? PARSE_NONE, doc.sentences.length);
      return { syntax, parse: graph };
    },
  };
}

export const syntax: Stage = createSyntaxStage();
