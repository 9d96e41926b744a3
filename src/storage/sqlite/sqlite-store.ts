/**
 * The embedded store: SQLite through better-sqlite3 in WAL mode. Each document is written in one
 * transaction with its annotations, near-duplicate link and event clusters, so a killed process
 * leaves every document either wholly stored or absent.
 */
import Database from 'better-sqlite3';
import type { Database as DB, Statement } from 'better-sqlite3';
import type { CasusEvent, Document } from '../../core/document.js';
import { chooseCluster } from '../../corpus/event-clusters.js';
import type { ClusterCandidate } from '../../corpus/event-clusters.js';
import { addDays } from '../../corpus/event-clusters.js';
import { copySimilarity, signatureFromBytes } from '../../corpus/near-duplicates.js';
import { prepareDocument } from '../prepared-document.js';
import type { PreparedDocument } from '../prepared-document.js';
import type {
  ActorRow, DetailedEventCluster, EventCluster, EventFilter, EventPageFilter, EventReport, FailureRecord, Network, NetworkEdge, NetworkFilter, NetworkNode, Page, Period,
  PlaceRow, PutFailure, PutResult, QuoteFilter, QuoteRow, SearchHit, SeriesRow, Store, StoreStats, StoredDocument,
} from '../store.js';
import { MIGRATIONS } from './migrations.js';

export interface SqliteStoreOptions {
  /** Called inside the document transaction after the document row: tests use it to simulate a crash. */
  afterDocumentRow?: (doc: { id: string }) => void;
  readonly?: boolean;
}

type Row = Record<string, unknown>;

/**
 * How many of the newest undated clusters of a dyad and root an undated event is compared with. Undated
 * clusters have no date range to narrow the search, so without a bound every undated event would be
 * compared with all of them: on a store of undated text files, put time grew with the store (one dyad,
 * 20,000 undated clusters: 200 CPU ms per document; 11 with this bound). Reports of one story are usually ingested close together;
 * older reports of the same near-duplicate group are always candidates.
 */
export const UNDATED_CANDIDATES = 256;

/** Opens (creating and migrating when needed) a store at `path`; ':memory:' for a throwaway one. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options);
}

export function schemaVersion(db: DB): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies the migrations not yet applied, up to `upTo` (tests stop early to check an upgrade). */
export function migrate(db: DB, upTo = Infinity): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = schemaVersion(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}

/** A code prefix as a GLOB pattern; codes are letters and digits, anything else is dropped. */
function prefixGlob(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '') + '*';
}

export class SqliteStore implements Store {
  readonly db: DB;
  private readonly s: Record<string, Statement>;
  private readonly putTx: (doc: PreparedDocument) => PutResult;
  private readonly putManyTx: (docs: readonly PreparedDocument[]) => (PutResult | PutFailure)[];

