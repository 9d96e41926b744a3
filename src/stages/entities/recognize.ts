/**
 * Mentions from the text: the tagger's BIO spans over CoNLL types, then rules where rules are
 * right (honorifics make people, "X of Y" organisation names, junk removal), fine types (GPE vs
 * LOC, NORP, EVENT, OTHER), roles read before a name, and capitals acting as governments.
 */
import type { TokenTable } from '../tokens/token-table.js';
import type { EntityResources } from './entity-resources.js';
import { typeOfLabel, isInside } from './tagger.js';
import { tagTokens } from './tag-tokens.js';
import { Fact, tokenKey, wordFacts } from './word-facts.js';
import { ownString } from '../../core/own-string.js';
import type { WordFacts } from './word-facts.js';
import type { TaggerInput } from './features.js';
import { GAZ_CLASSES } from '../../resources/ner-gazetteer.js';

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'EVENT' | 'OTHER';

export interface Mention {
  start: number;
  end: number;
  /** Where the name itself starts (after "Mr.", "Mrs." …). */
  nameStart: number;
  type: EntityType;
  /** The tagger's CoNLL type (PER ORG LOC MISC) or RULE. */
  conll: string;
  first: number;
  last: number;
  sentence: number;
  honorific: string | null;
  /** A role read from the words before the name ("Russian Deputy Foreign Minister"). */
  role: { title: string; sector: string; country: string | null; first?: number } | null;
  /** A capital or seat of power standing for its government ("Moscow demands …"). */
  acting: boolean;
  /** For NORP mentions extended by a group noun ("pro-Russian rebels"): the sector. */
  groupSector: string | null;
  /** For "pro-X" groups: the country of another place named in the sentence (where they are). */
  placeCountry: string | null;
}

/** Tokens as the tagger sees them: wink tokens re-joined across in-word hyphens ("Russian-American"). */
export interface TaggerTokens extends TaggerInput {
  words: string[];
  /** The words in lower case (computed once, read by the rules and the merging). */
  low: string[];
}

export function taggerTokens(text: string, t: TokenTable): TaggerTokens {
  // Typed arrays of the table's length, cut to the tokens made (number arrays grew by copying).
  const start = new Int32Array(t.length);
  const end = new Int32Array(t.length);
  const sents = new Int32Array(t.length);
  let count = 0;
  for (let i = 0; i < t.length; i++) {
    const s = t.start[i]!;
    let e = t.end[i]!;
    // word - word with no spaces: one token, as CoNLL writes them.
    while (i + 2 < t.length && t.sentence[i + 2] === t.sentence[i] && t.start[i + 1] === e && t.end[i + 1] === e + 1 && text.charCodeAt(e) === 45 && t.start[i + 2] === e + 1 && /[\p{L}\p{N}]/u.test(text[e + 1]!) && /[\p{L}\p{N}]/u.test(text[e - 1]!)) {
      e = t.end[i + 2]!;
      i += 2;
    }
    start[count] = s;
    end[count] = e;
    sents[count++] = t.sentence[i]!;
  }
  // Pushed, not mapped: Array.prototype.map returns holey or packed arrays by circumstance, and
  // every rule that reads the words would be recompiled for the second kind.
  const words: string[] = [];
  const low: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = text.slice(start[i]!, end[i]);
    words.push(w);
    low.push(w.toLowerCase());
  }
  return { text, start: start.slice(0, count), end: end.slice(0, count), sentence: sents.slice(0, count), words, low };
}

const CONLL_TYPES = ['', 'PER', 'ORG', 'LOC', 'MISC'];

/** Entity spans [type, first, last] from the tagger's label ids. */
export function labelSpans(labels: Uint8Array, sentence: Int32Array): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l === 0) continue;
    const last = out[out.length - 1];
    if (isInside(l) && last && last[2] === i - 1 && sentence[i - 1] === sentence[i] && last[0] === CONLL_TYPES[typeOfLabel(l)]) last[2] = i;
    else out.push([CONLL_TYPES[typeOfLabel(l)]!, i, i]);
  }
  return out;
}

