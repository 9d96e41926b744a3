/**
 * The dashboard's client of the Casus HTTP API (docs/api.md): typed GET helpers over `/api/…`
 * relative to the page, and the shapes the views read. Errors become ApiError with the API's code.
 */
import type { Document } from '../../src/core/document.js';

export type { Document };
export type CasusEvent = Document['events'][number];

export interface Page<T> { items: T[]; total: number; limit: number; offset: number }

export interface StoreStats { documents: number; originals: number; duplicates: number; events: number; clusters: number; quotes: number; failures: number }
export interface Health { ok: boolean; version: string; stats: StoreStats; write: boolean }

export interface StoredDocument { id: string; uri: string | null; title: string | null; published: string | null; duplicateOf: string | null; similarity: number | null }

export interface ClusterSource {
  docId: string; uri: string | null; title: string | null; published: string | null; eventId: string; evidence: string;
  duplicateOf: string | null; sentence?: number; trigger?: { start: number; end: number }; why?: string; modality?: string;
  confidence?: number; date?: { value: string } | null; place?: string | null;
}

export interface EventPlace { name: string; country: string | null; lat: number; lon: number; geonameId: number | null }

export interface EventCluster {
  id: number; code: string; label: string; root: string; quadClass: number;
  sourceCode: string; sourceName: string | null; targetCode: string; targetName: string | null;
  dateStart: string | null; dateEnd: string | null; goldstein: number; mentions: number; reports: number;
  evidence: string; place: EventPlace | null; sources: ClusterSource[];
}

export interface ActorRow { code: string | null; name: string; type: string; documents: number; mentions: number; asSource: number; asTarget: number }
export interface SeriesRow { period: string; events: number; goldsteinSum: number; goldsteinMean: number }
export interface DyadSeries { a: string; b: string; by: string; direction: string; items: SeriesRow[] }
export interface TimelineDay { date: string; events: number; goldsteinSum: number; clusters: EventCluster[] }
export interface Timeline { items: TimelineDay[]; truncated?: boolean }
export interface NetworkNode { id: string; name: string | null; events: number }
export interface NetworkEdge { source: string; target: string; events: number; goldsteinSum: number; quad: Record<string, number>; dominantQuad: number }
export interface Network { nodes: NetworkNode[]; edges: NetworkEdge[] }
export interface SearchHit { docId: string; uri: string | null; title: string | null; published: string | null; where: 'body' | 'quote'; snippet: string }

export interface MapFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    kind: string; cluster: number; code: string; label: string; root: string; quadClass: number; goldstein: number;
    source: string; target: string; dateStart: string | null; dateEnd: string | null; reports: number; evidence: string;
    place: string | EventPlace | null;
    /** The original reports' URIs (or document ids when they have none), as `casus export geojson` writes them. */
    sources?: string[];
    /** The same original reports with their document and event ids. */
    reportLinks?: { docId: string; eventId: string; title: string | null; uri: string | null }[];
  };
}
export interface MapCollection { type: 'FeatureCollection'; features: MapFeature[]; truncated?: boolean }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

type Query = Record<string, string | number | null | undefined>;

/** `path?query`, dropping empty parameters. */
export function url(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `api/${path}${qs ? `?${qs}` : ''}`;
}

export async function get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url(path, query), { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

export const api = {
  health: (signal?: AbortSignal) => get<Health>('health', {}, signal),
  documents: (q: { limit?: number; offset?: number }, signal?: AbortSignal) => get<Page<StoredDocument>>('documents', q, signal),
  document: (id: string, signal?: AbortSignal) => get<Document>(`documents/${encodeURIComponent(id)}`, {}, signal),
  events: (q: Query, signal?: AbortSignal) => get<Page<EventCluster>>('events', q, signal),
  actors: (q: Query, signal?: AbortSignal) => get<Page<ActorRow>>('actors', q, signal),
  dyad: (q: Query, signal?: AbortSignal) => get<DyadSeries>('dyad', q, signal),
  timeline: (q: Query, signal?: AbortSignal) => get<Timeline>('timeline', q, signal),
  network: (q: Query, signal?: AbortSignal) => get<Network>('network', q, signal),
  map: (q: Query, signal?: AbortSignal) => get<MapCollection>('map', q, signal),
  search: (q: Query, signal?: AbortSignal) => get<Page<SearchHit>>('search', q, signal),
};
