/**
 * The Store contract: where ingested documents, their annotations, near-duplicate links and event
 * clusters live, and the queries over them. Asynchronous so a server database can implement it.
 */
import type { Document } from '../core/document.js';
import type { PreparedDocument } from './prepared-document.js';

export type PutStatus = 'stored' | 'exists';

export interface PutResult {
  status: PutStatus;
  /** The earliest version this document copies (its canonical), when it is a near-duplicate. */
  duplicateOf: string | null;
  /** Documents that were canonical and now point to this earlier version. */
  relinked: number;
  events: number;
  /** New event clusters this document opened. */
  newClusters: number;
}

/** A document putPreparedMany could not write (rolled back alone). */
export interface PutFailure { status: 'failed'; message: string }

export interface FailureRecord { uri: string; line?: number; code: string; message: string }

export interface EventFilter {
  /** Source actor code prefix (RUS matches RUSGOV). */
  actor?: string;
  /** Target actor code prefix. */
  target?: string;
  /** Match `actor` on either side of the dyad. */
  eitherSide?: boolean;
  /** Inclusive YYYY-MM-DD bounds on the event dates. */
  from?: string;
  to?: string;
  /** CAMEO root code (two digits) or code prefix. */
  root?: string;
  code?: string;
  quadClass?: number;
  limit?: number;
}

/** One event: the clustered reports of one real-world happening. Counts skip near-duplicates. */
export interface EventCluster {
  id: number;
  code: string;
  label: string;
  root: string;
  quadClass: number;
  sourceCode: string;
  sourceName: string | null;
  targetCode: string;
  targetName: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  /** Mean Goldstein score over the cluster's original (non-copy) reports. */
  goldstein: number;
  /** Event mentions in original documents. */
  mentions: number;
  /** Distinct original documents reporting it (copies count with their original). */
  reports: number;
  evidence: string;
  place: { name: string; country: string | null; lat: number; lon: number; geonameId: number | null } | null;
  sources: { docId: string; uri: string | null; title: string | null; published: string | null; eventId: string; evidence: string; duplicateOf: string | null }[];
}

export interface QuoteFilter { speaker?: string; text?: string; from?: string; to?: string; limit?: number }
export interface QuoteRow {
  docId: string; uri: string | null; published: string | null; kind: string; speaker: string | null;
  text: string; start: number; end: number; channel: string | null;
}

export type Period = 'day' | 'week' | 'month' | 'year';
export interface SeriesRow { period: string; events: number; goldsteinSum: number; goldsteinMean: number }

export interface ActorRow { code: string | null; name: string; type: string; documents: number; mentions: number; asSource: number; asTarget: number }

export interface SearchHit { docId: string; uri: string | null; title: string | null; published: string | null; where: 'body' | 'quote'; snippet: string }

export interface PlaceRow { entity: string | null; name: string; country: string | null; lat: number; lon: number; geonameId: number | null; mentions: number }

export interface StoreStats { documents: number; originals: number; duplicates: number; events: number; clusters: number; quotes: number; failures: number }

export interface StoredDocument { id: string; uri: string | null; title: string | null; published: string | null; duplicateOf: string | null; similarity: number | null }

/** One page of a longer list: `total` counts every match, not only this page's items. */
export interface Page<T> { items: T[]; total: number }

/** One report of an event cluster with what explains it: where in its document, why, how sure. */
export type EventReport = EventCluster['sources'][number] & {
  sentence: number;
  trigger: { start: number; end: number };
  why: string;
  modality: string;
  confidence: number;
  date: { value: string; time: string | null; granularity?: string; from?: string } | null;
  /** The document's place id (doc.places[].id), or null. */
  place: string | null;
};
export type DetailedEventCluster = Omit<EventCluster, 'sources'> & { sources: EventReport[] };

export interface EventPageFilter extends EventFilter {
  offset?: number;
  /** Only clusters with a date. */
  dated?: boolean;
  /** Only clusters with a located report. */
  located?: boolean;
  /** By start date, oldest first (default) or newest first. */
  order?: 'asc' | 'desc';
}

