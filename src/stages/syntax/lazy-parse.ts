/**
 * A document's dependency graph parsed on demand: every sentence is tagged up front, and a later
 * stage asks for the parse of the sentences it reads (parseSentences); the syntax layer follows.
 */
import type { Syntax } from '../../core/document.js';
import type { SentenceAnnotator } from './annotate.js';
import { lemmatize } from './lemmatizer.js';
import type { SyntaxGraph } from './syntax-graph.js';
import { childIndex } from './syntax-graph.js';
import type { SyntaxModel } from './syntax-model.js';

/**
 * What a sentence keeps for a later parse: its words and the tagger's tags. Not the tagger's word
 * columns (15 typed arrays, each with its own buffer): kept for the whole document, they outlived
 * the young generation and cost the garbage collector more than making them again for the ~30% of
 * sentences that get parsed.
 */
export interface TagsForParse {
  words: readonly string[];
  tags: Uint8Array;
  /** The runner-up tags the parser reads (TaggedSentence.second). */
  second: Uint8Array | null;
}

/**
 * The graph over the public syntax layer's columns (shared, not copied: a parse writes heads,
 * relations and any re-tag into `syntax` too, and sets `syntax.parsed`). Sentences not parsed have
 * head -1 and relation "_" (see clause.ts isParsed).
 */
export class LazyParse implements SyntaxGraph {
  readonly length: number;
  readonly head: Int32Array;
  readonly rel: string[];
  readonly upos: string[];
  readonly xpos: string[];
  readonly lemma: string[];
  childStart: Int32Array;
  children: Int32Array;

  /**
   * @param first first token of each sentence (length sentences + 1, the last is the token count)
   * @param tagged words and tags per sentence (null for a sentence without tokens), kept for the parser
   */
  constructor(
    private readonly syntax: Syntax,
    private readonly first: Int32Array,
    private readonly tagged: (TagsForParse | null)[],
    private readonly annotator: SentenceAnnotator,
    private readonly model: SyntaxModel,
  ) {
    this.length = syntax.start.length;
    this.head = Int32Array.from(syntax.head);
    this.rel = syntax.rel;
    this.upos = syntax.upos;
    this.xpos = syntax.xpos;
    this.lemma = syntax.lemma;
    this.childStart = new Int32Array(this.length + 1);
    this.children = new Int32Array(0);
    this.reindex();
  }

  /** Whether sentence s has been parsed. */
  isParsed(s: number): boolean {
    return this.syntax.parsed![s] === true;
  }

  /** Parses the given sentences that are not parsed yet, then rebuilds the child index once. */
  parseSentences(sentences: Iterable<number>): void {
    let changed = false;
    for (const s of sentences) {
      const t = this.tagged[s];
      if (!t || this.syntax.parsed![s]) continue;
      this.parseOne(s, t);
      changed = true;
    }
    if (changed) this.reindex();
  }

  private parseOne(s: number, t: TagsForParse): void {
    const { model, syntax: out } = this;
    const a = this.first[s]!;
    const b = this.first[s + 1]!;
    const before = t.tags.slice();
    // The same columns SentenceAnnotator.tag computed (from its word cache: a copy per word, no hashing).
    const r = this.annotator.parse({ words: t.words, cols: this.annotator.columnsForParse(t.words), tags: t.tags, second: t.second });
    for (let i = a; i < b; i++) {
      const tag = r.tags[i - a]!;
      // The parser may re-tag a word (split-clauses.ts reads pieces again; a finite verb is not a participle).
      if (tag !== before[i - a]) {
        out.upos[i] = model.upos[tag]!;
        out.xpos[i] = model.xpos[tag]!;
        out.lemma[i] = lemmatize(t.words[i - a]!, model.xpos[tag]!, model.lemmas);
      }
      const h = r.head[i - a + 1]!;
      const head = h > 0 ? a + h - 1 : -1;
      out.head[i] = head;
      this.head[i] = head;
      out.rel[i] = model.rels[r.rel[i - a + 1]!]!;
    }
    out.parsed![s] = true;
    // The tagged sentence is not needed again.
    this.tagged[s] = null;
  }

  /** Children of every token in a CSR index (children in text order). */
  private reindex(): void {
    ({ childStart: this.childStart, children: this.children } = childIndex(this.head));
  }
}
