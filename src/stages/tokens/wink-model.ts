/**
 * The parts of wink-eng-lite-web-model that tokenizing and sentence splitting use, loaded in a
 * fraction of the time: the package's model loads every annotator (NER, sentiment, negation, POS,
 * lemmatizer tables) and copies its 3 MB core JSON three times; the tokens stage runs only 'sbd'.
 * Built, the core comes from a start-up cache with a prebuilt table for its 87,000 words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Model } from 'wink-nlp';
import { COMPILED, readStartupCacheOf, startupCachePath, writeStartupCacheOf } from '../../resources/startup-cache.js';

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

/** FNV-1a over a string's UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
  return h;
}

/** An open-addressing table over the lexeme list: slot → index + 1 (0 = empty), at most half full. */
function lexemeSlots(list: readonly string[]): Int32Array {
  let bits = 1;
  while (1 << bits < 2 * list.length) bits++;
  const slots = new Int32Array(1 << bits);
  const mask = slots.length - 1;
  for (let k = 0; k < list.length; k++) {
    let at = hashString(list[k]!) & mask;
    // A repeated word keeps its last index, as wink's hash[list[k]] = k does.
    while (slots[at] !== 0 && list[slots[at]! - 1] !== list[k]) at = (at + 1) & mask;
    slots[at] = k + 1;
  }
  return slots;
}

/** The model's own words in the prebuilt table: no 87,000-key object to build at start-up. */
function slotLookup(list: readonly string[], slots: Int32Array): (key: string) => number | undefined {
  const mask = slots.length - 1;
  return (key) => {
    for (let at = hashString(key) & mask; slots[at] !== 0; at = (at + 1) & mask) if (list[slots[at]! - 1] === key) return slots[at]! - 1;
    return undefined;
  };
}

/** The lexeme hash wink reads and writes, and `forget`: the new words it met are dropped. */
export interface DocumentLexemes { hash: Record<string, number>; forget(): void }

/** How many strings looked up in vain are remembered (as `undefined`) before they are dropped. */
const MAX_MISSES = 50_000;

/**
 * The lexeme hash wink reads (`hash[word]`) and writes (`hash[word] = index` for a new word, right
 * after reading it in vain): the model's words from `own`, new words appended by wink to `list`.
 * wink tokenizes a word it has met before whole, without its usual splits ("Smyth’s," once read
 * whole, "Smyth’s dog" is no longer "Smyth" + "’s"), so forgetting between documents makes a
 * document's tokens the same whatever was read before it. wink re-adds a forgotten word under a
 * new index (its list only grows, as its features table does), so what it stored for the old
 * index stays right.
 * Every string wink asks for becomes an own property of a plain object, which V8 reads without a
 * trap: only a string's first lookup reaches the object's prototype, a Proxy that asks `own` and
 * copies the answer onto the object, a miss as `undefined` (which wink reads as absent, and whose
 * property its write of a new word then fills directly). `forget` sets the document's new words
 * back to `undefined`, and drops the misses once there are many (strings such as "said," that
 * wink looks up before splitting them).
 */
export function documentLexemes(own: (key: string) => number | undefined, list: readonly string[], maxMisses = MAX_MISSES): DocumentLexemes {
  let misses: string[] = [];
  const words = new Proxy(Object.create(null) as Record<string, number>, {
    get: (_target, key, receiver: object) => {
      if (typeof key !== 'string') return undefined;
      const index = own(key);
      if (index === undefined) misses.push(key);
      Object.defineProperty(receiver, key, { value: index, writable: true, enumerable: true, configurable: true });
      return index;
    },
  });
  const hash = Object.create(words) as Record<string, number | undefined>;
  let seen = list.length;
  return {
    hash: hash as Record<string, number>,
    forget: () => {
      // Words of letters only: wink reads such a word whole whether it has met it or not, so these
      // are kept from one document to the next (not re-added: most new words are names).
      for (let k = seen; k < list.length; k++) if (!LETTERS.test(list[k]!)) hash[list[k]!] = undefined;
      seen = list.length;
      if (misses.length > maxMisses) {
        for (const key of misses) if (hash[key] === undefined) delete hash[key];
        misses = [];
      }
    },
  };
}

const LETTERS = /^[A-Za-z]+$/;

/** Where `npm run build` writes the core model's start-up cache (dist/resources/wink-core.cache). */
export const WINK_CACHE = startupCachePath('wink-core');

/** The package's version (its files never change within one) and this module's code. */
function winkInputs(): (string | URL)[] {
  return [require.resolve('wink-eng-lite-web-model/package.json'), new URL(import.meta.url)];
}

