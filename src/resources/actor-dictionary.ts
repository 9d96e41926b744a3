/**
 * The actor dictionary: people and organisations with CAMEO codes and dates of office, from
 * data/actors.json (Casus's curated list), user files in the same JSON format, or PETRARCH
 * actor dictionaries (`NAME [CODE]`, `+ALIAS`, dated `[CODE >YYMMDD]` lines). Loaded once, lazily.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';

const Code = z.string().regex(/^[A-Z0-9]{3,15}$/);
const Day = z.string().regex(/^\d{4}-\d\d-\d\d$/);
/** [code, role, from, to]: `from` inclusive, `to` exclusive, null for open-ended. */
const Office = z.tuple([Code, z.string().nullable(), Day.nullable(), Day.nullable()]);

const ActorEntrySchema = z.object({
  name: z.string().min(1),
  type: z.enum(['PERSON', 'ORG', 'GPE']),
  aliases: z.array(z.string().min(1)).default([]),
  /** Home country (ISO alpha-3) when the offices do not say it (or for IGO offices). */
  country: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  /** Organisations: one code. People: offices with dates. */
  code: Code.optional(),
  offices: z.array(Office).default([]),
  /** A seat of power standing for its government ("the Kremlin"): merges with the government's other names. */
  seat: z.boolean().optional(),
  /** Imported from a PETRARCH dictionary: no entity type, names in capitals. */
  petrarch: z.boolean().optional(),
});
export type ActorEntry = z.infer<typeof ActorEntrySchema>;

const ActorFileSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  actors: z.array(ActorEntrySchema),
});

export interface ActorCode {
  code: string;
  country: string | null;
  sector: string | null;
  role: string | null;
}

export interface ActorDictionary {
  entries: ActorEntry[];
  /** normalized full name or alias → entry indices */
  byName: Map<string, number[]>;
  /** normalized last name of people → entry indices */
  bySurname: Map<string, number[]>;
  /** Every proper word-prefix of a name key ("european", "european central"), to stop matching early. */
  prefixes: Set<string>;
}

/** Lower case, no diacritics, no full stops, single spaces, no leading "the". */
export function nameKey(s: string): string {
  if (/^[A-Za-z]+$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[_\s]+/g, ' ')
    .replace(/\.(?=\S)/g, '')
    .replace(/\./g, '')
    .replace(/^the /, '')
    .trim();
}

export function buildActorDictionary(entries: ActorEntry[]): ActorDictionary {
  const byName = new Map<string, number[]>();
  const bySurname = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    if (!k) return;
    const l = m.get(k);
    if (!l) m.set(k, [i]);
    else if (!l.includes(i)) l.push(i);
  };
  const prefixes = new Set<string>();
  entries.forEach((e, i) => {
    for (const n of [e.name, ...e.aliases]) {
      add(byName, nameKey(n), i);
      const words = nameKey(n).split(' ');
      for (let k = 1; k < words.length; k++) prefixes.add(words.slice(0, k).join(' '));
      if (e.type === 'PERSON') {
        const parts = nameKey(n).split(' ');
        if (parts.length > 1) add(bySurname, parts[parts.length - 1]!, i);
      }
    }
  });
  return { entries, byName, bySurname, prefixes };
}

/** Later dictionaries first: a user's entry for a name replaces the bundled one. */
export function mergeActorDictionaries(dicts: readonly ActorDictionary[]): ActorDictionary {
  const entries: ActorEntry[] = [];
  const seen = new Set<string>();
  for (const d of [...dicts].reverse()) {
    for (const e of d.entries) {
      const k = nameKey(e.name);
      if (seen.has(k)) continue;
      seen.add(k);
      entries.push(e);
    }
  }
  return buildActorDictionary(entries);
}

/** Country and sector of a CAMEO actor code: IGOs carry their region ("IGOEUREEC" → EUR). */
export function splitCode(code: string): { country: string | null; sector: string | null } {
  if (code.startsWith('IGO') || code.startsWith('NGO') || code.startsWith('IMG')) {
    return { country: code.length >= 6 ? code.slice(3, 6) : null, sector: code.slice(0, 3) };
  }
  if (code.length < 3 || code.startsWith('---')) return { country: null, sector: null };
  return { country: code.slice(0, 3), sector: code.length >= 6 ? code.slice(3, 6) : null };
}

/**
 * The entry's code on a date (YYYY-MM-DD): the office held then; after the last office ends,
 * the home country's elite ("USAELI", role "former President"); before the first, the country.
 * Without a date, the most recent office.
 */
