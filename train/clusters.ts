/**
 * Word clusters for the syntax models: exchange clustering (Kneser & Ney 1993; Uszkoreit & Brants
 * 2008) of lower-cased words by their left and right neighbours over unlabelled news and web text.
 * `npm run train -- clusters [--classes=256 --coarse=32 --iterations=12 --min-count=3 --out=PATH]`
 * prints sample clusters (and writes the table to PATH); train/syntax.ts calls computeClusters
 * and ships the table inside syntax.bin, keyed by word hash (no words, no text).
 *
 * Text read (from ../shared/data, never copied): UD English EWT train words (CC BY-SA 4.0),
 * CoNLL-2003 English tokens (Reuters, research use) and PolNeAR article texts (2015-16 US news, no
 * licence stated), tokenized by the tokens stage. Only counts of neighbouring words are used.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dataSet } from '../eval/shared-data.js';
import { parseConllu } from '../src/stages/syntax/conllu.js';
import { hashLower } from '../src/stages/syntax/hash.js';
import { tokenize } from '../src/stages/tokens/index.js';

/** A cluster table: word hash (lower-case, as WordColumns.lower) → fine class and coarse class. */
export interface ClusterTable {
  words: Uint32Array;
  fine: Uint16Array;
  coarse: Uint16Array;
  classes: number;
  coarseClasses: number;
}

/** Sentences of the unlabelled corpora as arrays of lower-case word hashes (and a few words kept for display). */
function readCorpora(shown: Map<number, string>): Uint32Array[] {
  const out: Uint32Array[] = [];
  const add = (words: string[]) => {
    if (!words.length) return;
    out.push(Uint32Array.from(words, (w) => {
      const h = hashLower(w);
      if (!shown.has(h)) shown.set(h, w.toLowerCase());
      return h;
    }));
  };
  const ewt = dataSet('ud-english-ewt');
  if (ewt) for (const s of parseConllu(readFileSync(`${ewt}/en_ewt-ud-train.conllu`, 'utf8'))) add(s.words);
  const conll = dataSet('conll2003-en');
  if (conll) {
    for (const split of ['train', 'val']) {
      const path = `${conll}/${split}.conllu`;
      if (!existsSync(path)) continue;
      let cur: string[] = [];
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const cols = line.split('\t');
        if (cols.length < 2 || cols[1] === '-DOCSTART-') { add(cur); cur = []; continue; }
        cur.push(cols[1]!);
      }
      add(cur);
    }
  }
  const polnear = dataSet('polnear');
  if (polnear) {
    for (const split of ['train', 'dev']) {
      const dir = `${polnear}/${split}/text`;
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) {
        const text = readFileSync(`${dir}/${f}`, 'utf8');
        const t = tokenize(text, [{ start: 0, end: text.length }]);
        let cur: string[] = [];
        let sent = 0;
        for (let i = 0; i < t.tokenStarts.length; i++) {
          if (t.tokenSentence[i] !== sent) { add(cur); cur = []; sent = t.tokenSentence[i]!; }
          cur.push(text.slice(t.tokenStarts[i], t.tokenEnds[i]));
        }
        add(cur);
      }
    }
  }
  return out;
}

/**
 * Exchange clustering: each word moves to the class that most raises the likelihood of the
 * class-based model P(w | c(w)) P(c(w) | neighbour), both neighbours counted; objective
 * Σ_{x,c} N(x,c) log N(x,c) − 2 Σ_c N(c) log N(c) over contexts x (left or right neighbour words).
 */
function exchange(
  V: number, X: number, C: number, freq: Int32Array,
  ctxStart: Int32Array, ctx: Int32Array, cnt: Int32Array, iterations: number, log: (s: string) => void,
): Uint16Array {
  let total = 0;
  for (let w = 0; w < V; w++) total += freq[w]!;
  const F = new Float64Array(2 * total + 2);
  for (let k = 1; k < F.length; k++) F[k] = k * Math.log(k);
  // Words are numbered by falling frequency: round-robin start spreads the frequent ones.
  const cls = new Uint16Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % C;
  const N = new Int32Array(X * C);
  const Nc = new Float64Array(C);
  for (let w = 0; w < V; w++) {
    const c = cls[w]!;
    Nc[c]! += freq[w]!;
    for (let e = ctxStart[w]!; e < ctxStart[w + 1]!; e++) N[ctx[e]! * C + c]! += cnt[e]!;
  }
  const gain = new Float64Array(C);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let w = 0; w < V; w++) {
      const c1 = cls[w]!;
      const fw = freq[w]!;
      const a = ctxStart[w]!, b = ctxStart[w + 1]!;
      for (let e = a; e < b; e++) N[ctx[e]! * C + c1]! -= cnt[e]!;
      Nc[c1]! -= fw;
      for (let c = 0; c < C; c++) gain[c] = -2 * (F[Nc[c]! + fw]! - F[Nc[c]!]!);
      for (let e = a; e < b; e++) {
        const row = ctx[e]! * C;
        const n = cnt[e]!;
        for (let c = 0; c < C; c++) {
          const m = N[row + c]!;
          gain[c]! += F[m + n]! - F[m]!;
        }
      }
      let best = c1;
      for (let c = 0; c < C; c++) if (gain[c]! > gain[best]! + 1e-9) best = c;
      if (best !== c1) moved++;
      cls[w] = best;
      for (let e = a; e < b; e++) N[ctx[e]! * C + best]! += cnt[e]!;
      Nc[best]! += fw;
    }
    let obj = 0;
    for (let i = 0; i < N.length; i++) obj += F[N[i]!]!;
    for (let c = 0; c < C; c++) obj -= 2 * F[Nc[c]!]!;
    log(`  ${C} classes, iteration ${it + 1}: ${moved} words moved, objective ${(obj / total).toFixed(4)}`);
    if (moved < V * 0.002) break;
  }
  return cls;
}