  constructor(path: string, private readonly options: SqliteStoreOptions = {}) {
    this.db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a crashed process loses nothing committed; only a power cut can lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // Each document of a group commit is a savepoint, whose journal of changed pages goes to a
      // temporary file unless kept in memory: 613 → 193 KB written per PolNeAR document.
      this.db.pragma('temp_store = MEMORY');
      // A checkpoint per ~16 MB of WAL rather than 4 MB: the pages every document touches (indexes,
      // full-text segments) are copied into the database once per checkpoint (193 → 151 KB per document).
      this.db.pragma('wal_autocheckpoint = 4000');
    }
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(this.db);
    const p = (sql: string) => this.db.prepare(sql);
    this.s = {
      has: p('SELECT 1 FROM documents WHERE id = ?'),
      band: p('SELECT doc_seq FROM doc_bands WHERE band = ?'),
      docBySeq: p('SELECT seq, id, duplicate_of, published, shingles, signature FROM documents WHERE seq = ?'),
      docById: p('SELECT seq, id, duplicate_of, published FROM documents WHERE id = ?'),
      insertDoc: p(`INSERT INTO documents (id, uri, source_format, source_line, source_id, title, published, language, duplicate_of, similarity, shingles, signature, json)
                    VALUES (@id, @uri, @format, @line, @sourceId, @title, @published, @language, @duplicateOf, @similarity, @shingles, @signature, @json)`),
      relinkGroup: p('UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ?'),
      docEventClusters: p('SELECT cluster_id, COUNT(*) AS n FROM events WHERE doc_seq = ? GROUP BY cluster_id'),
      addOriginals: p('UPDATE event_clusters SET originals = originals + ? WHERE id = ? RETURNING originals, source_code, target_code'),
      codeCount: p(`INSERT INTO code_counts (code, as_source, as_target) VALUES (?, ?, ?)
                    ON CONFLICT(code) DO UPDATE SET as_source = as_source + excluded.as_source, as_target = as_target + excluded.as_target`),
      // One statement for all of a document's actors (+1 or -1 document, ± its mentions): no row per actor through JavaScript.
      countActors: p(`INSERT INTO actor_counts (key, code, name, type, documents, mentions)
                      SELECT COALESCE(actor_code, name), actor_code, MIN(name), MIN(type), @sign, @sign * SUM(mentions) FROM entities WHERE doc_seq = @seq GROUP BY 1
                      ON CONFLICT(key) DO UPDATE SET documents = documents + excluded.documents, mentions = mentions + excluded.mentions`),
      linkDoc: p('UPDATE documents SET duplicate_of = ?, similarity = ? WHERE id = ?'),
      insertBand: p('INSERT INTO doc_bands (band, doc_seq) VALUES (?, ?)'),
      insertEntity: p('INSERT INTO entities (doc_seq, entity_id, name, type, actor_code, actor_country, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertPlace: p('INSERT INTO places (doc_seq, place_id, entity, name, country, lat, lon, geoname_id, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertQuote: p('INSERT INTO quotes (doc_seq, kind, speaker, text, start, "end", channel) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertQuoteFts: p('INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)'),
      insertBodyFts: p('INSERT INTO body_fts (rowid, title, body) VALUES (?, ?, ?)'),
      clusterCands: p(`SELECT id, code, date_start, date_end, terms FROM event_clusters
                       WHERE source_code = ? AND target_code = ? AND root = ? AND date_start <= ? AND date_end >= ?`),
      // An undated event's candidates: the newest UNDATED_CANDIDATES undated clusters of its dyad and root,
      // and for a document with near-duplicates those holding a report of its group, however old.
      clusterCandsUndated: p(`SELECT id, code, date_start, date_end, terms FROM event_clusters
                              WHERE source_code = ? AND target_code = ? AND root = ? AND date_start IS NULL ORDER BY id DESC LIMIT ?`),
      clusterCandsUndatedStory: p(`SELECT id, code, date_start, date_end, terms FROM event_clusters
                                   WHERE id IN (SELECT e.cluster_id FROM documents d JOIN events e ON e.doc_seq = d.seq WHERE d.id = ? OR d.duplicate_of = ?)
                                     AND source_code = ? AND target_code = ? AND root = ? AND date_start IS NULL`),
      storyClusters: p(`SELECT DISTINCT e.cluster_id FROM documents d JOIN events e ON e.doc_seq = d.seq
                        WHERE d.id = ? OR d.duplicate_of = ?`),
      insertCluster: p(`INSERT INTO event_clusters (source_code, target_code, root, code, label, quad_class, source_name, target_name, date_start, date_end, terms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      widenCluster: p(`UPDATE event_clusters SET date_start = MIN(date_start, ?), date_end = MAX(date_end, ?),
                       source_name = COALESCE(source_name, ?), target_name = COALESCE(target_name, ?) WHERE id = ? RETURNING date_start, date_end`),
      noteSpan: p(`UPDATE store_meta SET value = MAX(value, julianday(?) - julianday(?)) WHERE key = 'max_cluster_days'`),
      maxSpan: p(`SELECT value FROM store_meta WHERE key = 'max_cluster_days'`),
      codesLike: p('SELECT code FROM code_counts WHERE code GLOB ?'),
      insertEvent: p(`INSERT INTO events (doc_seq, event_id, code, root, quad_class, goldstein, source_code, source_entity, target_code, target_entity,
                      date, date_start, date_end, place_id, place_name, place_country, lat, lon, geoname_id, modality, confidence, trigger, evidence, cluster_id, json)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      hasSource: p('SELECT 1 FROM source_keys WHERE key = ?'),
      insertSourceKey: p('INSERT OR IGNORE INTO source_keys (key, doc_id) VALUES (?, ?)'),
      upsertFailure: p('INSERT OR REPLACE INTO failures (uri, line, code, message) VALUES (?, ?, ?, ?)'),
      clearFailure: p('DELETE FROM failures WHERE uri = ? AND line = ?'),
    };
    this.putTx = this.db.transaction((doc: PreparedDocument) => this.putInTransaction(doc));
    this.putManyTx = this.db.transaction((docs: readonly PreparedDocument[]) => this.putGroup(docs));
  }

  async has(id: string): Promise<boolean> {
    return this.hasSync(id);
  }

  hasSync(id: string): boolean {
    return this.s.has!.get(id) !== undefined;
  }

  async hasSource(key: string): Promise<boolean> {
    return this.s.hasSource!.get(key) !== undefined;
  }

  async put(doc: Document): Promise<PutResult> {
    // Validated here, like a worker validates before putPrepared; then the one write path.
    return this.putPreparedSync(prepareDocument(doc));
  }

  async putPrepared(doc: PreparedDocument): Promise<PutResult> {
    return this.putPreparedSync(doc);
  }

  /** The writes of one prepared document, in one transaction (the caller need not await anything). */
  putPreparedSync(doc: PreparedDocument): PutResult {
    const r = this.putTx(doc);
    this.writes++;
    return r;
  }

  async putPreparedMany(docs: readonly PreparedDocument[]): Promise<(PutResult | PutFailure)[]> {
    const r = this.putManyTx(docs);
    this.writes++;
    return r;
  }

  /** One transaction around the group; each document's own (nested) transaction is a savepoint, rolled back alone when it throws. */
  private putGroup(docs: readonly PreparedDocument[]): (PutResult | PutFailure)[] {
    return docs.map((doc) => {
      try {
        return this.putTx(doc);
      } catch (e) {
        // SQLite rolled back the whole transaction (disk full, I/O error): the group is lost, so say so.
        if (!this.db.inTransaction) throw e;
        return { status: 'failed', message: (e as Error).message };
      }
    });
  }

  private putInTransaction(doc: PreparedDocument): PutResult {
    // Another input that reads to the same text is known too: a resumed ingest need not read it again.
    if (doc.sourceKey) this.s.insertSourceKey!.run(doc.sourceKey, doc.id);
    if (this.s.has!.get(doc.id) !== undefined) return { status: 'exists', duplicateOf: null, relinked: 0, events: 0, newClusters: 0 };
    const fp = { signature: signatureFromBytes(doc.signature), shingles: doc.shingles };
    const published = doc.published;

    // Near-duplicates: candidates share a band; the best verified one names the group's canonical.
    const seen = new Set<number>();
    let best: { id: string; duplicateOf: string | null; similarity: number } | null = null;
    for (const band of doc.bands) {
      for (const r of this.s.band!.all(band) as { doc_seq: number }[]) {
        if (seen.has(r.doc_seq)) continue;
        seen.add(r.doc_seq);
        const cand = this.s.docBySeq!.get(r.doc_seq) as Row;
        const sim = copySimilarity(fp, { signature: signatureFromBytes(cand.signature as Buffer), shingles: cand.shingles as number });
        if (sim !== null && (!best || sim > best.similarity)) best = { id: cand.id as string, duplicateOf: cand.duplicate_of as string | null, similarity: sim };
      }
    }
    let duplicateOf: string | null = null;
    let relinked = 0;
    let canonical: Row | undefined;
    if (best) {
      canonical = this.s.docById!.get(best.duplicateOf ?? best.id) as Row | undefined;
      // The earliest version is the canonical: by publication day, then by ingest order (new is last).
      const isEarlier = canonical && published !== null && (canonical.published === null || published < (canonical.published as string));
      if (!isEarlier) duplicateOf = (canonical?.id as string | undefined) ?? best.id;
    }
    const info = this.s.insertDoc!.run({
      id: doc.id, uri: doc.uri, format: doc.format, line: doc.line, sourceId: doc.sourceId, title: doc.title,
      published, language: doc.language, duplicateOf, similarity: duplicateOf ? best!.similarity : null,
      // A Buffer binds as a BLOB (a signature that crossed threads arrives as a plain Uint8Array).
      shingles: doc.shingles, signature: doc.signature ? Buffer.from(doc.signature.buffer, doc.signature.byteOffset, doc.signature.byteLength) : null, json: doc.json,
    });
    const seq = Number(info.lastInsertRowid);
    this.options.afterDocumentRow?.(doc);
    if (best && !duplicateOf && canonical) {
      relinked += this.s.relinkGroup!.run(doc.id, canonical.id).changes;
      relinked += this.s.linkDoc!.run(doc.id, best.similarity, canonical.id).changes;
      // The old canonical becomes a copy: it stops counting for its actors and event clusters.
      this.countDocument(canonical.seq as number, -1);
    }
    for (const band of doc.bands) this.s.insertBand!.run(band, seq);

    for (const e of doc.entities) this.s.insertEntity!.run(seq, e.id, e.name, e.type, e.code, e.country, e.mentions);
    for (const pl of doc.places) this.s.insertPlace!.run(seq, pl.id, pl.entity, pl.name, pl.country, pl.lat, pl.lon, pl.geonameId, pl.mentions);
    for (const q of doc.quotes) {
      const qi = this.s.insertQuote!.run(seq, q.kind, q.speaker, q.text, q.start, q.end, q.channel);
      this.s.insertQuoteFts!.run(qi.lastInsertRowid, q.text, q.speaker ?? '');
    }
    this.s.insertBodyFts!.run(seq, doc.ftsTitle, doc.body);

    // Events: each joins the best compatible cluster of its dyad, or opens a new one.
    const group = duplicateOf ?? doc.id;
    // The clusters holding a report of this document's near-duplicate group (read once, when first
    // needed, after the relinking above; this document's own events are added as they are written).
    const story: { clusters: Set<number> | null } = { clusters: null };
    const inStory = (clusterId: number) =>
      (story.clusters ??= new Set((this.s.storyClusters!.all(group, group) as { cluster_id: number }[]).map((r) => r.cluster_id))).has(clusterId);
    let newClusters = 0;
    const rows = doc.events;
    for (const ev of rows) {
      const cands = (ev.range
        ? this.s.clusterCands!.all(ev.sourceCode, ev.targetCode, ev.root, addDays(ev.range.end, 1), addDays(ev.range.start, -1))
        : this.undatedCandidates(ev, group, best !== null)) as Row[];
      // Evidence words and the same-story check only for the candidates chooseCluster gets to (compatible code and dates).
      const candidates: ClusterCandidate[] = cands.map((c) => {
        let terms: string[] | undefined;
        return {
          id: c.id as number, code: c.code as string,
          range: c.date_start ? { start: c.date_start as string, end: c.date_end as string } : null,
          get terms() { return (terms ??= (c.terms as string).split(' ').filter(Boolean)); },
          get sameStory() { return inStory(c.id as number); },
        };
      });
      let clusterId = chooseCluster(ev, candidates);
      if (clusterId === null) {
        clusterId = Number(this.s.insertCluster!.run(ev.sourceCode, ev.targetCode, ev.root, ev.code, ev.label, ev.quadClass, ev.sourceName, ev.targetName,
          ev.range?.start ?? null, ev.range?.end ?? null, ev.terms.join(' ')).lastInsertRowid);
        newClusters++;
        if (ev.range) this.s.noteSpan!.run(ev.range.end, ev.range.start);
      } else if (ev.range) {
        const w = this.s.widenCluster!.get(ev.range.start, ev.range.end, ev.sourceName, ev.targetName, clusterId) as { date_start: string; date_end: string };
        this.s.noteSpan!.run(w.date_end, w.date_start);
      }
      this.s.insertEvent!.run(seq, ev.eventId, ev.code, ev.root, ev.quadClass, ev.goldstein, ev.sourceCode, ev.sourceEntity, ev.targetCode, ev.targetEntity,
        ev.date, ev.range?.start ?? null, ev.range?.end ?? null, ev.placeId, ev.place?.name ?? null, ev.place?.country ?? null,
        ev.place?.lat ?? null, ev.place?.lon ?? null, ev.place?.geonameId ?? null, ev.modality, ev.confidence, ev.trigger, ev.evidence, clusterId, ev.json);
      story.clusters?.add(clusterId);
    }
    if (!duplicateOf) this.countDocument(seq, +1);
    // In the same transaction: a kill between storing a document and clearing its old failure would leave the failure for good.
    if (doc.uri) this.s.clearFailure!.run(doc.uri, doc.line ?? 0);
    return { status: 'stored', duplicateOf, relinked, events: rows.length, newClusters };
  }

  /**
   * The undated clusters an undated event may join, in id order: the newest of its dyad and root, and,
   * when the document has near-duplicates, every one holding a report of its group (else its group is
   * the document itself, whose events have just been written among the newest).
   */
  private undatedCandidates(ev: { sourceCode: string; targetCode: string; root: string }, group: string, hasCopies: boolean): Row[] {
    const rows = this.s.clusterCandsUndated!.all(ev.sourceCode, ev.targetCode, ev.root, UNDATED_CANDIDATES) as Row[];
    if (hasCopies) {
      const have = new Set(rows.map((r) => r.id as number));
      for (const r of this.s.clusterCandsUndatedStory!.all(group, group, ev.sourceCode, ev.targetCode, ev.root) as Row[]) if (!have.has(r.id as number)) rows.push(r);
    }
    return rows.sort((x, y) => (x.id as number) - (y.id as number));
  }

  /** Adds (+1) or removes (-1) an original document's share of the kept totals. */
  private countDocument(seq: number, sign: 1 | -1): void {
    this.s.countActors!.run({ sign, seq });
    for (const c of this.s.docEventClusters!.all(seq) as { cluster_id: number; n: number }[]) {
      const r = this.s.addOriginals!.get(sign * c.n, c.cluster_id) as { originals: number; source_code: string; target_code: string };
      // A cluster starts (or stops) counting for its actors when its first original report arrives (or its last leaves).
      const was = r.originals - sign * c.n;
      if (was === 0 && r.originals > 0) { this.s.codeCount!.run(r.source_code, 1, 0); this.s.codeCount!.run(r.target_code, 0, 1); }
      if (was > 0 && r.originals === 0) { this.s.codeCount!.run(r.source_code, -1, 0); this.s.codeCount!.run(r.target_code, 0, -1); }
    }
  }

  /** The stored codes a prefix matches (RUS: RUS, RUSGOV…), from the cluster indexes. */
  private codes(_col: 'source_code' | 'target_code', prefix: string): string[] {
    // code_counts lists every code of a counted cluster, either side: a small table, unlike the clusters.
    return (this.s.codesLike!.all(prefixGlob(prefix)) as { code: string }[]).map((r) => r.code);
  }

  /** The earliest date_start a cluster ending on or after `from` can have. */
  private startBound(from: string): string {
    const days = Math.ceil((this.s.maxSpan!.get() as { value: number } | undefined)?.value ?? 0);
    return addDays(from, -days);
  }

  async recordFailure(f: FailureRecord): Promise<void> {
    this.s.upsertFailure!.run(f.uri, f.line ?? 0, f.code, f.message);
    this.writes++;
  }

  async clearFailure(uri: string, line?: number): Promise<void> {
    this.s.clearFailure!.run(uri, line ?? 0);
    this.writes++;
  }

  async get(id: string): Promise<Document | null> {
    const row = this.db.prepare('SELECT json FROM documents WHERE id = ?').get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Document) : null;
  }

  async documents(options: { limit?: number; duplicatesOnly?: boolean } = {}): Promise<StoredDocument[]> {
    const rows = this.db.prepare(`SELECT id, uri, title, published, duplicate_of, similarity FROM documents
      ${options.duplicatesOnly ? 'WHERE duplicate_of IS NOT NULL' : ''} ORDER BY seq LIMIT ?`).all(options.limit ?? -1) as Row[];
    return rows.map((r) => ({ id: r.id as string, uri: r.uri as string | null, title: r.title as string | null, published: r.published as string | null,
      duplicateOf: r.duplicate_of as string | null, similarity: r.similarity as number | null }));
  }

  async failures(): Promise<FailureRecord[]> {
    const rows = this.db.prepare('SELECT uri, line, code, message FROM failures ORDER BY uri, line').all() as Row[];
    return rows.map((r) => ({ uri: r.uri as string, ...((r.line as number) ? { line: r.line as number } : {}), code: r.code as string, message: r.message as string }));
  }

  /** The WHERE terms (over event_clusters c) of an event filter; null when an actor prefix matches no stored code. */
  private eventWhere(filter: EventFilter): { where: string[]; args: unknown[] } | null {
    const where: string[] = [];
    const args: unknown[] = [];
    // Code prefixes become the list of codes that exist: equality lets the (code, date) indexes work.
    if (filter.actor && filter.eitherSide) {
      const src = this.codes('source_code', filter.actor);
      const tgt = this.codes('target_code', filter.actor);
      if (src.length + tgt.length === 0) return null;
      const dates = `${filter.from ? ' AND date_end >= ? AND date_start >= ?' : ''}${filter.to ? ' AND date_start <= ?' : ''}`;
      const dargs = [...(filter.from ? [filter.from, this.startBound(filter.from)] : []), ...(filter.to ? [filter.to] : [])];
      where.push(`c.id IN (SELECT id FROM event_clusters WHERE source_code IN (${marks(src)})${dates} UNION ALL SELECT id FROM event_clusters WHERE target_code IN (${marks(tgt)})${dates})`);
      args.push(...src, ...dargs, ...tgt, ...dargs);
    } else if (filter.actor) {
      const src = this.codes('source_code', filter.actor);
      if (src.length === 0) return null;
      where.push(`c.source_code IN (${marks(src)})`);
      args.push(...src);
    }
    if (filter.target) {
      const tgt = this.codes('target_code', filter.target);
      if (tgt.length === 0) return null;
      where.push(`c.target_code IN (${marks(tgt)})`);
      args.push(...tgt);
    }
    if (filter.root) { where.push('c.root = ?'); args.push(filter.root.slice(0, 2)); }
    if (filter.code) { where.push('c.code GLOB ?'); args.push(prefixGlob(filter.code)); }
    if (filter.quadClass) { where.push('c.quad_class = ?'); args.push(filter.quadClass); }
    if (filter.from) { where.push('c.date_end >= ? AND c.date_start >= ?'); args.push(filter.from, this.startBound(filter.from)); }
    if (filter.to) { where.push('c.date_start <= ?'); args.push(filter.to); }
    return { where, args };
  }

  async events(filter: EventFilter = {}): Promise<EventCluster[]> {
    const built = this.eventWhere(filter);
    if (!built) return [];
    const { where, args } = built;
    // One pass over clusters joined with their reports, in cluster order: no query per cluster.
    const sql = `SELECT c.id, c.code, c.label, c.root, c.quad_class, c.source_code, c.source_name, c.target_code, c.target_name, c.date_start, c.date_end,
      e.event_id, e.goldstein, e.evidence, e.place_name, e.place_country, e.lat, e.lon, e.geoname_id,
      d.id AS doc_id, d.uri, d.title, d.published, d.duplicate_of
      FROM event_clusters c JOIN events e ON e.cluster_id = c.id JOIN documents d ON d.seq = e.doc_seq
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.date_start, c.id, e.seq`;
    const limit = filter.limit ?? Infinity;
    const out: EventCluster[] = [];
    let rows: Row[] = [];
    const flush = () => {
      if (rows.length === 0) return;
      const cluster = clusterOf(rows);
      if (cluster) out.push(cluster);
      rows = [];
    };
    for (const r of this.db.prepare(sql).iterate(...args) as IterableIterator<Row>) {
      if (rows.length && rows[0]!.id !== r.id) {
        flush();
        if (out.length >= limit) break;
      }
      rows.push(r);
    }
    if (out.length < limit) flush();
    return out;
  }

  async quotes(filter: QuoteFilter = {}): Promise<QuoteRow[]> {
    const { sqlFrom, args } = quoteQuery(filter);
    const rows = this.db.prepare(`SELECT q.*, d.id AS doc_id, d.uri, d.published ${sqlFrom} ORDER BY d.published, q.seq LIMIT ?`)
      .all(...args, filter.limit ?? -1) as Row[];
    return rows.map(quoteRow);
  }

  async series(a: string, b: string, period: Period, filter: { from?: string; to?: string; bothDirections?: boolean } = {}): Promise<SeriesRow[]> {
    const [sa, tb, sb, ta] = [this.codes('source_code', a), this.codes('target_code', b), this.codes('source_code', b), this.codes('target_code', a)];
    const dyad = filter.bothDirections
      ? `c.id IN (SELECT id FROM event_clusters WHERE source_code IN (${marks(sa)}) AND target_code IN (${marks(tb)})
         UNION ALL SELECT id FROM event_clusters WHERE source_code IN (${marks(sb)}) AND target_code IN (${marks(ta)}))`
      : `(c.source_code IN (${marks(sa)}) AND c.target_code IN (${marks(tb)}))`;
    const args: unknown[] = filter.bothDirections ? [...sa, ...tb, ...sb, ...ta] : [...sa, ...tb];
    // Copies are few: their list, read once from the duplicate_of index, spares a documents lookup per report.
    const where = [dyad, 'c.date_start IS NOT NULL', 'e.doc_seq NOT IN (SELECT seq FROM documents WHERE duplicate_of IS NOT NULL)'];
    if (filter.from) { where.push('c.date_end >= ?'); args.push(filter.from); }
    if (filter.to) { where.push('c.date_start <= ?'); args.push(filter.to); }
    const rows = this.db.prepare(`SELECT c.id, c.date_start, AVG(e.goldstein) AS g FROM event_clusters c
      JOIN events e ON e.cluster_id = c.id
      WHERE ${where.join(' AND ')} GROUP BY c.id`).all(...args) as { id: number; date_start: string; g: number }[];
    const buckets = new Map<string, { n: number; sum: number }>();
    for (const r of rows) {
      const key = periodOf(r.date_start, period);
      const b0 = buckets.get(key) ?? { n: 0, sum: 0 };
      b0.n++;
      b0.sum += r.g;
      buckets.set(key, b0);
    }
    return [...buckets.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([p, v]) => ({ period: p, events: v.n, goldsteinSum: round(v.sum), goldsteinMean: round(v.sum / v.n) }));
  }

  async actors(options: { limit?: number; type?: string } = {}): Promise<ActorRow[]> {
    const rows = this.db.prepare(`SELECT a.code, a.name, a.type, a.documents, a.mentions, COALESCE(c.as_source, 0) AS as_source, COALESCE(c.as_target, 0) AS as_target
      FROM actor_counts a LEFT JOIN code_counts c ON c.code = a.code WHERE a.documents > 0 ${options.type ? 'AND a.type = ?' : ''}
      ORDER BY a.documents DESC, a.mentions DESC, a.name LIMIT ?`).all(...(options.type ? [options.type] : []), options.limit ?? -1) as Row[];
    return rows.map((r) => ({ code: r.code as string | null, name: r.name as string, type: r.type as string, documents: r.documents as number, mentions: r.mentions as number,
      asSource: r.as_source as number, asTarget: r.as_target as number }));
  }

  async search(query: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    const q = ftsPhrase(query);
    const limit = options.limit ?? 50;
    const body = this.db.prepare(`SELECT d.id, d.uri, d.title, d.published, snippet(body_fts, 1, '[', ']', '…', 12) AS snip FROM body_fts
      JOIN documents d ON d.seq = body_fts.rowid WHERE body_fts MATCH ? AND d.duplicate_of IS NULL ORDER BY rank LIMIT ?`).all(q, limit) as Row[];
    const quotes = this.db.prepare(`SELECT d.id, d.uri, d.title, d.published, snippet(quotes_fts, 0, '[', ']', '…', 12) AS snip FROM quotes_fts
      JOIN quotes q ON q.seq = quotes_fts.rowid JOIN documents d ON d.seq = q.doc_seq WHERE quotes_fts MATCH ? AND d.duplicate_of IS NULL ORDER BY rank LIMIT ?`).all(q, limit) as Row[];
    const hit = (where: 'body' | 'quote') => (r: Row): SearchHit => ({ docId: r.id as string, uri: r.uri as string | null, title: r.title as string | null,
      published: r.published as string | null, where, snippet: r.snip as string });
    return [...body.map(hit('body')), ...quotes.map(hit('quote'))].slice(0, limit);
  }

  async places(options: { limit?: number } = {}): Promise<PlaceRow[]> {
    const rows = this.db.prepare(`SELECT MIN(p.entity) AS entity, p.name, p.country, AVG(p.lat) AS lat, AVG(p.lon) AS lon, p.geoname_id, SUM(p.mentions) AS mentions
      FROM places p JOIN documents d ON d.seq = p.doc_seq WHERE d.duplicate_of IS NULL
      GROUP BY COALESCE(CAST(p.geoname_id AS TEXT), p.name || '|' || COALESCE(p.country, '')) ORDER BY mentions DESC, p.name LIMIT ?`).all(options.limit ?? -1) as Row[];
    return rows.map((r) => ({ entity: r.entity as string | null, name: r.name as string, country: r.country as string | null, lat: r.lat as number, lon: r.lon as number,
      geonameId: r.geoname_id as number | null, mentions: r.mentions as number }));
  }

  async stats(): Promise<StoreStats> {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      documents: one('SELECT COUNT(*) AS n FROM documents'),
      originals: one('SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NULL'),
      duplicates: one('SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL'),
      events: one('SELECT COUNT(*) AS n FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE d.duplicate_of IS NULL'),
      clusters: one('SELECT COUNT(*) AS n FROM event_clusters WHERE originals > 0'),
      quotes: one('SELECT COUNT(*) AS n FROM quotes q JOIN documents d ON d.seq = q.doc_seq WHERE d.duplicate_of IS NULL'),
      failures: one('SELECT COUNT(*) AS n FROM failures'),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Prepared statements of the paged queries, by SQL text: the API asks the same shapes again and again. */
  private readonly prepared = new Map<string, Statement>();

  private prep(sql: string): Statement {
    let st = this.prepared.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.prepared.size > 500) this.prepared.clear();
      this.prepared.set(sql, st);
    }
    return st;
  }

