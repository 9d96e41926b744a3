/**
 * `npm run train -- syntax-backward`: trains the right-to-left tagger (tagger.ts retagBackward:
 * a second opinion on the tokens the left-to-right tagger is unsure of) on UD English EWT train
 * and puts it in syntax.bin as its fourth table, with the margin chosen on dev. `npm run train --
 * syntax` already trains one (6 epochs, margin 32) with the rest: this retrains it alone, e.g. to
 * try epochs or margins (the parser, trained with the first, stays). Options: --epochs=N (6, the
 * best on dev kept), --out=PATH, --model=PATH (the shipped file by default), --no-model.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataSet } from '../eval/shared-data.js';
import { dataPath } from '../src/resources/data-path.js';
import { SentenceAnnotator } from '../src/stages/syntax/annotate.js';
import { parseConllu } from '../src/stages/syntax/conllu.js';
import { decodeModel, MODEL_FILE, varintDeltas } from '../src/stages/syntax/syntax-model.js';
import type { Scorer } from '../src/stages/syntax/tagger.js';
import { reversedColumns, tagSentence, wordColumns } from '../src/stages/syntax/tagger.js';
import { AveragedWeights, pack } from '../src/stages/syntax/weights.js';
import type { PackedWeights } from '../src/stages/syntax/weights.js';
import { denseScorer, recase, rng, shuffle, TAGGER_BITS } from './syntax.js';

/**
 * The margins tried, in the shipped weights' units (twice the training weights'): 32 asks about
 * 7% of the tokens of EWT dev, 64 twice as many for no better dev scores (UPOS +0.02, LAS equal).
 */
