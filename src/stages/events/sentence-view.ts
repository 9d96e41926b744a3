/**
 * A light view over the tokens for the coder: lower-cased words, per-token actor mentions
 * (from the entities layer), clause boundaries and quotation spans. Built once per document.
 */
import type { Entity } from '../../core/document.js';
import type { WorkingDocument } from '../../pipeline/stage.js';
import type { AgentDictionary, AgentEntry } from '../../resources/actor-agents.js';
import { countryAlpha3 } from '../../resources/gazetteer.js';
import type { SyntaxGraph } from '../syntax/syntax-graph.js';
import type { TokenTable } from '../tokens/token-table.js';
import type { Span } from '../../core/span.js';

export interface ActorMention {
  /** First and last token (inclusive) of the mention. */
  first: number;
  last: number;
  /** The entity, or null for an agent named without one ("police", "the rebels"). */
  entity: Entity | null;
  /** CAMEO actor code, or null for an entity without one. */
  code: string | null;
  /** How the code was made, when not straight from the entity ("agent: government"). */
  agent?: string;
  /** True when the code is the country of a place with no actor code of its own ("Crimea" → UKR). */
  place?: boolean;
}

/**
 * An actor mention with every field present, in one order: mentions made with and without
 * `agent` or `place` would give V8 several object shapes, and the coder's reads of them would
 * turn polymorphic (and be recompiled as each shape first appears).
 */
export function actorMention(first: number, last: number, entity: Entity | null, code: string | null, agent?: string, place?: boolean): ActorMention {
  return { first, last, entity, code, agent, place };
}

export interface DocView {
  text: string;
  /** Lower-cased token words. */
  words: string[];
  start: Int32Array;
  end: Int32Array;
  /** sentence index of each token */
  sentence: Int32Array;
  /** first token of each sentence (length = sentences + 1, last = token count) */
  sentenceFirst: Int32Array;
  /** mention covering each token, or null */
  mentionAt: (ActorMention | null)[];
  /** true for tokens inside a quotation */
  quoted: Uint8Array;
  /** the speaking entity of the quotation holding each token (quotes layer), or null */
  speakerAt: (Entity | null)[];
  /** paragraph number of each sentence (a blank line starts a new paragraph) */
  paragraph: Int32Array;
  /** 1 for a token the syntax layer reads as the head of a determined noun phrase ("the press release") */
  determinedNoun: Uint8Array;
}

/** Words that open a new clause: the coder never looks for arguments across them. */
export const CLAUSE_OPENERS = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'if', 'unless', 'because', 'although', 'though', 'while',
  'whereas', 'when', 'after', 'before', 'since', 'where', 'but', 'whether', ';', ':', '(', ')', '[', ']', '—', '–',
]);