  async eventPage(filter: EventPageFilter = {}): Promise<Page<DetailedEventCluster>> {
    const built = this.eventWhere(filter);
    if (!built) return { items: [], total: 0 };
    // originals > 0 is the clusters `events` keeps (a cluster of copies only counts nowhere).
    const where = ['c.originals > 0', ...built.where];
    if (filter.dated) where.push('c.date_start IS NOT NULL');
    if (filter.located) where.push('EXISTS (SELECT 1 FROM events l WHERE l.cluster_id = c.id AND l.lat IS NOT NULL)');
    const dir = filter.order === 'desc' ? 'DESC' : 'ASC';
    const total = (this.prep(`SELECT COUNT(*) AS n FROM event_clusters c WHERE ${where.join(' AND ')}`).get(...built.args) as { n: number }).n;
    const ids = (this.prep(`SELECT c.id FROM event_clusters c WHERE ${where.join(' AND ')} ORDER BY c.date_start ${dir}, c.id ${dir} LIMIT ? OFFSET ?`)
      .all(...built.args, filter.limit ?? -1, filter.offset ?? 0) as { id: number }[]).map((r) => r.id);
    return { items: this.detailedClusters(ids), total };
  }

  /** Clusters by id, in the given order, each report with its event's explanation (from the stored event JSON). */
  private detailedClusters(ids: readonly number[]): DetailedEventCluster[] {
    if (ids.length === 0) return [];
    const rows = this.prep(`SELECT c.id, c.code, c.label, c.root, c.quad_class, c.source_code, c.source_name, c.target_code, c.target_name, c.date_start, c.date_end,
      e.event_id, e.goldstein, e.evidence, e.place_name, e.place_country, e.lat, e.lon, e.geoname_id, e.json,
      d.id AS doc_id, d.uri, d.title, d.published, d.duplicate_of
      FROM event_clusters c JOIN events e ON e.cluster_id = c.id JOIN documents d ON d.seq = e.doc_seq
      WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id, e.seq`).all(JSON.stringify(ids)) as Row[];
    const byId = new Map<number, Row[]>();
    for (const r of rows) {
      const list = byId.get(r.id as number);
      if (list) list.push(r);
      else byId.set(r.id as number, [r]);
    }
    const out: DetailedEventCluster[] = [];
    for (const id of ids) {
      const evs = byId.get(id);
      const cluster = evs && clusterOf(evs);
      if (!cluster || !evs) continue;
      const sources: EventReport[] = cluster.sources.map((src, i) => {
        const ev = JSON.parse(evs[i]!.json as string) as CasusEvent;
        return { ...src, sentence: ev.sentence, trigger: { start: ev.trigger.start, end: ev.trigger.end }, why: ev.why, modality: ev.modality,
          confidence: ev.confidence, date: ev.date, place: ev.place };
      });
      out.push({ ...cluster, sources });
    }
    return out;
  }