const ORG_NOUNS = new Set(['network', 'platform', 'app', 'application', 'messenger', 'website', 'site', 'agency', 'newspaper', 'daily', 'weekly', 'magazine', 'radio', 'channel', 'broadcaster', 'television', 'tv', 'station', 'company', 'firm', 'group', 'party', 'bank', 'airline', 'carrier', 'club', 'team', 'union', 'manufacturer', 'maker', 'startup', 'giant', 'operator', 'insurer', 'retailer', 'publisher', 'outlet', 'service']);

/** What every rule pass reads: the tokens, their lower case and sentences, the resources. */
interface RuleContext {
  tt: TaggerTokens;
  res: EntityResources;
  words: string[];
  low: string[];
  sentence: Int32Array;
  n: number;
  lex: EntityResources['lexicon'];
  /** Per-token facts (word-facts.ts): capitals, stop words, honorifics, titles, dictionary keys. */
  facts: WordFacts;
  fact: Uint8Array;
}

/**
 * Whether tokens i and j are in one sentence (i >= 0, j < n). A module function, not a closure
 * made per document: the rules' optimised code checked the closure's identity and was thrown
 * away on the next document.
 */
function sameSent(sentence: Int32Array, n: number, i: number, j: number): boolean {
  return i >= 0 && j < n && sentence[i] === sentence[j];
}

/** A name span over tokens a..b, with the honorific token before it (-1: none). */
type Span = { type: string; a: number; b: number; honorific: number };

/**
 * Runs the tagger and the rules over a document's tokens. Each rule is a function of its own, so
 * V8 optimises them one by one: a rare path met late re-optimises one rule, not the whole.
 */
export function recognize(tt: TaggerTokens, res: EntityResources): Mention[] {
  const { words, sentence, low } = tt;
  const n = words.length;
  const tagged = tagTokens(tt, words, res.gazetteer, res.weights);
  const facts = wordFacts(words, low, tagged, res);
  const c: RuleContext = { tt, res, words, low, sentence, n, lex: res.lexicon, facts, fact: facts.fact };
  const spans: Span[] = labelSpans(tagged.labels, sentence).map(([type, a, b]) => ({ type, a, b, honorific: -1 }));
  joinFirstNames(spans, tagged.gaz, c);
  addHonorifics(spans, c);
  addPrefixedPeoples(spans, c);
  spans.sort((x, y) => x.a - y.a);
  addDictionaryNames(spans, c);
  spans.sort((x, y) => x.a - y.a);
  addOfOrganisations(spans, c);
  extendLawNames(spans, c);
  const mentions = toMentions(spans, c);
  describeMentions(mentions, c);
  return mentions;
}

/** A first name the tagger split from the surname it tagged as a person ("Orla" + "Brennigan"). */
function joinFirstNames(spans: Span[], gaz: ArrayLike<number>, c: RuleContext): void {
  const { res, words, low, sentence } = c;
  const FIRST_NAME = 1 << (2 * GAZ_CLASSES.indexOf('firstName'));
  for (let i = 0; i + 1 < spans.length; i++) {
    const x = spans[i]!;
    const y = spans[i + 1]!;
    if (y.type !== 'PER' || x.type === 'PER' || x.b + 1 !== y.a || sentence[x.a] !== sentence[y.a]) continue;
    // Known first names, or one capitalised word that is no place, people or known actor.
    let names = true;
    for (let k = x.a; k <= x.b; k++) if (!(gaz[k]! & FIRST_NAME)) names = false;
    const lone = x.a === x.b && /^\p{Lu}\p{Ll}+$/u.test(words[x.a]!) && !res.countryOf.has(low[x.a]!) && !res.actors.byName.has(low[x.a]!);
    if (!names && !lone) continue;
    x.type = 'PER';
    x.b = y.b;
    spans.splice(i + 1, 1);
  }
}

