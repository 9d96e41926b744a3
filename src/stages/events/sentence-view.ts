/**
 * A light view over the tokens for the coder: lower-cased words, per-token actor mentions
 * (from the entities layer), clause boundaries and quotation spans. Built once per document.
 */
import type { Entity } from '../../core/document.js';
import type { WorkingDocument } from '../../pipeline/stage.js';

export interface ActorMention {
  /** First and last token (inclusive) of the mention. */
  first: number;
  last: number;
  entity: Entity;
  /** CAMEO actor code, or null for an entity without one. */
  code: string | null;
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
  /** paragraph number of each sentence (a blank line starts a new paragraph) */
  paragraph: Int32Array;
}

/** Words that open a new clause: the coder never looks for arguments across them. */
export const CLAUSE_OPENERS = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'if', 'unless', 'because', 'although', 'though', 'while',
  'whereas', 'when', 'after', 'before', 'since', 'where', 'but', 'whether', ';', ':', '(', ')', '[', ']', '—', '–',
]);

const OPEN_QUOTE = /^[“«„"]$/u;
const CLOSE_QUOTE = /^[”»"“]$/u;

export function buildDocView(doc: Readonly<WorkingDocument>): DocView {
  const tt = doc.tokens!;
  const n = tt.length;
  const words = new Array<string>(n);
  for (let i = 0; i < n; i++) words[i] = doc.text.slice(tt.start[i]!, tt.end[i]!).toLowerCase().replace(/’/g, "'");
  const ns = doc.sentences.length;
  const sentenceFirst = new Int32Array(ns + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) sentenceFirst[tt.sentence[i]!] = i;
  for (let s = ns - 1; s >= 0; s--) if (sentenceFirst[s]! > sentenceFirst[s + 1]!) sentenceFirst[s] = sentenceFirst[s + 1]!;

  const mentionAt = new Array<ActorMention | null>(n).fill(null);
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      const first = lowerBound(tt.start, n, m.start);
      let last = first;
      while (last + 1 < n && tt.end[last + 1]! <= m.end) last++;
      if (first >= n || tt.start[first]! >= m.end) continue;
      const am: ActorMention = { first, last, entity: e, code: e.actor?.code ?? null };
      for (let i = first; i <= last; i++) mentionAt[i] = am;
    }
  }

  // Quotations: the quotes layer when present, else paired quote marks within a paragraph.
  const quoted = new Uint8Array(n);
  if (doc.quotes.length > 0) {
    for (const q of doc.quotes) {
      if (q.kind === 'indirect') continue;
      for (let i = lowerBound(tt.start, n, q.start); i < n && tt.start[i]! < q.end; i++) quoted[i] = 1;
    }
  } else {
    let open = false;
    let lastPara = -1;
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      const para = paragraphOf(doc.text, tt.start[i]!);
      if (para !== lastPara) { open = false; lastPara = para; }
      if (!open && OPEN_QUOTE.test(w)) { open = true; continue; }
      if (open && CLOSE_QUOTE.test(w)) { open = false; continue; }
      if (open) quoted[i] = 1;
    }
  }

  const paragraph = new Int32Array(ns);
  let para = 0;
  for (let s = 1; s < ns; s++) {
    const gap = doc.text.slice(doc.sentences[s - 1]!.end, doc.sentences[s]!.start);
    if (/\n\s*\n/.test(gap)) para++;
    paragraph[s] = para;
  }
  return { text: doc.text, words, start: tt.start, end: tt.end, sentence: tt.sentence, sentenceFirst, mentionAt, quoted, paragraph };
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