  async documentPage(options: { limit?: number; offset?: number; duplicates?: boolean } = {}): Promise<Page<StoredDocument>> {
    const where = options.duplicates === undefined ? '' : `WHERE duplicate_of IS ${options.duplicates ? 'NOT ' : ''}NULL`;
    const total = (this.prep(`SELECT COUNT(*) AS n FROM documents ${where}`).get() as { n: number }).n;
    // The page's rows picked on the (seq, duplicate_of) index first: an offset then skips small index rows, not documents.
    const rows = this.prep(`SELECT id, uri, title, published, duplicate_of, similarity FROM documents
      WHERE seq IN (SELECT seq FROM documents ${where} ORDER BY seq LIMIT ? OFFSET ?) ORDER BY seq`)
      .all(options.limit ?? -1, options.offset ?? 0) as Row[];
    return { items: rows.map((r) => ({ id: r.id as string, uri: r.uri as string | null, title: r.title as string | null, published: r.published as string | null,
      duplicateOf: r.duplicate_of as string | null, similarity: r.similarity as number | null })), total };
  }

  async quotePage(filter: QuoteFilter & { offset?: number } = {}): Promise<Page<QuoteRow>> {
    const { sqlFrom, args } = quoteQuery(filter);
    const total = (this.prep(`SELECT COUNT(*) AS n ${sqlFrom}`).get(...args) as { n: number }).n;
    const rows = this.prep(`SELECT q.*, d.id AS doc_id, d.uri, d.published ${sqlFrom} ORDER BY d.published, q.seq LIMIT ? OFFSET ?`)
      .all(...args, filter.limit ?? -1, filter.offset ?? 0) as Row[];
    return { items: rows.map(quoteRow), total };
  }

