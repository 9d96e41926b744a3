/**
 * The Stage contract: a stage is a value with a name, the layers it reads and the layers it
 * writes, and a pure `run` (no I/O; resources come through ctx).
 */
import type { Document } from '../core/document.js';
import type { SyntaxGraph } from '../stages/syntax/syntax-graph.js';
import type { TokenTable } from '../stages/tokens/token-table.js';

/** Layers kept while a document flows through the pipeline but not part of the JSON contract. */
export interface InternalLayers {
  /** Tokens as typed-array columns (see stages/tokens). */
  tokens?: TokenTable;
  /** The syntax layer as a dependency graph with a child index (see stages/syntax). */
  parse?: SyntaxGraph;
}

/** A document as stages see it: the public layers plus the internal ones. */
export type WorkingDocument = Document & InternalLayers;
export type LayerName = Exclude<keyof WorkingDocument, 'format' | 'id' | 'source' | 'text' | 'metadata' | 'issues'>;

export interface StageContext {
  /** Lazy debug trace: the closure only runs when tracing is on. */
  trace(message: () => string): void;
}

export interface Stage {
  readonly name: string;
  readonly requires: readonly LayerName[];
  readonly produces: readonly LayerName[];
  run(doc: Readonly<WorkingDocument>, ctx: StageContext): Partial<WorkingDocument>;
}

export const silentContext: StageContext = { trace() {} };
