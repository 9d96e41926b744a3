/**
 * A careful HTTP fetcher for feed URLs and URL lists: http/https only, private-network addresses
 * refused (checked on the resolved address, so DNS cannot smuggle them in) unless allowed, a
 * deadline per request, a size cap while streaming, a content-type allow-list and bounded redirects.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from './decode.js';
import type { ReadResult } from './raw-document.js';
import { formatFromExtension, readBytes } from './read-inputs.js';
import type { InputFormat } from './read-inputs.js';
import { itemToRaw, looksLikeFeed, parseFeed } from './rss-reader.js';

export interface FetchOptions {
  /** Whole-request deadline in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Allow loopback, private, link-local and other non-public addresses (tests, intranets). */
  allowPrivate?: boolean;
  userAgent?: string;
}

export type FetchResult =
  | { ok: true; url: string; status: number; contentType: string; bytes: Uint8Array }
  | { ok: false; url: string; code: string; message: string };

/** Content types worth reading: pages, text, feeds, JSON Lines and WARC archives. */
const ALLOWED_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/(rss|atom|rdf)\+xml|application\/xml|text\/xml|application\/(x-)?ndjson|application\/jsonl?|application\/warc|application\/gzip|application\/x-gzip)\b/i;

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19));
}

/** Whether an IP address is not on the public internet (loopback, private, link-local, CGNAT, multicast…). */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return ipv4Private(ip);
  if (v !== 6) return true;
  const low = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(low);
  if (mapped) return ipv4Private(mapped[1]!);
  return low === '::' || low === '::1' || /^f[cd]/.test(low) || /^fe[89ab]/.test(low) || /^ff/.test(low) || low.startsWith('64:ff9b:') || low.startsWith('2001:db8');
}

