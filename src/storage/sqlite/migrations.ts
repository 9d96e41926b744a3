/**
 * The SQLite schema as numbered migrations: each runs once, in order, inside a transaction, and
 * its number is recorded in schema_migrations, so an old store upgrades in place when opened.
 */
export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, annotations, near-duplicates, event clusters, full-text search',
    sql: `
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,            -- ingest order; rowid, so a rolled-back insert burns no number
  id TEXT NOT NULL UNIQUE,            -- content hash (doc.id)
  uri TEXT, source_format TEXT, source_line INTEGER, source_id TEXT,
  title TEXT, published TEXT, language TEXT,
  duplicate_of TEXT,                  -- id of the earliest version when this is a near-duplicate
  similarity REAL,
  shingles INTEGER NOT NULL DEFAULT 0,
  signature BLOB,
  json TEXT NOT NULL
);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE doc_bands (band INTEGER NOT NULL, doc_seq INTEGER NOT NULL REFERENCES documents(seq));
CREATE INDEX doc_bands_band ON doc_bands(band);

CREATE TABLE entities (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq), entity_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
  actor_code TEXT, actor_country TEXT, mentions INTEGER NOT NULL
);
CREATE INDEX entities_doc ON entities(doc_seq);
CREATE INDEX entities_actor ON entities(actor_code);

CREATE TABLE places (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq), place_id TEXT, entity TEXT, name TEXT NOT NULL, country TEXT,
  lat REAL NOT NULL, lon REAL NOT NULL, geoname_id INTEGER, mentions INTEGER NOT NULL
);
CREATE INDEX places_doc ON places(doc_seq);

CREATE TABLE quotes (
  seq INTEGER PRIMARY KEY, doc_seq INTEGER NOT NULL REFERENCES documents(seq), kind TEXT NOT NULL, speaker TEXT,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, channel TEXT
);
CREATE INDEX quotes_doc ON quotes(doc_seq);
CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);

CREATE TABLE event_clusters (
  id INTEGER PRIMARY KEY, source_code TEXT NOT NULL, target_code TEXT NOT NULL, root TEXT NOT NULL,
  code TEXT NOT NULL, label TEXT NOT NULL, quad_class INTEGER NOT NULL, source_name TEXT, target_name TEXT,
  date_start TEXT, date_end TEXT, terms TEXT NOT NULL
);
CREATE INDEX clusters_dyad ON event_clusters(source_code, target_code, root, date_start);
CREATE INDEX clusters_target ON event_clusters(target_code, date_start);
CREATE INDEX clusters_root ON event_clusters(root, date_start);
CREATE INDEX clusters_date ON event_clusters(date_start);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY, doc_seq INTEGER NOT NULL REFERENCES documents(seq), event_id TEXT NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,
  source_code TEXT NOT NULL, source_entity TEXT, target_code TEXT NOT NULL, target_entity TEXT,
  date TEXT, date_start TEXT, date_end TEXT,
  place_id TEXT, place_name TEXT, place_country TEXT, lat REAL, lon REAL, geoname_id INTEGER,
  modality TEXT NOT NULL, confidence REAL NOT NULL, trigger TEXT NOT NULL, evidence TEXT NOT NULL,
  cluster_id INTEGER NOT NULL REFERENCES event_clusters(id), json TEXT NOT NULL
);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_doc ON events(doc_seq);

CREATE TABLE failures (uri TEXT NOT NULL, line INTEGER NOT NULL DEFAULT 0, code TEXT NOT NULL, message TEXT NOT NULL, PRIMARY KEY (uri, line));

CREATE VIRTUAL TABLE body_fts USING fts5(title, body);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker);
`,
  },
  {
    version: 2,
    name: 'event_clusters.originals: reports from original (non-copy) documents, kept on write so counts need no join',
    sql: `
ALTER TABLE event_clusters ADD COLUMN originals INTEGER NOT NULL DEFAULT 0;
UPDATE event_clusters SET originals = (SELECT COUNT(*) FROM events e JOIN documents d ON d.seq = e.doc_seq
  WHERE e.cluster_id = event_clusters.id AND d.duplicate_of IS NULL);
CREATE INDEX clusters_source_originals ON event_clusters(source_code, originals);
CREATE INDEX clusters_target_originals ON event_clusters(target_code, originals);
`,
  },
  {
    version: 3,
    name: 'actor_counts and code_counts: per-actor totals kept on write, so casus actors reads a few rows',
    sql: `
CREATE INDEX clusters_source_date ON event_clusters(source_code, date_start);
CREATE TABLE actor_counts (key TEXT PRIMARY KEY, code TEXT, name TEXT NOT NULL, type TEXT NOT NULL, documents INTEGER NOT NULL, mentions INTEGER NOT NULL);
CREATE INDEX actor_counts_documents ON actor_counts(documents DESC, mentions DESC);
INSERT INTO actor_counts (key, code, name, type, documents, mentions)
  SELECT COALESCE(en.actor_code, en.name), en.actor_code, MIN(en.name), MIN(en.type), COUNT(DISTINCT en.doc_seq), SUM(en.mentions)
  FROM entities en JOIN documents d ON d.seq = en.doc_seq WHERE d.duplicate_of IS NULL GROUP BY COALESCE(en.actor_code, en.name);
CREATE TABLE code_counts (code TEXT PRIMARY KEY, as_source INTEGER NOT NULL DEFAULT 0, as_target INTEGER NOT NULL DEFAULT 0);
INSERT INTO code_counts (code, as_source, as_target)
  SELECT code, SUM(s), SUM(t) FROM (
    SELECT source_code AS code, 1 AS s, 0 AS t FROM event_clusters WHERE originals > 0
    UNION ALL SELECT target_code, 0, 1 FROM event_clusters WHERE originals > 0) GROUP BY code;
`,
  },
  {
    version: 4,
    name: 'store_meta.max_cluster_days: the longest cluster, a lower bound that lets date queries use the (code, date) indexes',
    sql: `
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
INSERT INTO store_meta (key, value) SELECT 'max_cluster_days', COALESCE(MAX(julianday(date_end) - julianday(date_start)), 0) FROM event_clusters;
`,
  },
  {
    version: 5,
    name: "covering indexes for the HTTP API: documents in ingest order, counted clusters by date, a cluster's reports with their document and Goldstein score; totals, deep offsets and aggregates read small index rows",
    sql: `
CREATE INDEX documents_list ON documents(seq, duplicate_of);
CREATE INDEX clusters_counted ON event_clusters(date_start, id, date_end, originals) WHERE originals > 0;
DROP INDEX events_cluster;
CREATE INDEX events_cluster ON events(cluster_id, doc_seq, goldstein);
`,
  },
  {
    version: 6,
    name: 'source_keys: the HTML inputs already read into a stored document, so a resumed ingest skips them before reading and analysing them again',
    sql: `
CREATE TABLE source_keys (key TEXT PRIMARY KEY, doc_id TEXT NOT NULL) WITHOUT ROWID;
`,
  },
];
