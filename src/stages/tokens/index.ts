/**
 * The tokens stage: sentences and tokens of the body (and headings), from wink-nlp's lossless
 * tokenizer and sentence splitter, with repairs for news punctuation: a sentence that opens with
 * a closing quote or a lone full stop (". .") belongs to the sentence before.
 */
import winkNLP from 'wink-nlp';
import type { WinkMethods } from 'wink-nlp';
import type { Span } from '../../core/span.js';
import type { Stage } from '../../pipeline/stage.js';
import { createTokenTable } from './token-table.js';
import { sentenceModel } from './wink-model.js';
import type { Feature, WinkDocumentData } from './wink-model.js';

/**
 * wink's tables keep every new word it meets, also when it has forgotten it (each document re-adds
 * its own: wink-model.ts documentLexemes): the instance is made afresh after this many, so memory
 * stays bounded over millions of documents. Tokens and sentences do not depend on it.
 */
export const MAX_NEW_WORDS = 100_000;

let nlp: WinkMethods | undefined;
let lexemes: Feature | undefined;
let forgetNewWords = () => {};
/** The raw data of the document wink read last (sentenceModel's onDocument). */
let read: WinkDocumentData | undefined;
/** wink, made afresh once its table of new words is too long, and forgetting the words of the documents before. */
function wink(maxNewWords: number): WinkMethods {
  if (nlp && lexemes && lexemes.list.length - (lexemes.intrinsicSize ?? 0) > maxNewWords) nlp = undefined;
  nlp ??= winkNLP(sentenceModel((core, words) => { lexemes = core.features.lexeme; forgetNewWords = words.forget; }, undefined, (data) => { read = data; }), ['sbd']);
  forgetNewWords();
  return nlp;
}

/** A sentence that is only punctuation, or opens with a closing quote then "," or a lower-case word. */
const CONTINUATION = /^(?:[\p{P}\s]+$|[”“»"’']\s*(?:[,;:]|\p{Ll}))/u;
/** Marks that can close a quotation (« and „ only ever open one). */
const QUOTE_MARK = /^[”“»"’']$/u;
const ENDS_SENTENCE = /[.!?]$/;
const UPPER_FIRST = /^\p{Lu}/u;

export interface Tokenized {
  sentences: Span[];
  tokenStarts: number[];
  tokenEnds: number[];
  tokenSentence: number[];
}

/** Tokenizes and splits the given stretches of text; sentences never cross a stretch. */
export function tokenize(text: string, stretches: readonly Span[], maxNewWords = MAX_NEW_WORDS): Tokenized {
  const nlp = wink(maxNewWords);
  const out: Tokenized = { sentences: [], tokenStarts: [], tokenEnds: [], tokenSentence: [] };
  for (const stretch of stretches) {
    read = undefined;
    nlp.readDoc(text.slice(stretch.start, stretch.end));
    const data = read as WinkDocumentData | undefined;
    if (!data) throw new Error('tokens: wink read a document without splitting its sentences');
    // What its.value and its.precedingSpaces give, read from wink's token array (4 numbers a token).
    const tk = data.tokens;
    const n = data.numOfTokens;
    // wink's lexeme list: a token's value is the entry its lexeme index points at.
    const values = lexemes!.list;
    const value = (i: number) => values[tk[4 * i]!]!;
    const spacesBefore = (i: number) => {
      const count = tk[4 * i + 1]! & 0xffff;
      return count < 0xffff ? count : data.nonBreakingSpaces[i]!.length;
    };
    const starts = new Array<number>(n);
    const ends = new Array<number>(n);
    let pos = stretch.start;
    for (let i = 0; i < n; i++) {
      pos += spacesBefore(i);
      starts[i] = pos;
      pos += value(i).length;
      ends[i] = pos;
    }
    // Sentences as token ranges [first, last], then repaired for news punctuation.
    const ranges: [number, number][] = [];
    for (const sentence of data.sentences) {
      const a = sentence[0]!;
      const b = sentence[1]!;
      const prev = ranges[ranges.length - 1];
      // A detached quote mark opening a sentence ("… more. » A reference") closes the one before.
      let first = a;
      while (prev && first <= b && QUOTE_MARK.test(value(first)) && (first === b || spacesBefore(first + 1) > 0)) {
        prev[1] = first;
        first++;
      }
      if (first > b) continue;
      if (prev && CONTINUATION.test(text.slice(starts[first]!, ends[b]!))) {
        prev[1] = b;
        continue;
      }
      // A doubled full stop (". . Then") ends a sentence even where the splitter ran on.
      for (let t = first + 1; t < b; t++) {
        if (value(t) === '.' && ENDS_SENTENCE.test(value(t - 1)) && UPPER_FIRST.test(value(t + 1))) {
          ranges.push([first, t]);
          first = t + 1;
        }
      }
      ranges.push([first, b]);
    }
    for (const [a, b] of ranges) {
      out.sentences.push({ start: starts[a]!, end: ends[b]! });
      const sentence = out.sentences.length - 1;
      for (let t = a; t <= b; t++) {
        out.tokenStarts.push(starts[t]!);
        out.tokenEnds.push(ends[t]!);
        out.tokenSentence.push(sentence);
      }
    }
  }
  return out;
}

export const tokens: Stage = {
  name: 'tokens',
  requires: ['body'],
  produces: ['sentences', 'tokens'],
  run(doc) {
    const t = tokenize(doc.text, doc.body);
    return { sentences: t.sentences, tokens: createTokenTable(t.tokenStarts, t.tokenEnds, t.tokenSentence) };
  },
};
