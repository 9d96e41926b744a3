/**
 * News sentences a greedy parser gets wrong as a whole: a long quotation before its attribution
 * ("“…,” the minister told reporters") and a relative clause set off by commas between a subject
 * and its verb ("Mr. X, who …, immediately agreed"). Each is parsed as separate pieces, joined
 * as UD does: the attribution is parataxis of the quotation, the clause acl:relcl of its noun.
 */

/** One piece to parse alone: its word indices (0-based, increasing) and how its root attaches. */
export interface Piece {
  words: number[];
  /** Word whose child the piece's root becomes; -1 for none (the first piece holds the sentence root). */
  head: number;
  /** The piece's root hangs from the first piece's root instead. */
  toFirstRoot: boolean;
  /** The relation of the piece's root when it hangs from a word. */
  rel: string;
  /** Words outside every piece that hang from this piece's root (the commas around a clause). */
  punct: number[];
  /**
   * With `head` ≥ 0: the head word is read first, as context ("Okafor who has led …": a clause
   * read alone from "who" looks like a question), its own attachment left to the other piece.
   */
  withHead: boolean;
}

const OPEN = new Set(['"', '“', '«', '``']);
const CLOSE = new Set(['"', '”', '»', "''"]);
const QUOTE_END = new Set([',', '?', '!', '—', '–', '-', '...', '…']);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom']);

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);

/**
 * The pieces of a sentence (words as written, upos per word), or null when it is parsed whole.
 * @example splitClauses(['“', 'We', 'stay', ',', '”', 'he', 'said', '.'], upos) → quotation + attribution
 */
export function splitClauses(words: readonly string[], upos: readonly string[]): Piece[] | null {
  const n = words.length;
  const quote = quoteFirst(words, upos);
  if (quote >= 0) {
    return [
      { words: range(0, quote + 1), head: -1, toFirstRoot: false, rel: 'root', punct: [], withHead: false },
      { words: range(quote + 1, n), head: -1, toFirstRoot: true, rel: 'parataxis', punct: [], withHead: false },
    ];
  }
  for (let c1 = 1; c1 + 3 < n; c1++) {
    if (words[c1] !== ',' || !RELATIVE.has(words[c1 + 1]!.toLowerCase())) continue;
    if (upos[c1 - 1] !== 'PROPN' && upos[c1 - 1] !== 'NOUN') continue;
    const c2 = clauseEnd(words, upos, c1);
    if (c2 < 0) continue;
    const inner = range(c1 + 1, c2);
    const outer = [...range(0, c1), ...range(c2 + 1, n)];
    return [
      { words: outer, head: -1, toFirstRoot: false, rel: 'root', punct: [], withHead: false },
      { words: [c1 - 1, ...inner], head: c1 - 1, toFirstRoot: false, rel: 'acl:relcl', punct: [c1, c2], withHead: true },
    ];
  }
  return null;
}

/** Index of the closing mark of a quotation that opens the sentence and is followed by its attribution, else -1. */
function quoteFirst(words: readonly string[], upos: readonly string[]): number {
  const n = words.length;
  if (n < 8 || !OPEN.has(words[0]!)) return -1;
  let q = -1;
  for (let i = 1; i < n; i++) if (CLOSE.has(words[i]!) || OPEN.has(words[i]!)) { q = i; break; }
  if (q < 4 || !CLOSE.has(words[q]!) || !QUOTE_END.has(words[q - 1]!)) return -1;
  // The attribution: a few words with a verb and no further quotation ("…,” he said, “…").
  let verb = false;
  for (let i = q + 1; i < n; i++) {
    if (OPEN.has(words[i]!) || CLOSE.has(words[i]!)) return -1;
    if (upos[i] === 'VERB') verb = true;
  }
  return verb && n - q > 2 ? q : -1;
}

/**
 * The comma closing a relative clause opened at c1: the first later comma followed by the main
 * clause's verb (possibly after an adverb or "not"), with a verb inside the clause; else -1.
 */
function clauseEnd(words: readonly string[], upos: readonly string[], c1: number): number {
  const n = words.length;
  let innerVerb = false;
  for (let i = c1 + 2; i < n - 1; i++) {
    if (upos[i] === 'VERB' || upos[i] === 'AUX') innerVerb = true;
    if (words[i] !== ',' || !innerVerb) continue;
    let k = i + 1;
    while (k < n && (upos[k] === 'ADV' || upos[k] === 'PART')) k++;
    if (k < n && (upos[k] === 'VERB' || upos[k] === 'AUX')) return i;
    return -1;
  }
  return -1;
}
