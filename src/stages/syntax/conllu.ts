/**
 * A CoNLL-U reader for training and evaluation: syntactic words only (multiword-token ranges
 * and empty nodes are skipped, as the parser works on words such as "do" + "n't").
 */
export interface GoldSentence {
  words: string[];
  lemmas: string[];
  upos: string[];
  xpos: string[];
  /** Head of each word: 0 for the root, else a 1-based word index. */
  heads: number[];
  rels: string[];
}

export function parseConllu(text: string): GoldSentence[] {
  const out: GoldSentence[] = [];
  let cur: GoldSentence = { words: [], lemmas: [], upos: [], xpos: [], heads: [], rels: [] };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (cur.words.length) out.push(cur);
      cur = { words: [], lemmas: [], upos: [], xpos: [], heads: [], rels: [] };
      continue;
    }
    if (line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols.length < 8 || !/^\d+$/.test(cols[0]!)) continue;
    cur.words.push(cols[1]!);
    cur.lemmas.push(cols[2]!);
    cur.upos.push(cols[3]!);
    cur.xpos.push(cols[4]!);
    cur.heads.push(Number(cols[6]));
    cur.rels.push(cols[7]!);
  }
  if (cur.words.length) out.push(cur);
  return out;
}
