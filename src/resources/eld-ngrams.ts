/**
 * Loader for data/eld-ngrams.bin: eld's 'extrasmall' n-gram table (written from the eld package by
 * `npm run train -- eld-ngrams`) as flat byte columns and a ready hash table, read in a few
 * milliseconds instead of eld's 950 KB JavaScript object literal (half a second of start-up).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';
import { readHeaderLine } from './header-line.js';

const HeaderSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  /** eld's database type, e.g. 'XS60'. */
  type: z.string().min(1),
  /** ISO 639-1 code of each language index. */
  languages: z.array(z.string().min(2)).min(1).max(255),
  /** eld's average score of a correct detection per language (for isReliable). */
  avgScore: z.record(z.string(), z.number()),
  /** The character eld writes for each UTF-8 byte value (256 characters). */
  dictionary: z.string().length(256),
  /** eld's word-separator pattern (source, flags). */
  separators: z.tuple([z.string().min(1), z.string()]),
  /** Added to every stored score (eld subtracts it to shrink the table). */
  baseScore: z.number().int(),
  ngrams: z.number().int().positive(),
  pairs: z.number().int().positive(),
  /** Size of the hash table (a power of two). */
  slots: z.number().int().positive(),
});
export type EldHeader = z.infer<typeof HeaderSchema>;

/** The table: n-gram (a string of dictionary characters) → its (language, score) pairs. */
export interface EldNgrams {
  header: EldHeader;
  /** The n-gram's index, or -1 (an open-addressing hash table over the key bytes, no strings built). */
  find(ngram: string): number;
  /** Pairs of n-gram i: pairStart[i] to pairStart[i + 1]. */
  pairStart: Uint32Array;
  langs: Uint8Array;
  scores: Uint8Array;
  separators: RegExp;
}

/** One n-gram and its scores, as eld's source object holds it: { ngram: { langIndex: score } }. */
export type EldSource = Record<string, Record<string, number>>;

/**
 * The file: one line of JSON header (space-padded to 4 bytes), the hash table (int32 LE per slot),
 * where each n-gram's key starts (n + 1 uint32 LE, relative to the keys), where its pairs start
 * (n + 1 uint32 LE), all keys' bytes (Latin-1: every dictionary character is below 256), then
 * every pair's language (1 byte) and score (1 byte).
 */
export function serializeEldNgrams(header: Omit<EldHeader, 'ngrams' | 'pairs' | 'slots'>, ngrams: EldSource): Buffer {
  const keys = Object.keys(ngrams);
  const keyStart = new Uint32Array(keys.length + 1);
  const pairStart = new Uint32Array(keys.length + 1);
  const keyBytes: Buffer[] = [];
  const langs: number[] = [];
  const scores: number[] = [];
  keys.forEach((k, i) => {
    const b = Buffer.from(k, 'latin1');
    if (b.toString('latin1') !== k || b.length > 255) throw new Error(`eld n-gram ${JSON.stringify(k)}: not a short Latin-1 string`);
    keyStart[i + 1] = keyStart[i]! + b.length;
    keyBytes.push(b);
    const pairs = Object.entries(ngrams[k]!);
    if (pairs.length > 255) throw new Error(`eld n-gram ${JSON.stringify(k)}: ${pairs.length} languages`);
    pairStart[i + 1] = pairStart[i]! + pairs.length;
    for (const [l, s] of pairs) {
      if (!(Number.isInteger(s) && s >= 0 && s <= 255)) throw new Error(`eld n-gram ${JSON.stringify(k)}: score ${s} is not a byte`);
      langs.push(Number(l));
      scores.push(s);
    }
  });
  // The hash table: slot → n-gram index + 1 (0 = empty), FNV-1a over the key bytes, linear
  // probing, at most half full. Written here so that loading builds nothing.
  let bits = 1;
  while (1 << bits < 2 * keys.length) bits++;
  const slots = new Int32Array(1 << bits);
  keyBytes.forEach((b, i) => {
    let at = fnv1a(b, 0, b.length) & (slots.length - 1);
    while (slots[at] !== 0) at = (at + 1) & (slots.length - 1);
    slots[at] = i + 1;
  });
  const full: EldHeader = { ...header, ngrams: keys.length, pairs: langs.length, slots: slots.length };
  // The header line is padded to a multiple of 4 bytes so the table can be read in place.
  let head = `${JSON.stringify(full)}\n`;
  while (Buffer.byteLength(head) % 4 !== 0) head = ` ${head}`;
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(slots.buffer), Buffer.from(keyStart.buffer), Buffer.from(pairStart.buffer), ...keyBytes, Buffer.from(langs), Buffer.from(scores)]);
}

function fnv1a(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let j = from; j < to; j++) h = Math.imul(h ^ bytes[j]!, 0x01000193);
  return h;
}

export function parseEldNgrams(bytes: Buffer, where: string): EldNgrams {
  const { header, bodyAt } = readHeaderLine(bytes, HeaderSchema, where);
  const n = header.ngrams;
  const size = header.slots;
  let at = bodyAt;
  if (at % 4 !== 0 || size & (size - 1)) throw new Error(`${where}: header is not padded to 4 bytes or the table size is not a power of two`);
  // The int32 columns are read in place when the file's buffer is aligned (it is when read whole), else copied.
  const aligned = (bytes.byteOffset + at) % 4 === 0;
  const int32s = <T extends Int32Array | Uint32Array>(Type: new (b: ArrayBufferLike, o?: number, l?: number) => T, length: number): T => {
    const part = bytes.subarray(at, (at += 4 * length));
    if (part.length !== 4 * length) throw new Error(`${where}: truncated`);
    return aligned ? new Type(part.buffer, part.byteOffset, length) : new Type(new Uint8Array(part).buffer);
  };
  const slots = int32s(Int32Array, size);
  // Key k is bytes[keysAt + keyStart[k], keysAt + keyStart[k + 1]); its pairs pairStart[k] to pairStart[k + 1].
  const keyStart = int32s(Uint32Array, n + 1);
  const pairStart = int32s(Uint32Array, n + 1);
  const keysAt = at;
  at += keyStart[n]!;
  const pairs = pairStart[n]!;
  if (pairs !== header.pairs || at + 2 * pairs !== bytes.length) throw new Error(`${where}: ${bytes.length} bytes, not the ${at + 2 * header.pairs} its header describes`);
  const langs = bytes.subarray(at, at + pairs);
  const scores = bytes.subarray(at + pairs, at + 2 * pairs);
  // Out-of-range slots or languages cannot crash a lookup (typed arrays read undefined and drop
  // writes); eld-detector.test.ts checks the answers against eld's own.
  const mask = size - 1;
  const find = (s: string): number => {
    let h = 0x811c9dc5;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c > 255) return -1;
      h = Math.imul(h ^ c, 0x01000193);
    }
    probe: for (let at = h & mask; slots[at] !== 0; at = (at + 1) & mask) {
      const i = slots[at]! - 1;
      const a = keysAt + keyStart[i]!;
      if (keysAt + keyStart[i + 1]! - a !== s.length) continue;
      for (let j = 0; j < s.length; j++) if (bytes[a + j] !== s.charCodeAt(j)) continue probe;
      return i;
    }
    return -1;
  };
  return { header, find, pairStart, langs, scores, separators: new RegExp(header.separators[0], header.separators[1]) };
}

let table: EldNgrams | undefined;

/** The bundled table, loaded on first use. */
export function defaultEldNgrams(): EldNgrams {
  if (!table) {
    const path = dataPath('eld-ngrams.bin');
    table = parseEldNgrams(readFileSync(path), path);
  }
  return table;
}
