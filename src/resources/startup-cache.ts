/**
 * Start-up caches: a resource's built form (typed arrays, Maps, Sets, strings) written by
 * `npm run build` beside the compiled code, read back with one v8 deserialize, and used only when
 * the digest of everything it was built from (data files and the code that builds it) matches.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

/** 2: typed arrays stored as raw bytes after the value (1: inside v8's serialization). */
const FORMAT = 2;

/** Where `npm run build` writes cache `name`: dist/resources/NAME.cache (src/resources/ under tsx, where none is written). */
export function startupCachePath(name: string): string {
  return fileURLToPath(new URL(`./${name}.cache`, import.meta.url));
}

/** True when running compiled code (dist/): only then are caches written or read. */
export const COMPILED = import.meta.url.endsWith('.js');

/** SHA-256 over the given files' bytes (paths or module URLs), in order. */
export function digestOf(files: readonly (string | URL)[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/**
 * A hash of the inputs' sizes and modification times. When it is the one recorded with a cache,
 * no input changed since the cache was written and their digest need not be computed (~30 ms of
 * reading and hashing at start-up); when it differs (a checkout, a copy), the digest decides.
 */
export function statKey(files: readonly (string | URL)[]): string {
  const h = createHash('sha256');
  for (const f of files) { const st = statSync(f); h.update(`${st.size}:${st.mtimeMs}\0`); }
  return h.digest('hex');
}

/** Whether a cache head fits the inputs: their stat key (cheap) or, failing that, their digest. */
export function inputsMatch(head: { digest?: string; stat?: string }, digest: string | (() => string), stat?: () => string): boolean {
  if (stat && head.stat !== undefined && head.stat === stat()) return true;
  return head.digest === (typeof digest === 'string' ? digest : digest());
}

/** The typed arrays a cache may hold as raw bytes (views on the file's buffer when read back). */
const VIEW_TYPES = { Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array };
type ViewType = keyof typeof VIEW_TYPES;
type View = InstanceType<(typeof VIEW_TYPES)[ViewType]>;
/** Where a typed array went: its type, byte offset in the body and length. */
type ViewRef = { __view: [ViewType, number, number] };

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The value with every typed array in plain objects and arrays replaced by a ViewRef, and those arrays in order. */
function extractViews(value: unknown, views: View[], offset: { at: number }): unknown {
  if (ArrayBuffer.isView(value) && value.constructor.name in VIEW_TYPES) {
    const a = value as View;
    offset.at = Math.ceil(offset.at / 8) * 8;
    const ref: ViewRef = { __view: [a.constructor.name as ViewType, offset.at, a.length] };
    views.push(a);
    offset.at += a.byteLength;
    return ref;
  }
  if (Array.isArray(value)) return value.map((v) => extractViews(v, views, offset));
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extractViews(v, views, offset)]));
  return value;
}

/**
 * The value with each ViewRef turned into a view on the body's bytes (no copy). The value is the
 * one just deserialized, so its arrays and objects are changed in place, and primitives (the
 * long word and name lists of the caches) are skipped without a call or a copy.
 */
function restoreViews(value: unknown, buf: Buffer, start: number): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null) value[i] = restoreViews(v, buf, start);
    }
    return value;
  }
  if (!isPlain(value)) return value;
  const ref = (value as ViewRef).__view;
  if (Array.isArray(ref) && ref.length === 3 && typeof ref[0] === 'string' && ref[0] in VIEW_TYPES) {
    const [type, offset, length] = ref;
    const Type = VIEW_TYPES[type];
    if (start + offset + length * Type.BYTES_PER_ELEMENT > buf.length) throw new Error('start-up cache: file is truncated');
    return new Type(buf.buffer as ArrayBuffer, buf.byteOffset + start + offset, length);
  }
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (typeof v === 'object' && v !== null) value[k] = restoreViews(v, buf, start);
  }
  return value;
}

