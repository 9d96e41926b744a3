/**
 * Expands the command line's inputs (files, directories recursively, `-` for standard input) and
 * reads each into raw documents, in order. Nothing here throws for bad input: every problem is
 * a failure record naming the input, so a batch always goes on.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCasusError } from '../core/errors.js';
import { decodeBytes } from './decode.js';
import { htmlResult, readMarkup } from './html-reader.js';
import { readJsonl } from './jsonl-reader.js';
import type { InputFailure, RawDocument, ReadResult } from './raw-document.js';
import { looksLikeFeed, readFeed } from './rss-reader.js';
import { isGzip, looksLikeWarc, readWarc } from './warc-reader.js';

export interface ReadOptions {
  /** Largest input accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Standard input, for `-` (injectable for tests). */
  stdin?: () => Promise<Uint8Array>;
  /** Leave HTML pages (files, WARC records, JSONL `html` fields) to be read by readDeferred() later, on another thread. */
  deferHtml?: boolean;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const HTML_EXT = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);
const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const FEED_EXT = new Set(['.rss', '.atom']);

export type InputFormat = 'text' | 'html' | 'jsonl' | 'rss' | 'warc';

export async function* readInputs(inputs: readonly string[], options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for (const input of inputs) {
    if (input === '-') {
      const bytes = await (options.stdin ?? readStdin)();
      yield* readBytes(bytes, 'stdin:', null, options);
      continue;
    }
    const path = resolve(input);
    let info;
    try {
      info = await stat(path);
    } catch {
      yield { ok: false, failure: { source: { uri: input }, code: 'E_INPUT_NOT_FOUND', message: 'no such file or directory' } };
      continue;
    }
    const files = info.isDirectory() ? await listFiles(path) : [path];
    for (const file of files) {
      const read = await readFileBytes(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
      if (read.ok) yield* readBytes(read.bytes, read.uri, formatFromExtension(file), options);
      else yield read;
    }
  }
}

export type FileBytes = { ok: true; uri: string; bytes: Uint8Array } | { ok: false; failure: InputFailure };

/**
 * One file's bytes, opened once (its size from the open handle), or the failure naming it: over
 * `limit` bytes (not read), or unreadable.
 */
export async function readFileBytes(file: string, limit: number): Promise<FileBytes> {
  const uri = pathToFileURL(file).href;
  let fh;
  try {
    fh = await open(file, 'r');
    const size = (await fh.stat()).size;
    if (size > limit) {
      return { ok: false, failure: { source: { uri }, code: 'E_INPUT_TOO_LARGE', message: `${size} bytes, over the limit of ${limit} (raise it with --max-bytes)` } };
    }
    return { ok: true, uri, bytes: await fh.readFile() };
  } catch (e) {
    // Gone since the directory was listed: as if it had never been there.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, failure: { source: { uri }, code: 'E_INPUT_NOT_FOUND', message: 'no such file or directory' } };
    return { ok: false, failure: { source: { uri }, code: 'E_INPUT_UNREADABLE', message: (e as Error).message } };
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Reads one input's bytes; the format comes from the extension when known, else from the content. */
export function* readBytes(bytes: Uint8Array, uri: string, format: InputFormat | null, options: ReadOptions = {}): Generator<ReadResult> {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > limit) {
    yield { ok: false, failure: { source: { uri }, code: 'E_INPUT_TOO_LARGE', message: `${bytes.length} bytes, over the limit of ${limit} (raise it with --max-bytes)` } };
    return;
  }
  // An HTML file left to the analysis thread is not even decoded here (1-2 ms for a 140 KB page).
  if (options.deferHtml && format === 'html') {
    yield { ok: true, doc: { source: { uri, format: 'html' }, text: '', metadata: {}, knownRegions: [], warnings: [], markup: { kind: 'html', bytes } } };
    return;
  }
  // WARC archives are binary (often gzipped): read them before any text decoding.
  if (format === 'warc' || (format === null && (looksLikeWarc(bytes) || (isGzip(bytes) && /\.warc\.gz$/i.test(uri))))) {
    yield* readWarc(bytes, uri, options.deferHtml);
    return;
  }
  let decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (e) {
    const code = isCasusError(e) ? e.code : 'E_INPUT_UNREADABLE';
    yield { ok: false, failure: { source: { uri, ...(format ? { format } : {}) }, code, message: (e as Error).message } };
    return;
  }
  const text = decoded.text;
  if (!text.trim()) {
    yield { ok: false, failure: { source: { uri }, code: 'E_INPUT_EMPTY', message: 'input is empty (only whitespace)' } };
    return;
  }
  const kind = format ?? (looksLikeFeed(text) ? 'rss' : sniffFormat(text));
  if (kind === 'rss') {
    yield* readFeed(text, uri);
    return;
  }
  const warnings = decoded.warning ? [{ code: 'W_ENCODING', message: decoded.warning }] : [];
  if (kind === 'jsonl') {
    for (const result of readJsonl(text, uri, options.deferHtml)) {
      if (result.ok) result.doc.warnings.push(...warnings);
      yield result;
    }
    return;
  }
  if (kind === 'html') {
    const result = htmlResult(text, { uri, format: 'html' }, {}, options.deferHtml);
    if (result.ok) result.doc.warnings.push(...warnings);
    yield result;
    return;
  }
  yield { ok: true, doc: { source: { uri, format: 'text' }, text, metadata: {}, knownRegions: [], warnings } };
}

/**
 * A document whose HTML was left to be read (RawDocument.markup): an HTML file's bytes, read as
 * readBytes reads an HTML file (decoding, empty and binary checks), or a page's markup (readMarkup);
 * else the document as it is.
 */
export function readDeferred(raw: RawDocument): ReadResult {
  if (!raw.markup) return { ok: true, doc: raw };
  if (raw.markup.bytes) return readBytes(raw.markup.bytes, raw.source.uri ?? '?', 'html').next().value!;
  return readMarkup(raw);
}

export function formatFromExtension(path: string): InputFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.warc' || /\.warc\.gz$/i.test(path)) return 'warc';
  if (FEED_EXT.has(ext)) return 'rss';
  if (HTML_EXT.has(ext)) return 'html';
  if (JSONL_EXT.has(ext)) return 'jsonl';
  if (TEXT_EXT.has(ext)) return 'text';
  return null;
}

/** HTML if it opens like markup, JSON Lines if its first line is a JSON object, else text. */
export function sniffFormat(text: string): InputFormat {
  const head = text.slice(0, 1024).trimStart();
  if (/^(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/i.test(head)) return 'html';
  if (head.startsWith('{')) {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      return 'text';
    }
  }
  if (/^<[a-z][\s\S]*<\/(p|div|article|body)>/i.test(head) || /<(p|div|article)[\s>]/i.test(head.slice(0, 200)) && head.startsWith('<')) return 'html';
  return 'text';
}

/** Files under a directory, recursively, in name order; hidden entries skipped. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
