/**
 * Source and target of a trigger, from its clause: the subject to the left (skipping relative
 * clauses and appositions), passive "by" agents, objects and with/against/to complements to the
 * right, possessors and "by"/"of" phrases of noun triggers, coordinated actors ("France and Germany").
 */
import { isParticipleLike } from './inflect.js';
import type { ActorMention, DocView } from './sentence-view.js';
import { CLAUSE_OPENERS } from './sentence-view.js';

export interface Argument {
  mentions: ActorMention[];
  /** The rule that found it, for `why`. */
  rule: string;
}

export interface Arguments {
  source: Argument | null;
  target: Argument | null;
}

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re"]);
const TARGET_PREPS = new Set(['with', 'against', 'to', 'toward', 'towards', 'on', 'upon', 'into', 'over', 'along', 'near', 'at', 'from', 'for', 'about']);
const PLACE_PREPS = new Set(['in', 'inside', 'across', 'throughout', 'within']);
const STOP_RIGHT = new Set([';', ':', '(', ')', 'that', 'which', 'who', 'whom', 'whose', 'if', 'unless', 'because', 'although', 'while', 'whereas', 'when', 'after', 'before', 'since', 'but', 'where', 'whether']);
const SAYING = /^(said|says|say|told|tells|wrote|writes|added|adds|stated|states|announced|declared|insisted|noted|stressed|warned|asked)$/;
/** Prepositions that open a scene-setting phrase ("In the United Kingdom, …"), not a subject. */
const SUBJECTLESS_PREPS = new Set(['in', 'at', 'near', 'from', 'across', 'throughout', 'inside', 'outside', 'within', 'during', 'like', 'unlike', 'amid']);
const LEFT_WINDOW = 25;
const NONE: ReadonlySet<number> = new Set();
const RIGHT_WINDOW = 12;

const NOT_MODIFIER = /^(of|in|on|at|to|for|with|by|from|that|which|who|has|have|had|is|are|was|were|will|would|can|could|did|does|do|not|said|says)$/;

/** Skips up to three lower-case modifiers ("the evil awful") from i in direction d; returns the new index. */
function skipModifiers(v: DocView, i: number, d: 1 | -1, lo: number, hi: number): number {
  let k = i;
  for (let c = 0; c < 3 && k >= lo && k < hi && !v.mentionAt[k] && /^[a-z][a-z-]*$/.test(v.words[k]!) && !NOT_MODIFIER.test(v.words[k]!) && v.words[k] !== 'and'; c++) k += d;
  return k;
}

/** Actor mentions coordinated with m on its right ("m and Y", "m, Y and Z"). */
function coordinatedRight(v: DocView, m: ActorMention, end: number): ActorMention[] {
  const out = [m];
  let cur = m;
  for (;;) {
    let i = cur.last + 1;
    let sawConj = false;
    while (i < end && (v.words[i] === ',' || v.words[i] === 'and' || v.words[i] === 'the')) { if (v.words[i] === 'and') sawConj = true; i++; }
    if (i > cur.last + 1) i = skipModifiers(v, i, 1, 0, end);
    const next = i < end ? v.mentionAt[i] : null;
    if (!next || next === cur || i === cur.last + 1 || !next.code) break;
    if (!sawConj && v.words[cur.last + 1] !== ',') break;
    out.push(next);
    cur = next;
    if (sawConj) {
      // after "and" the list ends unless another comma follows
      if (v.words[cur.last + 1] !== ',') break;
    }
  }
  return out;
}

/** Left neighbours coordinated with m ("X and m"). */
function coordinatedLeft(v: DocView, m: ActorMention, start: number): ActorMention[] {
  const out = [m];
  let cur = m;
  for (;;) {
    let i = skipModifiers(v, cur.first - 1, -1, start, cur.first);
    if (i >= start && v.words[i] === 'the') i--;
    const afterMods = i;
    let sawConj = false;
    while (i >= start && (v.words[i] === ',' || v.words[i] === 'and' || v.words[i] === 'the')) { if (v.words[i] === 'and') sawConj = true; i--; }
    if (i === afterMods) break;
    const prev = i >= start ? v.mentionAt[i] : null;
    if (!prev || prev === cur || i === cur.first - 1 || !prev.code || (!sawConj && out.length === 1)) break;
    out.unshift(prev);
    cur = prev;
  }
  return out;
}

