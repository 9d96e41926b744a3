/**
 * Source and target of a trigger from the dependency parse, through the syntax layer's clause
 * helpers (subjects, objects, passive agent, obliques, governing verb); null when the sentence
 * has no parse, so the coder falls back to the word-window reader (find-arguments.ts).
 */
import { childrenWhere, clauseArguments, expandConj, governingVerb } from '../syntax/clause.js';
import type { SyntaxGraph } from '../syntax/syntax-graph.js';
import type { Argument, Arguments } from './find-arguments.js';
import type { ActorMention, DocView } from './sentence-view.js';
import { actorMention } from './sentence-view.js';

/** Prepositions whose noun is acted upon (the target); "by"/"from" name the actor instead. */
const TARGET_CASES = new Set(['with', 'against', 'to', 'toward', 'towards', 'on', 'upon', 'into', 'over', 'along', 'near', 'at', 'for', 'about', 'between', 'of', 'onto', 'across', 'inside', 'in']);
/** Of these, the ones that may name the target of a verb (a verb's "in X" or "of X" is a place or a topic). */
const VERB_TARGET_CASES = new Set(['with', 'against', 'to', 'toward', 'towards', 'on', 'upon', 'into', 'over', 'along', 'near', 'at', 'onto', 'inside']);
const COMMUNICATION = new Set(['say', 'reply', 'retort', 'answer', 'tell', 'write', 'announce', 'state', 'declare', 'speak', 'comment', 'post', 'tweet', 'add', 'respond', 'insist', 'warn', 'urge', 'suggest', 'propose']);
const RELATIVE = new Set(['who', 'which', 'that', 'whom']);
/** First-person words a quotation's speaker may stand behind. */
export const FIRST_PERSON = new Set(['we', 'i', 'us', 'me']);
/** Relations of a noun's dependents that may carry the actor it stands for ("Russian troops", "Gondor's army"). */
const ACTOR_MODIFIERS = (r: string) => r === 'compound' || r === 'amod' || r === 'nmod:poss' || r === 'flat' || r === 'appos' || r === 'nmod:desc';

/** The first token of sentence s and one past its last, and whether the parser gave it heads. */
export function sentenceParsed(g: SyntaxGraph | undefined, s0: number, s1: number): boolean {
  if (!g || s1 - s0 < 2 || g.length < s1) return false;
  for (let i = s0; i < s1; i++) if (g.head[i]! >= 0) return true;
  return false;
}

function caseOf(g: SyntaxGraph, tok: number): string | null {
  const c = childrenWhere(g, tok, (r) => r === 'case');
  return c.length ? g.lemma[c[0]!]!.toLowerCase() : null;
}

/**
 * The coded actor a token stands for: its own mention, else one among its modifiers ("Russian
 * troops", "the government of Gondor", "the head of European diplomacy Josep Borrell"), else the
 * quotation's speaker for "we"/"I" inside a quotation.
 */
function actorOf(v: DocView, g: SyntaxGraph, tok: number, skip: ReadonlySet<number>, depth = 0): ActorMention | null {
  if (skip.has(tok)) return null;
  const m = v.mentionAt[tok];
  if (m?.code) return m;
  if (FIRST_PERSON.has(v.words[tok]!) && v.speakerAt[tok]?.actor) {
    const sp = v.speakerAt[tok]!;
    return actorMention(tok, tok, sp, sp.actor!.code);
  }
  if (depth >= 2) return null;
  for (const c of childrenWhere(g, tok, ACTOR_MODIFIERS)) {
    const a = actorOf(v, g, c, skip, depth + 1);
    if (a) return a;
  }
  // "the government of Gondor", "soldiers from Mali": an of/from phrase names whose they are.
  for (const c of childrenWhere(g, tok, (r) => r === 'nmod')) {
    const k = caseOf(g, c);
    if (k !== 'of' && k !== 'from') continue;
    const a = actorOf(v, g, c, skip, depth + 1);
    if (a) return a;
  }
  return null;
}

