/**
 * What the taggers compute from a word alone, kept per word (the string itself is the key, so no
 * two words ever share an entry): its columns, the summed scores of its word-only features in each tagger, its last lemma.
 */
import { ownString } from '../../core/own-string.js';
import type { Lexicon, Scorer, WordColumns, WordRows } from './tagger.js';
import { CASED, emptyColumns, LONG, sentenceCaseOf, TITLED, UPPER, wordInto, wordRow } from './tagger.js';

/** Columns kept per entry: the 14 of WordColumns and the sentence-case bits. */
const NCOL = 15;


/** One tagger's rows of summed word-only scores (WordRows), made when first asked for. */
class RowArena {
  rows: Int16Array | null = null;
  /** Per entry, where its row starts; -1 not made, -2 made but out of Int16 range (scored in full). */
  readonly rowOf: Int32Array;
  used = 0;
  at = new Int32Array(64);
  constructor(readonly scorer: Scorer, entries: number, readonly capacity: number) {
    this.rowOf = new Int32Array(entries).fill(-1);
  }
  reset(): void {
    this.rowOf.fill(-1);
    this.used = 0;
  }
}

/**
 * Entries live in typed arrays of a fixed capacity; when a sentence's new words do not fit, the
 * cache starts again empty (news vocabulary is Zipfian: the frequent words come straight back; the
 * 840 PolNeAR train articles have 29,067 different words). The backward tagger's rows (asked for
 * about a third of the words) have an arena of half as many rows, emptied alone when full.
 * Memory for 32,768 words and two 83-class taggers: 2.0 MB of columns, 5.4 + 2.7 MB of Int16
 * rows, 0.4 MB of lemmas and entry indexes, and the map with its keys (about 3 MB).
 */
export class WordCache {
  private readonly ids = new Map<string, number>();
  private used = 0;
  private readonly cols: Uint32Array;
  private readonly one = emptyColumns(1);
  /** Per tagger (0 forward, 1 backward). */
  private readonly arenas: RowArena[] = [];
  private readonly lemmaTag: Int16Array;
  private readonly lemmaText: (string | undefined)[];
  /** Per token of the sentence last passed to columns, its entry. */
  private entry = new Int32Array(64);

  constructor(
    private readonly lexicon: Lexicon,
    private readonly clusters: Lexicon,
    scorers: readonly [Scorer, Scorer | undefined],
    readonly capacity = 32768,
  ) {
    this.cols = new Uint32Array(capacity * NCOL);
    this.arenas.push(new RowArena(scorers[0], capacity, capacity));
    if (scorers[1]) this.arenas.push(new RowArena(scorers[1], capacity, capacity >> 1));
    this.lemmaTag = new Int16Array(capacity).fill(-1);
    this.lemmaText = new Array<string | undefined>(capacity).fill(undefined);
  }

