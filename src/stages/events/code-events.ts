/**
 * The coder: pattern triggers in each sentence, their source and target from the clause and the
 * entities layer, modality, date and place; an event needs a pattern and a coded source or target,
 * and is never given a fallback code. Each event says which pattern and rules produced it.
 */
import type { CasusEvent, Place, Time } from '../../core/document.js';
import type { WorkingDocument } from '../../pipeline/stage.js';
import type { SyntaxGraph } from '../syntax/syntax-graph.js';
import type { AgentDictionary } from '../../resources/actor-agents.js';
import type { CameoCodebook } from '../../resources/cameo-codebook.js';
import { quadClassOf } from '../../resources/cameo-codebook.js';
import { dateEvent, timesBySentence } from './date-event.js';
import type { EventDate } from './date-event.js';
import type { Argument, Arguments } from './find-arguments.js';
import { nounArguments, verbArguments } from './find-arguments.js';
import { ANSWERING, linkDiscourse } from './discourse-links.js';
import type { EventNote } from './discourse-links.js';
import { matchSentence } from './match-patterns.js';
import { FIRST_PERSON, mainClauseSubject, nounArgumentsFromParse, precedingSpeaker, reportingSpeaker, sentenceParsed, verbArgumentsFromParse } from './syntax-arguments.js';

/** Words a sentence may open with before a verb that continues the last sentence's subject. */
const CONTINUATION = new Set(['but', 'and', 'also', 'then', 'yet', 'still', '“', '"', '«']);
/** Roots of material conflict in which an agent without a country may act alone (not 16, reduce relations). */
/** How much a main-clause trigger outranks one in a subordinate clause (chosen on the tune split). */
const MAIN_BONUS = 0.2;
const MATERIAL_CONFLICT = /^(1[4578]|19|20)/;
import type { PatternIndex, TriggerMatch } from './match-patterns.js';
import type { EventPattern } from '../../resources/event-patterns.js';
import { isParticipleLike } from './inflect.js';
import { modalityOf } from './modality.js';
import { actorMention, buildDocView, CLAUSE_OPENERS, markDeterminedNouns } from './sentence-view.js';
import type { ActorMention, DocView } from './sentence-view.js';

export interface CoderResources {
  codebook: CameoCodebook;
  index: PatternIndex;
  agents?: AgentDictionary;
  /** Code agents named without a country ("police" → COP). */
  standaloneAgents?: boolean;
  /** Called for every trigger that produced no event, with the reason (for error analysis). */
  onDrop?: (drop: DroppedTrigger) => void;
}

/** A trigger that matched a pattern but produced no event, and why. */
export interface DroppedTrigger {
  sentence: number;
  pattern: string;
  code: string;
  /** no-actor: neither source nor target is a coded actor; filtered: a rule set the actors aside. */
  reason: 'no-actor' | 'filtered';
  rule: string;
}

export type CodedEvent = CasusEvent & { date: EventDate | null };

/** Clause around a trigger, as offsets: from the last clause opener before it to the next after it. */
function clauseSpan(v: DocView, first: number, last: number, s0: number, s1: number): [number, number] {
  let a = first;
  while (a > s0 && !CLAUSE_OPENERS.has(v.words[a - 1]!)) a--;
  let b = last;
  while (b + 1 < s1 && !CLAUSE_OPENERS.has(v.words[b + 1]!)) b++;
  return [v.start[a]!, v.end[b]!];
}

const PLACE_PREPS = new Set(['in', 'at', 'near', 'outside', 'inside', 'from']);

/** A place of the places layer mentioned in the clause after "in/at/near", or null. */
function placeOf(v: DocView, places: readonly Place[], clause: [number, number]): string | null {
  for (const [k, p] of places.entries()) {
    if (p.metonymic && p.mentions.every((m) => (m as { metonymic?: boolean }).metonymic)) continue;
    for (const m of p.mentions) {
      if (m.start < clause[0] || m.end > clause[1]) continue;
      if ((m as { metonymic?: boolean }).metonymic) continue;
      const before = v.text.slice(Math.max(clause[0], m.start - 12), m.start).toLowerCase().trim().split(/\s+/);
      const prev = before[before.length - 1] === 'the' ? before[before.length - 2] : before[before.length - 1];
      if (prev && PLACE_PREPS.has(prev)) return p.id ?? `p${k + 1}`;
    }
  }
  return null;
}