export interface ClusterOptions { classes?: number; coarse?: number; iterations?: number; minCount?: number; log?: (s: string) => void }

export function computeClusters(opts: ClusterOptions = {}, shown = new Map<number, string>()): ClusterTable {
  return clusterSentences(readCorpora(shown), opts);
}

/** Clusters the words of sentences given as word hashes. */
export function clusterSentences(sents: readonly Uint32Array[], opts: ClusterOptions = {}): ClusterTable {
  const log = opts.log ?? console.log;
  const counts = new Map<number, number>();
  let tokens = 0;
  for (const s of sents) for (const h of s) { counts.set(h, (counts.get(h) ?? 0) + 1); tokens++; }
  const minCount = opts.minCount ?? 3;
  const vocab = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const V = vocab.length;
  const id = new Map<number, number>(vocab.map(([h], i) => [h, i]));
  const freq = Int32Array.from(vocab, ([, c]) => c);
  log(`clusters: ${sents.length} sentences, ${tokens} tokens, ${V} words seen ${minCount}+ times`);
  // Context ids: left neighbour (0..V+2: words, rare, sentence start) and right neighbour (+ V+3).
  const RARE = V, EDGE = V + 1, Y = V + 3, X = 2 * Y;
  const pairs = new Map<number, number>();
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const w = id.get(s[i]!);
      if (w === undefined) continue;
      const l = i > 0 ? id.get(s[i - 1]!) ?? RARE : EDGE;
      const r = i + 1 < s.length ? id.get(s[i + 1]!) ?? RARE : EDGE;
      const kl = w * X + l;
      const kr = w * X + Y + r;
      pairs.set(kl, (pairs.get(kl) ?? 0) + 1);
      pairs.set(kr, (pairs.get(kr) ?? 0) + 1);
    }
  }
  const keys = Float64Array.from(pairs.keys()).sort();
  const ctxStart = new Int32Array(V + 1);
  const ctx = new Int32Array(keys.length);
  const cnt = new Int32Array(keys.length);
  keys.forEach((k, e) => {
    const w = Math.floor(k / X);
    ctxStart[w + 1]!++;
    ctx[e] = k - w * X;
    cnt[e] = pairs.get(k)!;
  });
  for (let w = 0; w < V; w++) ctxStart[w + 1]! += ctxStart[w]!;
  log(`  ${keys.length} word-context pairs`);
  const iterations = opts.iterations ?? 12;
  const classes = opts.classes ?? 256;
  const coarseClasses = opts.coarse ?? 32;
  const fine = exchange(V, X, classes, freq, ctxStart, ctx, cnt, iterations, log);
  const coarse = exchange(V, X, coarseClasses, freq, ctxStart, ctx, cnt, iterations, log);
  return { words: Uint32Array.from(vocab, ([h]) => h), fine, coarse, classes, coarseClasses };
}

/** The table as bytes: u32 count, u16 classes, u16 coarse classes, then words u32[], fine u16[], coarse u16[]. */
export function encodeClusters(t: ClusterTable): Buffer {
  const n = t.words.length;
  const buf = Buffer.alloc(8 + n * 8);
  buf.writeUInt32LE(n, 0);
  buf.writeUInt16LE(t.classes, 4);
  buf.writeUInt16LE(t.coarseClasses, 6);
  for (let i = 0; i < n; i++) {
    buf.writeUInt32LE(t.words[i]!, 8 + 4 * i);
    buf.writeUInt16LE(t.fine[i]!, 8 + 4 * n + 2 * i);
    buf.writeUInt16LE(t.coarse[i]!, 8 + 6 * n + 2 * i);
  }
  return buf;
}

export function decodeClusters(buf: Buffer): ClusterTable {
  const n = buf.readUInt32LE(0);
  const words = new Uint32Array(n), fine = new Uint16Array(n), coarse = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    words[i] = buf.readUInt32LE(8 + 4 * i);
    fine[i] = buf.readUInt16LE(8 + 4 * n + 2 * i);
    coarse[i] = buf.readUInt16LE(8 + 6 * n + 2 * i);
  }
  return { words, fine, coarse, classes: buf.readUInt16LE(4), coarseClasses: buf.readUInt16LE(6) };
}

/** The clusters of --clusters=PATH when that file exists, else computed (and written there when a path is given). */
export function clustersFor(path: string | undefined, log: (s: string) => void = console.log): ClusterTable {
  if (path && existsSync(path)) return decodeClusters(readFileSync(path));
  const t = computeClusters({ log });
  if (path) writeFileSync(path, encodeClusters(t));
  return t;
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const started = Date.now();
  const shown = new Map<number, string>();
  const t = computeClusters({ classes: opt('classes', 256), coarse: opt('coarse', 32), iterations: opt('iterations', 12), minCount: opt('min-count', 3) }, shown);
  const out = args.find((a) => a.startsWith('--out='))?.slice(6);
  if (out) writeFileSync(out, encodeClusters(t));
  // A look at the result: the most frequent words of a few classes.
  for (let c = 0; c < Math.min(t.classes, 24); c++) {
    const members: string[] = [];
    for (let i = 0; i < t.words.length && members.length < 12; i++) if (t.fine[i] === c) members.push(shown.get(t.words[i]!) ?? '?');
    console.log(`  class ${c}: ${members.join(' ')}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
