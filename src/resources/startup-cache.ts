/**
 * Start-up caches: a resource's built form (typed arrays, Maps, Sets, strings) written by
 * `npm run build` beside the compiled code, read back with one v8 deserialize, and used only when
 * the digest of everything it was built from (data files and the code that builds it) matches.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

const FORMAT = 1;

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

/**
 * The file: a 4-byte length, a small v8-serialized head { format, digest, stat }, then the
 * v8-serialized value, so a stale cache is rejected without decoding its body.
 */
export function writeStartupCache(path: string, digest: string, value: unknown, stat?: string): number {
  const head = serialize({ format: FORMAT, digest, ...(stat ? { stat } : {}) });
  const body = serialize(value);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length, 0);
  const bytes = Buffer.concat([len, head, body]);
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
    const buf = readFileSync(path);
    const headLen = buf.readUInt32LE(0);
    const head = deserialize(buf.subarray(4, 4 + headLen)) as { format?: number; digest?: string; stat?: string };
    if (head.format !== FORMAT || !inputsMatch(head, digest, stat)) return null;
    return deserialize(buf.subarray(4 + headLen)) as T;
  } catch {
    return null;
  }
}
