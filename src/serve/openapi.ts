/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas the server validates with
 * (z.toJSONSchema: JSON Schema 2020-12, which OpenAPI 3.1 uses as it is), built once and kept.
 */
import { z } from 'zod';
import { DocumentSchema } from '../core/document.js';
import {
  ActorDetailSchema, ActorQuery, ActorRowSchema, ActorsQuery, AnalyzeJsonBody, AnalyzeQuery, DocumentsQuery, DyadQuery, DyadSchema, ErrorSchema,
  EventClusterSchema, EventsQuery, GeoJsonSchema, HealthSchema, IngestBody, IngestResultSchema, MapQuery, NetworkQuery, NetworkSchema, pageOf,
  PutResultSchema, QuoteRowSchema, QuotesQuery, SearchHitSchema, SearchQuery, StoredDocumentSchema, TimelineQuery, TimelineSchema,
} from './schemas.js';
import { VERSION } from './version.js';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** Query parameters from a zod object: one OpenAPI parameter per property. */
function queryParameters(s: z.ZodObject): Json[] {
  const js = schema(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => {
    const { description, ...rest } = p;
    return { name, in: 'query', required: (js.required ?? []).includes(name) && !('default' in p), schema: rest, ...(description ? { description } : {}) };
  });
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: schema(ErrorSchema) } } });
const json = (description: string, s: z.ZodType) => ({ description, content: { 'application/json': { schema: schema(s) } } });

interface Op { summary: string; query?: z.ZodObject; path?: { name: string; description: string }[]; ok: Json; errors?: Record<string, string>; body?: Json; security?: boolean }

function operation(op: Op): Json {
  const parameters = [...(op.path ?? []).map((p) => ({ name: p.name, in: 'path', required: true, schema: { type: 'string' }, description: p.description })),
    ...(op.query ? queryParameters(op.query) : [])];
  const responses: Json = { 200: op.ok };
  if (op.query) responses[400] = errorResponse('a bad query parameter (error.code bad_parameter, error.parameter names it)');
  for (const [status, description] of Object.entries(op.errors ?? {})) responses[status] = errorResponse(description);
  return {
    summary: op.summary, ...(parameters.length ? { parameters } : {}), ...(op.body ? { requestBody: op.body } : {}), responses,
    ...(op.security ? { security: [{ bearer: [] }] } : {}),
  };
}

let built: Json | null = null;

export function openApiDocument(): Json {
  if (built) return built;
  const paths: Record<string, Record<string, Json>> = {
    '/api/health': { get: operation({ summary: 'Liveness, version and store counts', ok: json('the server is up', HealthSchema) }) },
    '/api/openapi.json': { get: operation({ summary: 'This document', ok: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } }) },
    '/api/documents': { get: operation({ summary: 'Stored documents in ingest order', query: DocumentsQuery, ok: json('a page of documents', pageOf(StoredDocumentSchema)) }) },
    '/api/documents/{id}': { get: operation({ summary: 'One stored casus/1 document: text and every annotation layer', path: [{ name: 'id', description: 'the document id (content hash)' }],
      ok: json('the document', DocumentSchema), errors: { 404: 'no such document' } }) },
    '/api/analyze': { post: operation({
      summary: 'Analyse a text or HTML page (not stored unless store=1, which needs the token)', query: AnalyzeQuery,
      body: { required: true, content: {
        'text/plain': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: schema(AnalyzeJsonBody, 'input') },
      } },
      ok: { description: 'the casus/1 document; with store=1, {document, stored}', content: { 'application/json': { schema: { oneOf: [schema(DocumentSchema), schema(z.object({ document: DocumentSchema, stored: PutResultSchema }))] } } } },
      errors: { 401: 'store=1 without a token', 403: 'a wrong token, or writing disabled', 413: 'the body is over the limit', 415: 'not text/plain, text/html or application/json', 422: 'the analysis failed' },
    }) },
    '/api/ingest': { post: operation({
      summary: 'Analyse and store texts and pages fetched from URLs (only when the server has a token)', security: true,
      body: { required: true, content: { 'application/json': { schema: schema(IngestBody, 'input') } } },
      ok: json('what was stored', IngestResultSchema),
      errors: { 400: 'a bad body', 401: 'no token', 403: 'a wrong token', 404: 'writing is disabled (no token set at start)', 413: 'the body is over the limit', 415: 'not application/json' },
    }) },
    '/api/events': { get: operation({ summary: 'Event clusters (one real-world event each, copies counted once), by start date', query: EventsQuery, ok: json('a page of event clusters', pageOf(EventClusterSchema)) }) },
    '/api/actors': { get: operation({ summary: 'Actors and entities, most documents first', query: ActorsQuery, ok: json('a page of actors', pageOf(ActorRowSchema)) }) },
    '/api/actors/{code}': { get: operation({ summary: "An actor, its events (either side, newest first) and its entities' quotes", query: ActorQuery,
      path: [{ name: 'code', description: 'a stored CAMEO actor code' }], ok: json('the actor', ActorDetailSchema), errors: { 404: 'no actor with this code' } }) },
    '/api/quotes': { get: operation({ summary: 'Quotes, by speaker or words', query: QuotesQuery, ok: json('a page of quotes', pageOf(QuoteRowSchema)) }) },
    '/api/dyad': { get: operation({ summary: 'Events, Goldstein sum and mean per period for a dyad', query: DyadQuery, ok: json('the series', DyadSchema) }) },
    '/api/timeline': { get: operation({ summary: 'Dated event clusters by day', query: TimelineQuery, ok: json('days with their clusters', TimelineSchema) }) },
    '/api/network': { get: operation({ summary: 'Actors as nodes, directed dyads as edges with counts per quad class', query: NetworkQuery, ok: json('the network', NetworkSchema) }) },
    '/api/map': { get: operation({ summary: 'Located event clusters as GeoJSON', query: MapQuery, ok: { description: 'a FeatureCollection', content: { 'application/geo+json': { schema: schema(GeoJsonSchema) }, 'application/json': { schema: schema(GeoJsonSchema) } } } }) },
    '/api/search': { get: operation({ summary: 'Full-text search over bodies and quotes', query: SearchQuery, ok: json('a page of hits', pageOf(SearchHitSchema)) }) },
  };
  built = {
    openapi: '3.1.0',
    info: { title: 'Casus API', version: VERSION, description: 'News turned into event data: documents, events, actors, quotes. See docs/api.md.' },
    servers: [{ url: '/' }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the token given to casus serve (--token or CASUS_TOKEN)' } } },
  };
  return built;
}
