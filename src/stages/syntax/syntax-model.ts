/**
 * The syntax model file (src/resources/data/models/syntax.bin, format in the README beside it):
 * writing it at training time, and reading it once, lazily, at run time.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { dataPath } from '../../resources/data-path.js';
import type { LemmaExceptions } from './lemmatizer.js';
import type { PackedWeights, SparseWeights } from './weights.js';
import { sparseScorer, unpack } from './weights.js';
import { IntMap } from './int-map.js';
import type { Lexicon, Scorer } from './tagger.js';

const MAGIC = 'CASUS-SYNTAX-2\n';
/** The first format (buckets as u32, values as plain i16), still read. */
const MAGIC_1 = 'CASUS-SYNTAX-1\n';
export const MODEL_FILE = 'models/syntax.bin';

const HeaderSchema = z.object({
  about: z.string(),
  /** Tagger classes, each "UPOS|XPOS". */
  tags: z.array(z.string()).min(1),
  /** Relations; the labeler predicts all but the last, which is "root". */
  rels: z.array(z.string()).min(2),
  /** Lemma exceptions: PTB tag → [form, lemma] pairs. */
  lemmas: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  /** Ambiguity classes: lower-cased word hashes and the class of each (tagger features). */
  lexicon: z.object({ words: z.array(z.number().int()), classes: z.array(z.number().int()) }).optional(),
  /** Tag dictionary: exact-form word hashes of frequent words with a single tag, and that tag id. */
  tagdict: z.object({ words: z.array(z.number().int()), tags: z.array(z.number().int()) }).optional(),
  /** The three weight tables in file order: tagger, parser, labeler. */
  tables: z.array(z.object({ name: z.string(), bits: z.number().int(), nClasses: z.number().int(), rows: z.number().int(), entries: z.number().int(), bucketBytes: z.number().int().optional() })).length(3),
  meta: z.record(z.string(), z.unknown()),
});
export type ModelHeader = z.infer<typeof HeaderSchema>;

export interface SyntaxModel {
  tags: string[];
  upos: string[];
  xpos: string[];
  rels: string[];
  rootRel: number;
  tagger: Scorer;
  parser: Scorer;
  labeler: Scorer;
  lemmas: LemmaExceptions;
  lexicon: Lexicon;
  /** Exact-form word hash → tag id + 1 for frequent one-tag words (tagged without scoring). */
  tagdict: Lexicon;
  /** UPOS id of each tag id (for the parser's coarse features). */
  coarse: Uint8Array;
  tables: SparseWeights[];
}

const pad4 = (n: number) => (n + 3) & ~3;

/**
 * Serializes: magic, u32 header length, JSON header, then per table the buckets as LEB128 varints
 * of their differences, counts, classes, and the values as two byte planes (low bytes, then high
 * bytes), each 4-byte aligned; gzipped. Differences and byte planes are what gzip shrinks well.
 */
export function encodeModel(header: Omit<ModelHeader, 'tables'>, tables: { name: string; w: PackedWeights }[]): Buffer {
  const deltas = tables.map(({ w }) => varintDeltas(w.buckets));
  const full: ModelHeader = {
    ...header,
    tables: tables.map(({ name, w }, i) => ({ name, bits: w.bits, nClasses: w.nClasses, rows: w.buckets.length, entries: w.cls.length, bucketBytes: deltas[i]!.length })),
  };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1')];
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  parts.push(len, json, Buffer.alloc(pad4(MAGIC.length + 4 + json.length) - (MAGIC.length + 4 + json.length)));
  tables.forEach(({ w }, i) => {
    const planes = new Uint8Array(w.val.length * 2);
    for (let e = 0; e < w.val.length; e++) {
      planes[e] = w.val[e]! & 0xff;
      planes[w.val.length + e] = (w.val[e]! >> 8) & 0xff;
    }
    for (const arr of [deltas[i]!, w.counts, w.cls, planes]) {
      const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
      parts.push(bytes, Buffer.alloc(pad4(bytes.length) - bytes.length));
    }
  });
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function varintDeltas(buckets: Uint32Array): Uint8Array {
  const out: number[] = [];
  let prev = 0;
  for (let r = 0; r < buckets.length; r++) {
    let d = buckets[r]! - prev;
    prev = buckets[r]!;
    while (d >= 0x80) { out.push((d & 0x7f) | 0x80); d >>>= 7; }
    out.push(d);
  }
  return Uint8Array.from(out);
}

function readVarintDeltas(bytes: Uint8Array, rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  let at = 0;
  let prev = 0;
  for (let r = 0; r < rows; r++) {
    let d = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++]!;
      d += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    prev += d;
    out[r] = prev;
  }
  return out;
}