const MARGINS = [16, 32];

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const str = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const dir = dataSet('ud-english-ewt');
  if (!dir) return;
  const started = Date.now();
  const file = readFileSync(str('model') ?? dataPath(MODEL_FILE));
  const model = decodeModel(file);
  const tagId = new Map(model.tags.map((t, i) => [t, i]));
  const tagOf = (u: string, x: string) => tagId.get(`${u}|${x}`) ?? Math.max(0, model.tags.findIndex((t) => t.startsWith(`${u}|`)));
  const train = parseConllu(readFileSync(`${dir}/en_ewt-ud-train.conllu`, 'utf8'));
  const dev = parseConllu(readFileSync(`${dir}/en_ewt-ud-dev.conllu`, 'utf8'));
  // Train sentences read backwards (the tagger's history is then the tags to the right), plus
  // ALL CAPS and Title Case copies of a few, as for the left-to-right tagger (headlines).
  const backwards = (words: string[], g: (typeof train)[number]) => ({
    cols: reversedColumns(wordColumns(words, model.lexicon, model.clusters)),
    tags: Uint8Array.from(g.upos, (u, k) => tagOf(u, g.xpos[k]!)).reverse(),
  });
  const caseRandom = rng(3);
  const sents = train.map((g) => backwards(g.words, g));
  for (const g of train) {
    const r = caseRandom();
    if (r < 0.05) sents.push(backwards(recase(g.words, 'upper'), g));
    else if (r < 0.08) sents.push(backwards(recase(g.words, 'title'), g));
  }
  const annotator = new SentenceAnnotator(model);
  const devCols = dev.map((g) => ({ g, cols: wordColumns(g.words, model.lexicon, model.clusters) }));
  const upos = (backward: Scorer | null, margin: number) => {
    let n = 0, ok = 0;
    for (const { g, cols } of devCols) {
      const tags = new Uint8Array(cols.n);
      annotator.tagColumns(cols, tags, backward, margin);
      for (let i = 0; i < cols.n; i++) { n++; if (model.upos[tags[i]!] === g.upos[i]) ok++; }
    }
    return ok / n;
  };
  const base = upos(null, 0);
  console.log(`dev UPOS, left to right alone: ${base.toFixed(4)}`);

  const nTags = model.tags.length;
  const w = new AveragedWeights(TAGGER_BITS, nTags);
  const update = (f: Uint32Array, n: number, g: number, p: number) => { w.update(f, n, g, 1); w.update(f, n, p, -1); };
  const random = rng(5);
  const order = sents.slice();
  let best = { acc: base, epoch: 0, margin: 0, w: new Float32Array(0) as Float32Array };
  for (let e = 0; e < opt('epochs', 6); e++) {
    shuffle(order, random);
    for (const s of order) {
      tagSentence(s.cols, w, new Uint8Array(s.cols.n), s.tags, update);
      w.c += s.cols.n;
    }
    const avg = w.averaged();
    // Twice the training weights: the scale the shipped tables have (multiples of 0.5 stored as integers).
    const scorer = denseScorer(avg.map((x) => 2 * x), TAGGER_BITS, nTags);
    for (const m of MARGINS) {
      const acc = upos(scorer, m);
      console.log(`  epoch ${e + 1}, margin ${m}: dev UPOS ${acc.toFixed(4)}`);
      if (acc > best.acc) best = { acc, epoch: e + 1, margin: m, w: avg };
    }
  }
  console.log(`best: epoch ${best.epoch}, margin ${best.margin}: dev UPOS ${best.acc.toFixed(4)}`);
  if (args.includes('--no-model') || best.epoch === 0) return;
  const packed = pack(best.w, TAGGER_BITS, nTags, opt('threshold', 0.5), 0.5);
  const out = withTable(file, 3, 'backward', packed, { backwardMargin: best.margin, meta: { backward: { epoch: best.epoch } } });
  const outPath = str('out') ?? dataPath(MODEL_FILE);
  writeFileSync(outPath, out);
  const shipped = new SentenceAnnotator(decodeModel(out));
  let n = 0, ok = 0;
  for (const g of dev) {
    const t = shipped.tag(g.words);
    for (let i = 0; i < g.words.length; i++) { n++; if (model.upos[t.tags[i]!] === g.upos[i]) ok++; }
  }
  console.log(`wrote ${outPath}: ${(out.length / 1e6).toFixed(2)} MB; dev UPOS ${(ok / n).toFixed(4)}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * The model file with w as its table number `index` (3: the right-to-left tagger; the tables from
 * there on are replaced), stored as the labeler is: buckets as varint differences,
 * entry counts, entries (format in the README beside the model); `header` fields set in its header
 * (`meta` entries added to the model's).
 */
export function withTable(gz: Buffer, index: number, name: string, w: PackedWeights, header: Record<string, unknown>): Buffer {
  const buf = gunzipSync(gz);
  const MAGIC = 'CASUS-SYNTAX-3\n';
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('syntax model: a version 3 model is required');
  const start = MAGIC.length + 4;
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  const h = JSON.parse(buf.toString('utf8', start, start + jsonLength)) as {
    tables: { name: string; rows: number; entries: number; bucketBytes?: number; diffRows?: boolean }[];
    maps?: { size: number }[]; meta: Record<string, unknown>;
  } & Record<string, unknown>;
  if (h.tables.length < index) throw new Error(`syntax model: ${name} is table ${index + 1}, the model has ${h.tables.length}`);
  const pad4 = (n: number) => (n + 3) & ~3;
  // The body up to the table replaced: the maps and the tables before it.
  let end = pad4(start + jsonLength);
  for (const m of h.maps ?? []) end += 8 * m.size;
  for (const t of h.tables.slice(0, index)) end += pad4(t.bucketBytes ?? 0) + (t.diffRows ? pad4(t.entries * 2) : pad4(t.rows) + 4 * t.entries);
  const body = buf.subarray(pad4(start + jsonLength), end);
  const deltas = varintDeltas(w.buckets);
  const entries = new Int32Array(w.cls.length);
  for (let e = 0; e < w.cls.length; e++) entries[e] = (w.cls[e]! << 16) | (w.val[e]! & 0xffff);
  const parts: Buffer[] = [];
  for (const arr of [deltas, w.counts, entries]) {
    const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    parts.push(bytes, Buffer.alloc(pad4(bytes.length) - bytes.length));
  }
  h.tables = [...h.tables.slice(0, index), { name, bits: w.bits, nClasses: w.nClasses, rows: w.buckets.length, entries: w.cls.length, bucketBytes: deltas.length } as (typeof h.tables)[number]];
  // meta entries are added to the model's; other fields replace.
  const { meta, ...rest } = header as { meta?: Record<string, unknown> };
  Object.assign(h, rest);
  if (meta) h.meta = { ...h.meta, ...meta };
  const json = Buffer.from(JSON.stringify(h), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const head = [Buffer.from(MAGIC, 'latin1'), len, json, Buffer.alloc(pad4(start + json.length) - (start + json.length))];
  return gzipSync(Buffer.concat([...head, body, ...parts]), { level: 9 });
}