export interface NetworkFilter { from?: string; to?: string; root?: string; minEvents?: number; limit?: number }
export interface NetworkNode { id: string; name: string | null; events: number }
export interface NetworkEdge { source: string; target: string; events: number; goldsteinSum: number; quad: Record<'1' | '2' | '3' | '4', number>; dominantQuad: number }
export interface Network { nodes: NetworkNode[]; edges: NetworkEdge[] }

export interface Store {
  /** Whether a document with this content id is stored. */
  has(id: string): Promise<boolean>;
  /** Whether an input with this source key (PreparedDocument.sourceKey: the contentId of its HTML) was already read into a stored document. */
  hasSource(key: string): Promise<boolean>;
  /**
   * Stores a document with all its annotations, its near-duplicate link and its event clusters
   * in one transaction, which also drops a failure recorded for its source (uri and line); a
   * document already stored is left untouched (`exists`).
   */
  put(doc: Document): Promise<PutResult>;
  /**
   * Like put, for a document already validated and turned into rows by prepareDocument() (on an
   * ingest worker thread): the store trusts it and only makes the decisions that need its data.
   */
  putPrepared(doc: PreparedDocument): Promise<PutResult>;
  /**
   * putPrepared for several documents, in order, committed together (one commit instead of one
   * per document: a store writes its shared index pages once per group). Each document is still
   * all-or-nothing: one that cannot be written is rolled back alone and answered as `failed`, the
   * others are stored; a store that loses the whole group (disk full, I/O error) throws.
   */
  putPreparedMany(docs: readonly PreparedDocument[]): Promise<(PutResult | PutFailure)[]>;
  /** Records an input that could not be read or analysed (one row per uri and line). */
  recordFailure(failure: FailureRecord): Promise<void>;
  /** An input that failed before and now succeeded drops its failure. */
  clearFailure(uri: string, line?: number): Promise<void>;
  get(id: string): Promise<Document | null>;
  documents(options?: { limit?: number; duplicatesOnly?: boolean }): Promise<StoredDocument[]>;
  failures(): Promise<FailureRecord[]>;
  events(filter?: EventFilter): Promise<EventCluster[]>;
  quotes(filter?: QuoteFilter): Promise<QuoteRow[]>;
  series(actorA: string, actorB: string, period: Period, filter?: { from?: string; to?: string; bothDirections?: boolean }): Promise<SeriesRow[]>;
  actors(options?: { limit?: number; type?: string }): Promise<ActorRow[]>;
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  places(options?: { limit?: number }): Promise<PlaceRow[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;

  // Paged read-only queries for the HTTP API: the same selections as above, with an offset and a total.
  /** Event clusters as `events` selects them (same order), a page at a time, each report with its trigger, sentence, why and modality. */
  eventPage(filter?: EventPageFilter): Promise<Page<DetailedEventCluster>>;
  /** Documents in ingest order; `duplicates` true: only near-duplicates, false: only originals. */
  documentPage(options?: { limit?: number; offset?: number; duplicates?: boolean }): Promise<Page<StoredDocument>>;
  quotePage(filter?: QuoteFilter & { offset?: number }): Promise<Page<QuoteRow>>;
  actorPage(options?: { limit?: number; offset?: number; type?: string }): Promise<Page<ActorRow>>;
  /** The actor row of a stored actor code (exact), or null. */
  actor(code: string): Promise<ActorRow | null>;
  /** Quotes whose speaker is an entity coded with this actor code prefix, most recent first. */
  actorQuotes(code: string, options?: { limit?: number }): Promise<QuoteRow[]>;
  /** Who acts on whom: actor codes as nodes, directed dyads as edges with cluster counts per quad class. */
  network(filter?: NetworkFilter): Promise<Network>;
  searchPage(query: string, options?: { limit?: number; offset?: number }): Promise<Page<SearchHit>>;
  /** A number that changes whenever the stored data changes, by this process or another: lets a reader cache answers. */
  dataVersion(): Promise<number>;
}