export function decodeModel(gz: Buffer): SyntaxModel {
  const buf = gunzipSync(gz);
  const magic = buf.toString('latin1', 0, MAGIC.length);
  if (magic !== MAGIC && magic !== MAGIC_1) throw new Error(`syntax model: not a ${MAGIC.trim()} file`);
  const v1 = magic === MAGIC_1;
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const parsed = HeaderSchema.safeParse(JSON.parse(buf.toString('utf8', start, start + jsonLength)));
  if (!parsed.success) throw new Error(`syntax model header: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const header = parsed.data;
  let off = pad4(start + jsonLength);
  const take = (bytes: number): ArrayBuffer => {
    if (off + bytes > buf.length) throw new Error('syntax model: file is truncated');
    const out = buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + bytes);
    off += pad4(bytes);
    return out;
  };
  const tables = header.tables.map((t) => {
    const buckets = v1 ? new Uint32Array(take(t.rows * 4)) : readVarintDeltas(new Uint8Array(take(t.bucketBytes ?? 0)), t.rows);
    const counts = new Uint8Array(take(t.rows));
    const cls = new Uint8Array(take(t.entries));
    let val: Int16Array;
    if (v1) val = new Int16Array(take(t.entries * 2));
    else {
      const planes = new Uint8Array(take(t.entries * 2));
      val = new Int16Array(t.entries);
      for (let e = 0; e < t.entries; e++) val[e] = (planes[t.entries + e]! << 24 >> 16) | planes[e]!;
    }
    return unpack({ bits: t.bits, nClasses: t.nClasses, buckets, counts, cls, val });
  });
  const lemmas: LemmaExceptions = new Map();
  for (const [tag, pairs] of Object.entries(header.lemmas)) lemmas.set(tag, new Map(pairs));
  return {
    tags: header.tags,
    upos: header.tags.map((t) => t.split('|')[0]!),
    xpos: header.tags.map((t) => t.split('|')[1]!),
    rels: header.rels,
    rootRel: header.rels.length - 1,
    tagger: sparseScorer(tables[0]!),
    parser: sparseScorer(tables[1]!),
    labeler: sparseScorer(tables[2]!),
    lemmas,
    coarse: coarseTags(header.tags),
    lexicon: new IntMap(header.lexicon?.words ?? [], header.lexicon?.classes ?? []),
    tagdict: new IntMap(header.tagdict?.words ?? [], (header.tagdict?.tags ?? []).map((t) => t + 1)),
    tables,
  };
}

/** UPOS id (order of first appearance) of each "UPOS|XPOS" tag. */
export function coarseTags(tags: readonly string[]): Uint8Array {
  const ids = new Map<string, number>();
  return Uint8Array.from(tags.map((t) => {
    const u = t.split('|')[0]!;
    if (!ids.has(u)) ids.set(u, ids.size);
    return ids.get(u)!;
  }));
}

let cached: SyntaxModel | undefined;
/** The shipped model, read on first use. */
export function syntaxModel(): SyntaxModel {
  cached ??= decodeModel(readFileSync(dataPath(MODEL_FILE)));
  return cached;
}
