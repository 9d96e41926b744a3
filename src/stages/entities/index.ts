/**
 * The entities stage: named entities (PERSON ORG GPE LOC NORP EVENT OTHER) from our own
 * averaged-perceptron tagger plus rules, merged into one entity per real-world thing, each
 * coded as a CAMEO actor against the document's date. Reads sentences and tokens.
 */
import type { Entity } from '../../core/document.js';
import type { Stage, WorkingDocument } from '../../pipeline/stage.js';
import type { ActorDictionary } from '../../resources/actor-dictionary.js';
import { buildEntities } from './build-entities.js';
import { defaultEntityResources, withUserActors } from './entity-resources.js';
import type { EntityResources } from './entity-resources.js';
import { recognize, taggerTokens } from './recognize.js';

export { resolvePronoun, entityAt } from './coreference.js';

export interface EntitiesOptions {
  /** Replaces the bundled resources (tests pass small ones). */
  resources?: () => EntityResources;
  /** User actor dictionaries, layered over the bundled one (see loadActorFile). */
  actors?: readonly ActorDictionary[];
}

/** The document's reference date (YYYY-MM-DD): the caller's, else the one inferred, else none. */
export function referenceDate(doc: Pick<WorkingDocument, 'metadata' | 'published'>): string | null {
  const v = doc.metadata?.published ?? doc.published?.value ?? null;
  const m = v ? /^(\d{4}-\d\d-\d\d)/.exec(v) ?? (/^(\d{4}-\d\d)$/.test(v) ? [v, `${v}-15`] : null) : null;
  return m ? m[1]! : null;
}

/** Entities of one document. */
export function findEntities(doc: Readonly<WorkingDocument>, res: EntityResources): Entity[] {
  if (!doc.tokens || doc.tokens.length === 0) return [];
  const tt = taggerTokens(doc.text, doc.tokens);
  const mentions = recognize(tt, res);
  return buildEntities(doc.text, tt, mentions, referenceDate(doc), res);
}

export function createEntitiesStage(options: EntitiesOptions = {}): Stage {
  let res: EntityResources | undefined;
  const resources = () => {
    if (!res) {
      const base = (options.resources ?? defaultEntityResources)();
      res = options.actors?.length ? withUserActors(base, options.actors) : base;
    }
    return res;
  };
  return {
    name: 'entities',
    requires: ['sentences', 'tokens'],
    produces: ['entities'],
    run(doc) {
      return { entities: findEntities(doc, resources()) };
    },
  };
}

export const entities: Stage = createEntitiesStage();