/** The head of a noun phrase starting at a mention: "Russian President Vladimir Putin" → Putin. */
function phraseHead(v: DocView, m: ActorMention, end: number): ActorMention {
  let best = m;
  let i = m.last + 1;
  while (i < end && i <= best.last + 4) {
    const w = v.text.slice(v.start[i]!, v.end[i]!);
    const n = v.mentionAt[i];
    if (n && n !== best && n.code) { best = n; i = n.last + 1; continue; }
    if (!/^\p{Lu}/u.test(w)) break;
    i++;
  }
  return best;
}

/**
 * Walks left from the trigger to the nearest actor in the same clause, jumping over
 * ", who/which … ," relative clauses and stopping at clause openers.
 */
function subjectLeft(v: DocView, first: number, sentenceStart: number): ActorMention | null {
  let i = first - 1;
  const floor = Math.max(sentenceStart, first - LEFT_WINDOW);
  while (i >= floor) {
    const w = v.words[i]!;
    // a parenthesis ("Ghani (C) speaks", "the Union (EU) said") is skipped whole
    if (w === ')') {
      let j = i - 1;
      while (j >= floor && v.words[j] !== '(') j--;
      if (j >= floor) { i = j - 1; continue; }
    }
    if (w === ',') {
      // ", who believes …," : jump to the comma before the relative pronoun.
      let j = i - 1;
      while (j >= floor && v.words[j] !== ',') j--;
      if (j >= floor && /^(who|which|whose|whom|where)$/.test(v.words[j + 1]!)) { i = j - 1; continue; }
    }
    const m = v.mentionAt[i];
    if (m) {
      // "In the United Kingdom, X killed …": an actor inside a prepositional phrase is no subject
      let p = m.first - 1;
      if (p >= floor && v.words[p] === 'the') p--;
      const opening = p >= floor && SUBJECTLESS_PREPS.has(v.words[p]!) && (p - 1 < sentenceStart || /^[,;:—–-]$/.test(v.words[p - 1]!));
      if (m.code && !opening) return m;
      i = m.first - 1;
      continue;
    }
    if (CLAUSE_OPENERS.has(w)) {
      // a relative pronoun right after an actor: "X, who …" still names X as subject
      if (/^(who|which)$/.test(w)) {
        let j = i - 1;
        if (v.words[j] === ',') j--;
        const m2 = j >= floor ? v.mentionAt[j] : null;
        if (m2?.code) return m2;
      }
      return null;
    }
    i--;
  }
  return null;
}

/** The first actor right of the trigger: a direct object or a with/against/to/on complement. */
function objectRight(v: DocView, from: number, sentenceEnd: number, skip: ReadonlySet<number> = NONE, objectAgent = false): [ActorMention, string, string | null] | null {
  const limit = Math.min(sentenceEnd, from + RIGHT_WINDOW);
  let prep: string | null = null;
  let firstPrep: string | null = null;
  for (let i = from; i < limit; i++) {
    const w = v.words[i]!;
    if (STOP_RIGHT.has(w)) return null;
    // a comma ends the object unless a list of actors goes on ("met France, Germany and Italy")
    if (w === ',') {
      let k = i + 1;
      while (k < limit && (v.words[k] === 'and' || v.words[k] === 'the')) k++;
      if (!(k < limit && v.mentionAt[k]?.code)) return null;
    }
    // "condemned an attack by X": the object noun's agent is the one acted upon.
    if (objectAgent && w === 'by' && prep === null && i > from) {
      let k = i + 1;
      if (v.words[k] === 'the') k++;
      const m = k < limit ? v.mentionAt[k] : null;
      if (m?.code) return [phraseHead(v, m, sentenceEnd), 'agent of the object noun', 'by'];
    }
    if (PLACE_PREPS.has(w) || w === 'by' || w === 'during') { prep = w; continue; }
    if (TARGET_PREPS.has(w)) { prep = w; firstPrep ??= w; continue; }
    const m = v.mentionAt[i];
    // words of the pattern itself ("deploy troops") are the action, not its target
    if (m && skip.has(i)) { i = m.last; continue; }
    if (m) {
      // "from the chairman of the committee X": the first preposition governs the chain of "of"s.
      if (prep === 'of' && firstPrep === 'from') prep = 'from';
      if (m.code && (prep === null || TARGET_PREPS.has(prep) || prep === 'of')) return [phraseHead(v, m, sentenceEnd), prep ? `"${prep}" complement` : 'object', prep];
      i = m.last;
      continue;
    }
    if (w === 'of') { prep = 'of'; continue; }
  }
  return null;
}