  async actorPage(options: { limit?: number; offset?: number; type?: string } = {}): Promise<Page<ActorRow>> {
    const where = `a.documents > 0 ${options.type ? 'AND a.type = ?' : ''}`;
    const targs = options.type ? [options.type] : [];
    const total = (this.prep(`SELECT COUNT(*) AS n FROM actor_counts a WHERE ${where}`).get(...targs) as { n: number }).n;
    const rows = this.prep(`SELECT a.code, a.name, a.type, a.documents, a.mentions, COALESCE(c.as_source, 0) AS as_source, COALESCE(c.as_target, 0) AS as_target
      FROM actor_counts a LEFT JOIN code_counts c ON c.code = a.code WHERE ${where}
      ORDER BY a.documents DESC, a.mentions DESC, a.name LIMIT ? OFFSET ?`).all(...targs, options.limit ?? -1, options.offset ?? 0) as Row[];
    return { items: rows.map(actorRow), total };
  }

  async actor(code: string): Promise<ActorRow | null> {
    const r = this.prep(`SELECT a.code, a.name, a.type, a.documents, a.mentions, COALESCE(c.as_source, 0) AS as_source, COALESCE(c.as_target, 0) AS as_target
      FROM actor_counts a LEFT JOIN code_counts c ON c.code = a.code WHERE a.code = ? AND a.documents > 0`).get(code) as Row | undefined;
    if (r) return actorRow(r);
    // A code seen only as an event's actor (no entity of its own in an original document).
    const c = this.prep(`SELECT code, as_source, as_target FROM code_counts WHERE code = ? AND as_source + as_target > 0`).get(code) as Row | undefined;
    if (!c) return null;
    const name = this.prep(`SELECT COALESCE((SELECT source_name FROM event_clusters WHERE source_code = ? AND source_name IS NOT NULL LIMIT 1),
      (SELECT target_name FROM event_clusters WHERE target_code = ? AND target_name IS NOT NULL LIMIT 1)) AS name`).get(code, code) as { name: string | null };
    return { code, name: name.name ?? code, type: 'OTHER', documents: 0, mentions: 0, asSource: c.as_source as number, asTarget: c.as_target as number };
  }

