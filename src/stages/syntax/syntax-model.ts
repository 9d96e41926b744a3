/**
 * The syntax model file (src/resources/data/models/syntax.bin, format in the README beside it):
 * writing it at training time, and reading it once, lazily, at run time.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { dataPath } from '../../resources/data-path.js';
import { COMPILED, readStartupCacheOf, startupCachePath, writeStartupCacheOf } from '../../resources/startup-cache.js';
import type { LemmaExceptions } from './lemmatizer.js';
import type { PackedWeights, SparseWeights } from './weights.js';
import { packEntries, sparseScorer, unpack } from './weights.js';
import { IntMap } from './int-map.js';
import type { Lexicon, Scorer } from './tagger.js';

const MAGIC = 'CASUS-SYNTAX-3\n';
/** Earlier formats, still read: 2 (lexicon and tag dictionary in the JSON header), 1 (also buckets as u32, values as plain i16). */
const MAGIC_2 = 'CASUS-SYNTAX-2\n';
const MAGIC_1 = 'CASUS-SYNTAX-1\n';
export const MODEL_FILE = 'models/syntax.bin';

const HeaderSchema = z.object({
  about: z.string(),
  /** Tagger classes, each "UPOS|XPOS". */
  tags: z.array(z.string()).min(1),
  /** Relations; the labeler predicts all but the last, which is "root". */
  rels: z.array(z.string()).min(2),
  /** Lemma exceptions: PTB tag → [form, lemma] pairs. */
  /** Version 3: one string per tag, "form\tlemma" lines (a string validates in no time; 1,600 tuples took 20 ms). */
  lemmas: z.record(z.string(), z.union([z.string(), z.array(z.tuple([z.string(), z.string()]))])),
  /** Ambiguity classes: lower-cased word hashes and the class of each (tagger features). */
  lexicon: z.object({ words: z.array(z.number().int()), classes: z.array(z.number().int()) }).optional(),
  /** Tag dictionary: exact-form word hashes of frequent words with a single tag, and that tag id. */
  tagdict: z.object({ words: z.array(z.number().int()), tags: z.array(z.number().int()) }).optional(),
  /** Version 3: the integer maps stored after the header, in this order (u32 keys, then u32 values). */
  maps: z.array(z.object({ name: z.enum(['lexicon', 'tagdict', 'clusters']), size: z.number().int().nonnegative() })).optional(),
  /** The weight tables in file order: tagger, parser, labeler, and in newer models the right-to-left tagger. */
  tables: z.array(z.object({ name: z.string(), bits: z.number().int().min(1).max(28), nClasses: z.number().int(), rows: z.number().int(), entries: z.number().int(), bucketBytes: z.number().int().optional(), diffRows: z.boolean().optional() })).min(3).max(4),
  meta: z.record(z.string(), z.unknown()),
  /** Tokens whose left-to-right tag won by less than this (stored units) are also scored by the right-to-left tagger. */
  backwardMargin: z.number().optional(),
  /** Tokens the right-to-left tagger rescored whose two best summed scores lie closer than this: the parser also reads the runner-up tag. */
  secondMargin: z.number().optional(),
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
  /** The right-to-left tagger (tagger.ts retagBackward; absent from older models) and the margin below which it is asked. */
  backward?: Scorer;
  backwardMargin?: number;
  /** See the header's secondMargin (absent: the parser reads no runner-up tags). */
  secondMargin?: number;
  lemmas: LemmaExceptions;
  lexicon: Lexicon;
  /** Exact-form word hash → tag id + 1 for frequent one-tag words (tagged without scoring). */
  tagdict: Lexicon;
  /** Lower-case word hash → word cluster (WordColumns.clu); empty in models without clusters. */
  clusters: Lexicon;
  /** UPOS id of each tag id (for the parser's coarse features). */
  coarse: Uint8Array;
  tables: SparseWeights[];
}

const pad4 = (n: number) => (n + 3) & ~3;

/** An integer map as stored: keys and values (values never 0). */
export interface StoredMap {
  keys: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * Serializes (format in the README beside the model): magic, u32 header length, JSON header,
 * the integer maps (lexicon, tagdict, clusters: u32 keys then u32 values), then per table the
 * buckets as LEB128 varints of their differences and either counts and entries (i32: class << 16 |
 * value) or, for 4-class tables, three Int16 differences per row; each 4-byte aligned; gzipped.
 * The loader uses the arrays in place: no loop over entries at start-up.
 */
export function encodeModel(
  header: Omit<ModelHeader, 'tables' | 'maps' | 'lexicon' | 'tagdict' | 'lemmas'> & { lemmas: Record<string, [string, string][]> },
  tables: { name: string; w: PackedWeights }[],
  maps: Partial<Record<'lexicon' | 'tagdict' | 'clusters', StoredMap>> = {},
): Buffer {
  const deltas = tables.map(({ w }) => varintDeltas(w.buckets));
  const mapList = (['lexicon', 'tagdict', 'clusters'] as const).flatMap((name) => (maps[name] ? [{ name, m: maps[name] }] : []));
  const full: ModelHeader = {
    ...header,
    lemmas: Object.fromEntries(Object.entries(header.lemmas).map(([tag, pairs]) => [tag, pairs.map((p) => p.join('\t')).join('\n')])),
    maps: mapList.map(({ name, m }) => ({ name, size: m.keys.length })),
    tables: tables.map(({ name, w }, i) => ({ name, bits: w.bits, nClasses: w.nClasses, rows: w.buckets.length, entries: w.cls.length, bucketBytes: deltas[i]!.length, ...(w.diffRows ? { diffRows: true } : {}) })),
  };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1')];
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  parts.push(len, json, Buffer.alloc(pad4(MAGIC.length + 4 + json.length) - (MAGIC.length + 4 + json.length)));
  for (const { m } of mapList) {
    const u = Uint32Array.from(m.keys, (k) => k >>> 0);
    const v = Uint32Array.from(m.values, (k) => k >>> 0);
    parts.push(Buffer.from(u.buffer), Buffer.from(v.buffer));
  }
  tables.forEach(({ w }, i) => {
    // Rows of differences have three entries each, classes 1..3: neither counts nor classes are
    // stored. Other tables store their entries as the loader uses them (little-endian Int32).
    const arrays = w.diffRows ? [deltas[i]!, new Int16Array(w.val)] : [deltas[i]!, w.counts, packEntries(w.cls, w.val)];
    for (const arr of arrays) {
      const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
      parts.push(bytes, Buffer.alloc(pad4(bytes.length) - bytes.length));
    }
  });
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

/** Increasing buckets as LEB128 varints of their differences. */
export function varintDeltas(buckets: Uint32Array): Uint8Array {
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
    // Buckets are at most 2^23, so a difference has at most four 7-bit groups: integer shifts do.
    let b = bytes[at++]!;
    let d = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      b = bytes[at++]!;
      d |= (b & 0x7f) << shift;
    }
    prev += d;
    out[r] = prev;
  }
  return out;
}

/**
 * What decoding the file makes, as plain data (typed arrays, strings, Maps): what a start-up cache
 * can hold. modelFromParts turns it into the model.
 */
export interface ModelParts {
  tags: string[];
  rels: string[];
  lemmas: LemmaExceptions;
  /** The integer maps' keys and values (lexicon, tagdict, clusters). */
  maps: Partial<Record<'lexicon' | 'tagdict' | 'clusters', { keys: Uint32Array; values: Uint32Array }>>;
  tables: SparseWeights[];
  backwardMargin?: number;
  secondMargin?: number;
}

/** spread: per table, slots per stored row at least (the lookup tables' size; see unpack). */
export function decodeModel(gz: Buffer, spread: readonly (number | undefined)[] = []): SyntaxModel {
  return modelFromParts(decodeParts(gz, spread));
}

function decodeParts(gz: Buffer, spread: readonly (number | undefined)[]): ModelParts {
  // One large output chunk: the default 16 KB chunks cost three times as much (copies, calls).
  let buf = gunzipSync(gz, { chunkSize: 16 << 20 });
  // The arrays below are views into buf (no copies): they need it 4-byte aligned.
  if (buf.byteOffset % 4 !== 0) buf = Buffer.from(new Uint8Array(buf));
  const magic = buf.toString('latin1', 0, MAGIC.length);
  if (magic !== MAGIC && magic !== MAGIC_2 && magic !== MAGIC_1) throw new Error(`syntax model: not a ${MAGIC.trim()} file`);
  const v1 = magic === MAGIC_1;
  const v2 = magic === MAGIC_2;
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const parsed = HeaderSchema.safeParse(JSON.parse(buf.toString('utf8', start, start + jsonLength)));
  if (!parsed.success) throw new Error(`syntax model header: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const header = parsed.data;
  let off = pad4(start + jsonLength);
  const whole = buf;
  const take = (bytes: number): [ArrayBuffer, number] => {
    if (off + bytes > whole.length) throw new Error('syntax model: file is truncated');
    const at = whole.byteOffset + off;
    off += pad4(bytes);
    return [whole.buffer, at];
  };
  const maps: ModelParts['maps'] = {};
  for (const { name, size } of header.maps ?? []) {
    const keys = new Uint32Array(...take(size * 4), size);
    maps[name] = { keys, values: new Uint32Array(...take(size * 4), size) };
  }
  // Format 2 keeps the lexicon and the tag dictionary in the JSON header.
  if (header.lexicon && !maps.lexicon) maps.lexicon = { keys: Uint32Array.from(header.lexicon.words), values: Uint32Array.from(header.lexicon.classes) };
  if (header.tagdict && !maps.tagdict) maps.tagdict = { keys: Uint32Array.from(header.tagdict.words), values: Uint32Array.from(header.tagdict.tags, (t) => t + 1) };
  const tables = header.tables.map((t, ti) => {
    const buckets = v1 ? new Uint32Array(...take(t.rows * 4), t.rows) : readVarintDeltas(new Uint8Array(...take(t.bucketBytes ?? 0), t.bucketBytes ?? 0), t.rows);
    if (t.diffRows) {
      const val = new Int16Array(...take(t.entries * 2), t.entries);
      return unpack({ bits: t.bits, nClasses: t.nClasses, buckets, counts: new Uint8Array(0), cls: new Uint8Array(0), val, diffRows: true }, spread[ti]);
    }
    const counts = new Uint8Array(...take(t.rows), t.rows);
    if (!v1 && !v2) {
      const entries = new Int32Array(...take(t.entries * 4), t.entries);
      return unpack({ bits: t.bits, nClasses: t.nClasses, buckets, counts, cls: new Uint8Array(0), val: new Int16Array(0), entries }, spread[ti]);
    }
    const cls = new Uint8Array(...take(t.entries), t.entries);
    let val: Int16Array;
    if (v1) val = new Int16Array(...take(t.entries * 2), t.entries);
    else {
      const planes = new Uint8Array(...take(t.entries * 2), t.entries * 2);
      val = new Int16Array(t.entries);
      for (let e = 0; e < t.entries; e++) val[e] = (planes[t.entries + e]! << 24 >> 16) | planes[e]!;
    }
    return unpack({ bits: t.bits, nClasses: t.nClasses, buckets, counts, cls, val }, spread[ti]);
  });
  const lemmas: LemmaExceptions = new Map();
  for (const [tag, pairs] of Object.entries(header.lemmas)) {
    lemmas.set(tag, new Map(typeof pairs === 'string' ? pairs.split('\n').map((line) => line.split('\t') as [string, string]) : pairs));
  }
  return { tags: header.tags, rels: header.rels, lemmas, maps, tables, ...(header.backwardMargin !== undefined ? { backwardMargin: header.backwardMargin } : {}), ...(header.secondMargin !== undefined ? { secondMargin: header.secondMargin } : {}) };
}

const intMap = (m: { keys: Uint32Array; values: Uint32Array } | undefined) => (m ? new IntMap(m.keys, m.values) : new IntMap([], []));

/** The model over decoded parts: scorers, integer maps and tag columns (a few milliseconds). */
export function modelFromParts(p: ModelParts): SyntaxModel {
  return {
    tags: p.tags,
    upos: p.tags.map((t) => t.split('|')[0]!),
    xpos: p.tags.map((t) => t.split('|')[1]!),
    rels: p.rels,
    rootRel: p.rels.length - 1,
    tagger: sparseScorer(p.tables[0]!),
    parser: sparseScorer(p.tables[1]!),
    labeler: sparseScorer(p.tables[2]!),
    ...(p.tables[3] ? { corrector: sparseScorer(p.tables[3]) } : {}),
    ...(p.tables[3] ? { backward: sparseScorer(p.tables[3]) } : {}),
    ...(p.backwardMargin !== undefined ? { backwardMargin: p.backwardMargin } : {}),
    ...(p.secondMargin !== undefined ? { secondMargin: p.secondMargin } : {}),
    lemmas: p.lemmas,
    coarse: coarseTags(p.tags),
    lexicon: intMap(p.maps.lexicon),
    tagdict: intMap(p.maps.tagdict),
    clusters: intMap(p.maps.clusters),
    tables: p.tables,
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

/** Where `npm run build` writes the decoded model (dist/resources/syntax.cache). */
export const SYNTAX_CACHE = startupCachePath('syntax');

/** The model file and the code that decodes it. */
function modelInputs(): (string | URL)[] {
  const ext = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  return [dataPath(MODEL_FILE), ...['./syntax-model', './weights'].map((c) => new URL(`${c}${ext}`, import.meta.url))];
}

/** Decodes the shipped model and writes its parts with their inputs' digest and stat key; returns the file's size. */
export function writeSyntaxCache(path: string = SYNTAX_CACHE): number {
  return writeStartupCacheOf(path, modelInputs(), decodeParts(readFileSync(dataPath(MODEL_FILE)), []));
}

/** The decoded parts from a cache file, or null when it is absent, damaged or built from other inputs. */
export function readSyntaxCache(path: string = SYNTAX_CACHE): ModelParts | null {
  return readStartupCacheOf<ModelParts>(path, modelInputs);
}

let cached: SyntaxModel | undefined;
/** The shipped model, read on first use (from the start-up cache when `npm run build` wrote a current one). */
export function syntaxModel(): SyntaxModel {
  cached ??= modelFromParts((COMPILED ? readSyntaxCache() : null) ?? decodeParts(readFileSync(dataPath(MODEL_FILE)), []));
  return cached;
}
