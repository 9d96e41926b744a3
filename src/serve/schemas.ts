/**
 * The HTTP API's zod schemas: query parameters (validated on every request) and response bodies
 * (checked in tests); the OpenAPI document is generated from these same objects by z.toJSONSchema.
 */
import { z } from 'zod';

const isDay = (s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isDay, 'not a calendar date').describe('a date, YYYY-MM-DD (inclusive)');
export const ActorCodeSchema = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'expected a CAMEO actor code (letters and digits)')
  .describe('CAMEO actor code prefix: RUS matches RUS, RUSGOV…');
export const RootSchema = z.string().regex(/^(0[1-9]|1\d|20)$/, 'expected a two-digit CAMEO root code, 01 to 20').describe('CAMEO root code, 01–20');
export const QuadSchema = z.coerce.number().int().min(1).max(4).describe('quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict');
const flag = z.enum(['0', '1']);

/** `limit` with a default and a ceiling, as a number. */
export function limitSchema(dflt: number, max: number) {
  return z.coerce.number().int().min(1).max(max).default(dflt).describe(`at most this many items (1–${max}, default ${dflt})`);
}
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0).describe('items to skip (default 0)');
const page = { limit: limitSchema(50, 500), offset };
const dates = { from: DaySchema.optional(), to: DaySchema.optional() };

export const DocumentsQuery = z.object({ ...page, duplicates: flag.optional().describe('1: only near-duplicates; 0: only originals; absent: all') });
export const EventsQuery = z.object({
  ...page, ...dates,
  actor: ActorCodeSchema.optional(),
  target: ActorCodeSchema.optional(),
  either: flag.optional().describe('1: match actor as source or target'),
  root: RootSchema.optional(),
  quad: QuadSchema.optional(),
  code: z.string().regex(/^\d{2,4}$/, 'expected a CAMEO event code prefix (2–4 digits)').optional(),
});
export const ActorsQuery = z.object({ ...page, type: z.enum(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'EVENT', 'OTHER']).optional() });
export const ActorQuery = z.object({ limit: limitSchema(50, 500) });
const words = z.string().min(1).max(200);
export const QuotesQuery = z.object({ ...page, ...dates, speaker: words.optional().describe("words of the speaker's name"), q: words.optional().describe('words of the quote') });
export const DyadQuery = z.object({
  ...dates,
  a: ActorCodeSchema, b: ActorCodeSchema,
  by: z.enum(['day', 'week', 'month', 'year']).default('week'),
  direction: z.enum(['both', 'ab']).default('both').describe('both: a→b and b→a; ab: a→b only'),
});
export const TimelineQuery = z.object({ ...dates, actor: ActorCodeSchema.optional(), root: RootSchema.optional(), limit: limitSchema(500, 2000) });
export const NetworkQuery = z.object({ ...dates, root: RootSchema.optional(), minEvents: z.coerce.number().int().min(1).max(1_000_000).default(1), limit: limitSchema(200, 2000) });
export const MapQuery = z.object({ ...dates, actor: ActorCodeSchema.optional(), root: RootSchema.optional(), limit: limitSchema(1000, 5000) });
export const SearchQuery = z.object({ ...page, q: words.describe('a phrase (no query syntax)') });
export const AnalyzeQuery = z.object({ store: flag.optional().describe('1: also store the document (needs the token)') });

export const AnalyzeJsonBody = z.object({
  text: z.string().optional(), html: z.string().optional(), url: z.url().optional(), published: DaySchema.optional(),
}).refine((b) => (b.text !== undefined) !== (b.html !== undefined), { message: 'give exactly one of text or html' });
export const IngestBody = z.object({
  texts: z.array(z.string().min(1)).max(1000).optional(),
  urls: z.array(z.url({ protocol: /^https?$/ })).max(1000).optional(),
  published: DaySchema.optional(),
}).refine((b) => (b.texts?.length ?? 0) + (b.urls?.length ?? 0) > 0, { message: 'give texts or urls' });

