/**
 * The places stage: every toponym (GPE/LOC entities, demonyms, and place names the tagger missed)
 * resolved to a gazetteer entry with coordinates, or left out when the evidence is weak.
 */
import type { Place } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import type { Stage, WorkingDocument } from '../../pipeline/stage.js';
import { countryAlpha3, defaultGazetteer, defaultSupplement, kindOf } from '../../resources/gazetteer.js';
import type { Gazetteer } from '../../resources/gazetteer.js';
import { finderWords, fromEntities, mergeCandidates, scanText } from './find-candidates.js';
import type { Candidate, FinderWords } from './find-candidates.js';
import { isMetonymic, metonymyWords } from './metonymy.js';
import type { MetonymyWords } from './metonymy.js';
import { resolvePlaces } from './resolve-places.js';

export { distanceKm } from './resolve-places.js';

/** Regions outside the body whose place names are real statements about the story. */
const PLACE_REGIONS = new Set(['title', 'caption', 'dateline', 'heading']);

interface Resources { g: Gazetteer; finder: FinderWords; metonymy: MetonymyWords }
let resources: Resources | undefined;
function defaultResources(): Resources {
  if (!resources) {
    // The gazetteer first: from its start-up cache it brings the supplement already validated.
    const g = defaultGazetteer();
    const supp = defaultSupplement();
    resources = { g, finder: finderWords(supp), metonymy: metonymyWords(supp) };
  }
  return resources;
}

/** The stretches of text searched for place names: body sentences, title, captions, datelines. */
export function placeStretches(doc: Pick<WorkingDocument, 'text' | 'sentences' | 'regions' | 'title'>): Span[] {
  const out: Span[] = [...doc.sentences];
  for (const r of doc.regions) if (PLACE_REGIONS.has(r.kind)) out.push({ start: r.start, end: r.end });
  if (doc.title && !out.some((s) => s.start <= doc.title!.start && doc.title!.end <= s.end)) out.push(doc.title);
  if (out.length === 0 && doc.text.trim()) out.push({ start: 0, end: doc.text.length });
  out.sort((a, b) => a.start - b.start);
  // Overlapping stretches would find a name twice.
  const merged: Span[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** Places of a document, from given candidate spans (the evaluation's "given gold names" mode) or found ones. */
export function findPlaces(doc: Pick<WorkingDocument, 'text' | 'sentences' | 'regions' | 'title' | 'entities'>, res: Resources = defaultResources(), given?: Candidate[]): Place[] {
  const { g } = res;
  const candidates = given ?? mergeCandidates(
    fromEntities(g, res.finder, doc.text, doc.entities),
    scanText(g, res.finder, doc.text, placeStretches(doc)),
    doc.entities, res.finder, doc.text,
  );
  const resolved = resolvePlaces(g, candidates);
  const byEntry = new Map<number, { mentions: Candidate[] }>();
  for (const r of resolved) {
    if (r.entry < 0) continue;
    const p = byEntry.get(r.entry);
    if (p) p.mentions.push(...r.mentions); else byEntry.set(r.entry, { mentions: [...r.mentions] });
  }
  const places: Place[] = [];
  for (const [e, { mentions }] of byEntry) {
    mentions.sort((a, b) => a.start - b.start);
    const kind = kindOf(g, e);
    // Only countries and capitals stand for governments.
    const canActor = kind === 'country' || g.capital[e] === 1;
    const spans = mentions.map((m) => {
      const metonymic = canActor && !m.demonym && isMetonymic(doc.text, m, res.metonymy);
      return metonymic ? { start: m.start, end: m.end, metonymic: true } : { start: m.start, end: m.end };
    });
    const cc = g.country[e]!;
    places.push({
      entity: mentions.find((m) => m.entity)?.entity ?? null,
      name: g.name[e]!,
      country: cc >= 0 ? toAlpha3(g.countries[cc]!) : null,
      lat: Math.round(g.lat[e]! * 1e4) / 1e4,
      lon: Math.round(g.lon[e]! * 1e4) / 1e4,
      geonameId: g.geonameId[e]! > 0 ? g.geonameId[e]! : null,
      mentions: spans,
      ...(spans.some((s) => 'metonymic' in s) ? { metonymic: true } : {}),
      kind,
    });
  }
  places.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
  places.forEach((p, i) => { p.id = `L${i + 1}`; });
  return places;
}

export const places: Stage = {
  name: 'places',
  requires: ['sentences', 'regions', 'entities'],
  produces: ['places'],
  run(doc, ctx) {
    const found = findPlaces(doc);
    ctx.trace(() => `places: ${found.map((p) => `${p.name} (${p.country ?? '-'})`).join(', ')}`);
    return { places: found };
  },
};

/** The contract's ISO 3166-1 alpha-3 code for the gazetteer's alpha-2 one (world-countries). */
function toAlpha3(cc2: string): string {
  return countryAlpha3().get(cc2) ?? cc2;
}
