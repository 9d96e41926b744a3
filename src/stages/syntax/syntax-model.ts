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
import type { Lexicon, Scorer } from './tagger.js';

const MAGIC = 'CASUS-SYNTAX-1\n';
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
  /** The three weight tables in file order: tagger, parser, labeler. */
  tables: z.array(z.object({ name: z.string(), bits: z.number().int(), nClasses: z.number().int(), rows: z.number().int(), entries: z.number().int() })).length(3),
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
  /** UPOS id of each tag id (for the parser's coarse features). */
  coarse: Uint8Array;
  tables: SparseWeights[];
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Serializes: magic, u32 header length, JSON header, then per table buckets, counts, classes, values (4-byte aligned), gzipped. */
export function encodeModel(header: Omit<ModelHeader, 'tables'>, tables: { name: string; w: PackedWeights }[]): Buffer {
  const full: ModelHeader = {
    ...header,
    tables: tables.map(({ name, w }) => ({ name, bits: w.bits, nClasses: w.nClasses, rows: w.buckets.length, entries: w.cls.length })),
  };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1')];
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  parts.push(len, json, Buffer.alloc(pad4(MAGIC.length + 4 + json.length) - (MAGIC.length + 4 + json.length)));
  for (const { w } of tables) {
    for (const arr of [w.buckets, w.counts, w.cls, w.val]) {
      const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
      parts.push(bytes, Buffer.alloc(pad4(bytes.length) - bytes.length));
    }
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeModel(gz: Buffer): SyntaxModel {
  const buf = gunzipSync(gz);
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error(`syntax model: not a ${MAGIC.trim()} file`);
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const parsed = HeaderSchema.safeParse(JSON.parse(buf.toString('utf8', start, start + jsonLength)));
  if (!parsed.success) throw new Error(`syntax model header: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const header = parsed.data;
  let off = pad4(start + jsonLength);
  const take = (bytes: number): ArrayBuffer => {
    const out = buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + bytes);
    off += pad4(bytes);
    return out;
  };
  const tables = header.tables.map((t) => unpack({
    bits: t.bits,
    nClasses: t.nClasses,
    buckets: new Uint32Array(take(t.rows * 4)),
    counts: new Uint8Array(take(t.rows)),
    cls: new Uint8Array(take(t.entries)),
    val: new Int16Array(take(t.entries * 2)),
  }));
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
    lexicon: new Map((header.lexicon?.words ?? []).map((w, i) => [w, header.lexicon!.classes[i]!])),
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
