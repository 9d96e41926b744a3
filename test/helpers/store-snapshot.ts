/** The whole content of a SQLite store as plain rows (timestamps aside), to compare two stores. */
import Database from 'better-sqlite3';

const TABLES: Record<string, string> = {
  documents: 'SELECT seq, id, uri, source_format, source_line, source_id, title, published, language, duplicate_of, similarity, shingles, hex(signature) AS sig, json FROM documents ORDER BY seq',
  doc_bands: 'SELECT band, doc_seq FROM doc_bands ORDER BY doc_seq, band',
  entities: 'SELECT * FROM entities ORDER BY doc_seq, entity_id',
  places: 'SELECT * FROM places ORDER BY doc_seq, place_id',
  quotes: 'SELECT * FROM quotes ORDER BY seq',
  event_clusters: 'SELECT * FROM event_clusters ORDER BY id',
  events: 'SELECT * FROM events ORDER BY seq',
  failures: 'SELECT * FROM failures ORDER BY uri, line',
  body_fts: 'SELECT rowid, title, body FROM body_fts ORDER BY rowid',
  quotes_fts: 'SELECT rowid, text, speaker FROM quotes_fts ORDER BY rowid',
  migrations: 'SELECT version, name FROM schema_migrations ORDER BY version',
};

export function storeSnapshot(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(Object.entries(TABLES).map(([name, sql]) => [name, db.prepare(sql).all()]));
  } finally {
    db.close();
  }
}

/** Checks that every stored document has exactly its annotations (nothing half-written). */
export function halfWritten(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const bad: string[] = [];
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') bad.push('integrity_check failed');
    const rows = db.prepare(`SELECT d.seq, d.id, d.json, (SELECT COUNT(*) FROM events e WHERE e.doc_seq = d.seq) AS ev,
      (SELECT COUNT(*) FROM quotes q WHERE q.doc_seq = d.seq) AS qu, (SELECT COUNT(*) FROM entities n WHERE n.doc_seq = d.seq) AS en,
      (SELECT COUNT(*) FROM body_fts f WHERE f.rowid = d.seq) AS fts FROM documents d`).all() as { id: string; json: string; ev: number; qu: number; en: number; fts: number }[];
    for (const r of rows) {
      const doc = JSON.parse(r.json) as { events: unknown[]; quotes: unknown[]; entities: unknown[] };
      if (doc.events.length !== r.ev || doc.quotes.length !== r.qu || doc.entities.length !== r.en || r.fts !== 1) bad.push(r.id);
    }
    return bad;
  } finally {
    db.close();
  }
}