/** Honorifics: "Mr. Putin" is a person whatever the tagger said; the title joins the mention. */
function addHonorifics(spans: Span[], c: RuleContext): void {
  const { n, sentence, fact } = c;
  const byStart = new Map(spans.map((s) => [s.a, s]));
  for (let t = 0; t + 1 < n; t++) {
    if ((fact[t]! & (Fact.Honorific | Fact.Cap)) !== (Fact.Honorific | Fact.Cap) || !sameSent(sentence, n, t, t + 1) || !(fact[t + 1]! & Fact.Cap)) continue;
    if (spans.some((s) => s.a <= t && t <= s.b)) continue;
    const s = byStart.get(t + 1);
    if (s) { s.type = 'PER'; s.honorific = t; continue; }
    if (spans.some((x) => x.a <= t + 1 && t + 1 <= x.b)) continue;
    let b = t + 1;
    while (b + 1 < n && sameSent(sentence, n, b, b + 1) && (fact[b + 1]! & (Fact.Cap | Fact.Stop)) === Fact.Cap && b - t < 4) b++;
    const made = { type: 'PER', a: t + 1, b, honorific: t };
    spans.push(made);
    byStart.set(t + 1, made);
  }
}

/** "pro-Russian", "anti-Western": a people word with a prefix names a group (NORP). */
function addPrefixedPeoples(spans: Span[], c: RuleContext): void {
  const { n, fact } = c;
  for (let t = 0; t < n; t++) {
    if (!(fact[t]! & Fact.ProPeople) || spans.some((x) => x.a <= t && t <= x.b)) continue;
    spans.push({ type: 'MISC', a: t, b: t, honorific: -1 });
  }
}

/**
 * Names in the actor dictionaries (the user's too): longest match, over the tagger's spans when it
 * covers them whole ("Baltic Watch" tagged as "Baltic" + "Watch").
 */
function addDictionaryNames(spans: Span[], c: RuleContext): void {
  const { res, words, sentence, n, fact, facts } = c;
  const spanAt = new Int32Array(n).fill(-1);
  spans.forEach((x, i) => { for (let k = x.a; k <= x.b; k++) spanAt[k] = i; });
  const drop = new Set<number>();
  for (let t = 0; t < n; t++) {
    if ((fact[t]! & (Fact.Cap | Fact.Stop | Fact.Honorific | Fact.Title)) !== Fact.Cap) continue;
    if (spanAt[t]! >= 0 && spans[spanAt[t]!]!.a !== t) continue;
    let key = '';
    let found = -1;
    let foundKey = '';
    for (let k = t; k < n && k < t + 6 && sentence[k] === sentence[t]; k++) {
      const part = tokenKey(facts, k);
      key = k === t ? part : `${key} ${part}`;
      if (!res.actors.byName.has(key)) {
        if (res.actors.prefixes.has(key)) continue;
        break;
      }
      // One short word must be written as an acronym ("EU", not "Is").
      if (k === t && words[t]!.length < 4 && words[t] !== words[t]!.toUpperCase()) continue;
      // The match must end where a tagger span ends (or outside any span).
      if (spanAt[k]! >= 0 && spans[spanAt[k]!]!.b !== k) continue;
      found = k;
      foundKey = key;
    }
    if (found < 0) continue;
    const own = spanAt[t]!;
    if (own >= 0 && spans[own]!.b >= found) { t = spans[own]!.b; continue; }
    for (let k = t; k <= found; k++) if (spanAt[k]! >= 0) drop.add(spanAt[k]!);
    const entry = res.actors.entries[res.actors.byName.get(foundKey)![0]!]!;
    spans.push({ type: entry.type === 'PERSON' && !entry.petrarch ? 'PER' : 'ORG', a: t, b: found, honorific: -1 });
    t = found;
  }
  if (drop.size) {
    const kept = spans.filter((_, i) => !drop.has(i));
    spans.length = 0;
    spans.push(...kept);
  }
}