const OPEN_QUOTE = /^[“«„"]$/u;
const CLOSE_QUOTE = /^[”»"“]$/u;

export interface ViewOptions {
  agents?: AgentDictionary;
  /** Code agents named without a country ("police" → COP). */
  standaloneAgents?: boolean;
}

/** ISO alpha-3 for an alpha-2 country code (places may give either), from world-countries. */
function alpha3(cc2: string): string | null {
  return countryAlpha3().get(cc2) ?? null;
}

/**
 * Built in phases, one function each: V8 optimises each on its own, so a rarely taken path (a
 * dateline, a text without quotes layer) deoptimises only its phase, not the whole view.
 */
export function buildDocView(doc: Readonly<WorkingDocument>, options: ViewOptions = {}): DocView {
  const tt = doc.tokens!;
  const n = tt.length;
  const words = lowerWords(doc.text, tt);
  const sentenceFirst = firstTokens(tt.sentence, n, doc.sentences.length);
  const mentionAt = entityMentions(doc, tt);
  if (options.agents) addAgents(words, mentionAt, options.agents, options.standaloneAgents ?? false, tt.sentence);
  addIssuers(words, mentionAt, tt.sentence);
  // "SINGAPORE: … the government will …": an agent named without a country is the dateline country's.
  const dateline = datelineCountry(doc);
  if (dateline) addDatelineCountry(mentionAt, dateline);
  // Quotations: the quotes layer when present, else paired quote marks within a paragraph.
  const quoted = new Uint8Array(n);
  const speakerAt = new Array<Entity | null>(n).fill(null);
  if (doc.quotes.length > 0) markQuotes(doc, tt, quoted, speakerAt);
  else markQuoteMarks(doc.text, words, tt, quoted);
  const paragraph = paragraphs(doc.text, doc.sentences);
  const determinedNoun = new Uint8Array(n);
  const g = doc.parse;
  if (g && g.length === n) markDeterminedNouns(determinedNoun, g, 0, n);
  return { text: doc.text, words, start: tt.start, end: tt.end, sentence: tt.sentence, sentenceFirst, mentionAt, quoted, speakerAt, paragraph, determinedNoun };
}

/** Lower-cased token words, ’ read as '. */
function lowerWords(text: string, tt: TokenTable): string[] {
  const n = tt.length;
  const words = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const w = text.slice(tt.start[i]!, tt.end[i]!).toLowerCase();
    // most words have no ’: skip the regular expression for them (same strings)
    words[i] = w.includes('’') ? w.replace(/’/g, "'") : w;
  }
  return words;
}

/** First token of each sentence (length = sentences + 1, last = token count). */
function firstTokens(sentence: Int32Array, n: number, ns: number): Int32Array {
  const sentenceFirst = new Int32Array(ns + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) sentenceFirst[sentence[i]!] = i;
  for (let s = ns - 1; s >= 0; s--) if (sentenceFirst[s]! > sentenceFirst[s + 1]!) sentenceFirst[s] = sentenceFirst[s + 1]!;
  return sentenceFirst;
}

/** The entity mention covering each token (a place without an actor code stands for its country). */
function entityMentions(doc: Readonly<WorkingDocument>, tt: TokenTable): (ActorMention | null)[] {
  const n = tt.length;
  const mentionAt = new Array<ActorMention | null>(n).fill(null);
  // A place without an actor code stands for its country ("the annexation of Crimea" → UKR).
  const placeCountry = new Map<string, string>();
  for (const p of doc.places) {
    const c = p.country && (/^[A-Z]{3}$/.test(p.country) ? p.country : /^[A-Z]{2}$/.test(p.country) ? alpha3(p.country) : null);
    if (p.entity && c && !p.metonymic) placeCountry.set(p.entity, c);
  }
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      const first = lowerBound(tt.start, n, m.start);
      let last = first;
      while (last + 1 < n && tt.end[last + 1]! <= m.end) last++;
      if (first >= n || tt.start[first]! >= m.end) continue;
      const am = actorMention(first, last, e, e.actor?.code ?? placeCountry.get(e.id) ?? null, undefined, !e.actor && placeCountry.has(e.id) ? true : undefined);
      for (let i = first; i <= last; i++) mentionAt[i] = am;
    }
  }
  return mentionAt;
}

/** Agents coded by sector alone take the dateline's country. */
function addDatelineCountry(mentionAt: (ActorMention | null)[], dateline: string): void {
  const done = new Set<ActorMention>();
  for (const m of mentionAt) {
    if (!m || done.has(m) || m.entity !== null || !m.code || !SECTORS.has(m.code)) continue;
    done.add(m);
    m.code = `${dateline}${m.code}`;
    m.agent = `${m.agent ?? m.code} (country of the dateline)`;
  }
}

/** Tokens inside quotations of the quotes layer (not indirect ones) and their speakers. */
function markQuotes(doc: Readonly<WorkingDocument>, tt: TokenTable, quoted: Uint8Array, speakerAt: (Entity | null)[]): void {
  const n = tt.length;
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  for (const q of doc.quotes) {
    const speaker = q.speaker ? byId.get(q.speaker) ?? null : null;
    for (let i = lowerBound(tt.start, n, q.start); i < n && tt.start[i]! < q.end; i++) {
      if (q.kind !== 'indirect') quoted[i] = 1;
      speakerAt[i] = speaker;
    }
  }
}

