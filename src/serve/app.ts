/**
 * createApp(): the HTTP API over a Store (JSON, validated with the zod schemas of schemas.ts) and
 * the static dashboard, with the security defaults (token for writing, size limits, headers).
 */
// Framework: Hono (small, fast, web-standard Request/Response, so tests call app.fetch without a
// socket) on @hono/node-server. OpenAPI comes from zod 4's own z.toJSONSchema (openapi.ts) rather
// than a zod-openapi wrapper: no second schema dialect, nothing that lags behind zod releases.
import { createHash, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { z } from 'zod';
import { analyze, toRaw } from '../analyze.js';
import type { Document } from '../core/document.js';
import { AnalyzePool } from '../corpus/analyze-pool.js';
import { eventsFeatureCollection } from '../corpus/exports.js';
import { ingest } from '../corpus/ingest.js';
import type { RawDocument } from '../ingest/raw-document.js';
import type { DetailedEventCluster, Store } from '../storage/store.js';
import { ResponseCache } from './response-cache.js';
import type { CachedAnswer } from './response-cache.js';
import { openApiDocument } from './openapi.js';
import {
  ActorQuery, ActorsQuery, AnalyzeJsonBody, AnalyzeQuery, DocumentsQuery, DyadQuery, EventsQuery, IngestBody, MapQuery, NetworkQuery,
  QuotesQuery, SearchQuery, TimelineQuery,
} from './schemas.js';
import { StaticFiles, webStream } from './static-files.js';
import { VERSION } from './version.js';

/** The dashboard built by `npm run build`, found from this module (same depth in src/ and dist/), not from the working directory. */
const BUILT_DASHBOARD = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AppOptions {
  store: Store;
  /** Enables the writing endpoints; requests must send `Authorization: Bearer TOKEN`. */
  token?: string;
  /** An origin allowed to call the API from a browser (CORS is off without it). */
  cors?: string;
  /** The built dashboard (default dist/web). */
  staticDir?: string;
  /** Largest request body in bytes (default 2 MB). */
  maxBodyBytes?: number;
  /** Answers kept per distinct GET URL until the data changes (default 2000; 0: no cache). */
  cacheEntries?: number;
  /** The cache's budget in bytes (default 128 MB). */
  cacheBytes?: number;
  /** Analysis threads for POST /api/analyze and ingest (default 1; 0: on the serving thread, for tests). */
  analyzeThreads?: number;
  /** Where internal errors are reported (default stderr). */
  log?: (line: string) => void;
}

export type CasusApp = Hono & { close(): Promise<void> };

export const DEFAULT_MAX_BODY = 2 * 1024 * 1024;

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** A 4xx/5xx answer with its code: thrown by handlers, turned into JSON by onError. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly parameter?: string) {
    super(message);
  }
}

function parseQuery<S extends z.ZodType>(schema: S, c: Context): z.infer<S> {
  const r = schema.safeParse(c.req.query());
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const parameter = issue.path.length ? String(issue.path[0]) : undefined;
  throw new ApiError(400, 'bad_parameter', parameter ? `${parameter}: ${issue.message}` : issue.message, parameter);
}

/** Token check in constant time: both sides hashed to the same length first, so neither length nor content leaks. */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * JSON with <, >, & and the JS line separators escaped as \u sequences: the same data once parsed,
 * but article text (untrusted) can never read as markup, even to a client that sniffs.
 */
export function safeJson(value: unknown): string {
  return safeJsonText(JSON.stringify(value));
}

/** JSON text already written (e.g. by an analysis worker), escaped as safeJson does. */
function safeJsonText(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The body's media type, lower-case, without parameters ("text/html; charset=…" → "text/html"). */
function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A JSON body checked by its schema: 400 bad_body naming what was wrong. */
async function readJsonBody<S extends z.ZodType>(schema: S, c: Context): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'bad_body', 'the body is not valid JSON');
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new ApiError(400, 'bad_body', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' };

/** Clusters by their start day, oldest first. */
function byDay(clusters: readonly DetailedEventCluster[]) {
  const days = new Map<string, DetailedEventCluster[]>();
  for (const c of clusters) {
    if (!c.dateStart) continue;
    const list = days.get(c.dateStart);
    if (list) list.push(c);
    else days.set(c.dateStart, [c]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, list]) => ({
    date, events: list.length, goldsteinSum: Math.round(list.reduce((s, c) => s + c.goldstein, 0) * 1000) / 1000, clusters: list,
  }));
}