/** "X of Y" organisations: "Foreign Affairs Committee of the Russian State Duma", "Bank of England". */
function addOfOrganisations(spans: Span[], c: RuleContext): void {
  const { low, n, lex, sentence, fact } = c;
  for (let t = 1; t + 1 < n; t++) {
    if (low[t] !== 'of' || !sameSent(sentence, n, t - 1, t + 1)) continue;
    if (!lex.orgHeads.has(low[t - 1]!) || !(fact[t - 1]! & Fact.Cap)) continue;
    let a = t - 1;
    while (a - 1 >= 0 && sameSent(sentence, n, a - 1, a) && (fact[a - 1]! & (Fact.Cap | Fact.Stop | Fact.Honorific)) === Fact.Cap) a--;
    let r = t + 1;
    if (low[r] === 'the' && sameSent(sentence, n, r, r + 1)) r++;
    if ((fact[r]! & (Fact.Cap | Fact.Stop)) !== Fact.Cap) continue;
    // The right side: capitalised words and non-person spans, stopping where a person's name starts.
    let b = r - 1;
    for (;;) {
      const k = b + 1;
      if (k >= n || !sameSent(sentence, n, k, r)) break;
      const sp = spans.find((x) => x.a === k);
      if (sp) { if (sp.type === 'PER') break; b = sp.b; continue; }
      if (spans.some((x) => x.a < k && k <= x.b)) { b = spans.find((x) => x.a < k && k <= x.b)!.b; continue; }
      if ((fact[k]! & (Fact.Cap | Fact.Stop)) !== Fact.Cap) break;
      b = k;
    }
    if (b < r) continue;
    if (spans.some((s) => s.a < a && s.b >= a)) continue;
    // A place-name right side with a non-org head left ("Republic of Korea") stays as tagged.
    const kept = spans.filter((s) => s.b < a || s.a > b);
    spans.length = 0;
    spans.push(...kept, { type: 'ORG', a, b, honorific: -1 });
    spans.sort((x, y) => x.a - y.a);
    t = b;
  }
}

/** "Affordable Care" + "Act": a law's or treaty's head word ends the name. */
function extendLawNames(spans: Span[], c: RuleContext): void {
  const { low, n, lex, sentence, fact } = c;
  for (let i = 0; i < spans.length; i++) {
    const x = spans[i]!;
    const k = x.b + 1;
    if (k < n && sameSent(sentence, n, x.b, k) && fact[k]! & Fact.Cap && lex.lawWords.has(low[k]!)) {
      const next = spans[i + 1];
      if (next && next.a === k) spans.splice(i + 1, 1);
      x.b = k;
      x.type = 'MISC';
    }
  }
}

/** The spans as mentions, junk dropped, with their fine types. */
function toMentions(spans: readonly Span[], c: RuleContext): Mention[] {
  const { tt, res, words, low, sentence, lex, fact } = c;
  const mentions: Mention[] = [];
  for (const s of spans) {
    let { a } = s;
    const { b } = s;
    // Leading "the" is not part of a name ("the Kremlin" → "Kremlin").
    while (a < b && (low[a] === 'the' || low[a] === 'a')) a++;
    // Junk: only function words, titles or honorifics ("The", "President" alone), or no letter.
    if (allHave(fact, a, b, Fact.Junk)) continue;
    if (!anyHas(fact, a, b, Fact.NameStart)) continue;
    // A lone initial ("J.") or a US party-and-state tag ("R-Ky", "D-Mont.") is not a name.
    if (a === b && /^(?:\p{Lu}\.|[RDI]-\p{Lu}[\p{L}.]{0,4})$/u.test(words[a]!)) continue;
    const nameStart = tt.start[a]!;
    const start = s.honorific >= 0 ? tt.start[s.honorific]! : nameStart;
    const m: Mention = {
      start, end: tt.end[b]!, nameStart, type: 'OTHER', conll: s.type, first: a, last: b, sentence: sentence[a]!,
      honorific: s.honorific >= 0 ? words[s.honorific]! : null, role: null, acting: false, groupSector: null, placeCountry: null,
    };
    m.type = fineType(m, low, res);
    if (a === b && lex.peoples.has(low[a]!)) m.type = 'NORP';
    // "the social network Telegram", "the newspaper Le Soir": the noun before a name gives its kind.
    if (a > 0 && sentence[a - 1] === sentence[a] && ORG_NOUNS.has(low[a - 1]!) && m.type !== 'PERSON') m.type = 'ORG';
    if (m.type === 'OTHER' && a === b && isLooseCapital(a, words, sentence)) continue;
    mentions.push(m);
  }
  return mentions;
}