export function codeAt(entry: ActorEntry, date: string | null): ActorCode {
  if (entry.code) {
    const s = splitCode(entry.code);
    return { code: entry.code, country: entry.country ?? s.country, sector: s.sector, role: null };
  }
  const offices = entry.offices;
  if (offices.length === 0) {
    const c = entry.country ?? null;
    return { code: c ?? '---', country: c, sector: null, role: null };
  }
  const make = (o: (typeof offices)[number]): ActorCode => {
    const s = splitCode(o[0]);
    return { code: o[0], country: s.sector === 'IGO' ? s.country : s.country ?? entry.country ?? null, sector: s.sector, role: o[1] };
  };
  if (!date) {
    const latest = [...offices].sort((a, b) => (b[2] ?? '').localeCompare(a[2] ?? ''))[0]!;
    return make(latest);
  }
  const current = offices.find((o) => (!o[2] || o[2] <= date) && (!o[3] || date < o[3]));
  if (current) return make(current);
  const home = entry.country ?? offices.map((o) => splitCode(o[0])).find((s) => s.sector !== 'IGO')?.country ?? null;
  const past = offices.filter((o) => o[3] && o[3] <= date).sort((a, b) => b[3]!.localeCompare(a[3]!))[0];
  if (past) return { code: `${home ?? ''}ELI`, country: home, sector: 'ELI', role: past[1] ? `former ${past[1]}` : null };
  return { code: home ?? '---', country: home, sector: null, role: null };
}

export function parseActorFile(json: string, where: string): ActorDictionary {
  const parsed = ActorFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return buildActorDictionary(parsed.data.actors);
}

/** YYMMDD or YYYYMMDD → YYYY-MM-DD (two-digit years: 50-99 → 19xx, as PETRARCH reads them). */
function petrDate(s: string): string {
  const d = s.length === 6 ? `${Number(s.slice(0, 2)) >= 50 ? '19' : '20'}${s}` : s;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/**
 * Reads a PETRARCH/TABARI actor dictionary: `NAME [CODE]` or `NAME` then `+ALIAS` lines and
 * indented `[CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]` lines;
 * underscores join words; `#` starts a comment. Names are read as organisations or places
 * unless they carry dated offices (people). Errors name the line.
 */
export function parsePetrarchActors(text: string, where: string): ActorDictionary {
  const entries: ActorEntry[] = [];
  let cur: ActorEntry | null = null;
  const codeRe = /\[\s*([A-Za-z0-9~+-]{3,15})?\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?\s*\]/g;
  const clean = (s: string) => s.replace(/_+$/, '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  const lines = text.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, '')).split('\n');
  lines.forEach((raw, n) => {
    const line = raw.replace(/#.*$/, '');
    if (!line.trim()) return;
    const codes = [...line.matchAll(codeRe)];
    const name = line.replace(codeRe, '').trim();
    if (line.trim().startsWith('+')) {
      if (!cur) throw new Error(`${where}:${n + 1}: alias before any actor`);
      cur.aliases.push(clean(name.slice(1)));
    } else if (name && !/^\s/.test(line)) {
      cur = { name: clean(name), type: 'ORG', aliases: [], offices: [], petrarch: true };
      entries.push(cur);
    } else if (name) {
      throw new Error(`${where}:${n + 1}: cannot read "${raw.trim()}"`);
    }
    for (const m of codes) {
      if (!cur) throw new Error(`${where}:${n + 1}: code before any actor`);
      const code = (m[1] ?? '---').toUpperCase();
      if (!/^[A-Z0-9]{3,15}$/.test(code)) continue; // "---", "+++": deliberately uncoded
      let from: string | null = null;
      let to: string | null = null;
      if (m[2] === '<') to = petrDate(m[3]!);
      else if (m[2] === '>') from = petrDate(m[3]!);
      else if (m[4]) { from = petrDate(m[4]); to = petrDate(m[5]!); }
      cur.offices.push([code, null, from, to]);
    }
  });
  // Undated single codes are organisation/place codes; dated ones are offices.
  for (const e of entries) {
    if (e.offices.length === 1 && !e.offices[0]![2] && !e.offices[0]![3]) {
      e.code = e.offices[0]![0];
      e.offices = [];
    }
  }
  return buildActorDictionary(entries);
}

/** Reads a user dictionary file: JSON in Casus's format, or a PETRARCH actor dictionary. */
export function loadActorFile(path: string): ActorDictionary {
  const text = readFileSync(path, 'utf8');
  return text.trimStart().startsWith('{') ? parseActorFile(text, path) : parsePetrarchActors(text, path);
}

let bundled: ActorDictionary | undefined;

/** The bundled dictionary, plus the files named in CASUS_ACTORS (path-separated), loaded on first use. */
export function defaultActorDictionary(): ActorDictionary {
  if (!bundled) {
    const path = dataPath('actors.json');
    const base = parseActorFile(readFileSync(path, 'utf8'), path);
    const extra = (process.env['CASUS_ACTORS'] ?? '').split(':').filter(Boolean).map(loadActorFile);
    bundled = extra.length ? mergeActorDictionaries([base, ...extra]) : base;
  }
  return bundled;
}
