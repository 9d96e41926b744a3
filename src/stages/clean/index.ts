/**
 * The clean stage: labels regions (nothing is deleted), finds the title, and lists the body:
 * the article's own prose in reading order, which later stages read.
 */
import type { Stage } from '../../pipeline/stage.js';
import { defaultBoilerplatePatterns } from '../../resources/boilerplate-patterns.js';
import type { BoilerplatePattern } from '../../resources/boilerplate-patterns.js';
import { classifyRegions } from './classify-regions.js';

export function createCleanStage(patterns: () => readonly BoilerplatePattern[] = defaultBoilerplatePatterns): Stage {
  return {
    name: 'clean',
    requires: [],
    produces: ['regions', 'body', 'title'],
    run(doc) {
      const known = doc.regions; // regions known from the input's markup, if any
      const { regions, title } = classifyRegions({
        text: doc.text,
        knownRegions: known,
        patterns: patterns(),
        ...(doc.metadata?.title ? { givenTitle: doc.metadata.title } : {}),
      });
      const body = regions.filter((r) => r.kind === 'body').map(({ start, end }) => ({ start, end }));
      return { regions, title, body };
    },
  };
}

export const clean: Stage = createCleanStage();
