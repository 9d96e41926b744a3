/**
 * Tags and parses one sentence of words with the shipped model (also used by the evaluation, so
 * the figures measure exactly what the stage runs).
 */
import { ArcEager } from './parser.js';
import type { SyntaxModel } from './syntax-model.js';
import { tagSentence, wordColumns } from './tagger.js';

export interface SentenceSyntax {
  /** Tag id per word (index into model.tags). */
  tags: Uint8Array;
  /** Head per word, 1-based, 0 for the root; index 0 unused. */
  head: Int32Array;
  /** Relation id per word (index into model.rels); index 0 unused. */
  rel: Int32Array;
}

export class SentenceAnnotator {
  private readonly parser: ArcEager;
  constructor(private readonly model: SyntaxModel) {
    this.parser = new ArcEager(model.rootRel, model.coarse);
  }

  annotate(words: readonly string[]): SentenceSyntax {
    const n = words.length;
    const cols = wordColumns(words, this.model.lexicon);
    const tags = new Uint8Array(n);
    tagSentence(cols, this.model.tagger, tags);
    const out = { tags, head: new Int32Array(n + 1), rel: new Int32Array(n + 1) };
    this.parser.parse(cols, tags, this.model.parser, this.model.labeler, out);
    return out;
  }
}
