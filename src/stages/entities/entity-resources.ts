/**
 * Everything the entities stage reads, loaded once and lazily: the tagger weights, the hashed
 * gazetteer, the curated lexicon and the actor dictionary (plus any user dictionaries). The
 * weights and gazetteer come from a start-up cache when `npm run build` wrote a current one.
 */
import { dataPath } from '../../resources/data-path.js';
import { COMPILED, readStartupCacheOf, startupCachePath, writeStartupCacheOf } from '../../resources/startup-cache.js';
import { defaultEntityLexicon } from '../../resources/entity-lexicon.js';
import type { EntityLexicon } from '../../resources/entity-lexicon.js';
import { defaultNerGazetteer } from '../../resources/ner-gazetteer.js';
import { readNerModel } from '../../resources/ner-model.js';
import { defaultActorDictionary, mergeActorDictionaries } from '../../resources/actor-dictionary.js';
import type { ActorDictionary } from '../../resources/actor-dictionary.js';
import { hashGazetteer } from './features.js';
import type { HashedGazetteer } from './features.js';
import { sparsify } from './tagger.js';
import type { Weights } from './tagger.js';

export interface EntityResources {
  weights: Weights;
  gazetteer: HashedGazetteer;
  /** lower-case place name or demonym → ISO alpha-3 */
  countryOf: Map<string, string>;
  capitals: Set<string>;
  demonyms: Set<string>;
  countries: Set<string>;
  lexicon: EntityLexicon;
  actors: ActorDictionary;
}

/** The parts built from the NER model and gazetteer files: slow to build (0.3 s), so cached. */
type BuiltParts = Omit<EntityResources, 'lexicon' | 'actors'>;

function buildParts(): BuiltParts {
  // Read, not cached: only the sparse rows are kept (the 9 MB dense table is dropped per thread).
  const model = readNerModel();
  const gaz = defaultNerGazetteer();
  const lower = (l: string[]) => new Set(l.map((s) => s.toLowerCase()));
  return {
    weights: sparsify(model.header.bits, model.weights),
    gazetteer: hashGazetteer(gaz.classes),
    countryOf: new Map(Object.entries(gaz.countryOf)),
    capitals: lower(gaz.classes.capital),
    demonyms: lower(gaz.classes.demonym),
    countries: lower(gaz.classes.country),
  };
}

/** Where `npm run build` writes the cache (dist/resources/entities.cache). */
export const ENTITIES_CACHE = startupCachePath('entities');

/** The data files and the code that turns them into BuiltParts. */
function partsInputs(): (string | URL)[] {
  const ext = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  const code = ['./entity-resources', './tagger', './features', './hashing', '../../resources/ner-model', '../../resources/ner-gazetteer'];
  return [dataPath('ner-model.bin'), dataPath('ner-gazetteer.json'), ...code.map((c) => new URL(`${c}${ext}`, import.meta.url))];
}

/** Builds the slow parts and writes them with their inputs' digest and stat key; returns the file's size. */
export function writeEntitiesCache(path: string = ENTITIES_CACHE): number {
  return writeStartupCacheOf(path, partsInputs(), buildParts());
}

/** The slow parts from a cache file, or null when it is absent, damaged or built from other inputs. */
export function readEntitiesCache(path: string = ENTITIES_CACHE): BuiltParts | null {
  return readStartupCacheOf<BuiltParts>(path, partsInputs);
}

let cached: EntityResources | undefined;

/** The bundled resources (built on first use, or read from the start-up cache). */
export function defaultEntityResources(): EntityResources {
  if (!cached) {
    const parts = (COMPILED ? readEntitiesCache() : null) ?? buildParts();
    cached = { ...parts, lexicon: defaultEntityLexicon(), actors: defaultActorDictionary() };
  }
  return cached;
}

/** The bundled resources with user actor dictionaries layered on top (user entries win). */
export function withUserActors(base: EntityResources, user: readonly ActorDictionary[]): EntityResources {
  return { ...base, actors: mergeActorDictionaries([base.actors, ...user]) };
}
