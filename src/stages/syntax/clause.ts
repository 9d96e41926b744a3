/**
 * What later layers ask of the parse: a verb's subjects, objects, passive agent, obliques with
 * their preposition and clausal complements; the governing verb of a span; the negation and
 * auxiliaries attached to a verb; coordination expansion. All on token indices of a SyntaxGraph.
 */
import type { SyntaxGraph } from './syntax-graph.js';

/**
 * True when token i's sentence was parsed. The syntax stage parses a sentence only when a later stage
 * asks for it (lazy-parse.ts); in the others every token has head -1 and relation "_", so the helpers
 * below find no children, arguments or governing verb there (tags and lemmas are still set).
 */
export function isParsed(g: SyntaxGraph, i: number): boolean {
  return g.rel[i] !== '_';
}

/** Children of token i whose relation satisfies the test, in text order. */
export function childrenWhere(g: SyntaxGraph, i: number, test: (rel: string) => boolean): number[] {
  const out: number[] = [];
  for (let k = g.childStart[i]!; k < g.childStart[i + 1]!; k++) if (test(g.rel[g.children[k]!]!)) out.push(g.children[k]!);
  return out;
}

const baseRel = (rel: string) => {
  const colon = rel.indexOf(':');
  return colon < 0 ? rel : rel.slice(0, colon);
};

/** Token i and the tokens coordinated with it ("Russia and Ukraine" → both), in text order. */
export function expandConj(g: SyntaxGraph, i: number): number[] {
  const out = [i];
  for (let k = 0; k < out.length; k++) for (const c of childrenWhere(g, out[k]!, (r) => r === 'conj')) out.push(c);
  return out.sort((a, b) => a - b);
}

/** First and last token (inclusive) of the subtree under token i. */
export function subtreeSpan(g: SyntaxGraph, i: number): { first: number; last: number } {
  let first = i;
  let last = i;
  const stack = [i];
  while (stack.length) {
    const t = stack.pop()!;
    for (let k = g.childStart[t]!; k < g.childStart[t + 1]!; k++) {
      const c = g.children[k]!;
      // Coordinated clauses hang from their first conjunct but are not part of its phrase.
      if (t === i && (g.rel[c] === 'conj' || g.rel[c] === 'cc' || g.rel[c] === 'parataxis' || g.rel[c] === 'punct')) continue;
      if (c < first) first = c;
      if (c > last) last = c;
      stack.push(c);
    }
  }
  return { first, last };
}

export interface Oblique {
  /** The oblique's head noun. */
  token: number;
  /** Its preposition (case child), or -1. */
  case: number;
}

export interface ClauseArguments {
  verb: number;
  /** nsubj, nsubj:pass, csubj (with their conjuncts); inherited from a coordinated or controlling verb when the clause has none. */
  subjects: number[];
  /** obj and iobj (with conjuncts). */
  objects: number[];
  /** The noun of "by …" in a passive (obl:agent). */
  agents: number[];
  obliques: Oblique[];
  ccomp: number[];
  xcomp: number[];
  passive: boolean;
  /** True when the subjects come from another verb (conjoined or controlling). */
  inheritedSubject: boolean;
}

const isSubject = (r: string) => r === 'nsubj' || r === 'nsubj:pass' || r === 'csubj' || r === 'csubj:pass' || r === 'nsubj:outer';
const isObject = (r: string) => r === 'obj' || r === 'iobj';

function directSubjects(g: SyntaxGraph, v: number): number[] {
  return childrenWhere(g, v, isSubject).flatMap((s) => expandConj(g, s));
}

/**
 * The arguments of the clause headed by verb v.
 * @example clauseArguments(g, indexOf('requested')).subjects → [indexOf('Putin')]
 */
