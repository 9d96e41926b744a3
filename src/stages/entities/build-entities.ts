/**
 * From mentions to entities: one entity per real-world thing (full names, surnames and titles,
 * spelling variants, acronyms defined in the text, dictionary aliases, capitals acting as their
 * government), definite descriptions ("the Russian president") attached where the text makes
 * the reference clear, and a CAMEO actor code for each.
 */
import type { Entity } from '../../core/document.js';
import { codeAt, nameKey, splitCode } from '../../resources/actor-dictionary.js';
import type { ActorCode, ActorEntry } from '../../resources/actor-dictionary.js';
import type { EntityResources } from './entity-resources.js';
import type { EntityType, Mention, TaggerTokens } from './recognize.js';
import { countryOfWords, MEMO_LIMIT } from './recognize.js';
import { ownString } from '../../core/own-string.js';

interface Cluster {
  key: string;
  mentions: Mention[];
  entry: ActorEntry | null;
  /** For capitals acting as governments and seats of power: the government code. */
  government: string | null;
  /** Lower-case name tokens of the longest name, for surname matching. */
  nameTokens: string[];
  acronyms: Set<string>;
}

/** canonicalKey's answers per resources (a pure function of the name). */
const keyMemo = new WeakMap<EntityResources, Map<string, string>>();

/** Name key with spelling variants folded ("Vladimir Poutine" → "vladimir putin", "Kiev" → "kyiv"). */
export function canonicalKey(name: string, res: EntityResources): string {
  let memo = keyMemo.get(res);
  if (!memo) { memo = new Map(); keyMemo.set(res, memo); }
  let k = memo.get(name);
  if (k === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    k = ownString(canonicalKeyNow(name, res));
    memo.set(ownString(name), k);
  }
  return k;
}

function canonicalKeyNow(name: string, res: EntityResources): string {
  const k = nameKey(name);
  const whole = res.lexicon.variants.get(k);
  if (whole) return whole;
  return k.split(' ').map((t) => res.lexicon.variants.get(t) ?? t).join(' ');
}

function lookup(key: string, type: EntityType, date: string | null, res: EntityResources): ActorEntry | null {
  const d = res.actors;
  let ids = d.byName.get(key) ?? [];
  if (ids.length === 0 && type === 'PERSON' && !key.includes(' ')) ids = d.bySurname.get(key) ?? [];
  const fits = ids.map((i) => d.entries[i]!).filter((e) => {
    if (e.petrarch) return true;
    if (type === 'PERSON') return e.type === 'PERSON';
    if (type === 'GPE' || type === 'LOC') return e.type !== 'PERSON';
    return true;
  });
  if (fits.length <= 1) return fits[0] ?? null;
  // Several people share a surname: the one in office on the document's date.
  const active = fits.find((e) => e.offices.some((o) => date && (!o[2] || o[2] <= date) && (!o[3] || date < o[3])));
  return active ?? fits[0]!;
}

function initials(words: string[]): string {
  return words.filter((w) => /^\p{Lu}/u.test(w) && !/^(of|the|and|for)$/i.test(w)).map((w) => w[0]).join('');
}