// Responses.
const nul = <T extends z.ZodType>(t: T) => t.nullable();
export const StoreStatsSchema = z.object({ documents: z.number(), originals: z.number(), duplicates: z.number(), events: z.number(), clusters: z.number(), quotes: z.number(), failures: z.number() });
export const HealthSchema = z.object({ ok: z.literal(true), version: z.string(), write: z.boolean(), stats: StoreStatsSchema });
export const StoredDocumentSchema = z.object({ id: z.string(), uri: nul(z.string()), title: nul(z.string()), published: nul(z.string()), duplicateOf: nul(z.string()), similarity: nul(z.number()) });
const PlaceOfCluster = z.object({ name: z.string(), country: nul(z.string()), lat: z.number(), lon: z.number(), geonameId: nul(z.number()) });
export const EventReportSchema = z.object({
  docId: z.string(), uri: nul(z.string()), title: nul(z.string()), published: nul(z.string()), eventId: z.string(), evidence: z.string(), duplicateOf: nul(z.string()),
  sentence: z.number().int(), trigger: z.object({ start: z.number().int(), end: z.number().int() }), why: z.string(), modality: z.string(), confidence: z.number(),
  date: nul(z.object({ value: z.string(), time: nul(z.string()) }).loose()), place: nul(z.string()),
});
export const EventClusterSchema = z.object({
  id: z.number().int(), code: z.string(), label: z.string(), root: z.string(), quadClass: z.number().int(),
  sourceCode: z.string(), sourceName: nul(z.string()), targetCode: z.string(), targetName: nul(z.string()),
  dateStart: nul(z.string()), dateEnd: nul(z.string()), goldstein: z.number(), mentions: z.number().int(), reports: z.number().int(),
  evidence: z.string(), place: nul(PlaceOfCluster), sources: z.array(EventReportSchema),
});
export const ActorRowSchema = z.object({ code: nul(z.string()), name: z.string(), type: z.string(), documents: z.number(), mentions: z.number(), asSource: z.number(), asTarget: z.number() });
export const QuoteRowSchema = z.object({ docId: z.string(), uri: nul(z.string()), published: nul(z.string()), kind: z.string(), speaker: nul(z.string()), text: z.string(), start: z.number(), end: z.number(), channel: nul(z.string()) });
export const SeriesRowSchema = z.object({ period: z.string(), events: z.number(), goldsteinSum: z.number(), goldsteinMean: z.number() });
export const SearchHitSchema = z.object({ docId: z.string(), uri: nul(z.string()), title: nul(z.string()), published: nul(z.string()), where: z.enum(['body', 'quote']), snippet: z.string() });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
export const ActorDetailSchema = z.object({ actor: ActorRowSchema, events: z.array(EventClusterSchema), quotes: z.array(QuoteRowSchema) });
export const DyadSchema = z.object({ a: z.string(), b: z.string(), by: z.string(), direction: z.string(), items: z.array(SeriesRowSchema) });
export const TimelineSchema = z.object({
  items: z.array(z.object({ date: z.string(), events: z.number().int(), goldsteinSum: z.number(), clusters: z.array(EventClusterSchema) })),
  truncated: z.boolean(),
});
const quadCounts = z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int() });
export const NetworkSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), name: nul(z.string()), events: z.number().int() })),
  edges: z.array(z.object({ source: z.string(), target: z.string(), events: z.number().int(), goldsteinSum: z.number(), quad: quadCounts, dominantQuad: z.number().int() })),
});
export const GeoJsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.boolean(),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }), properties: z.record(z.string(), z.unknown()) })),
});
export const PutResultSchema = z.object({ status: z.enum(['stored', 'exists']), duplicateOf: nul(z.string()), relinked: z.number(), events: z.number(), newClusters: z.number() });
export const IngestResultSchema = z.object({
  stored: z.number(), duplicates: z.number(), skipped: z.number(), failed: z.number(), events: z.number(),
  failures: z.array(z.object({ uri: z.string(), code: z.string(), message: z.string() }).loose()),
});
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), parameter: z.string().optional() }) });