export function createApp(options: AppOptions): CasusApp {
  const { store } = options;
  const token = options.token || undefined;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const cache = new ResponseCache(options.cacheEntries ?? 2000, () => store.dataVersion(), options.cacheBytes ?? 128 * 1024 * 1024);
  const files = new StaticFiles(options.staticDir ?? BUILT_DASHBOARD);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const threads = options.analyzeThreads ?? 1;
  let pool: AnalyzePool | null = null;
  const app = new Hono({ strict: false }) as CasusApp;
  const routes: { method: string; pattern: RegExp }[] = [];
  const route = (method: 'GET' | 'POST', path: string) => {
    routes.push({ method, pattern: new RegExp('^' + path.replace(/:[a-z]+/g, '[^/]+') + '/?$') });
    return path;
  };

  const securityHeaders = Object.entries(SECURITY_HEADERS);
  app.use('*', async (c, next) => {
    // Set before the handler builds its response (cheaper than editing it after), and again on
    // answers built elsewhere (errors, CORS preflight) that did not take them.
    for (const [k, v] of securityHeaders) c.header(k, v);
    await next();
    if (!c.res.headers.has('x-content-type-options')) for (const [k, v] of securityHeaders) c.res.headers.set(k, v);
  });
  if (options.cors) app.use('/api/*', cors({ origin: options.cors, allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'OPTIONS'], maxAge: 600 }));

  app.onError((e, c) => {
    if (e instanceof ApiError) {
      const headers = e.status === 401 ? { ...JSON_HEADERS, 'WWW-Authenticate': 'Bearer' } : JSON_HEADERS;
      return c.body(safeJson({ error: { code: e.code, message: e.message, ...(e.parameter ? { parameter: e.parameter } : {}) } }), e.status as 400, headers);
    }
    log(`casus serve: internal error on ${c.req.method} ${new URL(c.req.url).pathname}: ${(e as Error).stack ?? e}`);
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  /** A kept answer, gzipped when the client accepts it (browsers do): a month's timeline is ~10 times smaller. */
  const send = (c: Context, answer: CachedAnswer) => {
    const gz = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '') ? cache.gzipped(answer) : null;
    if (gz) return c.body(gz as Uint8Array<ArrayBuffer>, 200, { ...JSON_HEADERS, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    return c.body(answer.raw as Uint8Array<ArrayBuffer>, 200, { ...JSON_HEADERS, Vary: 'Accept-Encoding' });
  };

  /** A GET answer, computed once per URL until the data changes. */
  const cached = (compute: (c: Context) => Promise<unknown>) => async (c: Context) => {
    const url = new URL(c.req.url);
    return send(c, await cache.get(url.pathname + url.search, async () => safeJson(await compute(c))));
  };

  const requireToken = (c: Context) => {
    if (!token) throw new ApiError(403, 'writing_disabled', 'writing is disabled: start the server with --token (or CASUS_TOKEN)');
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) throw new ApiError(401, 'unauthorized', 'this endpoint needs Authorization: Bearer TOKEN');
    if (!sameToken(m[1]!.trim(), token)) throw new ApiError(403, 'forbidden', 'wrong token');
  };

  const limitBody = bodyLimit({ maxSize: maxBody, onError: () => { throw new ApiError(413, 'too_large', `the body is over the limit of ${maxBody} bytes`); } });

  /** The analysed document, and its JSON as the worker already wrote it (sent as it is, not re-serialised). */
  const analyzeRaw = async (raw: RawDocument, published?: string): Promise<{ doc: Document; json: string }> => {
    if (threads === 0) {
      const doc = analyze(raw, published ? { published } : {});
      return { doc, json: JSON.stringify(doc) };
    }
    pool ??= new AnalyzePool(threads);
    const r = await pool.analyze(raw, published ? { published } : {});
    if (!r.ok) throw new ApiError(422, 'analysis_failed', r.message.split('\n')[0]!);
    return r;
  };

  app.get(route('GET', '/api/health'), async (c) => {
    // The counts scan the store: kept until the data changes, like every other answer.
    return send(c, await cache.get('health', async () => safeJson({ ok: true, version: VERSION, write: Boolean(token), stats: await store.stats() })));
  });
  app.get(route('GET', '/api/openapi.json'), (c) => c.json(openApiDocument()));

  app.get(route('GET', '/api/documents'), cached(async (c) => {
    const q = parseQuery(DocumentsQuery, c);
    const page = await store.documentPage({ limit: q.limit, offset: q.offset, ...(q.duplicates ? { duplicates: q.duplicates === '1' } : {}) });
    return { ...page, limit: q.limit, offset: q.offset };
  }));
  app.get(route('GET', '/api/documents/:id'), async (c) => {
    const id = c.req.param('id') ?? '';
    const answer = await cache.get(`doc:${id}`, async () => {
      const doc = /^[A-Za-z0-9_-]{1,128}$/.test(id) ? await store.get(id) : null;
      return doc ? safeJson(doc) : '';
    });
    if (answer.raw.length === 0) throw new ApiError(404, 'not_found', `no document ${JSON.stringify(id.slice(0, 130))}`);
    return send(c, answer);
  });

  app.get(route('GET', '/api/events'), cached(async (c) => {
    const q = parseQuery(EventsQuery, c);
    const page = await store.eventPage({
      ...(q.actor ? { actor: q.actor } : {}), ...(q.target ? { target: q.target } : {}), ...(q.either === '1' ? { eitherSide: true } : {}),
      ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.root ? { root: q.root } : {}), ...(q.code ? { code: q.code } : {}),
      ...(q.quad ? { quadClass: q.quad } : {}), limit: q.limit, offset: q.offset,
    });
    return { ...page, limit: q.limit, offset: q.offset };
  }));

  app.get(route('GET', '/api/actors'), cached(async (c) => {
    const q = parseQuery(ActorsQuery, c);
    const page = await store.actorPage({ limit: q.limit, offset: q.offset, ...(q.type ? { type: q.type } : {}) });
    return { ...page, limit: q.limit, offset: q.offset };
  }));
  app.get(route('GET', '/api/actors/:code'), cached(async (c) => {
    const code = (c.req.param('code') ?? '').toUpperCase();
    if (!/^[A-Z0-9]{1,32}$/.test(code)) throw new ApiError(400, 'bad_parameter', 'code: expected a CAMEO actor code (letters and digits)', 'code');
    const q = parseQuery(ActorQuery, c);
    const actor = await store.actor(code);
    if (!actor) throw new ApiError(404, 'not_found', `no actor with code ${code}`);
    const [events, quotes] = await Promise.all([
      store.eventPage({ actor: code, eitherSide: true, order: 'desc', limit: q.limit }),
      store.actorQuotes(code, { limit: q.limit }),
    ]);
    return { actor, events: events.items, eventsTotal: events.total, quotes };
  }));

  app.get(route('GET', '/api/quotes'), cached(async (c) => {
    const q = parseQuery(QuotesQuery, c);
    const page = await store.quotePage({ ...(q.speaker ? { speaker: q.speaker } : {}), ...(q.q ? { text: q.q } : {}), ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}), limit: q.limit, offset: q.offset });
    return { ...page, limit: q.limit, offset: q.offset };
  }));

  app.get(route('GET', '/api/dyad'), cached(async (c) => {
    const q = parseQuery(DyadQuery, c);
    const items = await store.series(q.a, q.b, q.by, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), bothDirections: q.direction === 'both' });
    return { a: q.a.toUpperCase(), b: q.b.toUpperCase(), by: q.by, direction: q.direction, items };
  }));

  app.get(route('GET', '/api/timeline'), cached(async (c) => {
    const q = parseQuery(TimelineQuery, c);
    const page = await store.eventPage({ ...(q.actor ? { actor: q.actor, eitherSide: true } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}),
      ...(q.root ? { root: q.root } : {}), dated: true, limit: q.limit });
    return { items: byDay(page.items), total: page.total, truncated: page.total > page.items.length };
  }));

  app.get(route('GET', '/api/network'), cached(async (c) => {
    const q = parseQuery(NetworkQuery, c);
    return store.network({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.root ? { root: q.root } : {}), minEvents: q.minEvents, limit: q.limit });
  }));

  app.get(route('GET', '/api/map'), cached(async (c) => {
    const q = parseQuery(MapQuery, c);
    const page = await store.eventPage({ ...(q.actor ? { actor: q.actor, eitherSide: true } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}),
      ...(q.root ? { root: q.root } : {}), located: true, limit: q.limit });
    return { ...eventsFeatureCollection(page.items), total: page.total, truncated: page.total > page.items.length };
  }));

  app.get(route('GET', '/api/search'), cached(async (c) => {
    const q = parseQuery(SearchQuery, c);
    const page = await store.searchPage(q.q, { limit: q.limit, offset: q.offset });
    return { ...page, limit: q.limit, offset: q.offset };
  }));

  app.post(route('POST', '/api/analyze'), async (c, next) => {
    // The token is checked before the body is read.
    if (parseQuery(AnalyzeQuery, c).store === '1') requireToken(c);
    await next();
  }, limitBody, async (c) => {
    const q = parseQuery(AnalyzeQuery, c);
    const type = mediaType(c);
    let text: string | undefined;
    let html: string | undefined;
    let uri: string | undefined;
    let published: string | undefined;
    if (type === 'text/plain') text = await c.req.text();
    else if (type === 'text/html') html = await c.req.text();
    else if (type === 'application/json') {
      const body = await readJsonBody(AnalyzeJsonBody, c);
      ({ text, html } = body);
      uri = body.url;
      published = body.published;
    } else throw new ApiError(415, 'unsupported_media_type', 'send text/plain, text/html or application/json');
    const content = text ?? html ?? '';
    if (!content.trim()) throw new ApiError(400, 'bad_body', 'the body has no text');
    const { doc, json } = await analyzeRaw(toRaw(content, { format: html !== undefined ? 'html' : 'text', ...(uri ? { uri } : {}) }), published);
    if (q.store !== '1') return c.body(safeJsonText(json), 200, JSON_HEADERS);
    const stored = await store.put(doc);
    return c.body(`{"document":${safeJsonText(json)},"stored":${safeJson(stored)}}`, 200, JSON_HEADERS);
  });

  if (token) {
    app.post(route('POST', '/api/ingest'), async (c, next) => { requireToken(c); await next(); }, limitBody, async (c) => {
      if (mediaType(c) !== 'application/json') throw new ApiError(415, 'unsupported_media_type', 'send application/json {texts?, urls?}');
      const body = await readJsonBody(IngestBody, c);
      const out = { stored: 0, duplicates: 0, skipped: 0, failed: 0, events: 0, failures: [] as { uri: string; code: string; message: string }[] };
      for (const [i, text] of (body.texts ?? []).entries()) {
        try {
          const { doc } = await analyzeRaw(toRaw(text, { format: 'text' }), body.published);
          const put = await store.put(doc);
          if (put.status === 'exists') out.skipped++;
          else { out.stored++; out.events += put.events; if (put.duplicateOf) out.duplicates++; }
        } catch (e) {
          out.failed++;
          out.failures.push({ uri: `texts[${i}]`, code: e instanceof ApiError ? e.code : 'analysis_failed', message: (e as Error).message });
        }
      }
      if (body.urls?.length) {
        // Only http(s) URLs reach ingest (the schema checks): never a local path. Private networks are refused.
        const s = await ingest(body.urls, store, { jobs: Math.max(1, threads), fetch: { allowPrivate: false }, ...(body.published ? { published: body.published } : {}) });
        out.stored += s.stored; out.duplicates += s.duplicates; out.skipped += s.skipped; out.failed += s.failed; out.events += s.events;
        out.failures.push(...s.failures.map((f) => ({ uri: f.uri, code: f.code, message: f.message })));
      }
      return c.body(safeJson(out), 200, JSON_HEADERS);
    });
  }

  app.all('/api/*', (c) => {
    const path = new URL(c.req.url).pathname;
    const known = routes.filter((r) => r.pattern.test(path));
    if (known.length) throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${[...new Set(known.map((r) => r.method))].join(' or ')}`);
    throw new ApiError(404, 'not_found', 'no such endpoint');
  });

  app.on(['GET', 'HEAD'], '*', async (c) => {
    // The raw path: Hono's router may decode it, and the static checks need the encoded form.
    const raw = c.req.url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0]!;
    const r = await files.serve(raw);
    const headers: Record<string, string> = { 'Content-Type': r.type, ...(r.size !== undefined ? { 'Content-Length': String(r.size) } : {}) };
    if (typeof r.body === 'string') return c.body(r.body, r.status as 200, headers);
    if (c.req.method === 'HEAD') { r.body.destroy(); return c.body(null, 200, headers); }
    return c.body(webStream(r.body), 200, headers);
  });

  app.close = async () => {
    await pool?.close();
    pool = null;
  };
  return app;
}