export function buildEntities(text: string, tt: TaggerTokens, mentions: Mention[], date: string | null, res: EntityResources): Entity[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const acronymOf = new Map<string, Cluster>();
  const nameOf = (m: Mention) => text.slice(m.nameStart, m.end);
  const low = tt.low;
  const keys = new Map<Mention, string>();
  const keyOf = (m: Mention) => {
    let k = keys.get(m);
    if (k === undefined) { k = canonicalKey(nameOf(m), res); keys.set(m, k); }
    return k;
  };

  const join = (key: string, m: Mention, entry: ActorEntry | null, government: string | null): Cluster => {
    let c = byKey.get(key);
    if (!c) {
      c = { key, mentions: [], entry, government, nameTokens: [], acronyms: new Set() };
      clusters.push(c);
      byKey.set(key, c);
    }
    c.mentions.push(m);
    const toks = keyOf(m).split(' ');
    if (!m.acting && toks.length > c.nameTokens.length) c.nameTokens = toks;
    return c;
  };

  for (const m of mentions) {
    const name = nameOf(m);
    const key = keyOf(m);
    // Acronym used after its definition: "European Union (EU) … the EU".
    const viaAcronym = acronymOf.get(name);
    if (viaAcronym && m.type !== 'PERSON') { viaAcronym.mentions.push(m); continue; }
    if (m.acting) {
      const country = countryOfWords(key, res) ?? (key === 'washington' ? 'USA' : null);
      if (country) { join(`gov:${country}GOV`, m, null, `${country}GOV`); continue; }
    }
    // A surname alone is first the person of that name already met in this document.
    if (m.type === 'PERSON' && !key.includes(' ')) {
      const met = clusters.find((x) => x.mentions[0]!.type === 'PERSON' && !x.key.startsWith('gov:') && x.nameTokens.length > 1 && x.nameTokens[x.nameTokens.length - 1] === key);
      if (met) { join(met.key, m, null, null); continue; }
    }
    const entry = m.groupSector ? null : lookup(key, m.type, date, res);
    let c: Cluster;
    if (entry) {
      if (entry.petrarch) { /* PETRARCH entries carry no type: keep the tagger's */ }
      else if (entry.type === 'PERSON') m.type = 'PERSON';
      else if (m.type === 'PERSON' || m.type === 'OTHER' || m.type === 'NORP' || (entry.type === 'ORG' && (m.type === 'GPE' || m.type === 'LOC'))) m.type = entry.type;
      const code = entry.code ?? null;
      c = entry.seat && code ? join(`gov:${code}`, m, entry, code) : join(`d:${nameKey(entry.name)}`, m, entry, null);
      if (!c.entry) c.entry = entry;
    } else if (m.type === 'PERSON') {
      const toks = key.split(' ');
      // Surname or full name of a person already met: one entity.
      const prior = clusters.find((x) => x.mentions[0]!.type === 'PERSON' && !x.key.startsWith('gov:') && (
        (toks.length === 1 && x.nameTokens[x.nameTokens.length - 1] === toks[0]) ||
        (x.nameTokens.length === 1 && toks[toks.length - 1] === x.nameTokens[0]) ||
        (toks.length > 1 && x.nameTokens.join(' ').endsWith(` ${toks.join(' ')}`))));
      c = prior ? join(prior.key, m, null, null) : join(`p:${key}`, m, null, null);
    } else {
      c = join(`n:${m.type === 'NORP' && m.groupSector ? 'G' : ''}${key}`, m, null, null);
    }
    // Acronym defined right after the name: "European Union (EU)".
    const after = m.last + 1;
    if (m.type !== 'PERSON' && tt.words[after] === '(' && tt.words[after + 2] === ')' && tt.sentence[after + 1] === m.sentence) {
      const acr = tt.words[after + 1]!;
      if (/^\p{Lu}[\p{Lu}.&]{1,9}$/u.test(acr) && initials(tt.words.slice(m.first, m.last + 1)) === acr.replace(/\./g, '')) {
        acronymOf.set(acr, c);
        c.acronyms.add(acr);
      }
    }
  }

  // Acronym mentions recognised before the definition was seen, or by the tagger as separate entities.
  for (const [acr, target] of acronymOf) {
    for (const c of [...clusters]) {
      if (c === target || c.entry) continue;
      if (c.mentions.every((m) => nameOf(m) === acr)) {
        target.mentions.push(...c.mentions);
        clusters.splice(clusters.indexOf(c), 1);
      }
    }
  }

  // A surname met before (or apart from) the full name: "Clinton … Hillary Clinton", or a surname
  // the tagger typed as a place or organisation ("Trump" … "Mr. Trump"): one person when exactly
  // one full name in the document ends with it.
  for (const c of [...clusters]) {
    if (c.government || c.mentions.some((m) => m.acting || m.groupSector)) continue;
    const k = keyOf(c.mentions[0]!);
    if (k.includes(' ') || !c.mentions.every((m) => keyOf(m) === k)) continue;
    if (c.entry && nameKey(c.entry.name) === k) continue;
    if (c.mentions[0]!.type !== 'PERSON' && (countryOfWords(k, res) || c.entry)) continue;
    const surname = (p: Cluster) => (p.entry?.type === 'PERSON' ? nameKey(p.entry.name).split(' ').pop() : p.nameTokens.length > 1 || p.mentions.some((m) => m.honorific) ? p.nameTokens[p.nameTokens.length - 1] : null);
    const people = clusters.filter((p) => p !== c && !p.government && p.mentions.some((m) => m.type === 'PERSON') && surname(p) === k);
    if (people.length !== 1) continue;
    for (const m of c.mentions) m.type = 'PERSON';
    people[0]!.mentions.push(...c.mentions);
    clusters.splice(clusters.indexOf(c), 1);
  }

  // Definite descriptions: "the Russian president", "his American counterpart".
  const described = describe(tt, low, mentions, clusters, date, res);
  for (const [c, m] of described) c.mentions.push(m);

  const entities: { first: number; c: Cluster }[] = clusters.map((c) => {
    c.mentions.sort((a, b) => a.start - b.start);
    return { first: c.mentions[0]!.start, c };
  });
  entities.sort((a, b) => a.first - b.first);
  // Pushed one by one, like the mentions (see spansOf): every stage after this one reads the layer.
  const out: Entity[] = [];
  for (let i = 0; i < entities.length; i++) out.push(toEntity(`e${i + 1}`, entities[i]!.c, text, date, res));
  return out;
}

