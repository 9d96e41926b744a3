/**
 * The modality of an event from the words around its trigger: negated ("does not intend to
 * deploy"), conditional (an if-clause, or "would" with one), hypothetical (could/might/may),
 * intended (will, plans to, intends to), reported (inside a quotation or after "said that"/"according to").
 */
import type { DocView } from './sentence-view.js';

export type Modality = 'asserted' | 'negated' | 'conditional' | 'intended' | 'hypothetical' | 'reported';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without', 'refused', 'refuses', 'declined', 'declines', 'failed', 'fails', 'excluding', 'exclude', 'excludes', 'preventing', 'prevent', 'against']);
const HYPOTHETICAL = new Set(['could', 'might', 'may', 'should', 'can']);
const FUTURE = new Set(['will', "'ll", 'shall']);
const INTENT_VERBS = /^(plan|plans|planned|planning|intend|intends|intended|intending|aim|aims|aimed|want|wants|wanted|seek|seeks|sought|prepare|prepares|prepared|preparing|going|about|set|expected|ready|vow|vows|vowed|pledge|pledges|pledged|promise|promises|promised|threaten|threatens|threatened|decide|decided|decides|hope|hopes|hoped|like|willing)$/;
const INTENT_NOUNS = /^(objective|objectives|aim|aims|goal|goals|purpose|intention|plan|plans|idea|task)$/;
const REPORTING = /^(said|says|say|told|tells|stated|states|announced|announces|added|adds|declared|declares|claimed|claims|insisted|reported|reports|wrote|writes|indicated|indicates|stressed|emphasized|noted|explained|recalls|recalled)$/;
const CLAUSE_EDGE = new Set([';', ':', '.', '?', '!', 'but', 'and']);
const WINDOW = 6;
const NOUN_WINDOW = 8;

/** Whether the trigger sits inside an if/unless clause, or its clause has "would" and the sentence an if-clause. */
function conditional(v: DocView, first: number, last: number, s0: number, s1: number): boolean {
  let sawWould = false;
  for (let i = first - 1; i >= s0; i--) {
    const w = v.words[i]!;
    if (w === 'if' || w === 'unless' || w === 'provided') return true;
    if (w === 'would' && first - i <= WINDOW) sawWould = true;
    if (w === ';' || w === '.') break;
  }
  if (!sawWould) {
    // "threatens … if": threats and warnings carry their condition after them.
    for (let i = Math.max(s0, first - 2); i < first; i++) if (v.words[i] === 'would') sawWould = true;
  }
  for (let i = last + 1; i < s1; i++) {
    const w = v.words[i]!;
    if (w === 'if' || w === 'unless') return sawWould || THREAT_LIKE.has(v.words[first]!.slice(0, 5));
    if (w === ';') break;
  }
  return false;
}
const THREAT_LIKE = new Set(['threa', 'warn', 'warns', 'warne']);

export function modalityOf(v: DocView, first: number, last: number, s0: number, s1: number, noun = false): Modality {
  const from = Math.max(s0, first - WINDOW);
  for (let i = first - 1; i >= Math.max(s0, first - (noun ? NOUN_WINDOW : WINDOW)); i--) {
    const w = v.words[i]!;
    // "excluding A and the deployment of B": a negator reaches over coordinated nouns.
    if ((CLAUSE_EDGE.has(w) && !(noun && w === 'and')) || w === ',') break;
    if (NEGATORS.has(w)) return 'negated';
  }
  if (conditional(v, first, last, s0, s1)) return 'conditional';
  for (let i = first - 1; i >= from; i--) {
    const w = v.words[i]!;
    if (CLAUSE_EDGE.has(w) || w === ',') break;
    if (HYPOTHETICAL.has(w)) return 'hypothetical';
    if (FUTURE.has(w)) return 'intended';
    if (w === 'to' && i > s0 && INTENT_VERBS.test(v.words[i - 1]!)) return 'intended';
    // "the objective was to meet …", "their aim is to …"
    if (w === 'to' && i - 1 > s0 && /^(is|was|are|were)$/.test(v.words[i - 1]!) && INTENT_NOUNS.test(v.words[i - 2]!)) return 'intended';
    if (w === 'would') return 'hypothetical';
  }
  if (v.quoted[first]) return 'reported';
  // "X said (that) …", "according to X, …": attributed speech before the trigger in the sentence.
  for (let i = first - 1; i >= s0; i--) {
    const w = v.words[i]!;
    if (REPORTING.test(w) && !v.mentionAt[i]) return 'reported';
    if (w === 'according' && v.words[i + 1] === 'to') return 'reported';
  }
  return 'asserted';
}
