/**
 * Tags and parses one sentence of words with the shipped model (also used by the evaluation, so
 * the figures measure exactly what the stage runs). Tagging and parsing can run separately.
 */
import { ArcEager } from './parser.js';
import { splitClauses } from './split-clauses.js';
import type { SyntaxModel } from './syntax-model.js';
import type { Scorer, WordColumns } from './tagger.js';
import { lemmatize } from './lemmatizer.js';
import { emptyColumns, retagBackward, tagSentence, wordColumns } from './tagger.js';
import type { KeptScores, SecondTags } from './tagger.js';
import { WordCache } from './word-cache.js';

export interface SentenceSyntax {
  /** Tag id per word (index into model.tags). */
  tags: Uint8Array;
  /** Head per word, 1-based, 0 for the root; index 0 unused. */
  head: Int32Array;
  /** Relation id per word (index into model.rels); index 0 unused. */
  rel: Int32Array;
}

/** A tagged sentence: its words, their columns (kept for the parser) and a tag id per word. */
export interface TaggedSentence {
  words: readonly string[];
  cols: WordColumns;
  tags: Uint8Array;
  /** The runner-up tag of the words the taggers were unsure of (255: none), null when there is none (see SyntaxModel.secondMargin). */
  second?: Uint8Array | null;
}

/**
 * Selectional branching (ArcEager.branches): the least certain transition of each sentence is
 * also tried the other way; transition scores over TEMPERATURE (the shipped weights are stored
 * at twice their value) as log-probabilities. Chosen on EWT dev (85.32 → 85.50 UAS, 81.61 →
 * 81.79 LAS); a second branch gained 0.04 UAS more.
 */
const BRANCHES = 1;
const TEMPERATURE = 48;
/** Only a transition that won by less than this (stored units) is tried the other way: as much gained on dev for 10% more CPU instead of 25%. */
const BRANCH_MARGIN = 10;

const FIXED_LABELS: Record<string, string> = { 'PART|POS': 'case', 'PRON|EX': 'expl', 'PRON|PRP$': 'nmod:poss' };

export class SentenceAnnotator {
  private readonly parser: ArcEager;
  private readonly kept: KeptScores = { limit: 0, margin: new Float64Array(64), scores: new Float64Array(64 * 96) };
  private readonly relId: (rel: string) => number;
  private secondScratch: SecondTags = { tag: new Uint8Array(64), margin: new Float64Array(64) };
  /** The model's words met so far: their columns, word-only tagger scores and lemmas (word-cache.ts). */
  private readonly wordCache: WordCache;
  private scratch = emptyColumns(64);
  /** wordCacheSize: words kept (see WordCache). */
  constructor(private readonly model: SyntaxModel, wordCacheSize?: number) {
    this.wordCache = new WordCache(model.lexicon, model.clusters, [model.tagger, model.backward], wordCacheSize);
    const dep = Math.max(0, model.rels.indexOf('dep'));
    this.relId = (rel) => { const k = model.rels.indexOf(rel); return k < 0 ? dep : k; };
    // Tags whose dependents take one relation in 99.6–100% of EWT train: no labeler call for them.
    const fixed = new Int16Array(model.tags.length).fill(-1);
    model.tags.forEach((tag, id) => {
      const rel = tag.startsWith('PUNCT|') ? 'punct' : FIXED_LABELS[tag];
      if (rel && model.rels.includes(rel)) fixed[id] = model.rels.indexOf(rel);
    });
    this.parser = new ArcEager(model.rootRel, model.coarse, fixed);
    this.parser.branches = BRANCHES;
    this.parser.temperature = TEMPERATURE;
    this.parser.branchMargin = BRANCH_MARGIN;
  }

  tag(words: readonly string[]): TaggedSentence {
    const cached = this.wordCache.columns(words);
    const cols = cached ?? wordColumns(words, this.model.lexicon, this.model.clusters);
    const tags = new Uint8Array(cols.n);
    const second = this.tagWith(cols, tags, this.model.backward, this.model.backwardMargin ?? 0, cached !== null);
    return { words, cols, tags, second };
  }

  /**
   * What the stage keeps of a sentence: its tags (into `tags`), its lemmas (into lemmas[at..]; kept
   * per word and tag) and the runner-up tags (returned, see TaggedSentence.second).
   */
  tagAndLemmatize(words: readonly string[], tags: Uint8Array, lemmas: string[], at: number): Uint8Array | null {
    const n = words.length;
    const cols = this.wordCache.columns(words, this.scratchFor(n));
    if (!cols) {
      const t = this.tag(words);
      tags.set(t.tags);
      for (let i = 0; i < n; i++) lemmas[at + i] = lemmatize(words[i]!, this.model.xpos[t.tags[i]!]!, this.model.lemmas);
      return t.second ?? null;
    }
    const second = this.tagWith(cols, tags, this.model.backward, this.model.backwardMargin ?? 0, true);
    const cache = this.wordCache;
    for (let i = 0; i < n; i++) {
      const tag = tags[i]!;
      let lemma = cache.lemma(i, tag);
      if (lemma === undefined) {
        lemma = lemmatize(words[i]!, this.model.xpos[tag]!, this.model.lemmas);
        cache.keepLemma(i, tag, lemma);
      }
      lemmas[at + i] = lemma;
    }
    return second;
  }