/** Whether every token a..b has the fact bit. */
function allHave(fact: Uint8Array, a: number, b: number, bit: number): boolean {
  for (let k = a; k <= b; k++) if (!(fact[k]! & bit)) return false;
  return true;
}

function anyHas(fact: Uint8Array, a: number, b: number, bit: number): boolean {
  for (let k = a; k <= b; k++) if (fact[k]! & bit) return true;
  return false;
}

/** Roles of people, acting places, groups, and the country a "pro-X" group is set against. */
function describeMentions(mentions: Mention[], c: RuleContext): void {
  const { tt, res, words, low, sentence, fact } = c;
  for (const m of mentions) {
    if (m.type === 'PERSON') {
      m.role = roleBefore(m, words, low, sentence, mentions, res) ?? roleAfter(m, words, low, sentence, res);
      // A capitalised title right before the name belongs to the mention ("President Biden").
      const f = m.role?.first;
      if (f !== undefined && !m.honorific && allHave(fact, f, m.first - 1, Fact.Cap)) m.start = tt.start[f]!;
    }
    if (m.type === 'GPE') m.acting = isActing(m, words, low, sentence, res);
    if (m.type === 'NORP') extendGroup(m, low, sentence, tt, res);
  }
  for (const m of mentions) {
    const pro = /^(pro|anti)-(.+)$/.exec(low[m.first]!);
    if (!m.groupSector || !pro) continue;
    const own = countryOfWords(pro[2]!, res);
    const other = mentions.find((o) => o.sentence === m.sentence && o.type === 'GPE' && !o.acting && countryOfWords(low.slice(o.first, o.last + 1).join(' '), res) !== own);
    if (other) m.placeCountry = countryOfWords(low.slice(other.first, other.last + 1).join(' '), res);
  }
}


/**
 * A capital that may only mark the start of a sentence or quotation ("“Serious mistake”") or a
 * hyphenated common word ("Large-scale"): not a name on its own.
 */
function isLooseCapital(i: number, words: string[], sentence: Int32Array): boolean {
  const w = words[i]!;
  if (/^\p{Lu}\p{Ll}+-\p{Ll}/u.test(w)) return true;
  if (i === 0 || sentence[i - 1] !== sentence[i]) return true;
  return /^[“"«‘'(\[]$/u.test(words[i - 1]!);
}

function fineType(m: Mention, low: string[], res: EntityResources): EntityType {
  const key = low.slice(m.first, m.last + 1).join(' ');
  const last = low[m.last]!;
  switch (m.conll) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC':
      if (res.lexicon.regions.has(key)) return 'LOC';
      if (res.countryOf.has(key) || res.countries.has(key)) return 'GPE';
      if (/^(region|sea|ocean|river|mountains?|valley|peninsula|gulf|bay|strait|desert|lake|island|islands|coast)$/.test(last)) return 'LOC';
      return 'GPE';
    default: {
      if (res.demonyms.has(key) || res.demonyms.has(key.replace(/^(pro|anti)-/, ''))) return 'NORP';
      if (key.includes('-') && key.split('-').every((p) => res.demonyms.has(p))) return 'NORP';
      if (m.first === m.last && /^(pro-|anti-)?\p{Lu}\p{Ll}+(ian|ean|ese|ish|ic|i|an)s?$/u.test(low[m.first]!.replace(/^./, (c) => c.toUpperCase()))) {
        // Words like "Russian", "Kurdish", "pro-Russian" name peoples and groups.
        return 'NORP';
      }
      if (res.countryOf.has(key)) return 'GPE';
      if (res.lexicon.eventWords.has(last) || res.lexicon.eventWords.has(key)) return 'EVENT';
      if (res.lexicon.peoples.has(key)) return 'NORP';
      return 'OTHER';
    }
  }
}