/** s.split(/\s+/).length without the array: runs of white space (as \s defines it) plus one. */
export function wordCount(s: string): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const space = isSpace(s.charCodeAt(i));
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

/** The code units \s matches: ECMAScript white space (Zs and tab, VT, FF, BOM) and line terminators. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function voteType(c: Cluster): EntityType {
  if (c.government) return 'ORG';
  if (c.entry && !c.entry.petrarch) return c.entry.type;
  const votes = new Map<EntityType, number>();
  for (const m of c.mentions) if (!m.role || m.type === 'PERSON') votes.set(m.type, (votes.get(m.type) ?? 0) + (m.conll === 'DESC' ? 0 : 1));
  let best: EntityType = c.mentions[0]!.type;
  for (const [t, v] of votes) if (v > (votes.get(best) ?? 0)) best = t;
  return best;
}

function toEntity(id: string, c: Cluster, text: string, date: string | null, res: EntityResources): Entity {
  const type = voteType(c);
  const names = c.mentions.filter((m) => m.conll !== 'DESC').map((m) => text.slice(m.nameStart, m.end));
  const surfaces = c.mentions.filter((m) => m.conll !== 'DESC').map((m) => text.slice(m.start, m.end));
  // The first of the names with the most words.
  let name = names[0] ?? text.slice(c.mentions[0]!.start, c.mentions[0]!.end);
  let most = wordCount(name);
  for (const b of names) {
    const k = wordCount(b);
    if (k > most) { most = k; name = b; }
  }
  if (c.entry && !c.entry.petrarch) name = c.entry.name;
  const aliases = [...new Set([...surfaces, ...c.acronyms])].filter((s) => s !== name);
  return {
    id,
    name,
    type,
    aliases,
    actor: codeCluster(c, type, date, text, res),
    mentions: spansOf(c.mentions),
  };
}

/**
 * The mentions' spans, pushed one by one: Array.prototype.map returns holey or packed arrays by
 * circumstance, and every stage that reads entity mentions then recompiled for the second kind.
 */
function spansOf(mentions: readonly Mention[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of mentions) out.push({ start: m.start, end: m.end });
  return out;
}

function codeCluster(c: Cluster, type: EntityType, date: string | null, text: string, res: EntityResources): ActorCode | null {
  if (c.government) {
    const s = splitCode(c.government);
    return { code: c.government, country: s.country, sector: s.sector, role: null };
  }
  if (c.entry) return codeAt(c.entry, date);
  const m0 = c.mentions[0]!;
  const key = canonicalKey(text.slice(m0.nameStart, m0.end), res);
  if (type === 'PERSON') {
    const r = c.mentions.find((m) => m.role)?.role;
    if (!r) return null;
    return { code: `${r.country ?? ''}${r.sector}`, country: r.country, sector: r.sector, role: r.title };
  }
  if (type === 'GPE' || type === 'LOC') {
    const country = countryOfWords(key, res);
    return country ? { code: country, country, sector: null, role: null } : null;
  }
  if (type === 'NORP') {
    const base = key.replace(/ \S+$/, m0.groupSector ? '' : '$&');
    const pro = /^(pro|anti)-/.test(base);
    let country = countryOfWords(base.replace(/^(pro|anti)-/, ''), res);
    if (m0.groupSector) {
      // "pro-Russian rebels" fight in another country: the place named in the same sentence.
      if (pro) country = m0.placeCountry ?? country;
      return country ? { code: `${country}${m0.groupSector}`, country, sector: m0.groupSector, role: null } : { code: m0.groupSector, country: null, sector: m0.groupSector, role: null };
    }
    return country && !pro ? { code: country, country, sector: null, role: null } : null;
  }
  if (type === 'ORG') {
    const words = key.split(' ');
    let country: string | null = null;
    let sector: string | null = null;
    for (let i = 0; i < words.length; i++) {
      country ??= countryOfWords(words[i]!, res);
      const s = (i + 1 < words.length ? res.lexicon.sectorWords.get(`${words[i]} ${words[i + 1]}`) : undefined) ?? res.lexicon.sectorWords.get(words[i]!);
      if (s) sector = s;
    }
    if (country && sector) return { code: `${country}${sector}`, country, sector, role: null };
    return null;
  }
  return null;
}