/** A URL the fetcher may try, or the reason it may not. */
export function checkUrl(raw: string): { ok: true; url: URL } | { ok: false; code: string; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'E_URL_INVALID', message: `not a valid URL: ${raw}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, code: 'E_URL_SCHEME', message: `only http and https URLs are fetched, not ${url.protocol}` };
  if (url.username || url.password) return { ok: false, code: 'E_URL_CREDENTIALS', message: 'URLs with credentials are not fetched' };
  return { ok: true, url };
}

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        const e = new Error(`${hostname} resolves to a private-network address (${bad.address}); use --allow-private to fetch it`) as NodeJS.ErrnoException;
        e.code = 'E_URL_PRIVATE';
        return callback(e, '', 0);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export async function fetchUrl(raw: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let current = raw;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const checked = checkUrl(current);
    if (!checked.ok) return { ok: false, url: current, code: checked.code, message: checked.message };
    const host = checked.url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isPrivateAddress(host) && !options.allowPrivate) {
      return { ok: false, url: current, code: 'E_URL_PRIVATE', message: `${host} is a private-network address; use --allow-private to fetch it` };
    }
    const res = await once(checked.url, options, deadline);
    if (!res.ok) return res;
    if (res.redirect) {
      current = new URL(res.redirect, checked.url).href;
      continue;
    }
    return res.result!;
  }
  return { ok: false, url: current, code: 'E_URL_REDIRECTS', message: `more than ${maxRedirects} redirects` };
}

type Once = { ok: true; redirect: string; result?: never } | { ok: true; redirect?: never; result: FetchResult } | { ok: false; url: string; code: string; message: string };

function once(url: URL, options: FetchOptions, deadline: number): Promise<Once> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (v: Once) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const fail = (code: string, message: string) => done({ ok: false, url: url.href, code, message });
    const req = lib.get(url, {
      lookup: guardedLookup(Boolean(options.allowPrivate)) as never,
      headers: { 'user-agent': options.userAgent ?? 'casus (+https://github.com/casus)', accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.1', 'accept-encoding': 'gzip' },
    }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return done({ ok: true, redirect: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return fail('E_URL_STATUS', `HTTP ${status}`);
      }
      const type = String(res.headers['content-type'] ?? '');
      if (!ALLOWED_TYPES.test(type)) {
        res.destroy();
        return fail('E_URL_CONTENT_TYPE', `content type "${type || 'none'}" is not a page, text, feed or archive`);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        return fail('E_URL_TOO_LARGE', `${declared} bytes announced, over the limit of ${maxBytes}`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          res.destroy();
          fail('E_URL_TOO_LARGE', `more than ${maxBytes} bytes`);
        } else chunks.push(c);
      });
      res.on('error', (e) => fail('E_URL_NETWORK', e.message));
      res.on('end', () => {
        let bytes: Uint8Array = Buffer.concat(chunks);
        if (/gzip/i.test(String(res.headers['content-encoding'] ?? ''))) {
          try {
            bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
          } catch (e) {
            return fail('E_URL_TOO_LARGE', `gzip body: ${(e as Error).message}`);
          }
        }
        done({ ok: true, result: { ok: true, url: url.href, status, contentType: type, bytes } });
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'E_URL_PRIVATE' ? 'E_URL_PRIVATE' : 'E_URL_NETWORK', e.message));
    const timer = setTimeout(() => {
      req.destroy();
      fail('E_URL_TIMEOUT', `no complete answer within ${options.timeoutMs ?? 15_000} ms`);
    }, Math.max(0, deadline - Date.now()));
  });
}

/** Whether a text is a list of URLs: every non-blank, non-comment line is an http(s) URL. */
export function isUrlList(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^https?:\/\/\S+$/i.test(l));
}

export function urlListEntries(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** The reader for a fetched body: from the content type, then the URL's extension, else sniffed. */
function formatOf(contentType: string, url: string): InputFormat | null {
  if (/^(text\/html|application\/xhtml\+xml)/i.test(contentType)) return 'html';
  if (/^application\/(rss|atom|rdf)\+xml/i.test(contentType)) return 'rss';
  if (/^application\/warc/i.test(contentType)) return 'warc';
  if (/ndjson|jsonl/i.test(contentType)) return 'jsonl';
  return formatFromExtension(new URL(url).pathname);
}

/** Summaries shorter than this are not the article: the item's link is fetched instead. */
const SUMMARY_ONLY_CHARS = 600;

/**
 * Fetches a URL and reads it like a file: a page, a text, a WARC archive, or a feed whose items
 * become documents (an item with only a short summary is replaced by its fetched article).
 */
export async function* readUrl(raw: string, options: FetchOptions = {}, depth = 0): AsyncGenerator<ReadResult> {
  const res = await fetchUrl(raw, options);
  if (!res.ok) {
    yield { ok: false, failure: { source: { uri: raw }, code: res.code, message: res.message } };
    return;
  }
  const format = formatOf(res.contentType, res.url);
  let feedText: string | null = null;
  if (format === 'rss' || (format === null && /xml/i.test(res.contentType))) {
    try {
      feedText = decodeBytes(res.bytes).text;
    } catch {
      feedText = null;
    }
    if (feedText !== null && !looksLikeFeed(feedText) && format !== 'rss') feedText = null;
  }
  // A feed linked from a feed item is read from its own content: links are followed one level only.
  if (feedText === null || depth > 0) {
    yield* readBytes(res.bytes, res.url, format, options.maxBytes ? { maxBytes: options.maxBytes } : {});
    return;
  }
  let items;
  try {
    items = parseFeed(feedText);
  } catch (e) {
    yield { ok: false, failure: { source: { uri: res.url, format: 'rss' }, code: 'E_FEED_PARSE', message: (e as Error).message } };
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const short = !item.content || (item.summaryOnly && item.content.replace(/<[^>]+>/g, '').length < SUMMARY_ONLY_CHARS);
    if (!(short && item.link)) {
      yield itemToRaw(item, res.url, i);
      continue;
    }
    let page = false;
    for await (const r of readUrl(item.link, options, depth + 1)) {
      if (r.ok) {
        page = true;
        r.doc.metadata = { ...(item.published ? { published: item.published } : {}), ...r.doc.metadata };
      }
      yield r;
    }
    // The article could not be fetched: its summary is still news (a failure was reported).
    if (!page && item.content) yield itemToRaw(item, res.url, i);
  }
}