export function clauseArguments(g: SyntaxGraph, v: number): ClauseArguments {
  const objects = childrenWhere(g, v, isObject).flatMap((o) => expandConj(g, o));
  const agents = childrenWhere(g, v, (r) => r === 'obl:agent').flatMap((a) => expandConj(g, a));
  const obliques = childrenWhere(g, v, (r) => baseRel(r) === 'obl' && r !== 'obl:agent').map((o) => {
    const c = childrenWhere(g, o, (r) => r === 'case');
    return { token: o, case: c.length ? c[0]! : -1 };
  });
  const passive = childrenWhere(g, v, (r) => r === 'aux:pass' || r === 'nsubj:pass' || r === 'csubj:pass').length > 0;
  let subjects = directSubjects(g, v);
  let inheritedSubject = false;
  // "Mr. Biden called and agreed": the second verb shares the first one's subject.
  let u = v;
  while (subjects.length === 0 && g.head[u]! >= 0 && (g.rel[u] === 'conj' || g.rel[u] === 'xcomp' || g.rel[u] === 'advcl' || g.rel[u] === 'acl')) {
    const h = g.head[u]!;
    if (g.rel[u] === 'xcomp') {
      // "asked him to leave": the object controls; "wants to leave": the subject does.
      const obj = childrenWhere(g, h, isObject);
      subjects = obj.length ? obj.flatMap((o) => expandConj(g, o)) : directSubjects(g, h);
    } else if (g.rel[u] === 'acl') {
      // "the talks held in Geneva": the modified noun.
      subjects = [h];
    } else if (g.rel[u] === 'advcl') {
      // Only for participial clauses without their own marker ("…, saying that …").
      if (childrenWhere(g, u, (r) => r === 'mark').length > 0) break;
      subjects = directSubjects(g, h);
    } else subjects = directSubjects(g, h);
    inheritedSubject = subjects.length > 0;
    u = h;
  }
  return {
    verb: v,
    subjects,
    objects,
    agents,
    obliques,
    ccomp: childrenWhere(g, v, (r) => r === 'ccomp'),
    xcomp: childrenWhere(g, v, (r) => r === 'xcomp'),
    passive,
    inheritedSubject,
  };
}

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'nor', 'neither', 'nobody', 'nothing', 'none', 'nowhere']);

/** Negation words attached to verb v ("did not agree", "never met", "no talks were held" via the subject). */
export function negationOf(g: SyntaxGraph, v: number): number[] {
  const direct = childrenWhere(g, v, (r) => r === 'advmod' || r === 'cc:preconj' || r === 'neg').filter((c) => NEGATORS.has(g.lemma[c]!.toLowerCase()));
  const viaSubject = childrenWhere(g, v, isSubject).flatMap((s) => childrenWhere(g, s, (r) => r === 'det')).filter((d) => g.lemma[d]!.toLowerCase() === 'no');
  return [...direct, ...viaSubject].sort((a, b) => a - b);
}

/** Auxiliaries of verb v (aux, aux:pass, cop), in text order. */
export function auxiliariesOf(g: SyntaxGraph, v: number): number[] {
  return childrenWhere(g, v, (r) => r === 'aux' || r === 'aux:pass' || r === 'cop');
}

/** Modal auxiliaries of verb v (will, would, could, may, must, should…; PTB MD). */
export function modalsOf(g: SyntaxGraph, v: number): number[] {
  return childrenWhere(g, v, (r) => r === 'aux').filter((a) => g.xpos[a] === 'MD');
}

const CLAUSE_RELS = new Set(['root', 'ccomp', 'xcomp', 'advcl', 'acl', 'acl:relcl', 'parataxis', 'csubj', 'csubj:pass', 'advcl:relcl']);

/** True when token i heads a clause: a verb, or a predicate with a copula or clause relation. */
export function isPredicate(g: SyntaxGraph, i: number): boolean {
  if (g.upos[i] === 'VERB') return true;
  if (childrenWhere(g, i, (r) => r === 'cop' || isSubject(r)).length > 0) return true;
  return g.upos[i] === 'AUX' && CLAUSE_RELS.has(g.rel[i]!);
}

/** The head of tokens first..last (inclusive): the token whose head lies outside the span. */
export function spanHead(g: SyntaxGraph, first: number, last: number): number {
  // Without a parse, the last word: English phrases mostly end in their head ("the new budget").
  if (!isParsed(g, first)) return last;
  for (let i = first; i <= last; i++) {
    const h = g.head[i]!;
    if (h < first || h > last) return i;
  }
  return first;
}

/**
 * The verb governing tokens first..last (e.g. an entity mention): the nearest predicate above the
 * span's head (the span's own head when it is one), or -1.
 */
export function governingVerb(g: SyntaxGraph, first: number, last: number): number {
  let i = spanHead(g, first, last);
  if (g.upos[i] === 'VERB') return i;
  for (let steps = 0; i >= 0 && steps < 64; steps++) {
    i = g.head[i]!;
    if (i >= 0 && isPredicate(g, i)) return i;
  }
  return -1;
}
