/**
 * buildPipeline checks that every stage's required layers are produced earlier, before any
 * document is processed, then runs the stages in order, merging each one's layers.
 */
import { CasusError } from '../core/errors.js';
import type { Document } from '../core/document.js';
import type { LayerName, Stage, StageContext, WorkingDocument } from './stage.js';
import { silentContext } from './stage.js';

/** Layers a raw document has before any stage runs. */
const GIVEN: readonly LayerName[] = [];

/** Called around each stage (by index into `stages`), e.g. by the benchmark to time stages. */
export interface StageProbe {
  before(stage: number): void;
  after(stage: number): void;
}

/** One document of a batch: analysed, or the error that stopped it (the others go on). */
export type BatchResult = { ok: true; doc: WorkingDocument } | { ok: false; error: unknown };

export interface Pipeline {
  readonly stages: readonly Stage[];
  run(doc: WorkingDocument, ctx?: StageContext, probe?: StageProbe): WorkingDocument;
  /**
   * The same documents as `run` gives one by one, each stage run over the whole batch before the
   * next: a stage's code and tables (the tagger's and parser's weights, wink's lexicon, the
   * gazetteer) stay in the CPU caches from one document to the next instead of being evicted by
   * the eight other stages in between. A document whose stage throws leaves the batch with its error.
   */
  runBatch(docs: readonly WorkingDocument[], ctx?: StageContext, probe?: StageProbe): BatchResult[];
}

/** A stage's layers merged into the document: issues accumulate across stages, every other layer is written once. */
function merge(current: WorkingDocument, out: Partial<WorkingDocument>): WorkingDocument {
  const issues = out.issues ? [...current.issues, ...out.issues] : current.issues;
  return { ...current, ...out, issues };
}

export function buildPipeline(stages: readonly Stage[]): Pipeline {
  const producedBy = new Map<LayerName, string>(GIVEN.map((l) => [l, 'input']));
  for (const stage of stages) {
    for (const layer of stage.requires) {
      if (!producedBy.has(layer)) throw new CasusError('E_PIPELINE_MISSING_LAYER', { stage: stage.name, layer });
    }
    for (const layer of stage.produces) {
      const first = producedBy.get(layer);
      if (first) throw new CasusError('E_PIPELINE_DUPLICATE_LAYER', { layer, first, second: stage.name });
      producedBy.set(layer, stage.name);
    }
  }
  return {
    stages,
    run(doc, ctx = silentContext, probe) {
      let current = doc;
      for (let i = 0; i < stages.length; i++) {
        probe?.before(i);
        const out = stages[i]!.run(current, ctx);
        probe?.after(i);
        current = merge(current, out);
      }
      return current;
    },
    runBatch(docs, ctx = silentContext, probe) {
      const current: (WorkingDocument | null)[] = [...docs];
      const errors: unknown[] = new Array<unknown>(docs.length);
      for (let i = 0; i < stages.length; i++) {
        const stage = stages[i]!;
        for (let k = 0; k < current.length; k++) {
          const doc = current[k];
          if (!doc) continue;
          probe?.before(i);
          try {
            current[k] = merge(doc, stage.run(doc, ctx));
          } catch (error) {
            current[k] = null;
            errors[k] = error;
          } finally {
            probe?.after(i);
          }
        }
      }
      return current.map((doc, k): BatchResult => (doc ? { ok: true, doc } : { ok: false, error: errors[k] }));
    },
  };
}

/** The public JSON shape of a working document: internal layers dropped, keys in contract order. */
export function toPublicDocument(doc: WorkingDocument): Document {
  return {
    format: doc.format, id: doc.id, source: doc.source, text: doc.text, language: doc.language,
    title: doc.title, published: doc.published, metadata: doc.metadata, regions: doc.regions,
    body: doc.body, sentences: doc.sentences, entities: doc.entities, times: doc.times,
    quotes: doc.quotes, places: doc.places, events: doc.events, flags: doc.flags, issues: doc.issues,
    ...(doc.syntax ? { syntax: doc.syntax } : {}),
  };
}