const DETERMINERS = new Set(['the', 'his', 'her', 'its', 'their']);

/** Finds "the (Russian) president", "his American counterpart" and links them to a coded person. */
function describe(tt: TaggerTokens, low: string[], mentions: Mention[], clusters: Cluster[], date: string | null, res: EntityResources): [Cluster, Mention][] {
  const out: [Cluster, Mention][] = [];
  const covered = new Uint8Array(low.length);
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) covered[i] = 1;
  const people = clusters.filter((c) => c.mentions[0]!.type === 'PERSON' || c.entry?.type === 'PERSON');
  const codes = new Map(people.map((c) => [c, codeOf(c, date)]));
  for (let i = 0; i + 2 < low.length; i++) {
    // The, his, her, its, their: three or five letters (a cheap test before the set's).
    const len = low[i]!.length;
    if ((len !== 3 && len !== 5) || !DETERMINERS.has(low[i]!)) continue;
    const country = countryOfWords(low[i + 1]!, res);
    if (!country || tt.sentence[i + 1] !== tt.sentence[i]) continue;
    const end = describedPerson(tt, low, i, country, covered, people, codes, res, out);
    if (end >= 0) i = end;
  }
  return out;
}

/**
 * The rest of describe from a determiner and a country word at i ("the Russian …"): the title
 * after them and the one coded person it fits, pushed to out; returns the description's last
 * token, or -1. A function of its own: most articles never get this far, and V8 recompiled the
 * whole scan each time one of its rare paths first ran.
 */
function describedPerson(tt: TaggerTokens, low: string[], i: number, country: string, covered: Uint8Array, people: Cluster[],
  codes: Map<Cluster, ActorCode | null>, res: EntityResources, out: [Cluster, Mention][]): number {
  const k = i + 2;
  let title: string | null = null;
  let end = -1;
  for (let len = 3; len >= 1; len--) {
    const t = low.slice(k, k + len).join(' ');
    if (k + len <= low.length && tt.sentence[k + len - 1] === tt.sentence[i] && (t === 'counterpart' || t === 'head of state' || res.lexicon.titles.get(t) === 'GOV')) { title = t; end = k + len - 1; break; }
  }
  if (!title) return -1;
  // A name right after ("the Russian president Vladimir Putin") is the mention itself.
  if (end + 1 < low.length && covered[end + 1]) return -1;
  if (covered[i] || covered[end]) return -1;
  const fits = people.filter((c) => {
    const a = codes.get(c);
    if (!a || a.country !== country) return false;
    if (title === 'counterpart' || title === 'leader' || title === 'head of state') return a.sector === 'GOV';
    return (a.role ?? '').toLowerCase() === title || (a.role ?? '').toLowerCase().endsWith(` ${title}`) && !(a.role ?? '').toLowerCase().startsWith('vice');
  });
  if (fits.length !== 1) return -1;
  const first = i;
  out.push([fits[0]!, {
    start: tt.start[first]!, end: tt.end[end]!, nameStart: tt.start[first]!, type: 'PERSON', conll: 'DESC', first, last: end,
    sentence: tt.sentence[first]!, honorific: null, role: null, acting: false, groupSector: null, placeCountry: null,
  }]);
  return end;
}

function codeOf(c: Cluster, date: string | null): ActorCode | null {
  if (c.entry) return codeAt(c.entry, date);
  const r = c.mentions.find((m) => m.role)?.role;
  return r ? { code: `${r.country ?? ''}${r.sector}`, country: r.country, sector: r.sector, role: r.title } : null;
}