  /**
   * The columns of a sentence's words for a parse that follows at once: they are the annotator's
   * scratch, valid until its next tagAndLemmatize or columnsForParse call.
   */
  columnsForParse(words: readonly string[]): WordColumns {
    return this.wordCache.columns(words, this.scratchFor(words.length)) ?? wordColumns(words, this.model.lexicon, this.model.clusters);
  }

  private scratchFor(n: number): WordColumns {
    if (this.scratch.lower.length < n) this.scratch = emptyColumns(Math.max(n, 2 * this.scratch.lower.length));
    return this.scratch;
  }

  /**
   * The tagger, then (when the model has one) the right-to-left tagger's second opinion on the
   * uncertain tokens. Not in headline-cased sentences: there it turned the verb of "Rebels Seize
   * Airport in Northern Mali" into a name, which the left-to-right tagger gets right.
   */
  tagColumns(cols: WordColumns, tags: Uint8Array, backward: Scorer | null | undefined = this.model.backward, margin = this.model.backwardMargin ?? 0): Uint8Array | null {
    return this.tagWith(cols, tags, backward, margin, false);
  }

  /**
   * tagColumns; `cached`: cols are those the word cache made last (its entries are the sentence's
   * words), so the word-only scores come from it (the model's own taggers only).
   */
  private tagWith(cols: WordColumns, tags: Uint8Array, backward: Scorer | null | undefined, margin: number, cached: boolean): Uint8Array | null {
    const kept = backward && cols.sentenceCase === 0 ? this.kept : undefined;
    if (kept) kept.limit = margin;
    const rows = cached && cols.sentenceCase === 0 ? this.wordCache.rows(0, cols) : undefined;
    tagSentence(cols, this.model.tagger, tags, undefined, undefined, this.model.tagdict, kept, rows);
    if (!kept) return null;
    const backRows = cached && backward === this.model.backward ? this.wordCache.rows(1, cols, kept.margin, margin) : undefined;
    const limit = this.model.secondMargin;
    if (limit === undefined) {
      retagBackward(cols, backward!, tags, kept, margin, undefined, backRows);
      return null;
    }
    // The runner-up tags the parser reads (see SyntaxModel.secondMargin).
    const n = cols.n;
    if (this.secondScratch.tag.length < n) this.secondScratch = { tag: new Uint8Array(2 * n), margin: new Float64Array(2 * n) };
    const s = this.secondScratch;
    s.margin.fill(Infinity, 0, n);
    retagBackward(cols, backward!, tags, kept, margin, s, backRows);
    let second: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (!(s.margin[i]! < limit)) continue;
      second ??= new Uint8Array(n).fill(255);
      second[i] = s.tag[i]!;
    }
    return second;
  }

  /** Parses a tagged sentence (in pieces when splitClauses finds a quotation or comma clause to set apart). */
  parse(t: TaggedSentence): SentenceSyntax {
    return this.repair(this.parseTree(t), t.cols.sentenceCase);
  }

  /** The parser's tree of a tagged sentence, before the repairs. */
  parseTree(t: TaggedSentence): SentenceSyntax {
    const n = t.cols.n;
    const out: SentenceSyntax = { tags: t.tags, head: new Int32Array(n + 1), rel: new Int32Array(n + 1) };
    const upos = this.model.upos;
    const pieces = n >= 8 ? splitClauses(t.words, Array.from(t.tags, (tag) => upos[tag]!)) : null;
    if (!pieces) {
      this.parser.parse(t.cols, t.tags, this.model.parser, this.model.labeler, out, undefined, t.second);
      return out;
    }
    let firstRoot = 0;
    pieces.forEach((p, index) => {
      const m = p.words.length;
      // Each piece is tagged again on its own: "Mr. X, who …, immediately agreed" read whole
      // makes "agreed" a participle of the clause, read as "Mr. X immediately agreed" a past tense.
      const cols = wordColumns(p.words.map((i) => t.words[i]!), this.model.lexicon, this.model.clusters);
      const tags = new Uint8Array(m);
      const second = this.tagColumns(cols, tags);
      const own = (k: number) => !(p.withHead && p.words[k - 1] === p.head);
      p.words.forEach((i, k) => { if (own(k + 1)) t.tags[i] = tags[k]!; });
      const r = { head: new Int32Array(m + 1), rel: new Int32Array(m + 1) };
      this.parser.parse(cols, tags, this.model.parser, this.model.labeler, r, undefined, second);
      // Words whose head lies outside the piece's own words (the piece root; with withHead, also
      // the words hanging from the head word read as context): the first verb among them is the
      // piece's root, attached as the piece says; the others hang from it.
      const tops: number[] = [];
      for (let k = 1; k <= m; k++) {
        if (!own(k)) continue;
        const h = r.head[k]!;
        if (h > 0 && own(h)) {
          out.head[p.words[k - 1]! + 1] = p.words[h - 1]! + 1;
          out.rel[p.words[k - 1]! + 1] = r.rel[k]!;
        } else tops.push(k);
      }
      const verbal = tops.find((k) => upos[out.tags[p.words[k - 1]!]!] === 'VERB' || upos[out.tags[p.words[k - 1]!]!] === 'AUX');
      const top = verbal ?? tops.find((k) => r.head[k] === 0) ?? tops[tops.length - 1]!;
      const root = p.words[top - 1]! + 1;
      const head = p.toFirstRoot ? firstRoot : p.head + 1;
      out.head[root] = head;
      out.rel[root] = head > 0 ? this.relId(p.rel) : this.model.rootRel;
      for (const k of tops) {
        if (k === top) continue;
        out.head[p.words[k - 1]! + 1] = root;
        out.rel[p.words[k - 1]! + 1] = r.head[k] === 0 ? this.relId('dep') : r.rel[k]!;
      }
      if (index === 0) firstRoot = root;
      for (const c of p.punct) { out.head[c + 1] = root; out.rel[c + 1] = this.relId('punct'); }
    });
    return out;
  }

  /**
   * A passive subject needs a passive auxiliary (97% of EWT's nsubj:pass have one; the rest are
   * headlines and absolutes such as "with some used as …"). A finite clause's verb (root, conj,
   * ccomp, parataxis) with a subject but no auxiliary at all is not a participle either: "Mr. X
   * immediately agreed" is VBD and its subject nsubj, whatever the tagger and labeler said.
   * Headline-cased sentences are left alone ("Man Killed in Crash" is a passive).
   */
  private repair(out: SentenceSyntax, sentenceCase: number): SentenceSyntax {
    this.appositions(out);
    if (sentenceCase !== 0) return out;
    const n = out.tags.length;
    const rel = (name: string) => this.relId(name);
    const finite = new Set([rel('root'), rel('conj'), rel('ccomp'), rel('parataxis')]);
    const vbd = this.model.tags.indexOf('VERB|VBD');
    for (let v = 1; v <= n; v++) {
      if (!finite.has(out.rel[v]!) || this.model.upos[out.tags[v - 1]!] !== 'VERB') continue;
      let subject = -1;
      let aux = false;
      let auxPass = false;
      for (let k = 1; k <= n; k++) {
        if (out.head[k] !== v) continue;
        const r = out.rel[k]!;
        if (r === rel('aux:pass')) auxPass = true;
        else if (r === rel('aux') || r === rel('cop')) aux = true;
        else if (r === rel('nsubj:pass') || r === rel('nsubj')) subject = k;
      }
      if (subject < 0 || auxPass) continue;
      if (out.rel[subject] === rel('nsubj:pass')) out.rel[subject] = rel('nsubj');
      if (!aux && vbd >= 0 && this.model.xpos[out.tags[v - 1]!] === 'VBN') out.tags[v - 1] = vbd;
    }
    return out;
  }

  /**
   * A noun set off by a comma after another noun, with no coordinator anywhere in the
   * coordination, is an apposition, not a conjunct: "the President of France, Emmanuel Macron,
   * agreed" (a conj with no cc on it, its head or a sibling conjunct).
   */
  private appositions(out: SentenceSyntax): void {
    const n = out.tags.length;
    const conj = this.relId('conj'), cc = this.relId('cc'), appos = this.relId('appos');
    const upos = this.model.upos;
    const nominal = (k: number) => { const u = upos[out.tags[k - 1]!]; return u === 'PROPN' || u === 'NOUN'; };
    for (let d = 2; d <= n; d++) {
      if (out.rel[d] !== conj) continue;
      const h = out.head[d]!;
      if (h <= 0 || h >= d || !nominal(h) || !nominal(d) || this.model.upos[out.tags[d - 2]!] !== 'PUNCT') continue;
      let conjuncts = 0;
      let coordinated = false;
      for (let k = 1; k <= n; k++) {
        const hk = out.head[k]!;
        if (hk === h && out.rel[k] === conj) conjuncts++;
        if (out.rel[k] === cc && (hk === h || (hk > 0 && out.head[hk] === h && out.rel[hk] === conj))) coordinated = true;
      }
      // The apposition closes with a comma too (a list's last item would take a coordinator).
      let last = d;
      for (let k = d + 1; k <= n; k++) { let x = k; while (x > 0 && x !== d) x = out.head[x]!; if (x === d) last = k; }
      if (conjuncts === 1 && !coordinated && last < n && this.model.tags[out.tags[last]!] === 'PUNCT|,') out.rel[d] = appos;
    }
  }

  annotate(words: readonly string[]): SentenceSyntax {
    return this.parse(this.tag(words));
  }
}
