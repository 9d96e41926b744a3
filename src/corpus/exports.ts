/**
 * Exports of event clusters (one real-world event each, copies not counted): CSV with the 61
 * GDELT 2.0 event columns, JSON Lines, an iCalendar file (one VEVENT per cluster with its evidence
 * and sources) and GeoJSON of located events; plus the CSV quoting shared by the query commands.
 */
import type { EventCluster, PlaceRow } from '../storage/store.js';

export const GDELT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode', 'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code', 'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** CAMEO actor code parts: the first three letters are the country when they are one. */
function actorParts(code: string): { country: string; type1: string } {
  return { country: /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : '', type1: code.length >= 6 ? code.slice(3, 6) : '' };
}

function distinctHosts(c: EventCluster): number {
  const hosts = new Set(c.sources.filter((x) => !x.duplicateOf).map((x) => { try { return new URL(x.uri ?? '').host || x.docId; } catch { return x.docId; } }));
  return hosts.size;
}

/** One GDELT-style row per event cluster. DATEADDED is the first report's publication day. */
export function gdeltRow(c: EventCluster): unknown[] {
  const day = c.dateStart ?? '';
  const ymd = day.replace(/-/g, '');
  const a1 = actorParts(c.sourceCode);
  const a2 = actorParts(c.targetCode);
  const year = day.slice(0, 4);
  const fraction = day ? (Number(year) + (Date.parse(`${day}T00:00:00Z`) - Date.UTC(Number(year), 0, 1)) / (365 * 86_400_000)).toFixed(4) : '';
  const geo = c.place
    ? [c.place.geonameId !== null ? 4 : 1, c.place.name, c.place.country ?? '', '', '', c.place.lat, c.place.lon, c.place.geonameId ?? '']
    : [0, '', '', '', '', '', '', ''];
  const originals = c.sources.filter((x) => !x.duplicateOf);
  const firstPublished = originals.map((x) => x.published).filter(Boolean).sort()[0] ?? '';
  return [
    c.id, ymd, ymd.slice(0, 6), year, fraction,
    c.sourceCode, c.sourceName ?? '', a1.country, '', '', '', '', a1.type1, '', '',
    c.targetCode, c.targetName ?? '', a2.country, '', '', '', '', a2.type1, '', '',
    1, c.code, c.code.slice(0, 3), c.root, c.quadClass, c.goldstein, c.mentions, distinctHosts(c), c.reports, '',
    0, '', '', '', '', '', '', '',
    0, '', '', '', '', '', '', '',
    ...geo,
    firstPublished.replace(/-/g, ''), originals[0]?.uri ?? '',
  ];
}

export function eventsCsv(clusters: readonly EventCluster[]): string {
  return csvLine(GDELT_COLUMNS) + clusters.map((c) => csvLine(gdeltRow(c))).join('');
}

export function eventsJsonl(clusters: readonly EventCluster[]): string {
  return clusters.map((c) => JSON.stringify(c) + '\n').join('');
}

/** iCalendar TEXT escaping (RFC 5545 §3.3.11). */
function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/** One all-day VEVENT per dated cluster: summary, evidence and sources in the description. */
export function eventsIcs(clusters: readonly EventCluster[], options: { now?: Date } = {}): string {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Casus//Event clusters//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const c of clusters) {
    if (!c.dateStart) continue;
    const end = new Date(Date.parse(`${c.dateEnd ?? c.dateStart}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const who = `${c.sourceName ?? c.sourceCode} → ${c.targetName ?? c.targetCode}`;
    const originals = c.sources.filter((x) => !x.duplicateOf);
    const description = [
      `${c.label} (CAMEO ${c.code}, Goldstein ${c.goldstein.toFixed(1)}), ${c.reports} report${c.reports === 1 ? '' : 's'}.`,
      `Evidence: ${c.evidence}`,
      'Sources:',
      ...originals.map((x) => `- ${x.title ?? x.docId}${x.published ? ` (${x.published})` : ''}${x.uri ? ` ${x.uri}` : ''}`),
    ].join('\n');
    lines.push('BEGIN:VEVENT', `UID:casus-cluster-${c.id}@casus`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${c.dateStart.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${end.replace(/-/g, '')}`,
      `SUMMARY:${icsText(`${who}: ${c.label}`)}`, `DESCRIPTION:${icsText(description)}`,
      `CATEGORIES:${icsText(`CAMEO ${c.root}`)}`);
    if (c.place) lines.push(`LOCATION:${icsText(c.place.name)}`, `GEO:${c.place.lat};${c.place.lon}`);
    if (originals[0]?.uri) lines.push(`URL:${originals[0].uri}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** GeoJSON: a Point per located event cluster, and the places layer as Points of kind "place". */
export function eventsGeoJson(clusters: readonly EventCluster[], places: readonly PlaceRow[] = []): string {
  return JSON.stringify(eventsFeatureCollection(clusters, places), null, 1) + '\n';
}

/** The GeoJSON FeatureCollection as an object (the HTTP API sends it as it is). */
export function eventsFeatureCollection(clusters: readonly EventCluster[], places: readonly PlaceRow[] = []): { type: 'FeatureCollection'; features: object[] } {
  const features = [
    ...clusters.filter((c) => c.place).map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.place!.lon, c.place!.lat] },
      properties: {
        kind: 'event', cluster: c.id, code: c.code, label: c.label, root: c.root, quadClass: c.quadClass, goldstein: c.goldstein,
        source: c.sourceCode, target: c.targetCode, dateStart: c.dateStart, dateEnd: c.dateEnd, reports: c.reports, evidence: c.evidence,
        place: c.place, sources: c.sources.filter((x) => !x.duplicateOf).map((x) => x.uri ?? x.docId),
        // What a map needs to open each report's document at the event (`sources` stays the plain list).
        reportLinks: c.sources.filter((x) => !x.duplicateOf).map((x) => ({ docId: x.docId, eventId: x.eventId, title: x.title, uri: x.uri })),
      },
    })),
    ...places.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { kind: 'place', entity: p.entity, name: p.name, country: p.country, lat: p.lat, lon: p.lon, geonameId: p.geonameId, mentions: p.mentions },
    })),
  ];
  return { type: 'FeatureCollection', features };
}