  async actorQuotes(code: string, options: { limit?: number } = {}): Promise<QuoteRow[]> {
    // Entities carry the actor code; a quote's speaker is the entity's name in the same document.
    // The matching quotes first (entities and quotes are small rows), then their documents.
    const rows = this.prep(`SELECT q.*, d.id AS doc_id, d.uri, d.published FROM quotes q JOIN documents d ON d.seq = q.doc_seq
      WHERE q.seq IN (SELECT q2.seq FROM entities en JOIN quotes q2 ON q2.doc_seq = en.doc_seq AND q2.speaker = en.name COLLATE NOCASE WHERE en.actor_code GLOB ?)
      AND d.duplicate_of IS NULL ORDER BY d.published DESC, q.seq DESC LIMIT ?`).all(prefixGlob(code), options.limit ?? -1) as Row[];
    return rows.map(quoteRow);
  }

  async network(filter: NetworkFilter = {}): Promise<Network> {
    // An edge needs two actors: events with an unknown side are left out.
    // Copies are few: their list, read once from the duplicate_of index, spares a documents lookup per report.
    const where = ['c.originals > 0', 'e.doc_seq NOT IN (SELECT seq FROM documents WHERE duplicate_of IS NOT NULL)', "c.source_code != ''", "c.target_code != ''"];
    const args: unknown[] = [];
    if (filter.root) { where.push('c.root = ?'); args.push(filter.root.slice(0, 2)); }
    if (filter.from) { where.push('c.date_end >= ? AND c.date_start >= ?'); args.push(filter.from, this.startBound(filter.from)); }
    if (filter.to) { where.push('c.date_start <= ?'); args.push(filter.to); }
    // A cluster's Goldstein is the mean over its original reports, as in `events`.
    const rows = this.prep(`SELECT c.source_code AS s, c.target_code AS t, c.quad_class AS q, c.source_name AS sn, c.target_name AS tn, AVG(e.goldstein) AS g
      FROM event_clusters c JOIN events e ON e.cluster_id = c.id
      WHERE ${where.join(' AND ')} GROUP BY c.id`).all(...args) as { s: string; t: string; q: number; sn: string | null; tn: string | null; g: number }[];
    const edges = new Map<string, NetworkEdge & { sum: number }>();
    const nodes = new Map<string, NetworkNode>();
    const node = (id: string, name: string | null) => {
      let n = nodes.get(id);
      if (!n) nodes.set(id, n = { id, name, events: 0 });
      if (!n.name && name) n.name = name;
      n.events++;
    };
    for (const r of rows) {
      const key = `${r.s}\u0000${r.t}`;
      let e = edges.get(key);
      if (!e) edges.set(key, e = { source: r.s, target: r.t, events: 0, goldsteinSum: 0, sum: 0, quad: { 1: 0, 2: 0, 3: 0, 4: 0 }, dominantQuad: 0 });
      e.events++;
      e.sum += r.g;
      const q = String(r.q) as '1' | '2' | '3' | '4';
      if (q in e.quad) e.quad[q]++;
    }
    const minEvents = filter.minEvents ?? 1;
    const kept = [...edges.values()].filter((e) => e.events >= minEvents)
      .sort((a, b) => b.events - a.events || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0))
      .slice(0, filter.limit ?? Infinity);
    const keptKeys = new Set(kept.map((e) => `${e.source}\u0000${e.target}`));
    // Node counts are clusters on either side, over the kept edges, so a node's figure matches what is drawn.
    for (const r of rows) {
      if (!keptKeys.has(`${r.s}\u0000${r.t}`)) continue;
      node(r.s, r.sn);
      node(r.t, r.tn);
    }
    return {
      nodes: [...nodes.values()].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1)),
      edges: kept.map(({ sum, ...e }) => {
        const dominant = (['1', '2', '3', '4'] as const).reduce((best, q) => (e.quad[q] > e.quad[best] ? q : best), '1');
        return { ...e, goldsteinSum: round(sum), dominantQuad: Number(dominant) };
      }),
    };
  }

  /** Writes by this connection, which PRAGMA data_version does not see. */
  private writes = 0;

  async dataVersion(): Promise<number> {
    // data_version moves when another connection commits; our own commits are counted in put().
    return (this.prep('PRAGMA data_version').pluck().get() as number) * 1_000_000 + this.writes;
  }

  async searchPage(query: string, options: { limit?: number; offset?: number } = {}): Promise<Page<SearchHit>> {
    const q = ftsPhrase(query);
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    const total = (this.prep(`SELECT (SELECT COUNT(*) FROM body_fts JOIN documents d ON d.seq = body_fts.rowid WHERE body_fts MATCH ? AND d.duplicate_of IS NULL)
      + (SELECT COUNT(*) FROM quotes_fts JOIN quotes q ON q.seq = quotes_fts.rowid JOIN documents d ON d.seq = q.doc_seq WHERE quotes_fts MATCH ? AND d.duplicate_of IS NULL) AS n`).get(q, q) as { n: number }).n;
    // Body hits first, then quote hits, as `search` orders them: each half up to offset + limit covers the page.
    const n = offset + limit;
    const body = this.prep(`SELECT d.id, d.uri, d.title, d.published, snippet(body_fts, 1, '[', ']', '…', 12) AS snip FROM body_fts
      JOIN documents d ON d.seq = body_fts.rowid WHERE body_fts MATCH ? AND d.duplicate_of IS NULL ORDER BY rank LIMIT ?`).all(q, n) as Row[];
    const quotes = body.length >= n ? [] : this.prep(`SELECT d.id, d.uri, d.title, d.published, snippet(quotes_fts, 0, '[', ']', '…', 12) AS snip FROM quotes_fts
      JOIN quotes q ON q.seq = quotes_fts.rowid JOIN documents d ON d.seq = q.doc_seq WHERE quotes_fts MATCH ? AND d.duplicate_of IS NULL ORDER BY rank LIMIT ?`).all(q, n - body.length) as Row[];
    const hit = (where: 'body' | 'quote') => (r: Row): SearchHit => ({ docId: r.id as string, uri: r.uri as string | null, title: r.title as string | null,
      published: r.published as string | null, where, snippet: r.snip as string });
    const hits = [...body.map(hit('body')), ...quotes.map(hit('quote'))];
    return { items: hits.slice(offset, offset + limit), total };
  }
}

