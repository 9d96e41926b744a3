/**
 * Lemmas from the word and its PTB tag: an exception list (learnt from the training treebank:
 * the forms the rules get wrong) and then suffix rules for plurals, verb forms and comparatives.
 */

const VOWEL = /[aeiou]/;
/** Stems that lost a silent e before -ed/-ing ("created" → creat-e, "using" → us-e). */
const NEEDS_E = /(?:[^aeiou]at|[^aeiou]iz|[^aeiou]ys|v|[^aeiou]c|[^aeiou]u|dg|[^aeiou]rg|[aeiou]s|[^aeiou][aeiou][bdgkmnprt]e?l|[^aeiou]ir|ur|[^aeiou]ok|[^aeiou]as|[aeiou][rn]s|ag)$/;

function undouble(stem: string): string {
  const n = stem.length;
  if (n > 2 && stem[n - 1] === stem[n - 2] && !'lsfzaeiou'.includes(stem[n - 1]!)) return stem.slice(0, -1);
  return stem;
}

function verbStem(lower: string, suffixLength: number): string {
  const stem = lower.slice(0, -suffixLength);
  if (stem.length < 2 || !VOWEL.test(stem)) return lower;
  const u = undouble(stem);
  if (u !== stem) return u;
  if (NEEDS_E.test(stem)) return `${stem}e`;
  return stem;
}

function plural(lower: string): string {
  if (lower.length > 3 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zes)$/.test(lower)) return lower.slice(0, -2);
  if (lower.length > 2 && lower.endsWith('s') && !/(?:ss|us|is)$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

/** The rule lemma (no exceptions) of a word with a PTB tag. */
export function ruleLemma(word: string, xpos: string): string {
  if (xpos === 'NNP') return word;
  if (xpos === 'NNPS') return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
  const lower = word.toLowerCase().replace(/’/g, "'");
  switch (xpos) {
    case 'NNS':
      return plural(lower);
    case 'VBZ':
      if (/(?:oes)$/.test(lower) && lower.length > 4) return lower.slice(0, -2);
      return plural(lower);
    case 'VBD':
    case 'VBN':
      if (lower.length > 4 && lower.endsWith('ied')) return `${lower.slice(0, -3)}y`;
      if (lower.length > 3 && lower.endsWith('ed')) return verbStem(lower, 2);
      return lower;
    case 'VBG':
      if (lower.length > 4 && lower.endsWith('ing')) return verbStem(lower, 3);
      return lower;
    case 'JJR':
    case 'RBR':
      if (lower.length > 4 && lower.endsWith('ier')) return `${lower.slice(0, -3)}y`;
      if (lower.length > 3 && lower.endsWith('er')) return undouble(lower.slice(0, -2));
      return lower;
    case 'JJS':
    case 'RBS':
      if (lower.length > 5 && lower.endsWith('iest')) return `${lower.slice(0, -4)}y`;
      if (lower.length > 4 && lower.endsWith('est')) return undouble(lower.slice(0, -3));
      return lower;
    default:
      return lower;
  }
}

/** Exceptions by PTB tag: lower-cased form → lemma. */
export type LemmaExceptions = Map<string, Map<string, string>>;

export function lemmatize(word: string, xpos: string, exceptions: LemmaExceptions): string {
  const byTag = exceptions.get(xpos);
  if (byTag) {
    const hit = byTag.get(word.toLowerCase().replace(/’/g, "'"));
    if (hit !== undefined) return hit;
  }
  return ruleLemma(word, xpos);
}
