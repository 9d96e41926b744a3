/**
 * The tokens stage: sentences and tokens of the body (and headings), from wink-nlp's lossless
 * tokenizer and sentence splitter, with repairs for news punctuation: a sentence that opens with
 * a closing quote or a lone full stop (". .") belongs to the sentence before.
 */
import winkNLP from 'wink-nlp';
import type { ItemSentence, WinkMethods } from 'wink-nlp';
import type { Span } from '../../core/span.js';
import type { Stage } from '../../pipeline/stage.js';
import { createTokenTable } from './token-table.js';
import { sentenceModel } from './wink-model.js';
import type { Feature } from './wink-model.js';

/**
 * wink's tables keep every new word it meets, also when it has forgotten it (each document re-adds
 * its own: wink-model.ts documentLexemes): the instance is made afresh after this many, so memory
 * stays bounded over millions of documents. Tokens and sentences do not depend on it.
 */
export const MAX_NEW_WORDS = 100_000;

let nlp: WinkMethods | undefined;
let lexemes: Feature | undefined;
let forgetNewWords = () => {};
/** wink, made afresh once its table of new words is too long, and forgetting the words of the documents before. */
function wink(maxNewWords: number): WinkMethods {
  if (nlp && lexemes && lexemes.list.length - (lexemes.intrinsicSize ?? 0) > maxNewWords) nlp = undefined;
  nlp ??= winkNLP(sentenceModel((core, forget) => { lexemes = core.features.lexeme; forgetNewWords = forget; }), ['sbd']);
  forgetNewWords();
  return nlp;
}

/** A sentence that is only punctuation, or opens with a closing quote then "," or a lower-case word. */
const CONTINUATION = /^(?:[\p{P}\s]+$|[”“»"’']\s*(?:[,;:]|\p{Ll}))/u;
/** Marks that can close a quotation (« and „ only ever open one). */
const QUOTE_MARK = /^[”“»"’']$/u;

export interface Tokenized {
  sentences: Span[];
  tokenStarts: number[];
  tokenEnds: number[];
  tokenSentence: number[];
}

/** Tokenizes and splits the given stretches of text; sentences never cross a stretch. */
export function tokenize(text: string, stretches: readonly Span[], maxNewWords = MAX_NEW_WORDS): Tokenized {
  const nlp = wink(maxNewWords);
  const its = nlp.its;
  const out: Tokenized = { sentences: [], tokenStarts: [], tokenEnds: [], tokenSentence: [] };
  for (const stretch of stretches) {
    const slice = text.slice(stretch.start, stretch.end);
    const wdoc = nlp.readDoc(slice);
    const values = wdoc.tokens().out(its.value) as string[];
    const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
    const starts: number[] = [];
    const ends: number[] = [];
    let pos = stretch.start;
    for (let i = 0; i < values.length; i++) {
      pos += spaces[i]!.length;
      starts.push(pos);
      pos += values[i]!.length;
      ends.push(pos);
    }
    // Sentences as token ranges [first, last], then repaired for news punctuation.
    const ranges: [number, number][] = [];
    wdoc.sentences().each((sentence: ItemSentence) => {
      const [a, b] = sentence.out(its.span) as unknown as [number, number];
      const prev = ranges[ranges.length - 1];
      // A detached quote mark opening a sentence ("… more. » A reference") closes the one before.
      let first = a;
      while (prev && first <= b && QUOTE_MARK.test(values[first]!) && (first === b || spaces[first + 1]!.length > 0)) {
        prev[1] = first;
        first++;
      }
      if (first > b) return;
      const sentenceText = text.slice(starts[first]!, ends[b]!);
      if (prev && CONTINUATION.test(sentenceText)) {
        prev[1] = b;
        return;
      }
      // A doubled full stop (". . Then") ends a sentence even where the splitter ran on.
      for (let t = first + 1; t < b; t++) {
        if (values[t] === '.' && /[.!?]$/.test(values[t - 1]!) && /^\p{Lu}/u.test(values[t + 1]!)) {
          ranges.push([first, t]);
          first = t + 1;
        }
      }
      ranges.push([first, b]);
    });
    for (const [a, b] of ranges) {
      out.sentences.push({ start: starts[a]!, end: ends[b]! });
      for (let t = a; t <= b; t++) {
        out.tokenStarts.push(starts[t]!);
        out.tokenEnds.push(ends[t]!);
        out.tokenSentence.push(out.sentences.length - 1);
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
