/** Casus public API: re-exports only. */
export { analyze, analyzeWorking } from './analyze.js';
export type { AnalyzeOptions } from './analyze.js';
export * from './core/document.js';
export * from './core/span.js';
export { CasusError, ErrorCodes } from './core/errors.js';
export type { ErrorCode } from './core/errors.js';
export { buildPipeline, toPublicDocument } from './pipeline/build-pipeline.js';
export type { Pipeline } from './pipeline/build-pipeline.js';
export { defaultPipeline, DEFAULT_STAGES } from './pipeline/default-pipeline.js';
export type { Stage, StageContext, WorkingDocument } from './pipeline/stage.js';
export { readInputs, readBytes } from './ingest/read-inputs.js';
export type { RawDocument, ReadResult, InputFailure } from './ingest/raw-document.js';
export { createEntitiesStage, resolvePronoun, entityAt } from './stages/entities/index.js';
export type { EntitiesOptions } from './stages/entities/index.js';
export { loadActorFile, parsePetrarchActors, parseActorFile } from './resources/actor-dictionary.js';
export type { ActorDictionary, ActorEntry, ActorCode } from './resources/actor-dictionary.js';
