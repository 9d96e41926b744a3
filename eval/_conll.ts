/**
 * CoNLL-format NER data (CoNLL-2003, WikiNEuRal): reading into documents of tokens with IOB2
 * labels, and conlleval-style scoring (exact-span entities, per type and overall).
 */
import { readFileSync } from 'node:fs';
import type { TaggerInput } from '../src/stages/entities/features.js';

export interface ConllDoc {
  tokens: string[];
  tags: string[];
  sentence: number[];
}

/** Reads a CoNLL file (index, token, tag per line), splitting documents at -DOCSTART-. IOB1 leftovers become IOB2. */
export function readConll(path: string, docSize = Infinity): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc = { tokens: [], tags: [], sentence: [] };
  let sent = 0;
  let prevTag = 'O';
  let sentencesInDoc = 0;
  const flush = () => { if (doc.tokens.length) docs.push(doc); doc = { tokens: [], tags: [], sentence: [] }; sent = 0; sentencesInDoc = 0; };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 3) {
      if (doc.tokens.length && doc.sentence[doc.sentence.length - 1] === sent) {
        sent++;
        sentencesInDoc++;
        // Files without -DOCSTART- (WikiNEuRal) are cut into pseudo-documents of docSize sentences.
        if (sentencesInDoc >= docSize) flush();
      }
      prevTag = 'O';
      continue;
    }
    const token = cols[1]!;
    let tag = cols[2]!.trim();
    if (token === '-DOCSTART-') { flush(); continue; }
    if (tag.startsWith('I-') && prevTag.slice(2) !== tag.slice(2)) tag = `B-${tag.slice(2)}`;
    doc.tokens.push(token);
    doc.tags.push(tag);
    doc.sentence.push(sent);
    prevTag = tag;
  }
  flush();
  return docs;
}

/** The tokens of a CoNLL document as tagger input: joined by spaces into one text. */
export function toTaggerInput(doc: ConllDoc): TaggerInput {
  const start = new Int32Array(doc.tokens.length);
  const end = new Int32Array(doc.tokens.length);
  let text = '';
  doc.tokens.forEach((t, i) => {
    if (i) text += doc.sentence[i] !== doc.sentence[i - 1] ? '\n' : ' ';
    start[i] = text.length;
    text += t;
    end[i] = text.length;
  });
  return { text, start, end, sentence: Int32Array.from(doc.sentence) };
}

/** Entity spans [type, first, last] from IOB2 tags. */
export function spansOf(tags: readonly string[]): [string, number, number][] {
  const out: [string, number, number][] = [];
  let cur: [string, number, number] | null = null;
  tags.forEach((t, i) => {
    const type = t === 'O' ? null : t.slice(2);
    if (cur && (t.startsWith('B-') || type !== cur[0])) { out.push(cur); cur = null; }
    if (type && !cur) cur = [type, i, i];
    else if (cur && type === cur[0]) cur[2] = i;
  });
  if (cur) out.push(cur);
  return out;
}

export interface Counts { tp: number; fp: number; fn: number }

/** Adds exact-match counts per type (and '*' overall) of one document's predicted tags. */
export function score(gold: readonly string[], pred: readonly string[], into: Map<string, Counts>, types?: readonly string[]): void {
  const keep = (s: [string, number, number]) => !types || types.includes(s[0]);
  const g = spansOf(gold).filter(keep);
  const p = spansOf(pred).filter(keep);
  const key = (s: [string, number, number]) => s.join(':');
  const gk = new Set(g.map(key));
  const pk = new Set(p.map(key));
  const bump = (type: string, f: keyof Counts) => {
    for (const t of [type, '*']) {
      const c = into.get(t) ?? { tp: 0, fp: 0, fn: 0 };
      c[f]++;
      into.set(t, c);
    }
  };
  for (const s of p) bump(s[0], gk.has(key(s)) ? 'tp' : 'fp');
  for (const s of g) if (!pk.has(key(s))) bump(s[0], 'fn');
}