/** Without a quotes layer: tokens between paired quote marks within a paragraph. */
function markQuoteMarks(text: string, words: readonly string[], tt: TokenTable, quoted: Uint8Array): void {
  let open = false;
  let lastPara = -1;
  for (let i = 0; i < tt.length; i++) {
    const w = words[i]!;
    const para = paragraphOf(text, tt.start[i]!);
    if (para !== lastPara) { open = false; lastPara = para; }
    if (!open && OPEN_QUOTE.test(w)) { open = true; continue; }
    if (open && CLOSE_QUOTE.test(w)) { open = false; continue; }
    if (open) quoted[i] = 1;
  }
}

/** Paragraph number of each sentence (a blank line starts a new paragraph). */
function paragraphs(text: string, sentences: readonly Span[]): Int32Array {
  const ns = sentences.length;
  const paragraph = new Int32Array(ns);
  let para = 0;
  for (let s = 1; s < ns; s++) {
    const gap = text.slice(sentences[s - 1]!.end, sentences[s]!.start);
    if (/\n\s*\n/.test(gap)) para++;
    paragraph[s] = para;
  }
  return paragraph;
}

/** Marks the heads of determined noun phrases among tokens [from, to) of the parse (again after a sentence is parsed). */
export function markDeterminedNouns(determinedNoun: Uint8Array, g: SyntaxGraph, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const h = g.head[i]!;
    if (h >= 0 && g.upos[h] === 'NOUN' && (g.rel[i] === 'det' || g.rel[i] === 'nmod:poss')) determinedNoun[h] = 1;
  }
}

/** ISO alpha-3 of the place named in the dateline ("SINGAPORE:", "GUATEMALA CITY --"), or null. */
function datelineCountry(doc: Readonly<WorkingDocument>): string | null {
  const region = doc.regions.find((r) => r.kind === 'dateline');
  const lead = doc.body[0]?.start ?? 0;
  for (const p of doc.places) {
    if (p.metonymic || !p.country) continue;
    const inDateline = p.mentions.some((m) => (region && m.start >= region.start && m.end <= region.end)
      || (m.start === lead && /^(,[^.\n]{0,30}?)?\s*(\([A-Za-z]+\))?\s*(--|—|:)/.test(doc.text.slice(m.end, m.end + 40))));
    if (!inDateline) continue;
    const c = /^[A-Z]{3}$/.test(p.country) ? p.country : /^[A-Z]{2}$/.test(p.country) ? alpha3(p.country) : null;
    if (c) return c;
  }
  return null;
}