/** countryOfWords' answers per resources (a pure function of the key): most keys recur in every article. */
const countryMemo = new WeakMap<EntityResources, Map<string, string | null>>();

/** The country a word or phrase points to: a demonym, a country, or "pro-X" (X's side). */
export function countryOfWords(key: string, res: EntityResources): string | null {
  let memo = countryMemo.get(res);
  if (!memo) { memo = new Map(); countryMemo.set(res, memo); }
  let c = memo.get(key);
  if (c === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    c = countryOfWordsNow(key, res);
    memo.set(ownString(key), c);
  }
  return c;
}

/** Memos are emptied when they reach this size (keys are words and names, a few MB at most). */
export const MEMO_LIMIT = 1 << 15;

function countryOfWordsNow(key: string, res: EntityResources): string | null {
  const k = key.replace(/['’]s$/, '');
  const direct = res.countryOf.get(k) ?? res.lexicon.regionCountries.get(k);
  if (direct) return direct;
  const v = res.lexicon.variants.get(k);
  if (v && res.countryOf.has(v)) return res.countryOf.get(v)!;
  for (const alt of res.lexicon.variantsOf.get(k) ?? []) if (res.countryOf.has(alt)) return res.countryOf.get(alt)!;
  return null;
}

/**
 * Roles written before a person's name: "[Russian] [Deputy Foreign Minister] Sergei Ryabkov",
 * "the chairman of the [Foreign Affairs Committee of the Russian State Duma] Leonid Slutsky".
 */
function roleBefore(m: Mention, words: string[], low: string[], sentence: Int32Array, mentions: Mention[], res: EntityResources): Mention['role'] {
  const lex = res.lexicon;
  let end = m.honorific ? m.first - 2 : m.first - 1; // last token before the name (and honorific)
  if (end < 0 || sentence[end] !== m.sentence) return null;
  // "TITLE of (the) ORG Name": the organisation gives the country and sector.
  const org = mentions.find((o) => o.last === end && o.type === 'ORG');
  if (org) {
    let k = org.first - 1;
    if (low[k] === 'the') k--;
    if (low[k] === 'of') {
      for (let len = Math.min(lex.maxTitleWords, k); len >= 1; len--) {
        const title = low.slice(k - len, k).join(' ');
        const sector = lex.titles.get(title);
        if (sector) return { title: `${words.slice(k - len, k).join(' ')} of ${words.slice(org.first, org.last + 1).join(' ')}`, sector: orgSector(org, low, res) ?? sector, country: orgCountry(org, low, res) };
      }
    }
    return null;
  }
  for (let len = Math.min(lex.maxTitleWords, end + 1); len >= 1; len--) {
    const a = end - len + 1;
    if (sentence[a] !== m.sentence) continue;
    const title = low.slice(a, end + 1).join(' ');
    const sector = lex.titles.get(title);
    if (!sector) continue;
    let country: string | null = null;
    let k = a - 1;
    if (k >= 0 && sentence[k] === m.sentence) {
      country = countryOfWords(low[k]!, res);
      if (!country && low[k] === "'s" && k > 0) country = countryOfWords(low[k - 1]!, res);
    }
    return { title: words.slice(a, end + 1).join(' '), sector, country, first: a };
  }
  return null;
}

/** An appositive role after the name: "Jan Novak, the Czech foreign minister," / "…, Russia's deputy foreign minister". */
function roleAfter(m: Mention, words: string[], low: string[], sentence: Int32Array, res: EntityResources): Mention['role'] {
  let k = m.last + 1;
  const at = (i: number) => (i < low.length && sentence[i] === m.sentence ? low[i]! : '');
  if (at(k) !== ',') return null;
  k++;
  if (at(k) === 'the' || at(k) === 'a' || at(k) === 'an') k++;
  const country = countryOfWords(at(k), res);
  if (!country) return null;
  k++;
  if (at(k) === "'s" || at(k) === '’s') k++;
  for (let len = res.lexicon.maxTitleWords; len >= 1; len--) {
    if (k + len > low.length || sentence[k + len - 1] !== m.sentence) continue;
    const title = low.slice(k, k + len).join(' ');
    const sector = res.lexicon.titles.get(title);
    if (sector) return { title: words.slice(k, k + len).join(' '), sector, country };
  }
  return null;
}

function orgCountry(org: Mention, low: string[], res: EntityResources): string | null {
  for (let i = org.first; i <= org.last; i++) {
    const c = countryOfWords(low[i]!, res);
    if (c) return c;
  }
  return null;
}

function orgSector(org: Mention, low: string[], res: EntityResources): string | null {
  for (let i = org.last; i >= org.first; i--) {
    const two = i > org.first ? res.lexicon.sectorWords.get(`${low[i - 1]} ${low[i]}`) : undefined;
    const s = two ?? res.lexicon.sectorWords.get(low[i]!);
    if (s) return s;
  }
  return null;
}

const PLACE_PREPS = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'outside', 'around', 'across', 'via', 'through', 'toward', 'towards', 'between', 'of', 'visit', 'visited', 'visiting']);