/** A cluster from its joined rows (one per report); null when every report is a copy (it then counts nowhere). */
function clusterOf(evs: Row[]): EventCluster | null {
  const c = evs[0]!;
  const originals = evs.filter((e) => e.duplicate_of === null);
  if (originals.length === 0) return null;
  const located = originals.find((e) => e.lat !== null) ?? evs.find((e) => e.lat !== null);
  return {
    id: c.id as number, code: c.code as string, label: c.label as string, root: c.root as string, quadClass: c.quad_class as number,
    sourceCode: c.source_code as string, sourceName: c.source_name as string | null, targetCode: c.target_code as string, targetName: c.target_name as string | null,
    dateStart: c.date_start as string | null, dateEnd: c.date_end as string | null,
    goldstein: originals.reduce((sum, e) => sum + (e.goldstein as number), 0) / originals.length,
    mentions: originals.length,
    reports: new Set(originals.map((e) => e.doc_id)).size,
    evidence: originals[0]!.evidence as string,
    place: located ? { name: located.place_name as string, country: located.place_country as string | null, lat: located.lat as number, lon: located.lon as number, geonameId: located.geoname_id as number | null } : null,
    sources: evs.map((e) => ({ docId: e.doc_id as string, uri: e.uri as string | null, title: e.title as string | null, published: e.published as string | null,
      eventId: e.event_id as string, evidence: e.evidence as string, duplicateOf: e.duplicate_of as string | null })),
  };
}