/** A "by" agent after the trigger: passives and nominalisations ("the deployment by Moscow"). */
function byAgent(v: DocView, from: number, sentenceEnd: number): ActorMention | null {
  const limit = Math.min(sentenceEnd, from + RIGHT_WINDOW);
  for (let i = from; i < limit - 1; i++) {
    if (STOP_RIGHT.has(v.words[i]!)) return null;
    if (v.words[i] === 'by') {
      let j = i + 1;
      while (j < limit && (v.words[j] === 'the' || /^\p{Ll}/u.test(v.words[j]!) && !v.mentionAt[j] && j < i + 3)) j++;
      const m = v.mentionAt[j];
      if (m?.code) return phraseHead(v, m, sentenceEnd);
    }
  }
  return null;
}

function isPassive(v: DocView, first: number, sentenceStart: number): boolean {
  if (!isParticipleLike(v.words[first]!)) return false;
  for (let k = first - 1; k >= Math.max(sentenceStart, first - 3); k--) {
    const w = v.words[k]!;
    if (BE.has(w)) return true;
    if (!/^(not|n't|also|already|being|reportedly|allegedly|never|just|recently)$/.test(w)) return false;
  }
  return false;
}

const PLURAL_ANAPHOR = /^(leaders|presidents|heads|men|women|ministers|sides|parties|countries|governments|leaders|counterparts)$/;

/**
 * "The two leaders …", "both presidents …": the two people (or, for sides/countries, actors)
 * last named before this sentence with different actor codes.
 */
function pluralAnaphor(v: DocView, first: number, sentenceStart: number): ActorMention[] | null {
  let k = first - 1;
  let found = false;
  for (; k >= sentenceStart && k >= first - 8; k--) {
    const w = v.words[k]!;
    if ((w === 'two' && v.words[k - 1] === 'the') || w === 'both') {
      if (PLURAL_ANAPHOR.test(v.words[k + 1] ?? '')) found = true;
      break;
    }
  }
  if (!found) return null;
  const persons = !/^(sides|parties|countries|governments)$/.test(v.words[k + 1]!);
  const out: ActorMention[] = [];
  for (let i = sentenceStart - 1; i >= 0 && i >= sentenceStart - 200 && out.length < 2; i--) {
    const m = v.mentionAt[i];
    if (!m || !m.code || (persons && m.entity?.type !== 'PERSON')) continue;
    if (out.some((o) => (o.entity !== null && o.entity === m.entity) || o.code === m.code)) { i = m.first; continue; }
    out.unshift(m);
    i = m.first;
  }
  return out.length === 2 ? out : null;
}

/** "…, said the minister X" / "” wrote X": a speaker named after its verb. */
function invertedSubject(v: DocView, first: number, last: number, sentenceStart: number, sentenceEnd: number): ActorMention | null {
  const prev = first > sentenceStart ? v.words[first - 1]! : '';
  // after a closing quote any verb; after a comma only a verb of saying ("…, said the minister")
  if (!/^[”"»“']$/.test(prev) && !(prev === ',' && SAYING.test(v.words[first]!))) return null;
  let k = last + 1;
  if (v.words[k] === 'the') k++;
  const m = k < sentenceEnd ? v.mentionAt[k] : null;
  return m?.code ? phraseHead(v, m, sentenceEnd) : null;
}

/** Source and target of a verb trigger. */
export function verbArguments(v: DocView, first: number, last: number, sentenceStart: number, sentenceEnd: number, skip: ReadonlySet<number> = NONE): Arguments {
  const inverted = invertedSubject(v, first, last, sentenceStart, sentenceEnd);
  if (inverted) return { source: { mentions: [inverted], rule: 'subject after the verb ("…, said X")' }, target: null };
  const left = subjectLeft(v, first, sentenceStart);
  if (!left) {
    const pair = pluralAnaphor(v, first, sentenceStart);
    if (pair) return { source: { mentions: pair, rule: 'plural anaphor ("the two …") resolved to the two actors named last' }, target: objectRight(v, last + 1, sentenceEnd, skip, true) ? { mentions: [objectRight(v, last + 1, sentenceEnd, skip, true)![0]], rule: 'object' } : null };
  }
  const right = objectRight(v, last + 1, sentenceEnd, skip, true);
  if (isPassive(v, first, sentenceStart)) {
    const agent = byAgent(v, last + 1, sentenceEnd);
    return {
      source: agent ? { mentions: coordinatedRight(v, agent, sentenceEnd), rule: 'passive "by" agent' } : null,
      target: left ? { mentions: coordinatedLeft(v, left, sentenceStart), rule: 'passive subject' } : null,
    };
  }
  return {
    source: left ? { mentions: coordinatedLeft(v, left, sentenceStart), rule: 'subject' } : null,
    target: right ? { mentions: coordinatedRight(v, right[0], sentenceEnd), rule: right[1] } : null,
  };
}

/** Source and target of a noun trigger ("Russia's demand", "the deployment by Moscow of …", "the annexation of Crimea"). */
export function nounArguments(v: DocView, first: number, last: number, sentenceStart: number, sentenceEnd: number, skip: ReadonlySet<number> = NONE): Arguments {
  let source: Argument | null = null;
  // possessor or adjective actor right before the noun phrase: "Russian demands", "Russia's threat"
  let i = first - 1;
  while (i >= sentenceStart && i >= first - 3) {
    const m = v.mentionAt[i];
    if (m?.code) { source = { mentions: [m], rule: 'possessor or modifier of the noun' }; break; }
    if (!/^(\p{Ll}+|'s|')$/u.test(v.words[i]!) || DETERMINER_STOP.has(v.words[i]!)) break;
    i--;
  }
  const agent = byAgent(v, last + 1, sentenceEnd);
  if (agent) source = { mentions: [agent], rule: '"by" agent of the noun' };
  let right = objectRight(v, last + 1, sentenceEnd, skip);
  // "a rebuff came from X", "criticism from X": the noun's author.
  if (right && right[2] === 'from' && !source) {
    source = { mentions: [right[0]], rule: '"from" phrase of the noun' };
    right = objectRight(v, right[0].last + 1, sentenceEnd, skip);
  }
  let target: Argument | null = null;
  if (right && (!agent || right[0] !== agent)) target = { mentions: coordinatedRight(v, right[0], sentenceEnd), rule: `${right[1]} of the noun` };
  if (!source) {
    // The clause's subject, only when close and not across a coordination ("X's A and the B").
    const left = subjectLeft(v, first, sentenceStart);
    let near = left !== null && first - left.last <= 8;
    for (let k = left ? left.last + 1 : first; near && k < first; k++) if (v.words[k] === 'and' || v.words[k] === ',') near = false;
    if (left && near && (!target || !target.mentions.includes(left))) source = { mentions: [left], rule: 'subject of the clause holding the noun' };
  }
  return { source, target };
}

const DETERMINER_STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'or', 'in', 'on', 'by', 'with', 'for', 'from', 'at']);
