/**
 * Everything the entities stage reads, loaded once and lazily: the tagger weights, the hashed
 * gazetteer, the curated lexicon and the actor dictionary (plus any user dictionaries).
 */
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

let cached: EntityResources | undefined;

/** The bundled resources (built on first use). */
export function defaultEntityResources(): EntityResources {
  if (!cached) {
    // Read, not cached: only the sparse rows are kept (the 9 MB dense table is dropped per thread).
    const model = readNerModel();
    const gaz = defaultNerGazetteer();
    const lower = (l: string[]) => new Set(l.map((s) => s.toLowerCase()));
    cached = {
      weights: sparsify(model.header.bits, model.weights),
      gazetteer: hashGazetteer(gaz.classes),
      countryOf: new Map(Object.entries(gaz.countryOf)),
      capitals: lower(gaz.classes.capital),
      demonyms: lower(gaz.classes.demonym),
      countries: lower(gaz.classes.country),
      lexicon: defaultEntityLexicon(),
      actors: defaultActorDictionary(),
    };
  }
  return cached;
}

/** The bundled resources with user actor dictionaries layered on top (user entries win). */
export function withUserActors(base: EntityResources, user: readonly ActorDictionary[]): EntityResources {
  return { ...base, actors: mergeActorDictionaries([base.actors, ...user]) };
}
