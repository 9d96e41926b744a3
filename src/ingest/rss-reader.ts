/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one raw document per item, from its full content when
 * the feed carries it, else its summary; the item's link, title and date go into the metadata.
 */
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';
import { readHtml } from './html-reader.js';
import type { RawDocument, ReadResult } from './raw-document.js';

/** An item as the feed describes it, before its text is read (the ingest may fetch `link`). */
export interface FeedItem {
  title: string | null;
  link: string | null;
  published: string | null;
  /** Full content (content:encoded, Atom content) or else the summary/description, as HTML or text. */
  content: string | null;
  /** Whether `content` is only a summary: the full article is at `link`. */
  summaryOnly: boolean;
}

// Loaded on the first feed, not at start-up (most runs read no feed).
const load = createRequire(import.meta.url);
let parser: XMLParser | null = null;
function xml(): XMLParser {
  if (parser) return parser;
  const { XMLParser } = load('fast-xml-parser') as typeof import('fast-xml-parser');
  // Standard and HTML entities are decoded (feeds escape their HTML); attributes kept for Atom links.
  parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, htmlEntities: true, cdataPropName: false, trimValues: true });
  return parser;
}

/** Whether a text looks like a feed (an RSS, RDF or Atom root element near the top). */
export function looksLikeFeed(text: string): boolean {
  return /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 2048));
}

const arr = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as object)) return str((v as Record<string, unknown>)['#text']);
  return null;
}

/** An RFC 822 or ISO date as YYYY-MM-DD (UTC), or null. */
export function feedDate(v: string | null): string | null {
  if (!v) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(v);
  if (iso) return iso[1]!;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** The items of a feed; throws when the text is not a feed at all. */
export function parseFeed(text: string): FeedItem[] {
  const tree = xml().parse(text) as Record<string, any>;
  const rss = tree.rss?.channel ?? tree['rdf:RDF'];
  if (rss) {
    const items = arr(rss.item ?? tree['rdf:RDF']?.item);
    return items.map((it: Record<string, unknown>) => {
      const full = str(it['content:encoded']);
      const summary = str(it.description);
      return {
        title: str(it.title), link: str(it.link) ?? str(it.guid), published: feedDate(str(it.pubDate) ?? str(it['dc:date'])),
        content: full ?? summary, summaryOnly: !full,
      };
    });
  }
  const feed = tree.feed;
  if (feed) {
    return arr(feed.entry).map((en: Record<string, any>) => {
      const links = arr(en.link) as Record<string, string>[];
      const link = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'] ?? links[0]?.['@href'] ?? null;
      const full = str(en.content);
      return {
        title: str(en.title), link, published: feedDate(str(en.published) ?? str(en.updated)),
        content: full ?? str(en.summary), summaryOnly: !full,
      };
    });
  }
  throw new Error('not an RSS, RDF or Atom feed (no <rss><channel>, <rdf:RDF> or <feed> element)');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A feed item's own content as a raw document (title as a heading, link and date in the metadata). */
export function itemToRaw(item: FeedItem, feedUri: string, index: number): ReadResult {
  const uri = item.link ?? `${feedUri}#item-${index + 1}`;
  const source = { uri, format: 'rss' as const, id: `${feedUri}#item-${index + 1}` };
  if (!item.content) return { ok: false, failure: { source, code: 'E_FEED_ITEM_EMPTY', message: `feed item ${index + 1} has no content or description` } };
  const content = /<[a-z][^>]*>/i.test(item.content) ? item.content : item.content.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  let doc: RawDocument;
  try {
    doc = readHtml(`<!doctype html><html><head>${item.title ? `<title>${escapeHtml(item.title)}</title>` : ''}</head><body><article>${item.title ? `<h1>${escapeHtml(item.title)}</h1>` : ''}${content}</article></body></html>`, source);
  } catch (e) {
    return { ok: false, failure: { source, code: 'E_INPUT_UNREADABLE', message: `feed item ${index + 1}: ${(e as Error).message}` } };
  }
  doc.metadata = { ...doc.metadata, ...(item.published ? { published: item.published } : {}), ...(item.title ? { title: item.title } : {}), ...(item.link ? { canonicalUrl: item.link } : {}) };
  return { ok: true, doc };
}

/** Reads a feed file's items from their own content; a feed that does not parse is one failure. */
export function* readFeed(text: string, uri: string): Generator<ReadResult> {
  let items: FeedItem[];
  try {
    items = parseFeed(text);
  } catch (e) {
    yield { ok: false, failure: { source: { uri, format: 'rss' }, code: 'E_FEED_PARSE', message: (e as Error).message } };
    return;
  }
  for (let i = 0; i < items.length; i++) yield itemToRaw(items[i]!, uri, i);
}
