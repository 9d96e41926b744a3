/**
 * A validated document turned into the rows a store writes: its JSON, near-duplicate fingerprint,
 * annotation rows and event rows. Built off the committing thread (an ingest worker), so a store only writes.
 */
import { DocumentSchema, FORMAT } from '../core/document.js';
import type { Document } from '../core/document.js';
import { eventRows, publishedDay } from '../corpus/event-clusters.js';
import type { EventRow } from '../corpus/event-clusters.js';
import { bodyText, fingerprint } from '../corpus/near-duplicates.js';

/**
 * Everything a store needs from one document, as plain data (cheap to post between threads).
 * Only prepareDocument() makes one, after validating the document: a store trusts it.
 */
export interface PreparedDocument {
  id: string;
  uri: string | null;
  format: string;
  line: number | null;
  sourceId: string | null;
  /** The title row's text: the title span, else the metadata title. */
  title: string | null;
  /** The body index's title: the title span only. */
  ftsTitle: string;
  body: string;
  published: string | null;
  language: string | null;
  /** The analysed document as stored (JSON.stringify of the document). */
  json: string;
  /** MinHash: distinct shingles, signature bytes (null for a body without words), band keys. */
  shingles: number;
  signature: Uint8Array | null;
  bands: number[];
  entities: { id: string; name: string; type: string; code: string | null; country: string | null; mentions: number }[];
  places: { id: string | null; entity: string | null; name: string; country: string | null; lat: number; lon: number; geonameId: number | null; mentions: number }[];
  quotes: { kind: string; speaker: string | null; text: string; start: number; end: number; channel: string | null }[];
  events: EventRow[];
  /**
   * For a document read from HTML on the analysis thread: the key of that markup (contentId of it),
   * which ingest sets and checks before sending a page to be read and analysed again (Store.hasSource).
   */
  sourceKey: string | null;
}

/** The message a document that fails validation is refused with. */
export function invalidDocumentMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return `not a ${FORMAT} document: ${issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}

/** Validates a document (throws with the first problems when it is not a casus/1 document) and builds its rows. */
export function prepareDocument(doc: Document, json: string = JSON.stringify(doc)): PreparedDocument {
  const parsed = DocumentSchema.safeParse(doc);
  if (!parsed.success) throw new Error(invalidDocumentMessage(parsed.error.issues));
  const body = bodyText(doc);
  const fp = fingerprint(body);
  const titleSpan = doc.title ? doc.text.slice(doc.title.start, doc.title.end) : null;
  return {
    id: doc.id,
    uri: doc.source.uri ?? null,
    format: doc.source.format,
    line: doc.source.line ?? null,
    sourceId: doc.source.id ?? null,
    title: titleSpan ?? doc.metadata?.title ?? null,
    ftsTitle: titleSpan ?? '',
    body,
    published: publishedDay(doc),
    language: doc.language,
    json,
    shingles: fp.shingles,
    // A copy of the bytes, not a view: the signature posts between threads as 512 bytes.
    signature: fp.signature.length ? new Uint8Array(fp.signature.buffer.slice(fp.signature.byteOffset, fp.signature.byteOffset + fp.signature.byteLength)) : null,
    bands: fp.bands,
    entities: doc.entities.map((e) => ({ id: e.id, name: e.name, type: e.type, code: e.actor?.code ?? null, country: e.actor?.country ?? null, mentions: e.mentions.length })),
    places: doc.places.map((p) => ({ id: p.id ?? null, entity: p.entity, name: p.name, country: p.country, lat: p.lat, lon: p.lon, geonameId: p.geonameId, mentions: p.mentions.length })),
    quotes: doc.quotes.map((q) => ({ kind: q.kind, speaker: q.speaker, text: doc.text.slice(q.start, q.end), start: q.start, end: q.end, channel: q.channel ?? null })),
    events: eventRows(doc),
    sourceKey: null,
  };
}
