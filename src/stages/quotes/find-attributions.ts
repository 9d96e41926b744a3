/**
 * Finds quotations on the token view: direct quotes from paired quote marks with the cue and
 * speaker phrase before or after them, indirect and mixed quotes from cues with a content clause
 * ("X said that …", "according to X, …", "…, X warned."), and the speaker to inherit where none is
 * named (a quote that continues the last speaker's words). Output: drafts in text order.
 */
import type { QuoteCues } from '../../resources/quote-cues.js';
import type { CueMatch } from './cue-match.js';
import { matchCues } from './cue-match.js';
import { phraseAfter, phraseBefore } from './noun-phrase.js';
import type { QuotedSpan } from './quote-marks.js';
import type { TokenView } from './token-view.js';
import { isCapitalized, isWord, tokenAtOrAfter } from './token-view.js';

export interface Draft {
  start: number;
  end: number;
  kind: 'direct' | 'indirect' | 'mixed';
  /** Speaker phrase tokens [a, b], or null. */
  speaker: [number, number] | null;
  cue: CueMatch | null;
  /** True when no speaker is named and the last speaker's words continue. */
  inherit: boolean;
  /** Sentence of the cue (or of the quote when there is none): where its channel is looked for. */
  sentence: number;
}

const CONJ = new Set(['and', 'but', 'so', 'yet', 'or', 'then', 'also', 'again', 'later', 'to', 'further', 'moreover', 'still', 'he', 'she']);
/** Words that may follow a sentence-final cue without carrying content ("…, he said on Monday in a statement."). */
const TAIL_START = new Set(['in', 'on', 'at', 'during', 'to', 'after', 'before', 'with', 'via', 'through', 'from', 'last', 'this', 'yesterday', 'today', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'earlier', 'later', 'recently', 'while', 'when', 'as', 'of', 'about', 'by', 'over', 'for', 'outside', 'inside', 'afterward', 'afterwards', 'adding', 'noting', 'citing', 'according', 'and']);
/** Words that open a bare content clause after a thought verb ("thinks he will win"). */
const CLAUSE_START = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'the', 'a', 'an', 'this', 'there', 'his', 'her', 'their', 'its', 'our', 'most', 'many', 'some', 'all', 'no', 'nothing', 'everyone', 'nobody']);
const AUX = new Set(['is', 'was', 'are', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'does', 'did', 'do', 'been', 'be']);
const FINAL_PUNCT = /^[.!?;:…]+$/;
const QUOTE_MARK = /^[“”«»„‟"‘’‚'‹›]$/;
const SMALL = new Set(['of', 'the', 'a', 'an', 'and', 'for', 'in', 'on', 'to', 'at', 'by', 'with', 'or', 'vs', 'vs.', 'is', 'from', 'de', 'la', 'le']);

export function findAttributions(v: TokenView, spans: readonly QuotedSpan[], cues: QuoteCues, paragraphOf: (offset: number) => number): Draft[] {
  const nS = v.sentFirst.length;
  // Quote extents over tokens: inQuote[t] = span index for marks and content.
  const inQuote = new Int32Array(v.n).fill(-1);
  const openTok: number[] = [], closeTok: number[] = [], words: number[] = [];
  spans.forEach((q, k) => {
    const a = tokenAtOrAfter(v, q.open);
    const last = q.close >= 0 ? q.close + 1 : q.end;
    let b = a, count = 0;
    for (let t = a; t < v.n && v.start[t]! < last; t++) {
      inQuote[t] = k;
      b = t;
      if (v.start[t]! >= q.start && v.end[t]! <= q.end && isWord(v.words[t]!)) count++;
    }
    openTok.push(a);
    closeTok.push(b);
    words.push(count);
  });
  const quoted = (t: number) => inQuote[t]! >= 0 && !(v.start[t]! === spans[inQuote[t]!]!.open || v.start[t]! === spans[inQuote[t]!]!.close);
  const inside = (t: number) => inQuote[t]! >= 0;

  const cueAt = new Map<number, CueMatch>();
  const sentCues: CueMatch[][] = [];
  for (let s = 0; s < nS; s++) {
    const lo = v.sentFirst[s]!;
    const list = lo < 0 ? [] : matchCues(v, lo, v.sentEnd[s]!, cues, inside);
    // "recalls the Russian demands": a cue word right after another cue's object is a noun.
    const kept = list.filter((c) => {
      if (c.kind !== 'verb') return true;
      const p = phraseBefore(v, c.first, lo, (i) => list.some((o) => o.first === i));
      if (!p || p[0] <= lo) return true;
      return !list.some((o) => o !== c && o.kind === 'verb' && o.last === p[0] - 1 && !o.verb!.thought);
    });
    sentCues.push(kept);
    for (const c of kept) cueAt.set(c.first, c);
  }
  const isCue = (i: number) => cueAt.has(i);
  const used = new Set<CueMatch>();
  const drafts: Draft[] = [];
  const sentOf = (t: number) => v.sentence[Math.min(t, v.n - 1)]!;
  const lastWord = (lo: number, hi: number) => {
    let e = hi - 1;
    while (e > lo && (FINAL_PUNCT.test(v.words[e]!) || QUOTE_MARK.test(v.words[e]!) || v.words[e] === ',')) e--;
    return e;
  };
  /** Speaker of a cue: the phrase before it, else for "according to" the phrase after it up to a comma. */
  const speakerOf = (c: CueMatch, lo: number, hi: number): [number, number] | null => {
    if (c.kind === 'prep') {
      let b = c.last + 1;
      while (b < hi && v.words[b] !== ',' && !inside(b) && !FINAL_PUNCT.test(v.words[b]!) && b - c.last <= 20) b++;
      return b > c.last + 1 ? [c.last + 1, b - 1] : null;
    }
    const before = phraseBefore(v, c.first, lo, isCue);
    if (before) return before;
    // "Mr. X, who chairs the committee, said": the subject before a parenthetical at the sentence start.
    if (c.first - 1 > lo && v.words[c.first - 1] === ',') {
      for (let k = c.first - 2; k > lo && c.first - k < 16; k--) {
        if (v.words[k] !== ',') continue;
        const p = phraseBefore(v, k, lo, isCue);
        if (p && p[0] === lo) return p;
        break;
      }
    }
    return null;
  };
  /** Only conjunctions and adverbs before the cue: an elided subject that continues the last speaker. */
  const elided = (c: CueMatch, lo: number) => {
    // A sentence opening on a bare cue word is a noun ("Plans for …"), unless a participle ("Asked …").
    if (c.first === lo && !/(ing|ed)$/.test(v.words[lo]!)) return false;
    for (let k = lo; k < c.first; k++) if (!CONJ.has(v.words[k]!) && v.words[k] !== ',') return false;
    return true;
  };

  // 1. Direct quotes.
  /** Content words inside quote pair k, and how many of them are capitalised. */
  const capitalisation = (k: number) => {
    let caps = 0, all = 0;
    for (let t = openTok[k]! + 1; t < closeTok[k]!; t++) {
      const w = v.words[t]!;
      if (!isWord(w) || SMALL.has(w)) continue;
      all++;
      if (isCapitalized(v, t)) caps++;
    }
    return { caps, all };
  };
  const isQuotation = (k: number) => {
    const q = spans[k]!;
    if (words[k]! < 4) return false;
    // A title in quotes ("The Art of the Deal"): every word capitalised, no sentence punctuation.
    const { caps, all } = capitalisation(k);
    const punct = /[.!?,;:]/.test(v.text.slice(q.start, q.end).replace(/,$/, ''));
    return !(caps === all && all <= 10 && !punct);
  };
  /** Every word capitalised ("This Week,", "Never Trump"): a title or a name, never a quotation. */
  const titleLike = (k: number) => {
    const { caps, all } = capitalisation(k);
    return all > 0 && caps === all && !/[.!?;:]/.test(v.text.slice(spans[k]!.start, spans[k]!.end));
  };
  const directOf = new Map<number, Draft>();
  // Each pass over the quotes is a function of its own (called once): V8 compiles and, when a rare
  // path first runs, recompiles each pass alone instead of this whole function (3 compiles of it,
  // the costliest of the pipeline, over 840 PolNeAR articles).
  const directQuotes = (): void => {
    for (let k = 0; k < spans.length; k++) {
      const q = spans[k]!;
      const ot = openTok[k]!, ct = closeTok[k]!;
      if (ot >= v.n) continue;
      // Part of an earlier mixed quote's content.
      if (drafts.length && drafts[drafts.length - 1]!.end >= q.end && drafts[drafts.length - 1]!.start <= q.start) continue;
      const sA = sentOf(ot);
      const loA = v.sentFirst[sA]!;
      // A: the nearest unused cue before the quote in its sentence (or the sentence before, after a colon).
      let A: CueMatch | null = null;
      const searchA = (s: number) => {
        for (let i = sentCues[s]!.length - 1; i >= 0; i--) {
          const c = sentCues[s]![i]!;
          if (c.last >= ot || used.has(c)) continue;
          // A quote between the cue and this one takes the cue.
          let between = false;
          for (let t = c.last + 1; t < ot; t++) if (inQuote[t]! >= 0 && directOf.has(inQuote[t]!)) { between = true; break; }
          if (between) return null;
          if (c.verb?.thought && !(v.words[c.last + 1] === 'that' || c.last + 1 === ot || (c.last + 2 === ot && v.words[c.last + 1] === 'to') || v.words[ot - 1] === ':' || v.words[ot - 1] === ',')) continue;
          return c;
        }
        return null;
      };
      A = searchA(sA);
      let loAA = loA;
      if (!A && ot === loA && sA > 0 && v.words[ot - 1] === ':') { A = searchA(sA - 1); loAA = v.sentFirst[sA - 1]!; }
      let adjacent = false;
      if (A) {
        const between = [];
        for (let t = A.last + 1; t < ot; t++) between.push(v.words[t]!);
        adjacent = between.length === 0 || between.every((w) => w === ',' || w === ':' || w === 'that') || between[between.length - 1] === ':' || (A.kind === 'prep' && between[between.length - 1] === ',');
      }
      let spA = A ? speakerOf(A, loAA, v.sentEnd[sentOf(A.first)]!) : null;
      // "Stated Stone: “": an inverted cue before the quote.
      if (A && !spA && A.kind === 'verb' && (v.words[ot - 1] === ':' || v.words[ot - 1] === ',')) {
        const inv = phraseAfter(v, A.last + 1, ot - 1, isCue);
        if (inv && inv[1] === ot - 2) spA = inv;
      }
      // "…, saying: “", "went on to say: “", "X confirmed it and said, “": the cue speaks for the sentence's subject.
      if (A && !spA && A.kind === 'verb' && A.first > loAA && !elided(A, loAA)) {
        const subject = phraseAfter(v, loAA, A.first, isCue, 10);
        if (subject && (isCapitalized(v, loAA) || subject[0] === subject[1])) spA = subject;
      }
      // B: right after the closing mark, "…,” he said" or "…,” said X".
      let B: CueMatch | null = null, spB: [number, number] | null = null;
      let t = ct + 1;
      while (t < v.n && (v.words[t] === "'" || v.words[t] === '`') && v.start[t] === v.end[t - 1]) t++;
      if (t < v.n && v.words[t] === ',') t++;
      // A closing mark after a full stop followed by a capitalised word ends the sentence: "… .” Asked …".
      const newSentence = /[.…]$/.test(v.text.slice(q.start, q.end)) && t < v.n && v.words[t - 1] !== ',' && isCapitalized(v, t);
      if (t < v.n && q.close >= 0 && inQuote[t]! < 0) {
        const hi = v.sentEnd[sentOf(t)]!;
        const c = cueAt.get(t);
        if (c && !used.has(c) && c.kind === 'verb' && !newSentence && !isCapitalized(v, t)) {
          B = c;
          spB = phraseAfter(v, c.last + 1, hi, isCue);
        } else if (!c) {
          const np = phraseAfter(v, t, hi, isCue, 12);
          if (np) {
            let g = np[1] + 1;
            // An apposition between the speaker and the cue: "Jim Bennett, 57, told".
            if (v.words[g] === ',') {
              for (let k = g + 1; k < hi && k - g < 18; k++) {
                if (v.words[k] === ',') { g = k + 1; break; }
                if (isCue(k) || inside(k) || FINAL_PUNCT.test(v.words[k]!)) break;
              }
            }
            while (g < hi && /^(also|later|then|has|had|have|once|again|would|will|recently|previously|further|n't|not|did|does)$/.test(v.words[g]!)) g++;
            const c2 = cueAt.get(g);
            // After a full stop, "X said." closes the quote only when nothing follows the cue.
            const after = c2 ? v.words[c2.last + 1] : undefined;
            const closesHere = !newSentence || (c2 !== undefined && !c2.verb!.thought && (after === undefined || c2.last + 1 >= hi || /^[.,;]$/.test(after) || TAIL_START.has(after)));
            if (c2 && !used.has(c2) && c2.kind === 'verb' && closesHere) { B = c2; spB = np; }
          }
        }
      }
      // "Mark Blumenthal and Jon Cohen: “…”", "From the report: “…”": the phrase before a colon, no cue.
      let colonSpeaker: [number, number] | null = null;
      if (!A && ot > 0 && v.words[ot - 1] === ':' && sentOf(ot - 1) >= 0) {
        const s0 = sentOf(ot - 1);
        colonSpeaker = phraseBefore(v, ot - 1, v.sentFirst[s0]!, isCue);
      }
      const long = isQuotation(k);
      if (!long && (titleLike(k) || (!(A && adjacent && spA && v.words[ot - 1] === ':') && !(B && spB)))) continue;
      let cue: CueMatch | null = null, speaker: [number, number] | null = null, mixed = false;
      if (A && adjacent && spA) { cue = A; speaker = spA; }
      else if (B && spB) { cue = B; speaker = spB; if (A && adjacent && !spA) cue = A; }
      else if (A && spA) { cue = A; speaker = spA; mixed = !adjacent; }
      else if (A && (adjacent || elided(A, loAA))) { cue = A; mixed = !adjacent; }
      else if (B) cue = B;
      else if (colonSpeaker) speaker = colonSpeaker;
      if (cue) used.add(cue);
      if (B && spB && cue !== B) used.add(B);
      let start = q.start, end = q.end;
      if (mixed && cue) {
        let a = cue.last + 1;
        if (v.words[a] === 'that') a++;
        start = Math.min(start, v.start[a]!);
        const sEnd = v.sentEnd[sentOf(ct)]!;
        const lw = lastWord(ct, sEnd);
        if (lw > ct) end = Math.max(end, v.end[lw]!);
      }
      const d: Draft = {
        start, end, kind: mixed ? 'mixed' : 'direct', speaker, cue,
        inherit: !speaker && (!cue || (cue.kind === 'verb' && elided(cue, loAA))),
        sentence: cue ? sentOf(cue.first) : sA,
      };
      directOf.set(k, d);
      drafts.push(d);
    }
  };
  directQuotes();

  // 2. Indirect quotes from the cues left.
  const indirect: Draft[] = [];
  const covered = (a: number, b: number) => drafts.some((d) => d.start < b && a < d.end) || indirect.some((d) => d.start < b && a < d.end);
  const indirectQuotes = (): void => {
    for (let s = 0; s < nS; s++) {
      const lo = v.sentFirst[s]!, hi = v.sentEnd[s]!;
      if (lo < 0) continue;
      for (const c of sentCues[s]!) {
        if (used.has(c)) continue;
        let cStart = -1, cEnd = -1, speaker: [number, number] | null = null;
        if (c.kind === 'prep') {
          speaker = speakerOf(c, lo, hi);
          if (!speaker) continue;
          const after = speaker[1] + 1;
          if ((c.first === lo || elided(c, lo)) && v.words[after] === ',') { cStart = after + 1; cEnd = lastWord(after, hi); }
          else if (c.first > lo && v.words[c.first - 1] === ',') { cStart = lo; cEnd = c.first - 2; }
          else continue;
        } else {
          const verb = c.verb!;
          const before = speakerOf(c, lo, hi);
          let j = c.last + 1;
          // Sentence-final cue: "…, he said." or "…, said Smith." with only a tail after it.
          const tailFrom = (from: number) => {
            if (from < hi && !FINAL_PUNCT.test(v.words[from]!) && v.words[from] !== ',' && !TAIL_START.has(v.words[from]!)) return false;
            for (let k = from; k < hi && !FINAL_PUNCT.test(v.words[k]!); k++) {
              if (v.words[k] === ',') return true;
              if (v.words[k] === 'that' || isCue(k) || inside(k) || k - from > 8) return false;
            }
            return true;
          };
          const inverted = !before && c.first > lo && v.words[c.first - 1] === ',' ? phraseAfter(v, j, hi, isCue) : null;
          const finalBefore = before && before[0] > lo && (v.words[before[0] - 1] === ',' || QUOTE_MARK.test(v.words[before[0] - 1]!)) && tailFrom(j);
          const finalInverted = inverted && tailFrom(inverted[1] + 1);
          if ((finalBefore || finalInverted) && !verb.thought) {
            speaker = finalBefore ? before : inverted;
            const comma = speaker![0] - 1 - (finalInverted ? 0 : 0);
            const endTok = finalInverted ? c.first - 2 : comma - 1;
            cStart = lo;
            cEnd = endTok;
            // A parenthetical cue ("…, he said, …"): the content goes on after it.
            let k = (finalInverted ? inverted![1] : c.last) + 1;
            if (v.words[k] === ',' && k + 1 < hi) cEnd = lastWord(k, hi);
            // Start after a conjunction or a previous clause that carries its own cue? Keep the sentence.
          } else {
            speaker = before;
            if (verb.object && v.words[j] !== 'that' && j < hi) {
              const obj = phraseAfter(v, j, hi, isCue, 6);
              if (obj) j = obj[1] + 1;
            }
            if (v.words[j] !== 'that') {
              // "said in a statement that", "told CNN on Sunday that", "said, however, that".
              for (let k = j; k < hi && k - j < 10; k++) {
                const w = v.words[k]!;
                if (w === 'that') { if (TAIL_START.has(v.words[j]!) || v.words[j] === ',' || verb.object) j = k; break; }
                if (FINAL_PUNCT.test(w) || inside(k) || isCue(k)) break;
              }
            }
            const that = v.words[j] === 'that';
            // "the unprecedented demands addressed …", "the military support given …": a noun, not a verb.
            const nounLike = speaker !== null && speaker[1] === speaker[0] + 1 && /^(the|a|an|his|her|their|its|our|this|these|those)$/.test(v.words[speaker[0]]!) && !isCapitalized(v, speaker[1]) && !v.words[c.first]!.endsWith('ed');
            const nounContent = verb.nounContent && !nounLike && !that && j < hi && !FINAL_PUNCT.test(v.words[j]!) && v.words[j] !== ',' && (speaker !== null || elided(c, lo));
            const bareClause = verb.clause && !that && j < hi && (CLAUSE_START.has(v.words[j]!) || isCapitalized(v, j)) && speaker !== null;
            if (that) j++;
            else if ((verb.thought || verb.nounContent) && !nounContent && !bareClause && !(j < hi && inside(j))) continue;
            // "The reform plan was dropped": an auxiliary right after the cue word makes it a noun.
            if (!that && AUX.has(v.words[j] ?? '')) continue;
            if (j >= hi || FINAL_PUNCT.test(v.words[j]!) || (!that && !nounContent && (v.words[j] === ',' || TAIL_START.has(v.words[j]!) || v.words[j] === 'to'))) continue;
            // "X thanked Miami and said …", "X, a talk show host in Ohio, said …": the sentence's subject.
            if (!speaker && !elided(c, lo) && c.first > lo && (v.words[c.first - 1] === 'and' || v.words[c.first - 1] === ',')) {
              const subject = phraseAfter(v, lo, c.first, isCue, 10);
              if (subject && (isCapitalized(v, lo) || subject[0] === subject[1]) && (v.words[subject[1] + 1] === ',' || subject[1] + 1 < c.first)) speaker = subject;
            }
            if (!speaker && !elided(c, lo)) continue;
            cStart = j;
            cEnd = lastWord(j, hi);
            // A relative clause ("X, who believes that …, agreed") ends at the next comma.
            if (speaker && speaker[0] === speaker[1] && (v.words[speaker[0]] === 'who' || v.words[speaker[0]] === 'which')) {
              for (let k = j; k <= cEnd; k++) if (v.words[k] === ',' && !inside(k)) { cEnd = k - 1; break; }
            }
          }
        }
        if (cStart < 0 || cEnd < cStart) continue;
        let nw = 0;
        for (let k = cStart; k <= cEnd; k++) if (isWord(v.words[k]!)) nw++;
        if (nw < 3) continue;
        const a = v.start[cStart]!, b = v.end[cEnd]!;
        if (covered(a, b)) continue;
        let hasQuote = false;
        for (let k = cStart; k <= cEnd; k++) if (inside(k)) { hasQuote = true; break; }
        used.add(c);
        indirect.push({
          start: a, end: b, kind: hasQuote ? 'mixed' : 'indirect', speaker, cue: c,
          inherit: !speaker, sentence: s,
        });
      }
    }
  };
  indirectQuotes();
  void quoted;
  void paragraphOf;
  return [...drafts, ...indirect].sort((x, y) => x.start - y.start);
}