  /**
   * The columns of a sentence's words (fresh arrays unless `into` is given, whose arrays must hold
   * words.length), as wordColumns(words, lexicon, clusters) makes them; null when the sentence is
   * longer than the cache. The entries stay valid until the next call.
   */
  columns(words: readonly string[], into?: WordColumns): WordColumns | null {
    const n = words.length;
    if (n > this.capacity) return null;
    if (this.used + n > this.capacity) this.clear();
    if (this.entry.length < n) this.entry = new Int32Array(2 * n);
    const c = into ?? emptyColumns(n);
    c.n = n;
    const cols = this.cols;
    let cased = 0, upper = 0, longWords = 0, titled = 0;
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      let e = this.ids.get(w);
      if (e === undefined) {
        e = this.used++;
        this.add(e, w);
        this.ids.set(ownString(w), e);
      }
      this.entry[i] = e;
      const at = e * NCOL;
      c.lower[i] = cols[at]!;
      c.exact[i] = cols[at + 1]!;
      c.shape[i] = cols[at + 2]!;
      c.suf1[i] = cols[at + 3]!;
      c.suf2[i] = cols[at + 4]!;
      c.suf3[i] = cols[at + 5]!;
      c.suf4[i] = cols[at + 6]!;
      c.suf5[i] = cols[at + 7]!;
      c.tail[i] = cols[at + 8]!;
      c.pre1[i] = cols[at + 9]!;
      c.pre2[i] = cols[at + 10]!;
      c.pre3[i] = cols[at + 11]!;
      c.amb[i] = cols[at + 12]!;
      c.clu[i] = cols[at + 13]!;
      const f = cols[at + 14]!;
      cased += f & CASED;
      upper += (f & UPPER) >> 1;
      longWords += (f & LONG) >> 2;
      titled += (f & TITLED) >> 3;
    }
    c.sentenceCase = sentenceCaseOf(cased, upper, longWords, titled);
    return c;
  }

  /** A new word's entry: its columns as wordColumns makes them. */
  private add(e: number, w: string): void {
    const one = this.one;
    const f = wordInto(one, 0, w);
    const cols = this.cols;
    const at = e * NCOL;
    cols[at] = one.lower[0]!;
    cols[at + 1] = one.exact[0]!;
    cols[at + 2] = one.shape[0]!;
    cols[at + 3] = one.suf1[0]!;
    cols[at + 4] = one.suf2[0]!;
    cols[at + 5] = one.suf3[0]!;
    cols[at + 6] = one.suf4[0]!;
    cols[at + 7] = one.suf5[0]!;
    cols[at + 8] = one.tail[0]!;
    cols[at + 9] = one.pre1[0]!;
    cols[at + 10] = one.pre2[0]!;
    cols[at + 11] = one.pre3[0]!;
    cols[at + 12] = this.lexicon.get(one.lower[0]!) ?? 0;
    cols[at + 13] = this.clusters.get(one.lower[0]!) ?? 0;
    cols[at + 14] = f;
  }

  /**
   * The word rows (tagger 0 forward, 1 backward) of the tokens of the sentence last passed to
   * columns, c its columns (case 0): all of them, or with `margin` those whose margin is below
   * `limit` (the others' are left unset).
   */
  rows(tagger: 0 | 1, c: WordColumns, margin?: Float64Array, limit = 0): WordRows {
    const a = this.arenas[tagger]!;
    const k = a.scorer.nClasses;
    const n = c.n;
    // Room for every token's row first, so that none made for this sentence is dropped.
    if (a.used + n > a.capacity) a.reset();
    const rows = (a.rows ??= new Int16Array(a.capacity * k));
    if (a.at.length < n) a.at = new Int32Array(2 * n);
    const at = a.at;
    // A sentence longer than the arena: its tokens are scored in full.
    if (n > a.capacity) {
      at.fill(-1, 0, n);
      return { scores: rows, at };
    }
    const rowOf = a.rowOf;
    for (let i = 0; i < n; i++) {
      if (margin && !(margin[i]! < limit)) continue;
      const e = this.entry[i]!;
      let r = rowOf[e]!;
      if (r === -1) {
        r = a.used * k;
        if (wordRow(c, i, a.scorer, rows, r)) a.used++;
        else r = -2;
        rowOf[e] = r;
      }
      at[i] = r < 0 ? -1 : r;
    }
    return { scores: rows, at };
  }

  /** The lemma kept for token i of the sentence last passed to columns under tag `tag` (the last one asked for), if any. */
  lemma(i: number, tag: number): string | undefined {
    const e = this.entry[i]!;
    return this.lemmaTag[e] === tag ? this.lemmaText[e] : undefined;
  }

  /** Keeps the lemma of token i (as `lemma`) under tag `tag`. */
  keepLemma(i: number, tag: number, lemma: string): void {
    const e = this.entry[i]!;
    this.lemmaTag[e] = tag;
    this.lemmaText[e] = ownString(lemma);
  }

  private clear(): void {
    this.ids.clear();
    this.used = 0;
    for (const a of this.arenas) a.reset();
    this.lemmaTag.fill(-1);
    this.lemmaText.fill(undefined);
  }
}
