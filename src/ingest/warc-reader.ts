/**
 * WARC 1.0/1.1 archives, plain or gzipped (record by record or whole): each `response` record
 * with an HTML or text payload (and each such `resource` record) becomes one raw document under
 * its WARC-Target-URI; requests, metadata and non-2xx responses are skipped.
 */
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { decodeBytes } from './decode.js';
import { htmlResult } from './html-reader.js';
import type { ReadResult } from './raw-document.js';

export interface WarcRecord {
  headers: Map<string, string>;
  block: Uint8Array;
}


export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function looksLikeWarc(bytes: Uint8Array): boolean {
  if (isGzip(bytes)) return false;
  return Buffer.from(bytes.subarray(0, 9)).toString('latin1') === 'WARC/1.0\r' || Buffer.from(bytes.subarray(0, 9)).toString('latin1') === 'WARC/1.1\r';
}

function indexOfSeq(buf: Uint8Array, seq: number[], from: number): number {
  outer: for (let i = from; i <= buf.length - seq.length; i++) {
    for (let j = 0; j < seq.length; j++) if (buf[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

const HEADER_END = [0x0d, 0x0a, 0x0d, 0x0a];

function parseHeaderLines(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The records of a WARC file. Gzipped files are decompressed whole: Node's gunzip reads the
 * concatenated members a WARC.gz is made of. Throws on a malformed record header.
 */
export function* warcRecords(input: Uint8Array): Generator<WarcRecord> {
  const bytes = isGzip(input) ? gunzipSync(input) : input;
  let at = 0;
  while (at < bytes.length) {
    // Skip the blank lines between records.
    while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a)) at++;
    if (at >= bytes.length) return;
    const end = indexOfSeq(bytes, HEADER_END, at);
    if (end < 0) throw new Error(`truncated WARC record header at byte ${at}`);
    const head = Buffer.from(bytes.subarray(at, end)).toString('utf8');
    if (!/^WARC\/1\.[01]/.test(head)) throw new Error(`not a WARC record at byte ${at} (expected "WARC/1.0" or "WARC/1.1")`);
    const headers = parseHeaderLines(head);
    const length = Number(headers.get('content-length'));
    if (!Number.isInteger(length) || length < 0) throw new Error(`WARC record at byte ${at} has no valid Content-Length`);
    const blockStart = end + 4;
    if (blockStart + length > bytes.length) throw new Error(`WARC record at byte ${at} is truncated (${length} bytes announced, ${bytes.length - blockStart} present)`);
    yield { headers, block: bytes.subarray(blockStart, blockStart + length) };
    at = blockStart + length;
  }
}

export interface HttpPayload { status: number; headers: Map<string, string>; body: Uint8Array }

/** Splits an HTTP response block into status, headers and body (de-chunked, decompressed). */
export function parseHttpResponse(block: Uint8Array): HttpPayload {
  let end = indexOfSeq(block, HEADER_END, 0);
  let sep = 4;
  if (end < 0) {
    end = indexOfSeq(block, [0x0a, 0x0a], 0);
    sep = 2;
  }
  if (end < 0) throw new Error('HTTP response without a header/body separator');
  const head = Buffer.from(block.subarray(0, end)).toString('latin1');
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(head);
  if (!m) throw new Error(`not an HTTP response: "${head.slice(0, 40)}"`);
  const headers = parseHeaderLines(head);
  let body: Uint8Array = block.subarray(end + sep);
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const enc = (headers.get('content-encoding') ?? '').toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') body = gunzipSync(body);
  else if (enc === 'deflate') body = inflateSync(body);
  else if (enc === 'br') body = brotliDecompressSync(body);
  return { status: Number(m[1]), headers, body };
}

function dechunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = indexOfSeq(body, [0x0d, 0x0a], at);
    if (lineEnd < 0) break;
    const size = parseInt(Buffer.from(body.subarray(at, lineEnd)).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const TEXTUAL = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

/** Reads a WARC/WARC.gz file's pages; a broken archive yields what it could read and one failure. */
/** `deferHtml`: HTML records are left for readDeferred() (see RawDocument.markup). */
export function* readWarc(bytes: Uint8Array, uri: string, deferHtml = false): Generator<ReadResult> {
  let n = 0;
  try {
    for (const rec of warcRecords(bytes)) {
      n++;
      const type = rec.headers.get('warc-type');
      const target = rec.headers.get('warc-target-uri') ?? `${uri}#record-${n}`;
      const source = { uri: target, format: 'warc' as const, id: rec.headers.get('warc-record-id') ?? `${uri}#record-${n}` };
      let contentType: string;
      let body: Uint8Array;
      try {
        if (type === 'response') {
          if (!/^application\/http/i.test(rec.headers.get('content-type') ?? 'application/http')) continue;
          const http = parseHttpResponse(rec.block);
          if (http.status < 200 || http.status >= 300) continue;
          contentType = http.headers.get('content-type') ?? '';
          body = http.body;
        } else if (type === 'resource') {
          contentType = rec.headers.get('content-type') ?? '';
          body = rec.block;
        } else continue;
      } catch (e) {
        yield { ok: false, failure: { source, code: 'E_WARC_RECORD', message: `record ${n}: ${(e as Error).message}` } };
        continue;
      }
      if (!TEXTUAL.test(contentType)) continue;
      let text: string;
      try {
        text = decodeBytes(body).text;
      } catch (e) {
        yield { ok: false, failure: { source, code: 'E_INPUT_UNREADABLE', message: `record ${n}: ${(e as Error).message}` } };
        continue;
      }
      if (!text.trim()) {
        yield { ok: false, failure: { source, code: 'E_INPUT_EMPTY', message: `record ${n} has an empty payload` } };
        continue;
      }
      if (/^text\/plain/i.test(contentType)) {
        yield { ok: true, doc: { source, text, metadata: {}, knownRegions: [], warnings: [] } };
        continue;
      }
      // WARC-Date is the crawl time, not the publication date: it is deliberately not passed on.
      yield htmlResult(text, source, { where: `record ${n}: `, code: 'E_INPUT_UNREADABLE' }, deferHtml);
    }
  } catch (e) {
    yield { ok: false, failure: { source: { uri, format: 'warc' }, code: 'E_WARC_PARSE', message: (e as Error).message } };
  }
}

