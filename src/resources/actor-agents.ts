/**
 * Actor agents (data/actor-agents.json, or a PETRARCH agents dictionary): nouns naming a kind of
 * actor with the CAMEO sector code they add to a country. Validated with zod, loaded once.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';

export interface AgentEntry {
  /** lower-case word forms, in order */
  words: string[];
  /** sector code */
  code: string;
  /** true: the code goes before the country ("NGO~") */
  prefix: boolean;
}

export interface AgentDictionary {
  /** first word → entries, longest first */
  byFirst: Map<string, AgentEntry[]>;
}

const Code = z.string().regex(/^\s*(~\s*[A-Z]{3,12}|[A-Z]{3,12}\s*~)\s*$/);
const AgentFileSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  agents: z.array(z.tuple([z.string().min(1), Code])),
});

function plurals(w: string): string[] {
  if (/s$/.test(w)) return [w];
  return [w, /(x|z|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : /man$/.test(w) ? `${w.slice(0, -3)}men` : `${w}s`];
}

export function buildAgentDictionary(rows: readonly { phrase: string[]; forms?: string[][]; code: string }[]): AgentDictionary {
  const byFirst = new Map<string, AgentEntry[]>();
  const add = (words: string[], raw: string) => {
    const c = raw.replace(/\s/g, '');
    const entry: AgentEntry = { words, code: c.replace('~', ''), prefix: c.endsWith('~') };
    const l = byFirst.get(words[0]!);
    if (l) l.push(entry); else byFirst.set(words[0]!, [entry]);
  };
  for (const r of rows) {
    const last = r.phrase[r.phrase.length - 1]!;
    for (const p of plurals(last)) add([...r.phrase.slice(0, -1), p], r.code);
    for (const f of r.forms ?? []) add(f, r.code);
  }
  for (const l of byFirst.values()) l.sort((a, b) => b.words.length - a.words.length);
  return { byFirst };
}

export function parseAgentFile(json: string, where: string): AgentDictionary {
  const parsed = AgentFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${where}: ${i.path.join('.')}: ${i.message}`);
  }
  return buildAgentDictionary(parsed.data.agents.map(([p, code]) => ({ phrase: p.toLowerCase().split(/\s+/), code })));
}

/**
 * Reads a PETRARCH agents dictionary: `NOUN_PHRASE {PLURALS} [~CODE]` lines, `!NAME! = A, B`
 * substitution sets; `{}` means a regular plural.
 */
export function parsePetrarchAgents(text: string, where: string): AgentDictionary {
  const subs = new Map<string, string[]>();
  const rows: { phrase: string[]; forms?: string[][]; code: string }[] = [];
  for (const raw of text.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    const l = raw.replace(/#.*$/, '').trim();
    if (!l) continue;
    const sub = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(l);
    if (sub) { subs.set(sub[1]!, sub[2]!.split(',').map((s) => s.trim().toLowerCase())); continue; }
    const m = /^([^{[]+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]*)\]/.exec(l);
    if (!m || !/~/.test(m[3]!)) continue;
    const phrases = expandSubs(m[1]!.trim(), subs);
    const forms = (m[2] ?? '').split(/\s+/).filter(Boolean).map((f) => f.toLowerCase().split('_'));
    for (const p of phrases) rows.push({ phrase: p.toLowerCase().split(/[_\s]+/).filter(Boolean), forms, code: m[3]! });
  }
  if (rows.length === 0) throw new Error(`${where}: no agent lines ("NOUN [~CODE]") found`);
  return buildAgentDictionary(rows);
}

function expandSubs(phrase: string, subs: Map<string, string[]>): string[] {
  const m = /![A-Z]+!/.exec(phrase);
  if (!m) return [phrase];
  const alts = subs.get(m[0]) ?? [];
  return alts.flatMap((a) => expandSubs(phrase.replace(m[0], `_${a}_`).replace(/^_|_$/g, ''), subs));
}

export function mergeAgentDictionaries(dicts: readonly AgentDictionary[]): AgentDictionary {
  const byFirst = new Map<string, AgentEntry[]>();
  for (const d of dicts) for (const [k, l] of d.byFirst) byFirst.set(k, [...(byFirst.get(k) ?? []), ...l]);
  for (const l of byFirst.values()) l.sort((a, b) => b.words.length - a.words.length);
  return { byFirst };
}

let cached: AgentDictionary | undefined;
export function defaultAgentDictionary(): AgentDictionary {
  cached ??= parseAgentFile(readFileSync(dataPath('actor-agents.json'), 'utf8'), 'actor-agents.json');
  return cached;
}
