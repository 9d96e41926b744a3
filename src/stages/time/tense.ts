/**
 * Light tense cues for a temporal expression: the nearest past or future marker in its sentence
 * (past verb forms, "ago", "last"; will/would/next/plans to). Used until a syntax layer can say
 * which clause an expression belongs to.
 */
import type { Tense } from './candidate.js';

const FUTURE = String.raw`will|won['’]t|['’]ll|shall|would|going to|plans? to|intends? to|expects? to|expected to|is to|are to|scheduled|to be held|upcoming|next|tomorrow|is due|are due|will be|aims? to|hopes? to|set to|coming`;
const PAST = String.raw`was|were|had|did|didn['’]t|been|said|told|took|came|went|met|made|gave|spoke|wrote|left|began|held|saw|won|lost|ran|fell|rose|sold|bought|got|paid|brought|thought|felt|found|kept|led|meant|sent|stood|struck|became|chose|drove|flew|grew|knew|threw|broke|ago|yesterday|last|earlier|previously|[a-z]{2,}ed`;
const NOT_PAST = new Set(['need', 'indeed', 'speed', 'feed', 'seed', 'proceed', 'exceed', 'succeed', 'bed', 'red', 'shed', 'hundred', 'based', 'related', 'united', 'limited', 'expected', 'scheduled', 'planned', 'proposed', 'called', 'so-called', 'detailed', 'unexpected', 'concerned', 'advanced', 'interested', 'alleged', 'supposed', 'armed', 'embed', 'wed', 'weed', 'breed', 'deed', 'greed', 'creed', 'heed', 'federated', 'titled', 'entitled', 'named', 'dated']);

const CUE = new RegExp(String.raw`\b(?:(${FUTURE})|(${PAST}))\b`, 'gi');

export interface TenseCue { pos: number; tense: Exclude<Tense, null> }

/** Every cue in a sentence, with its offset inside the sentence. */
export function tenseCues(sentence: string): TenseCue[] {
  const out: TenseCue[] = [];
  CUE.lastIndex = 0;
  for (let m = CUE.exec(sentence); m; m = CUE.exec(sentence)) {
    if (m[1]) out.push({ pos: m.index, tense: 'future' });
    else if (!NOT_PAST.has(m[2]!.toLowerCase())) out.push({ pos: m.index, tense: 'past' });
  }
  return out;
}

/** The tense of the nearest cue to [start, end) that is not inside it; null when none. */
export function tenseNear(cues: readonly TenseCue[], start: number, end: number): Tense {
  let best: Tense = null;
  let dist = Infinity;
  for (const c of cues) {
    if (c.pos >= start && c.pos < end) continue;
    const d = c.pos < start ? start - c.pos : c.pos - end;
    if (d < dist) { dist = d; best = c.tense; }
  }
  return best;
}
