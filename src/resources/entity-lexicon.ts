/**
 * Loader for data/entity-lexicon.json: honorifics, role titles with sectors, organisation head
 * words, regions, event words, metonymy cues and name variants; zod-validated, loaded once.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './data-path.js';

const Sector = z.string().regex(/^[A-Z]{3}$/);
const Words = z.array(z.string().min(1));

const EntityLexiconSchema = z.object({
  about: z.string(),
  source: z.string(),
  licence: z.string(),
  format: z.string(),
  honorifics: Words,
  titles: z.record(z.string(), Sector),
  orgHeads: Words,
  sectorWords: z.record(z.string(), Sector),
  regions: Words,
  eventWords: Words,
  actingVerbs: Words,
  actingPrepositionCues: Words,
  actingObjectVerbs: Words,
  actingWithNouns: Words,
  placeNouns: Words,
  peoples: Words,
  lawWords: Words,
  regionCountries: z.record(z.string(), z.string().regex(/^[A-Z]{3}$/)),
  variants: z.record(z.string(), z.string()),
});
export type EntityLexiconData = z.infer<typeof EntityLexiconSchema>;

/** The lexicon with its lists as sets, ready for lookups. */
export interface EntityLexicon {
  honorifics: Set<string>;
  titles: Map<string, string>;
  /** Longest title in tokens, for matching multi-word titles. */
  maxTitleWords: number;
  orgHeads: Set<string>;
  sectorWords: Map<string, string>;
  regions: Set<string>;
  eventWords: Set<string>;
  actingVerbs: Set<string>;
  actingPrepositionCues: Set<string>;
  actingObjectVerbs: Set<string>;
  actingWithNouns: Set<string>;
  placeNouns: Set<string>;
  peoples: Set<string>;
  lawWords: Set<string>;
  regionCountries: Map<string, string>;
  variants: Map<string, string>;
  /** Standard spelling → its variants (for looking up a place under its local name). */
  variantsOf: Map<string, string[]>;
}

export function parseEntityLexicon(json: string, where: string): EntityLexicon {
  const parsed = EntityLexiconSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const d = parsed.data;
  const lower = (l: string[]) => new Set(l.map((w) => w.toLowerCase()));
  const lex: EntityLexicon = {
    honorifics: lower(d.honorifics),
    titles: new Map(Object.entries(d.titles).map(([k, v]) => [k.toLowerCase(), v])),
    maxTitleWords: Math.max(...Object.keys(d.titles).map((k) => k.split(' ').length)),
    orgHeads: lower(d.orgHeads),
    sectorWords: new Map(Object.entries(d.sectorWords).map(([k, v]) => [k.toLowerCase(), v])),
    regions: lower(d.regions),
    eventWords: lower(d.eventWords),
    actingVerbs: lower(d.actingVerbs),
    actingPrepositionCues: lower(d.actingPrepositionCues),
    actingObjectVerbs: lower(d.actingObjectVerbs),
    actingWithNouns: lower(d.actingWithNouns),
    placeNouns: lower(d.placeNouns),
    peoples: lower(d.peoples),
    lawWords: lower(d.lawWords),
    regionCountries: new Map(Object.entries(d.regionCountries).map(([k, v]) => [k.toLowerCase(), v])),
    variants: new Map(Object.entries(d.variants).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()])),
    variantsOf: new Map(),
  };
  for (const [k, v] of lex.variants) lex.variantsOf.set(v, [...(lex.variantsOf.get(v) ?? []), k]);
  return lex;
}

let lexicon: EntityLexicon | undefined;

/** The bundled lexicon, loaded on first use. */
export function defaultEntityLexicon(): EntityLexicon {
  if (!lexicon) {
    const path = dataPath('entity-lexicon.json');
    lexicon = parseEntityLexicon(readFileSync(path, 'utf8'), path);
  }
  return lexicon;
}