/**
 * The file: a 4-byte length, a small v8-serialized head { format, digest, stat }, the
 * v8-serialized value with its typed arrays (in plain objects and arrays) replaced by references,
 * then those arrays' bytes, 8-byte aligned: read back as views on the file's buffer, without the
 * copy v8's deserialize makes. A stale cache is rejected without decoding its body.
 */
export function writeStartupCache(path: string, digest: string, value: unknown, stat?: string): number {
  const head = serialize({ format: FORMAT, digest, ...(stat ? { stat } : {}) });
  const views: View[] = [];
  const body = serialize(extractViews(value, views, { at: 0 }));
  const len = Buffer.alloc(8);
  len.writeUInt32LE(head.length, 0);
  len.writeUInt32LE(body.length, 4);
  const start = Math.ceil((8 + head.length + body.length) / 8) * 8;
  let size = start;
  for (const a of views) size = Math.ceil(size / 8) * 8 + a.byteLength;
  const bytes = Buffer.alloc(size);
  len.copy(bytes, 0);
  head.copy(bytes, 8);
  body.copy(bytes, 8 + head.length);
  let at = 0;
  for (const a of views) {
    at = Math.ceil(at / 8) * 8;
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(bytes, start + at);
    at += a.byteLength;
  }
  writeFileSync(path, bytes);
  return bytes.length;
}

/**
 * The cached value when the file exists, is readable and was built from inputs with this digest
 * (or, cheaper, with this stat key: see statKey); else null (also when the digest cannot be
 * computed, e.g. an input is missing: then the caller builds).
 */
export function readStartupCache<T>(path: string, digest: string | (() => string), stat?: () => string): T | null {
  try {
    let buf = sharedFiles.get(path) ?? readFileSync(path);
    // The views need their element alignment: a copy in the rare case the buffer is not 8-byte aligned.
    if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
    const headLen = buf.readUInt32LE(0);
    const bodyLen = buf.readUInt32LE(4);
    const head = deserialize(buf.subarray(8, 8 + headLen)) as { format?: number; digest?: string; stat?: string };
    if (head.format !== FORMAT || !inputsMatch(head, digest, stat)) return null;
    const start = Math.ceil((8 + headLen + bodyLen) / 8) * 8;
    return restoreViews(deserialize(buf.subarray(8 + headLen, 8 + headLen + bodyLen)), buf, start) as T;
  } catch {
    return null;
  }
}

/** writeStartupCache keyed on input files: their digest and stat key. */
export function writeStartupCacheOf(path: string, inputs: readonly (string | URL)[], value: unknown): number {
  return writeStartupCache(path, digestOf(inputs), value, statKey(inputs));
}

/** readStartupCache keyed on the input files `inputs()` lists (their stat key first, else their digest). */
export function readStartupCacheOf<T>(path: string, inputs: () => readonly (string | URL)[]): T | null {
  return readStartupCache<T>(path, () => digestOf(inputs()), () => statKey(inputs()));
}

/**
 * Cache files the main thread read once into shared memory and handed to the analysis workers: a
 * worker's views then sit on those bytes instead of on its own copy of every file (40 MB per
 * worker, and reading them is mostly page faults: ~175 ms of system time per worker on a VM).
 */
const sharedFiles = new Map<string, Buffer>();

/** Every start-up cache file `npm run build` wrote, read into SharedArrayBuffers: path → bytes (none under tsx). */
export function readStartupCachesShared(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  if (!COMPILED) return files;
  const dir = dirname(startupCachePath('x'));
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.cache')) continue;
    const path = join(dir, name);
    const fd = openSync(path, 'r');
    try {
      const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
      for (let at = 0, n = 1; at < bytes.length && n > 0; at += n) n = readSync(fd, bytes, at, bytes.length - at, at);
      files.set(path, bytes);
    } finally {
      closeSync(fd);
    }
  }
  return files;
}

/** In a worker: read these files' bytes (from readStartupCachesShared) instead of the files. */
export function useSharedStartupCaches(files: ReadonlyMap<string, Uint8Array>): void {
  for (const [path, bytes] of files) sharedFiles.set(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