/** Writes the core model without its lexeme hash, plus the lexeme table; returns the file's size. */
export function writeWinkCache(path: string = WINK_CACHE): number {
  const core = loadCoreModel();
  const { hash: _hash, ...lexeme } = core.features.lexeme;
  return writeStartupCacheOf(path, winkInputs(), { core: { ...core, features: { ...core.features, lexeme } }, slots: lexemeSlots(core.features.lexeme.list) });
}

/** The core model from a cache file (without its lexeme hash) and its words' lookup, or null. */
function coreFromCache(path: string): { core: CoreModel; own: (key: string) => number | undefined } | null {
  const cached = readStartupCacheOf<{ core: CoreModel; slots: Int32Array }>(path, winkInputs);
  if (!cached) return null;
  const { core, slots } = cached;
  // Deserialized objects get Object.prototype; wink builds its feature hashes without one.
  for (const f in core.packing.layout) if (core.packing.layout[f]![3] === 0) Object.setPrototypeOf(core.features[f]!.hash!, null);
  return { core, own: slotLookup(core.features.lexeme.list, slots) };
}

/** The core model from a cache file, or null when it is absent, damaged or built from other inputs. */
export function readWinkCache(path: string = WINK_CACHE): CoreModel | null {
  const cached = coreFromCache(path);
  if (!cached) return null;
  cached.core.features.lexeme.hash = documentLexemes(cached.own, cached.core.features.lexeme.list).hash;
  return cached.core;
}

/**
 * The raw data of a document wink has read (its readDoc's `rdd`): per token four numbers (lexeme
 * index, preceding spaces in the low 16 bits with 0xFFFF meaning non-breaking spaces kept in
 * `nonBreakingSpaces`, ...), and sentences as [first token, last token, ...].
 */
export interface WinkDocumentData {
  tokens: number[];
  numOfTokens: number;
  sentences: number[][];
  nonBreakingSpaces: Record<number, string>;
}

/** An automaton that recognises nothing, in wink's JSON form (automaton.js emptyModelJSON). */
const EMPTY_MACHINE = JSON.stringify([100, 0, { 0: {} }, {}, {}, {}]);

/**
 * A model for winkNLP(model, ['sbd']): the real core, token features and sentence splitter; the
 * annotators that pipe never runs (NER, negation, sentiment, POS, custom entities) as empty
 * machines, so they cost nothing to load; no addons (stemmer, lemmatizer, readability).
 * `onCore` sees the core model wink loads (its lexeme list grows with every new word wink meets)
 * and its lexeme hash, which can make wink forget the new words (see documentLexemes); the core comes
 * from the start-up cache `cache` when it is current. `onDocument` sees the raw data of every
 * document wink reads, once its sentences are split (what `its.value`, `its.precedingSpaces` and
 * `its.span` read, without an API object and a string per token).
 */
export function sentenceModel(
  onCore?: (core: CoreModel, lexemes: DocumentLexemes) => void,
  cache: string | null = COMPILED ? WINK_CACHE : null,
  onDocument?: (data: WinkDocumentData) => void,
): Model {
  const model = Object.create(null) as Record<string, unknown>;
  model.core = () => {
    let loaded = cache ? coreFromCache(cache) : null;
    if (!loaded) {
      const core = loadCoreModel();
      const hash = core.features.lexeme.hash!;
      loaded = { core, own: (key) => hash[key] };
    }
    const { core } = loaded;
    const lexemes = documentLexemes(loaded.own, core.features.lexeme.list);
    core.features.lexeme.hash = lexemes.hash;
    onCore?.(core, lexemes);
    return core;
  };
  const loadSbd = require(winkModelFile('load-sbd-model.js')) as () => { setter(px: unknown, data: WinkDocumentData): void };
  model.sbd = () => {
    const sbd = loadSbd();
    if (!onDocument) return sbd;
    // The splitter's setter is the last step of readDoc that an 'sbd' pipe runs.
    return { ...sbd, setter: (px: unknown, data: WinkDocumentData) => { sbd.setter(px, data); onDocument(data); } };
  };
  model.featureFn = require(winkModelFile('feature.js')) as unknown;
  model.ner = () => ({ machines: [], transformers: [] });
  model.negation = () => ({ machines: [EMPTY_MACHINE], setter: () => undefined });
  model.sa = () => ({ machines: [EMPTY_MACHINE], setter: () => undefined });
  model.pos = () => ({ machines: [], transformers: [], setter: () => undefined, updater: () => undefined });
  model.metaCER = () => ({ machines: EMPTY_MACHINE, transformers: [undefined] });
  model.addons = Object.create(null) as unknown;
  return model as unknown as Model;
}
