/**
 * HTML to a raw document: the page's metadata (meta tags, JSON-LD, <time>, canonical URL) and its
 * main content (src/ingest/html/), as text blocks separated by blank lines, each block a known region.
 */
import { CasusError } from '../core/errors.js';
import type { Region } from '../core/document.js';
import { extractContent } from './html/extract-content.js';
import type { ContentBlock } from './html/extract-content.js';
import { parseTree } from './html/parse-tree.js';
import type { ParsedPage } from './html/parse-tree.js';
import type { RawDocument, ReadResult } from './raw-document.js';

/**
 * A reader's HTML: read now into its document or its failure, or with `defer` (ingest) kept as
 * markup for the analysis thread to read (readDeferred). `how` says how a failure is reported:
 * `where` prefixes its message ("record 3: "), `code` replaces the HTML reader's code.
 */
export function htmlResult(html: string, source: RawDocument['source'], how: { where?: string; code?: string }, defer = false): ReadResult {
  const raw: RawDocument = { source, text: html, metadata: {}, knownRegions: [], warnings: [], markup: { kind: 'html', ...how } };
  return defer ? { ok: true, doc: raw } : readMarkup(raw);
}

/**
 * A document whose page markup was left to be read (RawDocument.markup, `text` the markup): read,
 * with the reader's own metadata (a JSONL line's title, date) over the page's and its warnings
 * kept; or the failure, as the reader reports it.
 */
export function readMarkup(raw: RawDocument): ReadResult {
  const { where = '', code } = raw.markup ?? {};
  try {
    const doc = readHtml(raw.text, raw.source);
    doc.metadata = { ...doc.metadata, ...raw.metadata };
    doc.warnings.push(...raw.warnings);
    return { ok: true, doc };
  } catch (e) {
    const failure = { source: { ...raw.source, uri: raw.source.uri ?? '?' }, code: code ?? (e as { code?: string }).code ?? 'E_INPUT_UNREADABLE', message: `${where}${(e as Error).message}` };
    return { ok: false, failure };
  }
}

export function readHtml(html: string, source: RawDocument['source']): RawDocument {
  const page = parseTree(html);
  const metadata = readMetadata(page);
  const { blocks } = extractContent(page.root);
  const title = metadata.title?.trim();
  const out: ContentBlock[] = [...blocks];
  if (title) {
    // The headline is usually the first heading of the content: label it instead of repeating it.
    const norm = normalize(title);
    const at = out.slice(0, 8).findIndex((b) => normalize(b.text) === norm);
    if (at >= 0) out[at] = { ...out[at]!, kind: 'title', rule: 'html:title-heading' };
    else out.unshift({ text: title, kind: 'title', rule: 'html:title-meta' });
  }
  if (!out.some((b) => b.kind !== 'title' && b.text)) throw new CasusError('E_HTML_NO_TEXT');

  let text = '';
  const knownRegions: Region[] = [];
  for (const block of out) {
    if (!block.text) continue;
    if (text) text += '\n\n';
    const start = text.length;
    text += block.text;
    // Body blocks are provisional: the clean stage still checks them against the boilerplate
    // patterns and for repeats.
    knownRegions.push({ start, end: text.length, kind: block.kind, rule: block.rule });
  }
  return { source, text, metadata, knownRegions, warnings: [] };
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function readMetadata(page: ParsedPage): RawDocument['metadata'] {
  const meta = page.meta;
  const jsonLd: unknown[] = [];
  for (const raw of page.jsonLd) {
    try {
      jsonLd.push(JSON.parse(raw));
    } catch {
      // Broken JSON-LD is common; the rest of the metadata still counts.
    }
  }
  const canonical = page.canonical ?? meta['og:url'];
  const rawTitle = meta['og:title'] || page.firstH1 || page.titleTag;
  const title = rawTitle?.replace(/\s+/g, ' ').trim();
  return {
    ...(title ? { title } : {}),
    ...(canonical ? { canonicalUrl: canonical } : {}),
    meta,
    ...(jsonLd.length ? { jsonLd } : {}),
    ...(page.times.length ? { times: page.times } : {}),
  };
}