/** The actors of tokens (coordinations already expanded), deduplicated, in text order. */
function actorsOf(v: DocView, g: SyntaxGraph, toks: readonly number[], skip: ReadonlySet<number>): ActorMention[] {
  const out: ActorMention[] = [];
  for (const t of toks) {
    // "X, who …" / "X, which …": a relative pronoun stands for the noun its clause modifies.
    let tok = t;
    // ("that" only as a subject: as an object the parser often mistakes the complementizer for it)
    if (RELATIVE.has(v.words[tok]!) && g.rel[g.head[tok]!]?.startsWith('acl') && (v.words[tok] !== 'that' || g.rel[tok]!.startsWith('nsubj'))) tok = g.head[g.head[tok]!]!;
    const a = actorOf(v, g, tok, skip);
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

function arg(mentions: ActorMention[], rule: string): Argument | null {
  return mentions.length ? { mentions, rule } : null;
}

/** Source and target of a verb trigger whose head is token h, from its clause in the parse. */
export function verbArgumentsFromParse(v: DocView, g: SyntaxGraph, h: number, skip: ReadonlySet<number>): Arguments {
  const ca = clauseArguments(g, h);
  const subjects = actorsOf(v, g, ca.subjects, skip);
  const subjectRule = ca.inheritedSubject ? 'subject of the governing or coordinated verb (parse)' : 'subject (parse)';
  // A passive needs a passive auxiliary or a participle: the labeler sometimes marks the subject
  // of a plain past tense nsubj:pass ("Mr. Biden … immediately agreed").
  const passive = ca.passive && (childrenWhere(g, h, (r) => r === 'aux:pass').length > 0
    || childrenWhere(g, h, (r) => r === 'aux').some((a) => /^(be|get)$/i.test(g.lemma[a]!))
    || (g.xpos[h] === 'VBN' && g.rel[h] === 'acl'));
  if (passive) {
    return {
      source: arg(actorsOf(v, g, ca.agents, skip), 'passive "by" agent (parse)'),
      target: arg(subjects, 'passive subject (parse)'),
    };
  }
  let target: Argument | null = null;
  // The object; an object noun that is an action names its actor in a by-phrase ("condemned an attack by X").
  for (const o of ca.objects) {
    if (skip.has(o)) continue;
    const a = actorsOf(v, g, expandConj(g, o), skip);
    if (a.length) { target = arg(a, 'object (parse)'); break; }
    const by = childrenWhere(g, o, (r) => r.startsWith('nmod')).filter((n) => caseOf(g, n) === 'by');
    const b = actorsOf(v, g, by, skip);
    if (b.length) { target = arg(b, 'agent of the object noun (parse)'); break; }
  }
  if (!target) {
    for (const ob of ca.obliques) {
      const k = ob.case >= 0 ? g.lemma[ob.case]!.toLowerCase() : null;
      if (!k || !VERB_TARGET_CASES.has(k)) continue;
      // "replied on the news agency", "said at a press conference": where it was said, not to whom.
      if ((k === 'on' || k === 'at') && COMMUNICATION.has(g.lemma[h]!.toLowerCase())) continue;
      const a = actorsOf(v, g, expandConj(g, ob.token), skip);
      if (a.length) { target = arg(a, `"${k}" complement (parse)`); break; }
    }
  }
  // "urged Russia to …", "asked X to …": the controlled clause's object when the verb has none.
  if (!target) {
    for (const x of ca.xcomp) {
      const xa = clauseArguments(g, x);
      const a = actorsOf(v, g, xa.objects, skip);
      if (a.length) { target = arg(a, 'object of the complement clause (parse)'); break; }
    }
  }
  return { source: arg(subjects, subjectRule), target };
}

/** Source and target of a noun trigger whose head is token n ("Russia's demand", "the annexation of Crimea by Russia"). */
export function nounArgumentsFromParse(v: DocView, g: SyntaxGraph, n: number, first: number, skip: ReadonlySet<number>): Arguments {
  let source: Argument | null = null;
  let target: Argument | null = null;
  // Possessor or adjective: "Russian demands", "Russia's threat".
  for (const c of childrenWhere(g, n, (r) => r === 'nmod:poss' || r === 'amod' || r === 'compound')) {
    if (c >= first && c <= n) { if (skip.has(c)) continue; }
    const a = actorOf(v, g, c, skip);
    if (a) { source = arg([a], 'possessor or modifier of the noun (parse)'); break; }
  }
  // Its phrases: by/from name the actor, the others the target; a participle on the noun
  // ("the demands addressed by Moscow to NATO") carries them too.
  const phrases: number[] = childrenWhere(g, n, (r) => r.startsWith('nmod'));
  for (const a of childrenWhere(g, n, (r) => r === 'acl')) {
    phrases.push(...childrenWhere(g, a, (r) => r.startsWith('obl')));
    for (const o of childrenWhere(g, a, (r) => r.startsWith('obl'))) phrases.push(...childrenWhere(g, o, (r) => r.startsWith('nmod')));
  }
  for (const p of phrases.sort((a, b) => a - b)) {
    const k = caseOf(g, p) ?? (g.rel[p] === 'obl:agent' ? 'by' : null);
    if (!k) continue;
    const actors = actorsOf(v, g, expandConj(g, p), skip);
    if (!actors.length) continue;
    if ((k === 'by' || k === 'from') && !source?.rule.startsWith('"by"')) source = arg(actors, `"${k}" agent of the noun (parse)`);
    else if (TARGET_CASES.has(k) && !target && !actors.some((x) => source?.mentions.includes(x))) target = arg(actors, `"${k}" complement of the noun (parse)`);
  }
  if (!source) {
    // The clause the noun sits in: "X launched an attack on Y" (object), "a rebuff came from X" (subject of a light verb).
    const verb = governingVerb(g, n, n);
    if (verb >= 0 && verb !== n) {
      const ca = clauseArguments(g, verb);
      if (ca.subjects.includes(n)) {
        for (const ob of ca.obliques) {
          const k = ob.case >= 0 ? g.lemma[ob.case]!.toLowerCase() : null;
          if (k !== 'from' && k !== 'by') continue;
          const a = actorsOf(v, g, expandConj(g, ob.token), skip);
          if (a.length) { source = arg(a, `"${k}" phrase of the clause the noun is subject of (parse)`); break; }
        }
      } else if (!ca.passive && (ca.objects.includes(n) || g.head[n] === verb)) {
        const a = actorsOf(v, g, ca.subjects, skip).filter((x) => !target?.mentions.includes(x));
        if (a.length) source = arg(a, 'subject of the clause holding the noun (parse)');
      }
    }
  }
  return { source, target };
}

/**
 * The coded subject of sentence [s0, s1)'s main clause: of the verbs with a coded subject, the one
 * nearest the root (a parse may hang the main verb under an opening participle), or null.
 */
export function mainClauseSubject(v: DocView, g: SyntaxGraph, s0: number, s1: number): ActorMention | null {
  let best: ActorMention | null = null;
  let bestDepth = Infinity;
  for (let i = s0; i < s1; i++) {
    if (g.upos[i] !== 'VERB' || v.quoted[i]) continue;
    let depth = 0;
    for (let k = i; g.head[k]! >= 0 && depth < 64; k = g.head[k]!) depth++;
    if (depth >= bestDepth) continue;
    const a = actorsOf(v, g, childrenWhere(g, i, (r) => r === 'nsubj').flatMap((x) => expandConj(g, x)), new Set())[0];
    if (a) { best = a; bestDepth = depth; }
  }
  if (best) return best;
  // No verb with a coded subject (the parse hung the verb elsewhere): the coded actor that opens
  // the sentence before its first verb ("The statement from X called …").
  for (let i = s0; i < s1 && g.upos[i] !== 'VERB'; i++) {
    const m = v.mentionAt[i];
    if (m?.code && !v.quoted[i]) return m;
  }
  return null;
}

const REPORTING_LEMMAS = new Set(['say', 'reply', 'tell', 'announce', 'state', 'add', 'insist', 'explain', 'write', 'declare', 'respond', 'answer', 'stress', 'note', 'indicate', 'signal']);

/**
 * The speaker when token h sits in a clause reported by a verb of saying ("X replied that the
 * objective was to meet …"): the coded subject of the nearest reporting verb above it.
 */
export function reportingSpeaker(v: DocView, g: SyntaxGraph, h: number): ActorMention | null {
  let k = h;
  for (let steps = 0; steps < 5; steps++) {
    const up = g.head[k]!;
    if (up < 0) return null;
    if (REPORTING_LEMMAS.has(g.lemma[up]!.toLowerCase()) && (g.rel[k] === 'ccomp' || g.rel[k] === 'parataxis')) {
      return actorsOf(v, g, clauseArguments(g, up).subjects, new Set())[0] ?? null;
    }
    k = up;
  }
  return null;
}

/** The coded subject of the nearest verb of saying before token h in its sentence ("X replied … that …"), when the parse did not hang h under it. */
export function precedingSpeaker(v: DocView, g: SyntaxGraph, h: number, s0: number): ActorMention | null {
  for (let i = h - 1; i >= s0; i--) {
    if (g.upos[i] !== 'VERB' || !REPORTING_LEMMAS.has(g.lemma[i]!.toLowerCase())) continue;
    return actorsOf(v, g, clauseArguments(g, i).subjects, new Set())[0] ?? null;
  }
  return null;
}