function quoteRow(r: Row): QuoteRow {
  return { docId: r.doc_id as string, uri: r.uri as string | null, published: r.published as string | null, kind: r.kind as string,
    speaker: r.speaker as string | null, text: r.text as string, start: r.start as number, end: r.end as number, channel: r.channel as string | null };
}

function actorRow(r: Row): ActorRow {
  return { code: r.code as string | null, name: r.name as string, type: r.type as string, documents: r.documents as number, mentions: r.mentions as number,
    asSource: r.as_source as number, asTarget: r.as_target as number };
}

/** A user's words as one FTS5 phrase: no query syntax to learn, no syntax errors. */
/** The FROM … WHERE of a quote query, shared by the list and the paged list. */
function quoteQuery(filter: QuoteFilter): { sqlFrom: string; args: unknown[] } {
  const where = ['d.duplicate_of IS NULL'];
  const args: unknown[] = [];
  let from = 'quotes q';
  // Speaker and words through the quotes' full-text index: whole words, any case.
  const match = [...(filter.speaker ? [`speaker : ${ftsPhrase(filter.speaker)}`] : []), ...(filter.text ? [`text : ${ftsPhrase(filter.text)}`] : [])];
  if (match.length) { from = 'quotes_fts f JOIN quotes q ON q.seq = f.rowid'; where.push('quotes_fts MATCH ?'); args.push(match.join(' AND ')); }
  if (filter.from) { where.push('d.published >= ?'); args.push(filter.from); }
  if (filter.to) { where.push('d.published <= ?'); args.push(filter.to); }
  return { sqlFrom: `FROM ${from} JOIN documents d ON d.seq = q.doc_seq WHERE ${where.join(' AND ')}`, args };
}

function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** SQL placeholders for a list; an empty list matches nothing. */
function marks(list: readonly unknown[]): string {
  return list.length ? list.map(() => '?').join(', ') : 'NULL';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The period a day falls in: the day, the ISO week's Monday (YYYY-Www), the month or the year. */
export function periodOf(day: string, period: Period): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  if (period === 'year') return day.slice(0, 4);
  const t = Date.parse(`${day}T00:00:00Z`);
  const d = new Date(t);
  const dow = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(t + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
