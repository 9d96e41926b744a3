/**
 * The events stage: who did what to whom, when and where, coded in CAMEO with modality and
 * evidence. Reads sentences, tokens, entities and times (quotes and places when present).
 */
import type { Stage } from '../../pipeline/stage.js';
import type { AgentDictionary } from '../../resources/actor-agents.js';
import { defaultAgentDictionary, mergeAgentDictionaries } from '../../resources/actor-agents.js';
import type { CameoCodebook } from '../../resources/cameo-codebook.js';
import { defaultCodebook } from '../../resources/cameo-codebook.js';
import type { EventPatternSet } from '../../resources/event-patterns.js';
import { defaultEventPatterns, mergePatternSets } from '../../resources/event-patterns.js';
import { referenceDate } from '../entities/index.js';
import { codeEvents } from './code-events.js';
import type { CoderResources } from './code-events.js';
import { buildPatternIndex } from './match-patterns.js';

export { codeEvents } from './code-events.js';
export type { DroppedTrigger } from './code-events.js';

export interface EventsOptions {
  /** User pattern sets (loadEventPatternFile, parsePetrarchVerbs), tried before the bundled ones. */
  patterns?: readonly EventPatternSet[];
  /** Use only the given patterns, not the bundled ones (the PETRARCH evaluation does this). */
  replaceBundled?: boolean;
  codebook?: () => CameoCodebook;
  /** User agent dictionaries (parsePetrarchAgents, or files like data/actor-agents.json), added to the bundled one. */
  agents?: readonly AgentDictionary[];
  /** Code agents named without a country ("police" → COP). Default true. */
  standaloneAgents?: boolean;
  /** Told of every trigger that produced no event, and why (error analysis in eval/events.ts). */
  onDrop?: CoderResources['onDrop'];
}

export function createEventsStage(options: EventsOptions = {}): Stage {
  let res: CoderResources | undefined;
  const resources = (): CoderResources => {
    if (!res) {
      const sets = [...(options.patterns ?? []), ...(options.replaceBundled ? [] : [defaultEventPatterns()])];
      res = {
        codebook: (options.codebook ?? defaultCodebook)(),
        index: buildPatternIndex(mergePatternSets(sets).patterns),
        agents: mergeAgentDictionaries([...(options.agents ?? []), defaultAgentDictionary()]),
        standaloneAgents: options.standaloneAgents ?? true,
        onDrop: options.onDrop,
      };
    }
    return res;
  };
  return {
    name: 'events',
    requires: ['sentences', 'tokens', 'entities', 'times'],
    produces: ['events'],
    run(doc) {
      return { events: codeEvents(doc, resources(), referenceDate(doc)) };
    },
  };
}

export const events: Stage = createEventsStage();
