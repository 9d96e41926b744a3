/**
 * The parts of wink-eng-lite-web-model that tokenizing and sentence splitting use, loaded in a
 * third of the time: the package's model loads every annotator (NER, sentiment, negation, POS,
 * lemmatizer tables) and copies its 3 MB core JSON three times; the tokens stage runs only 'sbd'.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Model } from 'wink-nlp';

const require = createRequire(import.meta.url);

/** The package's own file (it has no exports map, so its modules and JSON resolve by path). */
const winkModelFile = (rel: string) => require.resolve(`wink-eng-lite-web-model/dist/${rel}`);

export interface Feature { list: string[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }
export interface CoreModel {
  packing: { layout: Record<string, number[]>; efList?: string[] };
  features: Record<string, Feature> & { lexeme: Feature; posClusters: { list: (string | Set<number>)[] } };
  pos: { hash: Record<string, number> };
  lexicon: string | Uint32Array;
  xpansions: string | Uint32Array;
}

/** Base64 to 32-bit words, in a buffer of their own (aligned, not shared with Node's pool). */
function words(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Uint32Array(bytes.length >>> 2);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  return out;
}

/** A name → index table with no prototype, as wink builds them. */
function hashOf(list: readonly string[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>;
  for (let k = 0; k < list.length; k++) hash[list[k]!] = k;
  return hash;
}

/**
 * The package's read-core-model.js then load-core-model.js, step for step, from one JSON.parse
 * of the file (the package requires it, then copies it through JSON.stringify and JSON.parse) and
 * Buffer's base64 decoder instead of atob and a byte loop. wink-model.test.ts checks the result
 * equals the package's own, field for field.
 */
export function loadCoreModel(): CoreModel {
  const model = JSON.parse(readFileSync(winkModelFile('languages/cur/models/eng-core-web-model.json'), 'utf8')) as CoreModel;
  const { packing, features, pos } = model;
  model.lexicon = words(model.lexicon as string);
  model.xpansions = words(model.xpansions as string);
  for (const f in packing.layout) if (packing.layout[f]![3] === 0) features[f]!.hash = hashOf(features[f]!.list);
  features.lexeme.hash = hashOf(features.lexeme.list);
  const clusters = features.posClusters.list;
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0));
  packing.efList = [];
  for (const f in packing.layout) {
    const layout = packing.layout[f]!;
    if (layout[3] === 0) {
      const feature = features[f]!;
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[1]! >>> layout[2]!;
    }
    if (layout[4] === 1) packing.efList.push(f);
  }
  features.lexeme.intrinsicSize = features.lexeme.list.length;
  features.lexeme.index = features.lexeme.list.length;
  return model;
}

/** An automaton that recognises nothing, in wink's JSON form (automaton.js emptyModelJSON). */
const EMPTY_MACHINE = JSON.stringify([100, 0, { 0: {} }, {}, {}, {}]);

/**
 * A model for winkNLP(model, ['sbd']): the real core, token features and sentence splitter; the
 * annotators that pipe never runs (NER, negation, sentiment, POS, custom entities) as empty
 * machines, so they cost nothing to load; no addons (stemmer, lemmatizer, readability).
 * `onCore` sees the core model wink loads (its lexeme list grows with every new word wink meets).
 */
export function sentenceModel(onCore?: (core: CoreModel) => void): Model {
  const model = Object.create(null) as Record<string, unknown>;
  model.core = () => {
    const core = loadCoreModel();
    onCore?.(core);
    return core;
  };
  model.sbd = require(winkModelFile('load-sbd-model.js')) as () => unknown;
  model.featureFn = require(winkModelFile('feature.js')) as unknown;
  model.ner = () => ({ machines: [], transformers: [] });
  model.negation = () => ({ machines: [EMPTY_MACHINE], setter: () => undefined });
  model.sa = () => ({ machines: [EMPTY_MACHINE], setter: () => undefined });
  model.pos = () => ({ machines: [], transformers: [], setter: () => undefined, updater: () => undefined });
  model.metaCER = () => ({ machines: EMPTY_MACHINE, transformers: [undefined] });
  model.addons = Object.create(null) as unknown;
  return model as unknown as Model;
}
