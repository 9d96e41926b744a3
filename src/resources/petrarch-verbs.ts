/**
 * Importer for PETRARCH/TABARI verb dictionaries: `--- VERB [CODE] ---` blocks of verbs (with
 * `{irregular forms}`) and `- PRE * POST [CODE]` patterns, `&SYNSET` lists; to Casus event patterns.
 */
import { readFileSync } from 'node:fs';
import type { EventPattern, EventPatternSet, Phrase } from './event-patterns.js';

const CODE_RE = /\[([^\]]*)\]/;

function clean(line: string): string {
  return line.replace(/#.*$/, '').trim();
}

/** A word of a PETRARCH pattern: markers (+ target, $ source, % compound, ^ skip) removed, lower case. */
function word(w: string): string {
  return w.replace(/^[+$%^]+/, '').replace(/[+$%^]/g, '').toLowerCase();
}

/**
 * Reads a PETRARCH verb dictionary. Patterns whose code is not a plain 2-4 digit number
 * ("[---]", "[+++]", "[013:012]") are skipped; codes are kept as written, even when they are
 * not CAMEO codes (the PETRARCH validation dictionary uses WEIS codes): the events stage labels them so.
 */
export function parsePetrarchVerbs(text: string, where: string): EventPatternSet {
  const lines = text.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const synsets = new Map<string, string[]>();
  // First pass: synsets (a `&NAME` line followed by `+MEMBER` lines).
  let current: string[] | null = null;
  for (const raw of lines) {
    const l = clean(raw);
    if (!l) { current = null; continue; }
    if (/^&\w+/.test(l) && !l.startsWith('- ')) { current = []; synsets.set(l.split(/\s+/)[0]!.toUpperCase().replace(/_+$/, ''), current); continue; }
    if (current && l.startsWith('+')) { current.push(l.slice(1).trim()); continue; }
    current = null;
  }
  const expand = (name: string, depth = 0): string[] => {
    const members = synsets.get(name.toUpperCase().replace(/_+$/, '')) ?? [];
    return members.flatMap((m) => (m.startsWith('&') && depth < 4 ? expand(m.split(/\s+/)[0]!, depth + 1) : [m]));
  };
  /** One PETRARCH token (words joined by _ or a synset) to a group of phrases. */
  const group = (tok: string): Phrase[] => {
    const parts = tok.split('_').filter(Boolean);
    const alts: string[][] = [[]];
    let out = alts;
    for (const p of parts) {
      if (p.startsWith('&')) {
        const members = expand(p.toUpperCase());
        if (members.length === 0) return [];
        out = out.flatMap((a) => members.map((m) => [...a, ...m.split(/[\s_]+/).map(word).filter(Boolean)]));
      } else {
        const w = word(p);
        if (w) out = out.map((a) => [...a, w]);
      }
    }
    return out.filter((a) => a.length > 0);
  };

  const patterns: EventPattern[] = [];
  let inSynset = false;
  let blockCode: string | null = null;
  let verbs: { lemma: string[]; forms: string[] }[] = [];
  const validCode = (c: string | undefined): c is string => !!c && /^\d{2,4}(:\d{2,4})?$/.test(c.trim());
  const codes = (c: string) => { const [a, b] = c.trim().split(':'); return b ? { code: a!, reverseCode: b } : { code: a! }; };
  for (const raw of lines) {
    const l = clean(raw);
    if (!l) { inSynset = false; continue; }
    const header = /^---\s*(.+?)\s*\[([^\]]*)\]\s*---/.exec(l);
    if (header) { blockCode = header[2]!.trim(); verbs = []; inSynset = false; continue; }
    if (/^&\w+/.test(l)) { inSynset = true; continue; }
    if (inSynset && l.startsWith('+')) continue;
    inSynset = false;
    if (l.startsWith('-')) {
      const code = CODE_RE.exec(l)?.[1]?.trim();
      if (!validCode(code) || verbs.length === 0) continue;
      const body = l.slice(1).replace(CODE_RE, '').trim();
      const all = body.split(/\s+/).filter(Boolean);
      const starAt = all.findIndex((t) => t.includes('*'));
      const pct = all.findIndex((t) => t === '%');
      const compound = pct < 0 ? undefined : pct < starAt ? 'subject' as const : 'object' as const;
      const toks = all.filter((t) => !/^[+$^%]+$/.test(t));
      const plus = all.findIndex((t, k) => k > starAt && t === '+');
      const targetAfter = plus > starAt + 1 && !all[plus - 1]!.includes('*') ? word(all[plus - 1]!) : undefined;
      const star = toks.findIndex((t) => t.includes('*'));
      if (star < 0) continue;
      // "IN_*" / "*_OUT": words glued to the verb are before/after words too.
      const starTok = toks[star]!;
      const [gluedBefore, gluedAfter] = starTok.split('*') as [string, string];
      const pre = [...toks.slice(0, star), ...(gluedBefore.replace(/_$/, '') ? [gluedBefore.replace(/_$/, '')] : [])];
      const post = [...(gluedAfter.replace(/^_/, '') ? [gluedAfter.replace(/^_/, '')] : []), ...toks.slice(star + 1)];
      const after = post.map(group).filter((g) => g.length > 0);
      if (after.length !== post.length) continue;
      const beforeTok = pre[pre.length - 1];
      const before = beforeTok ? group(beforeTok) : null;
      const beforeAll = pre.slice(0, -1).map(group).filter((g) => g.length > 0);
      for (const vb of verbs) {
        patterns.push({
          text: `${vb.lemma.join(' ')}: ${l.replace(/\s+/g, ' ')}`, ...codes(code), pos: 'v', trigger: vb.lemma,
          after, before: before && before.length ? before : null, not: [], origin: `petrarch:${where}`, forms: vb.forms,
          ...(compound ? { compound } : {}),
          ...(beforeAll.length ? { beforeAll } : {}),
          ...(targetAfter ? { targetAfter } : {}),
        });
      }
      continue;
    }
    if (l.startsWith('&')) continue;
    // A verb of the block: "BAN {BANS BANNED}", "KLM_NOP_+RST [002]", "+BREAK_DOWN {…}".
    const m = /^([^{[]+?)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?$/.exec(l);
    if (!m) continue;
    const lemma = m[1]!.trim().split(/[_\s]+/).map(word).filter(Boolean);
    if (lemma.length === 0 || blockCode === null) continue;
    const forms = (m[2] ?? '').split(/\s+/).filter(Boolean).map((f) => word(f.split('_')[0]!));
    verbs.push({ lemma, forms });
    const code = (m[3] ?? blockCode).trim();
    if (validCode(code)) {
      patterns.push({ text: `${lemma.join(' ')} [${code}]`, ...codes(code), pos: 'v', trigger: lemma, after: [], before: null, not: [], origin: `petrarch:${where}`, forms });
    }
  }
  return { patterns };
}

export function loadPetrarchVerbs(path: string): EventPatternSet {
  return parsePetrarchVerbs(readFileSync(path, 'utf8'), path.split('/').pop() ?? path);
}
