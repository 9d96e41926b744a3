/**
 * HTML to a raw document: the page's metadata (meta tags, JSON-LD, <time>, canonical URL) and its
 * main content via @mozilla/readability over linkedom, flattened to text blocks separated by blank
 * lines. Headings, captions and the title become known regions; the rest is left to the clean stage.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { CasusError } from '../core/errors.js';
import type { Region } from '../core/document.js';
import type { RawDocument } from './raw-document.js';

type Block = { text: string; kind: 'title' | 'heading' | 'caption' | 'text' };

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL',
  'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'TD', 'TH', 'DL', 'DT', 'DD', 'HEADER',
  'FOOTER', 'ASIDE', 'NAV', 'BR', 'HR', 'ADDRESS', 'CAPTION',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'FORM', 'SELECT']);

export function readHtml(html: string, source: RawDocument['source']): RawDocument {
  const { document } = parseHTML(html);
  const metadata = readMetadata(document);
  let blocks: Block[] = [];
  try {
    const article = new Readability(document as unknown as globalThis.Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      blocks = flattenBlocks(content.body as unknown as Element);
    }
  } catch {
    // Readability throws on some malformed trees; the fallback below still extracts paragraphs.
  }
  if (blocks.length === 0) {
    const { document: again } = parseHTML(html);
    const body = (again.body ?? again.documentElement) as unknown as Element | null;
    if (body) blocks = flattenBlocks(body);
  }
  const title = metadata.title?.trim();
  if (title && !(blocks[0] && normalize(blocks[0].text) === normalize(title))) blocks.unshift({ text: title, kind: 'title' });
  else if (blocks[0] && title) blocks[0].kind = 'title';
  if (!blocks.some((b) => b.kind !== 'title')) throw new CasusError('E_HTML_NO_TEXT');

  let text = '';
  const knownRegions: Region[] = [];
  for (const block of blocks) {
    if (text) text += '\n\n';
    const start = text.length;
    text += block.text;
    if (block.kind !== 'text') knownRegions.push({ start, end: text.length, kind: block.kind, rule: `html:${block.kind}` });
  }
  return { source, text, metadata, knownRegions, warnings: [] };
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Walks the DOM in reading order and emits one block per paragraph-like element. */
function flattenBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let kind: Block['kind'] = 'text';
  const flush = () => {
    const t = current.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
    if (t) blocks.push({ text: t, kind });
    current = '';
    kind = 'text';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag) || el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    const blockKind: Block['kind'] | null = /^H[1-6]$/.test(tag) ? 'heading' : tag === 'FIGCAPTION' || tag === 'CAPTION' ? 'caption' : null;
    for (const child of Array.from(el.childNodes)) {
      if (blockKind && kind === 'text') kind = blockKind;
      walk(child as Node);
    }
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

function readMetadata(document: ReturnType<typeof parseHTML>['document']): RawDocument['metadata'] {
  const meta: Record<string, string> = {};
  for (const el of Array.from(document.querySelectorAll('meta'))) {
    const key = el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? el.getAttribute('http-equiv');
    const value = el.getAttribute('content');
    if (key && value && !(key.toLowerCase() in meta)) meta[key.toLowerCase()] = value.trim();
  }
  const jsonLd: unknown[] = [];
  for (const el of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      jsonLd.push(JSON.parse(el.textContent ?? ''));
    } catch {
      // Broken JSON-LD is common; the rest of the metadata still counts.
    }
  }
  const times = Array.from(document.querySelectorAll('time')).slice(0, 20).map((el) => {
    const datetime = el.getAttribute('datetime') ?? undefined;
    return { ...(datetime ? { datetime } : {}), text: (el.textContent ?? '').trim() };
  });
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta['og:url'];
  const rawTitle = meta['og:title'] ?? document.querySelector('h1')?.textContent ?? document.querySelector('title')?.textContent;
  const title = rawTitle?.replace(/\s+/g, ' ').trim();
  return {
    ...(title ? { title } : {}),
    ...(canonical ? { canonicalUrl: canonical } : {}),
    meta,
    ...(jsonLd.length ? { jsonLd } : {}),
    ...(times.length ? { times } : {}),
  };
}