const SKIPPABLE = /^(main|largest|senior|top|former|new|chief|deputy|local|state|national|federal|regional|security|border|foreign|armed|official|acting|interim|first|the|'s|of|from|in)$/;

/** The agent phrase starting at token i, if any (longest first). */
function agentAt(words: readonly string[], i: number, agents: AgentDictionary): AgentEntry | null {
  for (const e of agents.byFirst.get(words[i]!) ?? []) {
    let ok = true;
    for (let k = 1; k < e.words.length; k++) if (words[i + k] !== e.words[k]) { ok = false; break; }
    if (ok) return e;
  }
  return null;
}

/** CAMEO sector codes: a three-letter code that is one of these is not a country. */
const SECTORS = new Set(['GOV', 'MIL', 'COP', 'REB', 'INS', 'OPP', 'LEG', 'JUD', 'MED', 'BUS', 'LAB', 'EDU', 'REL', 'CVL', 'REF', 'HRI', 'SPY', 'CRM', 'NGO', 'IGO', 'ELI', 'UAF', 'AGR', 'HLH', 'MNC', 'SEP', 'PTY']);

function countryOnly(m: ActorMention | null): m is ActorMention {
  return !!m && !!m.code && /^[A-Z]{3}$/.test(m.code) && !SECTORS.has(m.code) && m.agent === undefined;
}

/**
 * Agents: "Gondor's government", "the Tunisian police", "soldiers from Mali", "the government of
 * Gondor" become one mention coded country + sector; an agent with no country is coded alone when asked.
 */
function addAgents(words: readonly string[], mentionAt: (ActorMention | null)[], agents: AgentDictionary, standalone: boolean, sentence: Int32Array): void {
  const n = words.length;
  const same = (k: number, i: number) => k >= 0 && k < n && sentence[k] === sentence[i];
  // A person the entities layer coded with a sector only ("President X" → GOV) takes the country
  // named just before ("Fornost President X" → FORGOV).
  for (let i = 1; i < n; i++) {
    const m = mentionAt[i];
    if (!m || m.first !== i || !m.code || !SECTORS.has(m.code)) continue;
    let j = i - 1;
    if (words[j] === "'s") j--;
    const c = same(j, i) ? mentionAt[j] ?? null : null;
    if (!countryOnly(c)) continue;
    const am = actorMention(c.first, m.last, m.entity, `${c.code}${m.code}`, `title of ${m.entity?.name ?? 'a person'}`);
    for (let k = am.first; k <= am.last; k++) mentionAt[k] = am;
  }
  for (let i = 0; i < n; i++) {
    const host = mentionAt[i] ?? null;
    // a title may open a name a few words in ("first Deputy Prime Minister Telemar")
    if (host && (host.first < i - 3 || host.agent !== undefined || (host.code && host.code.length > 3))) continue;
    const e = agentAt(words, i, agents);
    if (!e) continue;
    const last = i + e.words.length - 1;
    const label = e.words.join(' ');
    // a person named right after the title ("Prime Minister Romendacil"), or the title inside the name
    let person: ActorMention | null = host && host.last >= last ? host : null;
    if (host && !person) continue;
    if (!person && same(last + 1, i) && mentionAt[last + 1]?.entity?.type === 'PERSON' && !(mentionAt[last + 1]!.code && mentionAt[last + 1]!.code!.length > 3)) person = mentionAt[last + 1]!;
    // a person the entities layer already coded with a sector alone ("GOV") keeps it
    if (person?.code && !countryOnly(person)) continue;
    // left: country mention, then up to three modifier words ("Gondor's main opposition group")
    let j = i - 1;
    let skipped = 0;
    while (same(j, i) && !mentionAt[j] && skipped < 3 && SKIPPABLE.test(words[j]!) && !/^(of|from|in)$/.test(words[j]!)) { j--; skipped++; }
    let country: ActorMention | null = same(j, i) && countryOnly(mentionAt[j] ?? null) ? mentionAt[j]! : null;
    let first = country ? country.first : i;
    let lastTok = Math.max(last, person?.last ?? last);
    if (!country && person && countryOnly(person)) country = person;
    if (!country) {
      // right: "government of Gondor", "soldiers from Gondor", "officials in Gondor"
      let k = lastTok + 1;
      if (k < n && /^(of|from|in)$/.test(words[k]!)) {
        k++;
        if (words[k] === 'the') k++;
        const r = same(k, i) ? mentionAt[k] ?? null : null;
        if (countryOnly(r)) {
          country = r;
          lastTok = r.last;
          // "the ambassadors of A, B and C", "lawmakers in A and B": the agent applies to each
          let q = r.last + 1;
          for (;;) {
            while (q < n && (words[q] === ',' || words[q] === 'and' || words[q] === 'the')) q++;
            const c = q < n && same(q, i) && q > lastTok + 1 ? mentionAt[q] ?? null : null;
            if (!countryOnly(c)) break;
            const cm = actorMention(c.first, c.last, c.entity, composeCode(e, c.code!), label);
            for (let x = c.first; x <= c.last; x++) mentionAt[x] = cm;
            lastTok = c.last;
            q = c.last + 1;
          }
          lastTok = r.last;
        }
      }
    }
    let am: ActorMention;
    if (country) {
      am = actorMention(Math.min(first, i, host?.first ?? i), lastTok, person?.entity ?? country.entity, composeCode(e, country.code!.slice(0, 3)), label);
    } else if (standalone && !host) {
      am = person && !person.code
        // "City Councilman X": a named person with a title but no country is coded by the title alone
        ? actorMention(i, Math.max(last, person.last), person.entity, e.code, label)
        : actorMention(i, last, null, e.code, label);
    } else if (standalone && person && !person.code && host === person) {
      am = actorMention(Math.min(i, person.first), Math.max(last, person.last), person.entity, e.code, label);
    } else continue;
    first = am.first;
    for (let k = am.first; k <= am.last; k++) mentionAt[k] = am;
    i = am.last;
  }
}

/** An agent's code joined to a country's: the agent's code first when it is a prefix (a function, not a closure per agent). */
function composeCode(e: AgentEntry, country: string): string {
  return e.prefix ? `${e.code}${country}` : `${country}${e.code}`;
}

/** Nouns naming a text an actor issued: "the statement from the Kremlin", later "the press release". */
const DOCUMENT_NOUNS = new Set(['statement', 'release', 'communique', 'communiqué', 'readout', 'declaration']);
const ISSUER_WINDOW = 8;

/**
 * A document noun stands for its issuer: "the statement released by X", "the statement from X",
 * "X's statement" name it; a later definite "the press release"/"the statement" with no issuer of
 * its own is the last one named, within a few sentences.
 */
function addIssuers(words: readonly string[], mentionAt: (ActorMention | null)[], sentence: Int32Array): void {
  let last: ActorMention | null = null;
  for (let i = 0; i < words.length; i++) {
    if (!DOCUMENT_NOUNS.has(words[i]!) || mentionAt[i]) continue;
    // "release" only as "press release", whose "press" is then no media actor of its own
    const press = words[i - 1] === 'press';
    if (words[i] === 'release' && !press) continue;
    if (press && mentionAt[i - 1]?.first === i - 1 && mentionAt[i - 1]?.last === i - 1) mentionAt[i - 1] = null;
    const b = press ? i - 2 : i - 1;
    let issuer: ActorMention | null = null;
    // "X's statement", "the Kremlin statement"
    const before = mentionAt[b] ?? (words[b] === "'s" ? mentionAt[b - 1] ?? null : null);
    if (before?.code && sentence[b] === sentence[i]) issuer = before;
    // "the statement from/by/of X", "the statement released by X"
    for (let k = i + 1; !issuer && k < Math.min(words.length, i + 5) && sentence[k] === sentence[i]; k++) {
      const w = words[k]!;
      if (w !== 'from' && w !== 'by' && w !== 'of') continue;
      let j = k + 1;
      if (words[j] === 'the') j++;
      const m = mentionAt[j];
      if (m?.code) issuer = m;
      break;
    }
    if (issuer) {
      last = issuer;
    } else if (last && words[b] === 'the') {
      if (sentence[i]! - sentence[last!.first]! > ISSUER_WINDOW) continue;
      const am = actorMention(i, i, last!.entity, last!.code, `the ${words[i]} of ${last!.entity?.name ?? last!.code}`);
      mentionAt[i] = am;
    }
  }
}

let paraCache: { text: string; breaks: number[] } | null = null;
/** Index of the paragraph containing offset (blank-line separated). */
function paragraphOf(text: string, offset: number): number {
  if (paraCache?.text !== text) {
    const breaks: number[] = [];
    const re = /\n\s*\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) breaks.push(m.index);
    paraCache = { text, breaks };
  }
  const b = paraCache.breaks;
  let lo = 0;
  let hi = b.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (b[mid]! < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

function lowerBound(a: Int32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid]! < v) lo = mid + 1; else hi = mid; }
  return lo;
}

/** First and one-past-last token of the sentence holding token i. */
export function sentenceBounds(v: DocView, i: number): [number, number] {
  const s = v.sentence[i]!;
  return [v.sentenceFirst[s]!, v.sentenceFirst[s + 1]!];
}
