/**
 * Loader for data/ner-model.bin, the NER tagger's weights (trained by `npm run train -- ner`):
 * one line of JSON header (what, source, licence, format, labels, scale) then the gzipped
 * int8 weight table (2^bits feature buckets × labels). Loaded once, lazily.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { dataPath } from './data-path.js';
import { readHeaderLine } from './header-line.js';

const HeaderSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  labels: z.array(z.string()),
  bits: z.number().int().min(8).max(24),
  scale: z.number().positive(),
  trained: z.record(z.string(), z.unknown()).optional(),
});
export type NerModelHeader = z.infer<typeof HeaderSchema>;

export interface NerModel {
  header: NerModelHeader;
  weights: Int8Array;
}

export function parseNerModel(bytes: Buffer, where: string): NerModel {
  const { header, bodyAt } = readHeaderLine(bytes, HeaderSchema, where);
  const raw = gunzipSync(bytes.subarray(bodyAt));
  const expected = (1 << header.bits) * header.labels.length;
  if (raw.length !== expected) throw new Error(`${where}: ${raw.length} weights, expected ${expected}`);
  return { header, weights: new Int8Array(raw.buffer, raw.byteOffset, raw.length) };
}

export function serializeNerModel(model: NerModel): Buffer {
  const head = Buffer.from(`${JSON.stringify(model.header)}\n`, 'utf8');
  const body = gzipSync(Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.length), { level: 9 });
  return Buffer.concat([head, body]);
}

/** Reads the bundled model afresh: for callers that keep only a compact form of it (the tagger's sparse rows). */
export function readNerModel(): NerModel {
  const path = dataPath('ner-model.bin');
  return parseNerModel(readFileSync(path), path);
}

let model: NerModel | undefined;

/** The bundled model, loaded on first use and kept (9 MB of dense weights). */
export function defaultNerModel(): NerModel {
  model ??= readNerModel();
  return model;
}
