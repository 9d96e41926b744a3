/**
 * Word forms of a pattern's lemma: verbs (3rd person, past, participle, gerund, with the common
 * irregulars) and nouns (plurals), so triggers match on lemmas without a tagger's lemmatizer.
 */

// lemma → [past, participle]; overgeneration is harmless because forms only ever match text.
const IRREGULAR: Record<string, [string, string]> = {
  arise: ['arose', 'arisen'], bear: ['bore', 'borne'], beat: ['beat', 'beaten'], begin: ['began', 'begun'],
  bind: ['bound', 'bound'], blow: ['blew', 'blown'], break: ['broke', 'broken'], bring: ['brought', 'brought'],
  build: ['built', 'built'], buy: ['bought', 'bought'], catch: ['caught', 'caught'], choose: ['chose', 'chosen'],
  come: ['came', 'come'], cut: ['cut', 'cut'], do: ['did', 'done'], draw: ['drew', 'drawn'],
  drive: ['drove', 'driven'], fight: ['fought', 'fought'], find: ['found', 'found'], flee: ['fled', 'fled'],
  fly: ['flew', 'flown'], forbid: ['forbade', 'forbidden'], forgive: ['forgave', 'forgiven'],
  freeze: ['froze', 'frozen'], get: ['got', 'gotten'], give: ['gave', 'given'], go: ['went', 'gone'],
  have: ['had', 'had'], hear: ['heard', 'heard'], hide: ['hid', 'hidden'], hit: ['hit', 'hit'],
  hold: ['held', 'held'], keep: ['kept', 'kept'], lay: ['laid', 'laid'], lead: ['led', 'led'],
  leave: ['left', 'left'], lend: ['lent', 'lent'], let: ['let', 'let'], lose: ['lost', 'lost'],
  make: ['made', 'made'], meet: ['met', 'met'], mislead: ['misled', 'misled'], overthrow: ['overthrew', 'overthrown'],
  pay: ['paid', 'paid'], put: ['put', 'put'], rise: ['rose', 'risen'], run: ['ran', 'run'],
  say: ['said', 'said'], see: ['saw', 'seen'], seek: ['sought', 'sought'], sell: ['sold', 'sold'],
  send: ['sent', 'sent'], set: ['set', 'set'], shake: ['shook', 'shaken'], shoot: ['shot', 'shot'],
  sit: ['sat', 'sat'], slay: ['slew', 'slain'], speak: ['spoke', 'spoken'], spend: ['spent', 'spent'],
  stand: ['stood', 'stood'], steal: ['stole', 'stolen'], strike: ['struck', 'struck'], swear: ['swore', 'sworn'],
  take: ['took', 'taken'], teach: ['taught', 'taught'], tell: ['told', 'told'], think: ['thought', 'thought'],
  throw: ['threw', 'thrown'], undertake: ['undertook', 'undertaken'], understand: ['understood', 'understood'],
  win: ['won', 'won'], withdraw: ['withdrew', 'withdrawn'], withhold: ['withheld', 'withheld'],
  write: ['wrote', 'written'], wage: ['waged', 'waged'], uphold: ['upheld', 'upheld'], oversee: ['oversaw', 'overseen'],
};

const VOWEL = /[aeiou]/;

/** All forms of a verb lemma (lower case). */
export function verbForms(lemma: string): string[] {
  const l = lemma.toLowerCase();
  const out = new Set<string>([l]);
  const last = l.slice(-1);
  const cy = /[^aeiou]y$/.test(l);
  out.add(/(s|x|z|ch|sh|o)$/.test(l) ? `${l}es` : cy ? `${l.slice(0, -1)}ies` : `${l}s`);
  const irr = IRREGULAR[l];
  if (irr) { out.add(irr[0]); out.add(irr[1]); }
  if (!irr || l === 'wage') {
    out.add(last === 'e' ? `${l}d` : cy ? `${l.slice(0, -1)}ied` : `${l}ed`);
  }
  out.add(/[^e]e$/.test(l) ? `${l.slice(0, -1)}ing` : /ie$/.test(l) ? `${l.slice(0, -2)}ying` : `${l}ing`);
  // consonant-vowel-consonant endings double (ban → banned, commit → committed).
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(l) && VOWEL.test(l)) {
    out.add(`${l}${last}ed`);
    out.add(`${l}${last}ing`);
  }
  return [...out];
}

/** Singular and plural of a noun lemma (lower case). */
export function nounForms(lemma: string): string[] {
  const l = lemma.toLowerCase();
  if (/s$/.test(l) && !/ss$/.test(l)) return [l];
  const plural = /(s|x|z|ch|sh)$/.test(l) ? `${l}es` : /[^aeiou]y$/.test(l) ? `${l.slice(0, -1)}ies` : `${l}s`;
  return [l, plural];
}

/** Forms of a verb that can be past participles (for passives). */
export function isParticipleLike(word: string): boolean {
  return /ed$/.test(word) || PARTICIPLES.has(word);
}
const PARTICIPLES = new Set(Object.values(IRREGULAR).map(([, p]) => p));