/** A coded quotation speaker when the trigger's subject is "we"/"I" inside the quotation. */
function firstPersonSpeaker(v: DocView, first: number, s0: number): ActorMention | null {
  const speaker = v.speakerAt[first];
  if (!speaker?.actor) return null;
  for (let k = first - 1; k >= Math.max(s0, first - 4); k--) {
    const w = v.words[k]!;
    if (w === 'we' || w === 'i') return actorMention(first, first, speaker, speaker.actor.code);
    if (!/^(are|am|is|will|would|have|has|had|do|did|not|n't|'re|'m|'ll|'ve|also|now|still|to|want|must|shall|can|cannot)$/.test(w)) return null;
  }
  return null;
}

/** The first coded actor after the given word, following the trigger. */
function actorAfterWord(v: DocView, word: string, from: number, s1: number): ActorMention | null {
  for (let i = from; i < s1; i++) {
    if (v.words[i] !== word) continue;
    for (let j = i + 1; j < Math.min(s1, i + 5); j++) {
      const m = v.mentionAt[j];
      if (m?.code) return m;
    }
    return null;
  }
  return null;
}

/** The first coded actor after "if"/"unless" following the trigger. */
function conditionSubject(v: DocView, from: number, s1: number): ActorMention | null {
  for (let i = from; i < s1; i++) {
    if (v.words[i] !== 'if' && v.words[i] !== 'unless') continue;
    for (let j = i + 1; j < Math.min(s1, i + 6); j++) {
      const m = v.mentionAt[j];
      if (m?.code) return m;
    }
    return null;
  }
  return null;
}

function agentNote(m: ActorMention): string {
  return m.agent ? ` (agent "${m.agent}")` : '';
}

function codedActors(arg: Argument | null): ActorMention[] {
  return arg ? arg.mentions.filter((m) => m.code) : [];
}

function describe(arg: Argument | null): string {
  return arg ? arg.rule : 'none';
}

function isFiniteVerb(v: DocView, m: TriggerMatch): boolean {
  if (m.pattern.pos !== 'v') return false;
  const w = v.words[m.first]!;
  return !/ing$/.test(w) && v.words[m.first - 1] !== 'to';
}

/** A past-tense trigger, or a noun trigger whose clause verb is past ("a rebuff came from"). */
function isPastTense(v: DocView, m: TriggerMatch): boolean {
  if (m.pattern.pos === 'v') return isParticipleLike(v.words[m.first]!) && v.words[m.first - 1] !== 'to';
  for (let i = m.last + 1; i < Math.min(v.words.length, m.last + 4); i++) if (isParticipleLike(v.words[i]!) || PAST_COMMON.has(v.words[i]!)) return true;
  return false;
}
const PAST_COMMON = new Set(['came', 'was', 'were', 'took', 'went', 'began']);

/** Whether the trigger's clause is opened by after/before/since/until (a time of its own). */
function temporalClause(v: DocView, first: number, s0: number): boolean {
  for (let i = first - 1; i >= s0; i--) {
    const w = v.words[i]!;
    if (/^(after|before|since|until)$/.test(w)) return true;
    if (CLAUSE_OPENERS.has(w) || w === ',') return false;
  }
  return false;
}

/** Whether an argument's actors may be part of a longer list the parse cut short ("A, B and C"). */
function listLike(v: DocView, a: Argument): boolean {
  const first = a.mentions[0]!.first;
  const last = a.mentions[a.mentions.length - 1]!.last;
  const around = (i: number) => v.words[i] === ',' || v.words[i] === 'and' || v.words[i] === 'or';
  return around(first - 1) || around(last + 1);
}

/**
 * The parse's argument, else the word-window one; the word window's coordination list wins when
 * it holds the parse's actors and more (the parser often leaves long lists of names unattached).
 */
function preferParse(parse: Argument | null, shallow: Argument | null): Argument | null {
  if (!parse) return shallow;
  if (shallow && shallow.mentions.length > parse.mentions.length && parse.mentions.every((m) => shallow.mentions.includes(m))) return shallow;
  return parse;
}

/**
 * Whether tokens [s0, s1) hold an actor an event could be given: a coded mention, "we"/"I" in a
 * quotation whose speaker has a code, or "both"/"the two", which the word-window reader resolves
 * to actors of earlier sentences (find-arguments.ts pluralAnaphor; the parse then still decides
 * whether the event is the sentence's main clause).
 */
function holdsActor(v: DocView, s0: number, s1: number): boolean {
  for (let i = s0; i < s1; i++) {
    if (v.mentionAt[i]?.code) return true;
    const w = v.words[i]!;
    if (FIRST_PERSON.has(w) && v.speakerAt[i]?.actor) return true;
    if (w === 'both' || (w === 'two' && v.words[i - 1] === 'the')) return true;
  }
  return false;
}

/** Whether a verb trigger opens its sentence (after "But", "And", a quotation mark …), so it may continue the subject of the sentence before. */
function opensOnVerb(v: DocView, m: TriggerMatch, s0: number): boolean {
  if (m.pattern.pos !== 'v') return false;
  let k = s0;
  while (k < m.first && CONTINUATION.has(v.words[k]!)) k++;
  return k === m.first;
}

/**
 * The trigger matches of every sentence, asking a lazy parse (syntax/lazy-parse.ts) for the
 * sentences where it can change an event: a match, and an actor the parse could hand it, in the
 * sentence or, for a sentence opening on its verb, in the one before (whose subject it continues).
 * The parse only takes matches away (a verb pattern never fires on a determined noun), so a
 * sentence without a match read without it has none with it; the sentences parsed now are matched
 * again. null: match when coding.
 */
function matchAll(v: DocView, g: SyntaxGraph | undefined, index: PatternIndex, sentences: number): (TriggerMatch[] | null)[] {
  const out = new Array<TriggerMatch[] | null>(sentences).fill(null);
  if (!g?.parseSentences) return out;
  const want: number[] = [];
  for (let s = 0; s < sentences; s++) {
    const s0 = v.sentenceFirst[s]!;
    const s1 = v.sentenceFirst[s + 1]!;
    if (s1 <= s0) continue;
    const ms = matchSentence(v, index, s0, s1);
    out[s] = ms;
    if (ms.length === 0) continue;
    const before = s > 0 && ms.some((m) => opensOnVerb(v, m, s0)) && holdsActor(v, v.sentenceFirst[s - 1]!, s0);
    if (before || holdsActor(v, s0, s1)) want.push(s);
    if (before) want.push(s - 1);
  }
  if (want.length === 0) return out;
  g.parseSentences(want);
  for (const s of want) {
    markDeterminedNouns(v.determinedNoun, g, v.sentenceFirst[s]!, v.sentenceFirst[s + 1]!);
    if (out[s]?.length) out[s] = null;
  }
  return out;
}

export function codeEvents(doc: Readonly<WorkingDocument>, res: CoderResources, published: string | null): CodedEvent[] {
  if (!doc.tokens || doc.tokens.length === 0) return [];
  const v = buildDocView(doc, { agents: res.agents, standaloneAgents: res.standaloneAgents });
  const byS = timesBySentence(v, doc.times, doc.sentences.length);
  const g = doc.parse;
  const matches = matchAll(v, g, res.index, doc.sentences.length);
  const out: CodedEvent[] = [];
  const notes: EventNote[] = [];
  /**
   * One trigger match to events. A function of its own (the coding of a match is most of this
   * stage's code): V8 compiles it apart from the sentence loop, and a rare path that first runs
   * in it recompiles it alone.
   */
  const codeMatch = (m: TriggerMatch, s: number, s0: number, s1: number, parsed: boolean): void => {
    // The pattern's own words ("military support", "deploy troops") are the action, never its actors.
    const skip = new Set(m.used);
    for (let k = m.first; k <= m.last; k++) skip.add(k);
    const windowArgs = () => (m.pattern.pos === 'v' ? verbArguments(v, m.first, m.last, s0, s1, skip) : nounArguments(v, m.first, m.last, s0, s1, skip));
    // The parse's source and target when the sentence was parsed, the word window's otherwise
    // (and for a role the parse leaves empty).
    let args: Arguments;
    if (parsed) {
      const p = m.pattern.pos === 'v' ? verbArgumentsFromParse(v, g!, m.first, skip) : nounArgumentsFromParse(v, g!, m.last, m.first, skip);
      if (p.source && p.target && !listLike(v, p.source) && !listLike(v, p.target)) args = p;
      else {
        const w = windowArgs();
        args = { source: preferParse(p.source, w.source), target: preferParse(p.target, w.target) };
      }
    } else args = windowArgs();
    // "We are proposing …" inside a quotation: the speaker of the quotation acts.
    if (!args.source) {
      const sp = firstPersonSpeaker(v, m.first, s0);
      if (sp) args.source = { mentions: [sp], rule: 'first-person subject of a quotation: its speaker' };
    }
    if (!args.source && parsed && m.pattern.pos === 'v') {
      // "… the press release suggests …. But also threatens …": a sentence opening on its verb
      // continues the subject of the sentence before.
      let k = s0;
      while (k < m.first && CONTINUATION.has(v.words[k]!)) k++;
      if (k === m.first && s > 0 && sentenceParsed(g, v.sentenceFirst[s - 1]!, s0)) {
        const prev = mainClauseSubject(v, g!, v.sentenceFirst[s - 1]!, s0);
        if (prev) args.source = { mentions: [prev], rule: 'subject of the sentence before (this one opens on its verb)' };
      }
      // "X replied that the objective was to meet with Y": an appeal, offer or meeting reported
      // without its own subject is the speaker's.
      if (!args.source && /^0[2-6]/.test(m.pattern.code)) {
        const sp = reportingSpeaker(v, g!, m.first) ?? (m.pattern.code.startsWith('04') || m.pattern.code.startsWith('03') ? precedingSpeaker(v, g!, m.first, s0) : null);
        if (sp) args.source = { mentions: [sp], rule: 'speaker of the reported clause' };
      }
    }
    // A reply is addressed to whoever made the proposal it answers (discourse-links), unless "to" names them.
    if (ANSWERING.has(m.pattern.trigger[0]!) && args.target && !args.target.rule.includes('"to"')) args.target = null;
    const sources = codedActors(args.source);
    let targets = codedActors(args.target);
    // A threat's target is often only named in its condition: "would respond … if Russia invaded".
    if (targets.length === 0 && m.pattern.code.startsWith('13')) {
      const t = conditionSubject(v, m.last + 1, s1);
      if (t) { targets = [t]; args.target = { mentions: [t], rule: 'subject of the threat\'s if-clause' }; }
    }
    if (sources.length === 0 && targets.length === 0) {
      res.onDrop?.({ sentence: s, pattern: m.pattern.text, code: m.pattern.code, reason: 'no-actor', rule: `source: ${describe(args.source)}; target: ${describe(args.target)}` });
      return;
    }
    // A pattern that names where its target stands ("… with +") overrides the nearest object.
    if (m.pattern.targetAfter) {
      const t = actorAfterWord(v, m.pattern.targetAfter, m.last + 1, s1);
      if (t) { targets = [t]; args.target = { mentions: [t], rule: `actor after "${m.pattern.targetAfter}" (the pattern's target)` }; }
    }
    // A pattern that asks for a coordinated subject or object gives way when there is none.
    let pattern = m.pattern;
    const fits = (p: EventPattern) => !p.compound || (p.compound === 'subject' ? sources.length > 1 : targets.length > 1);
    if (!fits(pattern)) {
      const alt = m.alternatives.find(fits);
      if (!alt) {
        res.onDrop?.({ sentence: s, pattern: m.pattern.text, code: m.pattern.code, reason: 'filtered', rule: `compound ${m.pattern.compound} pattern without a coordination` });
        return;
      }
      pattern = alt;
    }
    // Coordinated subjects with no object act with each other ("X and Y discussed"): both directions.
    let pairs: [ActorMention | null, ActorMention | null][] = [];
    let sourceRule = describe(args.source);
    let targetRule = describe(args.target);
    if (targets.length === 0 && sources.length > 1) {
      targets = sources.slice(1);
      for (const a of sources) for (const b of sources) if (a !== b) pairs.push([a, b]);
      targetRule = 'coordinated subject';
    } else {
      const ss: (ActorMention | null)[] = sources.length ? sources : [null];
      const ts: (ActorMention | null)[] = targets.length ? targets : [null];
      for (const a of ss) for (const b of ts) pairs.push([a, b]);
    }
    const modality = modalityOf(v, m.first, m.last, s0, s1, m.pattern.pos === 'n');
    // The sentence's own predicate (the parse's root, or a verb coordinated with it) is its news.
    const head = m.pattern.pos === 'v' ? m.first : m.last;
    const mainClause = parsed && (g!.head[head] === -1 || (g!.rel[head] === 'conj' && g!.head[g!.head[head]!] === -1));
    const clause = clauseSpan(v, m.first, m.last, s0, s1);
    const trigger = { start: v.start[m.first]!, end: v.end[m.last]! };
    const date = dateEvent(v, trigger.start, s, clause, byS, doc.times, published, isFiniteVerb(v, m), isPastTense(v, m), temporalClause(v, m.first, s0));
    const place = placeOf(v, doc.places, clause);
    const emit = (code: string, a: ActorMention | null, b: ActorMention | null, reverse: boolean) => {
      const entry = res.codebook.get(code);
      const named = (x: ActorMention | null) => !!x && (x.entity !== null || x.agent === undefined);
      // An agent named without a country ("police", "officials") never carries an event alone,
      // and a statement needs a named speaker.
      // …except in material conflict (protest, force, coercion, assault, fighting), where "a
      // suicide bomber", "gunmen" or "the police" acting is the news itself, and between two
      // different coded agents ("the police arrested protesters").
      if (!named(a) && !named(b) && !(MATERIAL_CONFLICT.test(code) || (a && b))) { res.onDrop?.({ sentence: s, pattern: pattern.text, code, reason: 'filtered', rule: 'only agents without a country' }); return; }
      // A town or region is where someone spoke, not a speaker ("a teenager living in Harlem said").
      if (code.startsWith('01') && (!named(a) || a!.place)) { res.onDrop?.({ sentence: s, pattern: pattern.text, code, reason: 'filtered', rule: 'statement without a named speaker' }); return; }
      // A bare statement is the least informative event of a sentence: it ranks below any other
      // that happened; an event said not to happen ranks lowest.
      const conf = Math.max(0.05, Math.min(0.95, 0.45 + (a && b ? 0.2 : 0) + Math.min(0.2, pattern.after.length * 0.1) + (pattern.pos === 'v' ? 0.1 : 0) - (modality === 'asserted' ? 0 : modality === 'negated' ? 0.3 : 0.05) - (code.startsWith('01') && pattern.after.length === 0 ? 0.25 : 0) - (named(a) || named(b) ? 0 : 0.2) + (mainClause ? MAIN_BONUS : 0)));
      const rootNum = Math.min(20, Math.max(1, Number(code.slice(0, 2)) || 1));
      out.push({
        id: `v${out.length + 1}`,
        code,
        label: entry?.label ?? `code from ${pattern.origin} (not in the CAMEO codebook)`,
        root: entry?.root ?? code.slice(0, 2),
        quadClass: entry?.quadClass ?? quadClassOf(String(rootNum).padStart(2, '0')),
        goldstein: entry?.goldstein ?? 0,
        plover: entry?.plover ?? null,
        trigger,
        sentence: s,
        source: a ? { entity: a.entity?.id ?? null, code: a.code! } : null,
        target: b ? { entity: b.entity?.id ?? null, code: b.code! } : null,
        date,
        place,
        modality,
        confidence: Math.round(conf * 100) / 100,
        why: `pattern "${pattern.text}" (${pattern.origin})${reverse ? ', the reverse event it names' : ''}; source: ${a ? (reverse ? targetRule : sourceRule) + agentNote(a) : 'none'}; target: ${b ? (reverse ? sourceRule : targetRule) + agentNote(b) : 'none'}`,
      });
      notes.push({ lemma: pattern.trigger[pattern.pos === 'v' ? 0 : pattern.trigger.length - 1]!, pos: pattern.pos });
    };
    for (const [a, b] of pairs) {
      if (a && b && ((a.entity !== null && a.entity === b.entity && a.agent === b.agent) || a.code === b.code)) {
        res.onDrop?.({ sentence: s, pattern: pattern.text, code: pattern.code, reason: 'filtered', rule: 'source and target are the same actor' });
        continue;
      }
      emit(pattern.code, a, b, false);
      if (pattern.reverseCode && a && b && !(targetRule === 'coordinated subject')) emit(pattern.reverseCode, b, a, true);
    }
  };
  for (let s = 0; s < doc.sentences.length; s++) {
    const s0 = v.sentenceFirst[s]!;
    const s1 = v.sentenceFirst[s + 1]!;
    if (s1 <= s0) continue;
    const parsed = sentenceParsed(g, s0, s1);
    for (const m of matches[s] ?? matchSentence(v, res.index, s0, s1)) codeMatch(m, s, s0, s1, parsed);
  }
  const linked = linkDiscourse(out, notes, doc.places, res.codebook);
  linked.forEach((e, i) => { e.id = `v${i + 1}`; });
  return linked;
}

export type { Time };
