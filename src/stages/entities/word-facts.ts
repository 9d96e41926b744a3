/**
 * What the recognition rules ask of every token (capitalised? a stop word, honorific or title?
 * its actor-dictionary key?), answered once per distinct word and kept across documents.
 */
import { nameKey } from '../../resources/actor-dictionary.js';
import type { EntityResources } from './entity-resources.js';
import { ownString } from '../../core/own-string.js';
import type { Tagged } from './tag-tokens.js';

export const STOP = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'in', 'on', 'at', 'of', 'and', 'or', 'but', 'if', 'for', 'to', 'by', 'with', 'from', 'as', 'is', 'was', 'after', 'before', 'while', 'when', 'where', 'there', 'here', 'what', 'who', 'which', 'read', 'also', 'article', 'according', 'mr', 'mrs', 'ms', 'dr', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

export const isCap = (w: string) => /^\p{Lu}/u.test(w);

/** Bits of a word's facts; Known marks a computed entry (0: not yet). */
export const enum Fact {
  Known = 1,
  /** Starts with an upper-case letter. */
  Cap = 2,
  /** Its lower case is a STOP word, an honorific, a title. */
  Stop = 4, Honorific = 8, Title = 16,
  /** "pro-" or "anti-" before a demonym. */
  ProPeople = 32,
  /** A mention made of it alone is junk: only function words, titles or honorifics, or no letter. */
  Junk = 64,
  /** Starts like a name: a capital or digit, after "pro-" or "anti-" or not. */
  NameStart = 128,
}

function factsOf(word: string, low: string, res: EntityResources): number {
  const lex = res.lexicon;
  let f = Fact.Known;
  if (isCap(word)) f |= Fact.Cap;
  if (STOP.has(low)) f |= Fact.Stop;
  if (lex.honorifics.has(low)) f |= Fact.Honorific;
  if (lex.titles.has(low)) f |= Fact.Title;
  const pm = /^(?:pro|anti)-(.+)$/.exec(low);
  if (pm && res.demonyms.has(pm[1]!)) f |= Fact.ProPeople;
  if (f & (Fact.Stop | Fact.Honorific | Fact.Title) || !/\p{L}/u.test(low)) f |= Fact.Junk;
  if (/^(?:(?:pro|anti)-)?[\p{Lu}\p{N}]/u.test(word)) f |= Fact.NameStart;
  return f;
}

/** One resources' facts per word id of the tagger's word table, for one epoch of it. */
interface FactTable {
  epoch: number;
  facts: Uint8Array;
  keys: (string | undefined)[];
}

const tables = new WeakMap<EntityResources, FactTable>();

function tableFor(res: EntityResources, tagged: Tagged): FactTable {
  let t = tables.get(res);
  if (!t || t.facts.length < tagged.idCap) {
    t = { epoch: tagged.epoch, facts: new Uint8Array(tagged.idCap), keys: new Array<string | undefined>(tagged.idCap) };
    tables.set(res, t);
  } else if (t.epoch !== tagged.epoch) {
    t.epoch = tagged.epoch;
    t.facts.fill(0);
    t.keys.fill(undefined);
  }
  return t;
}

/** The facts of a document's tokens, and their dictionary keys on demand (tokenKey). */
export interface WordFacts {
  /** Fact bits per token. */
  fact: Uint8Array;
  ids: Int32Array;
  keys: (string | undefined)[];
  words: readonly string[];
}

/** nameKey of token i's word. */
export function tokenKey(f: WordFacts, i: number): string {
  return f.keys[f.ids[i]!] ??= ownString(nameKey(f.words[i]!));
}

/**
 * The facts of every token. `low[i]` must be words[i] in lower case; with the tagger's word ids
 * they are read from the table of earlier documents, else computed for this document alone.
 */
export function wordFacts(words: readonly string[], low: readonly string[], tagged: Tagged, res: EntityResources): WordFacts {
  const n = words.length;
  const ids = tagged.ids ?? Int32Array.from({ length: n }, (_, i) => i);
  const t: FactTable = tagged.ids ? tableFor(res, tagged) : { epoch: 0, facts: new Uint8Array(n), keys: new Array<string | undefined>(n) };
  const fact = new Uint8Array(n);
  factColumn(t, ids, words, low, res, fact);
  return { fact, ids, keys: t.keys, words };
}

function factColumn(t: FactTable, ids: Int32Array, words: readonly string[], low: readonly string[], res: EntityResources, out: Uint8Array): void {
  const facts = t.facts;
  for (let i = 0; i < out.length; i++) {
    const id = ids[i]!;
    let f = facts[id]!;
    if (f === 0) facts[id] = f = factsOf(words[i]!, low[i]!, res);
    out[i] = f;
  }
}
