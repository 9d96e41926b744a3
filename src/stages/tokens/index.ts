/**
 * The tokens stage: sentences and tokens of the body (and headings), from wink-nlp's lossless
 * tokenizer and sentence splitter, with repairs for news punctuation: a sentence that opens with
 * a closing quote or a lone full stop (". .") belongs to the sentence before.
 */
import winkNLP from 'wink-nlp';
import type { WinkMethods } from 'wink-nlp';
import type { Span } from '../../core/span.js';
import type { Stage } from '../../pipeline/stage.js';
import type { TokenTable } from './token-table.js';
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

/** Tokens as columns, the way the stage stores them (the first `length` entries of each array). */
interface TokenColumns { sentences: Span[]; length: number; start: Int32Array; end: Int32Array; sentence: Int32Array }

/** One stretch's token offsets, reused from call to call. */
let stretchStarts = new Int32Array(1024);
let stretchEnds = new Int32Array(1024);

/** Tokenizes and splits the given stretches of text into columns; sentences never cross a stretch. */
function tokenColumns(text: string, stretches: readonly Span[], maxNewWords: number): TokenColumns {
  const nlp = wink(maxNewWords);
  // wink's lexeme list: a token's value is the entry its lexeme index points at.
  const values = lexemes!.list;
  const sentences: Span[] = [];
  let length = 0;
  let start = new Int32Array(512);
  let end = new Int32Array(512);
  let sentence = new Int32Array(512);
  // Sentences of a stretch as token ranges [first, last] (flat pairs), repaired for news punctuation.
  const ranges: number[] = [];
  for (const stretch of stretches) {
    read = undefined;
    nlp.readDoc(text.slice(stretch.start, stretch.end));
    const data = read as WinkDocumentData | undefined;
    if (!data) throw new Error('tokens: wink read a document without splitting its sentences');
    // What its.value and its.precedingSpaces give, read from wink's token array (4 numbers a token).
    const tk = data.tokens;
    const n = data.numOfTokens;
    if (stretchStarts.length < n) {
      stretchStarts = new Int32Array(2 * n);
      stretchEnds = new Int32Array(2 * n);
    }
    const starts = stretchStarts;
    const ends = stretchEnds;
    let pos = stretch.start;
    for (let i = 0; i < n; i++) {
      const count = tk[4 * i + 1]! & 0xffff;
      pos += count < 0xffff ? count : data.nonBreakingSpaces[i]!.length;
      starts[i] = pos;
      pos += values[tk[4 * i]!]!.length;
      ends[i] = pos;
    }
    ranges.length = 0;
    for (const s of data.sentences) {
      const a = s[0]!;
      const b = s[1]!;
      const prev = ranges.length > 0;
      // A detached quote mark opening a sentence ("… more. » A reference") closes the one before
      // (the spaces before token t are starts[t] - ends[t - 1]).
      let first = a;
      while (prev && first <= b && QUOTE_MARK.test(values[tk[4 * first]!]!) && (first === b || starts[first + 1]! - ends[first]! > 0)) {
        ranges[ranges.length - 1] = first;
        first++;
      }
      if (first > b) continue;
      if (prev && CONTINUATION.test(text.slice(starts[first]!, ends[b]!))) {
        ranges[ranges.length - 1] = b;
        continue;
      }
      // A doubled full stop (". . Then") ends a sentence even where the splitter ran on.
      for (let t = first + 1; t < b; t++) {
        if (values[tk[4 * t]!] === '.' && ENDS_SENTENCE.test(values[tk[4 * (t - 1)]!]!) && UPPER_FIRST.test(values[tk[4 * (t + 1)]!]!)) {
          ranges.push(first, t);
          first = t + 1;
        }
      }
      ranges.push(first, b);
    }
    for (let r = 0; r < ranges.length; r += 2) {
      const a = ranges[r]!;
      const b = ranges[r + 1]!;
      sentences.push({ start: starts[a]!, end: ends[b]! });
      const id = sentences.length - 1;
      if (length + b - a + 1 > start.length) {
        const grow = (column: Int32Array) => { const bigger = new Int32Array(2 * (length + b - a + 1)); bigger.set(column.subarray(0, length)); return bigger; };
        start = grow(start);
        end = grow(end);
        sentence = grow(sentence);
      }
      for (let t = a; t <= b; t++) {
        start[length] = starts[t]!;
        end[length] = ends[t]!;
        sentence[length] = id;
        length++;
      }
    }
  }
  return { sentences, length, start, end, sentence };
}

/** Tokenizes and splits the given stretches of text; sentences never cross a stretch. */
export function tokenize(text: string, stretches: readonly Span[], maxNewWords = MAX_NEW_WORDS): Tokenized {
  const t = tokenColumns(text, stretches, maxNewWords);
  return {
    sentences: t.sentences,
    tokenStarts: Array.from(t.start.subarray(0, t.length)),
    tokenEnds: Array.from(t.end.subarray(0, t.length)),
    tokenSentence: Array.from(t.sentence.subarray(0, t.length)),
  };
}

export const tokens: Stage = {
  name: 'tokens',
  requires: ['body'],
  produces: ['sentences', 'tokens'],
  run(doc) {
    const t = tokenColumns(doc.text, doc.body, MAX_NEW_WORDS);
    const tokens: TokenTable = { length: t.length, start: t.start.slice(0, t.length), end: t.end.slice(0, t.length), sentence: t.sentence.slice(0, t.length) };
    return { sentences: t.sentences, tokens };
  },
};