/**
 * A capital (or "Washington") acting as its government: the subject of an acting verb
 * ("Moscow has counted on …", "Kiev has lost"), an agent after "by", the object of a verb
 * of pressure followed by "to" ("force Washington to start"), the other side of talks
 * ("talks with Washington"), or a possessive of an acting noun ("Moscow's demands").
 */
function isActing(m: Mention, words: string[], low: string[], sentence: Int32Array, res: EntityResources): boolean {
  const written = low.slice(m.first, m.last + 1).join(' ');
  const key = res.lexicon.variants.get(written) ?? written;
  if (!res.capitals.has(key)) return false;
  const lex = res.lexicon;
  const n = low.length;
  const at = (i: number) => (i >= 0 && i < n && sentence[i] === m.sentence ? low[i]! : '');
  const next = at(m.last + 1);
  const prev = at(m.first - 1);
  if (next === "'s" || next === '’s') return !lex.placeNouns.has(at(m.last + 2));
  if (lex.actingPrepositionCues.has(prev)) return true;
  if (lex.actingObjectVerbs.has(prev) && at(m.last + 1) === 'to') return true;
  if (prev === 'with') {
    for (let k = m.first - 2; k >= m.first - 4; k--) if (lex.actingWithNouns.has(at(k))) return true;
  }
  if (PLACE_PREPS.has(prev)) return false;
  if (next && lex.actingVerbs.has(next)) return true;
  // "Moscow, for its part, says …" / "Moscow also demands": one adverb or a comma between.
  if (next.endsWith('ly') || next === 'also' || next === 'now' || next === 'still') return lex.actingVerbs.has(at(m.last + 2));
  return false;
}

/** "pro-Russian rebels", "Russian troops": a people word followed by a group noun names a group actor. */
function extendGroup(m: Mention, low: string[], sentence: Int32Array, tt: TaggerTokens, res: EntityResources): void {
  const k = m.last + 1;
  if (k >= low.length || sentence[k] !== m.sentence) return;
  const sector = res.lexicon.sectorWords.get(low[k]!);
  if (!sector || !/^(REB|MIL|GOV|OPP|COP|LEG|MED)$/.test(sector) || !/s$/.test(low[k]!)) return;
  m.last = k;
  m.end = tt.end[k]!;
  m.groupSector = sector;
}
