/**
 * `npm run train -- syntax`: trains the tagger (UPOS|XPOS), the right-to-left tagger, the arc-eager
 * parser and its labeler on UD English EWT train, picks each parser's epoch on dev, and writes
 * src/resources/data/models/syntax.bin (all four tables; `syntax-backward` retrains the fourth alone).
 * The parser trains on 2-fold jackknifed tags of the left-to-right tagger, with the runner-up tag
 * of each token it was unsure of (what the stage gives the parser after the right-to-left tagger's
 * second opinion); three parsers trained in different orders are averaged into one table.
 * Options: --tagger-epochs=N --backward-epochs=N (0: no right-to-left tagger) --backward-margin=X
 * --parser-epochs=N --folds=N (jackknifed tags for parser training), --fold-tags=shipped (jackknifed
 * tags made as the stage makes them: both taggers and the tag dictionary per fold; less accurate
 * parses on dev), --second-margin=X (runner-up tags of summed margins below X; 0: none),
 * --parser-seeds=K (parsers averaged),
 * --out=PATH (write the model elsewhere), --{tagger,parser,labeler,backward}-threshold=X (pruning),
 * --step=X (weights rounded to multiples of X, 0.5 by default: what gzip then shrinks),
 * --tagdict-min=N --tagdict-share=X (tag dictionary), --dump=DIR / --repack=DIR (re-prune without retraining),
 * --clusters=PATH (word clusters read from PATH, or computed by train/clusters.ts and saved there),
 * --tag-cache=DIR (jackknifed and dev tags and the final taggers kept in DIR and read back next time:
 * parser experiments in minutes, same model), --no-model (stop after the parser's dev scores),
 * --tagger-only (stop after the tagger's), --explore=P (follow the parser's own mistakes with
 * probability P while training, 0.9 by default).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dataSet } from '../eval/shared-data.js';
import { dataPath } from '../src/resources/data-path.js';
import type { GoldSentence } from '../src/stages/syntax/conllu.js';
import { parseConllu } from '../src/stages/syntax/conllu.js';
import { ruleLemma } from '../src/stages/syntax/lemmatizer.js';
import { ArcEager } from '../src/stages/syntax/parser.js';
import type { ParseTraining } from '../src/stages/syntax/parser.js';
import { coarseTags, decodeModel, encodeModel, MODEL_FILE } from '../src/stages/syntax/syntax-model.js';
import type { WordColumns } from '../src/stages/syntax/tagger.js';
import type { KeptScores, Lexicon, Scorer, SecondTags } from '../src/stages/syntax/tagger.js';
import { fillAmbiguity, fillClusters, retagBackward, reversedColumns, tagSentence, wordColumns } from '../src/stages/syntax/tagger.js';
import { IntMap } from '../src/stages/syntax/int-map.js';
import { clustersFor } from './clusters.js';
import { fh, hashExact } from '../src/stages/syntax/hash.js';
import { AveragedWeights, pack } from '../src/stages/syntax/weights.js';
import { SentenceAnnotator } from '../src/stages/syntax/annotate.js';

export const TAGGER_BITS = 20;
export const PARSER_BITS = 23;
export const LABELER_BITS = 20;

export interface Prepared {
  gold: GoldSentence;
  cols: WordColumns;
  tags: Uint8Array;
  goldHead: Int32Array;
  goldRel: Int32Array;
  /** Tags predicted by a tagger that did not see this sentence (jackknifing). */
  predicted: Uint8Array;
  /** The runner-up tags of the tokens the right-to-left tagger rescored (NO_SECOND for the others) and their margins. */
  second: SecondTags;
}

/** A small seeded generator so training runs are repeatable. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function shuffle<T>(a: T[], random: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'with']);
/** Headline casings the web treebank lacks: ALL CAPS and Title Case copies of some sentences. */
export function recase(words: string[], mode: 'upper' | 'title'): string[] {
  if (mode === 'upper') return words.map((w) => w.toUpperCase());
  return words.map((w, i) => (i > 0 && SMALL.has(w.toLowerCase()) ? w : w.charAt(0).toUpperCase() + w.slice(1)));
}

/**
 * Ambiguity classes: for each word seen at least 3 times, the tags that make up 5% or more of its
 * uses, hashed. Built from the sentences the tagger trains on (per fold when jackknifing).
 */
function buildLexicon(sents: Prepared[]): Map<number, number> {
  const counts = new Map<number, Map<number, number>>();
  for (const p of sents) {
    for (let i = 0; i < p.cols.n; i++) {
      const w = p.cols.lower[i]!;
      const m = counts.get(w) ?? new Map<number, number>();
      m.set(p.tags[i]!, (m.get(p.tags[i]!) ?? 0) + 1);
      counts.set(w, m);
    }
  }
  const lexicon = new Map<number, number>();
  for (const [w, m] of counts) {
    let total = 0;
    for (const c of m.values()) total += c;
    if (total < 3) continue;
    const ids = [...m].filter(([, c]) => c >= total * 0.05).map(([t]) => t).sort((a, b) => a - b);
    let h = 0x1234567;
    for (const t of ids) h = fh(300, h, t) >>> 0;
    lexicon.set(w, h || 1);
  }
  return lexicon;
}

export function trainTagger(sents: { cols: WordColumns; tags: Uint8Array }[], nTags: number, epochs: number, random: () => number): AveragedWeights {
  const w = new AveragedWeights(TAGGER_BITS, nTags);
  const order = sents.slice();
  const update = (f: Uint32Array, n: number, g: number, p: number) => {
    w.update(f, n, g, 1);
    w.update(f, n, p, -1);
  };
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    let tokens = 0;
    let wrong = 0;
    for (const s of order) {
      const out = new Uint8Array(s.cols.n);
      // One averaging step per token: tick inside the update closure would skip correct tokens.
      tagSentence(s.cols, w, out, s.tags, update);
      w.c += s.cols.n;
      tokens += s.cols.n;
      for (let i = 0; i < s.cols.n; i++) if (out[i] !== s.tags[i]) wrong++;
    }
    console.log(`  tagger epoch ${e + 1}: train accuracy ${(1 - wrong / tokens).toFixed(4)}`);
  }
  return w;
}

/**
 * Dense averaged weights as a Scorer (for dev checks during training); scale 2 gives the shipped
 * tables' units (multiples of 0.5 stored as integers), the ones the tagger margins are set in.
 */
export function denseScorer(avg: Float32Array, bits: number, nClasses: number, scale = 1) {
  const mask = (1 << bits) - 1;
  return {
    nClasses,
    score(f: Uint32Array, n: number, s: Float64Array) {
      s.fill(0, 0, nClasses);
      for (let i = 0; i < n; i++) {
        const row = (f[i]! & mask) * nClasses;
        for (let j = 0; j < nClasses; j++) s[j]! += avg[row + j]!;
      }
      if (scale !== 1) for (let j = 0; j < nClasses; j++) s[j]! *= scale;
    },
  };
}

/** A tagger training sentence read right to left (the right-to-left tagger's view of it). */
export function reversedSentence(s: { cols: WordColumns; tags: Uint8Array }): { cols: WordColumns; tags: Uint8Array } {
  return { cols: reversedColumns(s.cols), tags: s.tags.slice().reverse() };
}

/** The margin (stored units) below which the right-to-left tagger is asked, unless --backward-margin says otherwise. */
export const BACKWARD_MARGIN = 32;

const keptScores: KeptScores = { limit: 0, margin: new Float64Array(64), scores: new Float64Array(64 * 96) };
/**
 * Tags a sentence as SentenceAnnotator.tagColumns does: the tag dictionary, the left-to-right
 * tagger, and the right-to-left one (when given) on the tokens that won by less than `margin`,
 * except in headline-cased sentences. Scorers in stored units (denseScorer scale 2).
 */
export function tagAsShipped(cols: WordColumns, forward: Scorer, backward: Scorer | null, tagdict: Lexicon, margin: number, out: Uint8Array, second?: SecondTags): void {
  const kept = backward && cols.sentenceCase === 0 ? keptScores : undefined;
  if (kept) kept.limit = margin;
  tagSentence(cols, forward, out, undefined, undefined, tagdict, kept);
  if (second) { second.tag.fill(NO_SECOND); second.margin.fill(Infinity); }
  if (kept) retagBackward(cols, backward!, out, kept, margin, second);
}

/**
 * The left-to-right tagger alone (no tag dictionary), with the runner-up tag of each token that
 * won by less than `margin` (what the right-to-left tagger would be asked about).
 */
function tagForward(cols: WordColumns, forward: Scorer, margin: number, out: Uint8Array, second: SecondTags): void {
  const kept = keptScores;
  kept.limit = margin;
  tagSentence(cols, forward, out, undefined, undefined, undefined, kept);
  second.tag.fill(NO_SECOND);
  second.margin.fill(Infinity);
  const k = forward.nClasses;
  for (let i = 0; i < cols.n; i++) {
    if (!(kept.margin[i]! < margin)) continue;
    const best = out[i]!;
    let s2 = best === 0 ? 1 : 0;
    for (let x = 0; x < k; x++) if (x !== best && kept.scores[i * k + x]! > kept.scores[i * k + s2]!) s2 = x;
    second.tag[i] = s2;
    second.margin[i] = kept.scores[i * k + best]! - kept.scores[i * k + s2]!;
  }
}

/** SecondTags.tag of a token with no runner-up recorded. */
export const NO_SECOND = 255;

/** A sentence's runner-up tags as cached (margins rounded, Infinity as null). */
const secondOf = (p: Prepared) => ({ tag: Array.from(p.second.tag), margin: Array.from(p.second.margin, (m) => (Number.isFinite(m) ? Math.round(m * 100) / 100 : null)) });

/** A tag dictionary (buildTagdict) as the lookup the tagger takes: exact-form hash → tag id + 1. */
function tagdictMap(d: { words: number[]; tags: number[] }): IntMap {
  return new IntMap(d.words, d.tags.map((t) => t + 1));
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const dir = dataSet('ud-english-ewt');
  if (!dir) return;
  const repackDir = args.find((a) => a.startsWith('--repack='))?.slice(9);
  if (repackDir) return repack(args, repackDir, dir);
  const started = Date.now();
  const train = parseConllu(readFileSync(`${dir}/en_ewt-ud-train.conllu`, 'utf8'));
  const dev = parseConllu(readFileSync(`${dir}/en_ewt-ud-dev.conllu`, 'utf8'));
  console.log(`EWT train ${train.length} sentences, dev ${dev.length}`);

  // Tag set: UPOS|XPOS pairs seen at least 5 times; rarer pairs fold into their UPOS's commonest.
  const pairCount = new Map<string, number>();
  for (const s of train) s.upos.forEach((u, i) => { const k = `${u}|${s.xpos[i]}`; pairCount.set(k, (pairCount.get(k) ?? 0) + 1); });
  const tags = [...pairCount].filter(([, c]) => c >= 5).sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const tagId = new Map(tags.map((t, i) => [t, i]));
  const commonestOf = (upos: string) => tags.findIndex((t) => t.startsWith(`${upos}|`));
  const tagOf = (u: string, x: string) => tagId.get(`${u}|${x}`) ?? Math.max(0, commonestOf(u));
  // Relations seen at least 20 times; rarer ones become "dep". "root" is last and never predicted by the labeler.
  const relCount = new Map<string, number>();
  for (const s of train) for (const r of s.rels) relCount.set(r, (relCount.get(r) ?? 0) + 1);
  const rels = [...relCount].filter(([r, c]) => c >= 20 && r !== 'root' && r !== 'dep').sort((a, b) => b[1] - a[1]).map(([r]) => r);
  rels.push('dep', 'root');
  const relId = new Map(rels.map((r, i) => [r, i]));
  const depId = relId.get('dep')!;
  console.log(`${tags.length} tags, ${rels.length} relations`);

  const prep = (g: GoldSentence): Prepared => {
    const n = g.words.length;
    const goldHead = new Int32Array(n + 1);
    const goldRel = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) { goldHead[i + 1] = g.heads[i]!; goldRel[i + 1] = relId.get(g.rels[i]!) ?? depId; }
    return { gold: g, cols: wordColumns(g.words), tags: Uint8Array.from(g.upos.map((u, i) => tagOf(u, g.xpos[i]!))), goldHead, goldRel, predicted: new Uint8Array(n), second: { tag: new Uint8Array(n).fill(NO_SECOND), margin: new Float64Array(n).fill(Infinity) } };
  };
  const trainP = train.map(prep);
  const devP = dev.map(prep);
  const random = rng(7);
  const clusterTable = clustersFor(args.find((a) => a.startsWith('--clusters='))?.slice(11));
  const clusters = {
    keys: Array.from(clusterTable.words),
    values: Array.from(clusterTable.words, (_, i) => ((clusterTable.coarse[i]! + 1) << 16) | (clusterTable.fine[i]! + 1)),
  };
  const clusterMap = new IntMap(clusters.keys, clusters.values);
  for (const p of trainP) fillClusters(p.cols, clusterMap);
  for (const p of devP) fillClusters(p.cols, clusterMap);

  // Tagger training data: every sentence, plus ALL CAPS and Title Case copies of a few.
  const augmented: { cols: WordColumns; tags: Uint8Array; origin: number }[] = trainP.map((p, i) => ({ cols: p.cols, tags: p.tags, origin: i }));
  trainP.forEach((p, i) => {
    const r = random();
    if (r < 0.05) augmented.push({ cols: wordColumns(recase(p.gold.words, 'upper')), tags: p.tags, origin: i });
    else if (r < 0.08) augmented.push({ cols: wordColumns(recase(p.gold.words, 'title')), tags: p.tags, origin: i });
  });
  for (const a of augmented) fillClusters(a.cols, clusterMap);

  const taggerEpochs = opt('tagger-epochs', 8);
  const backwardEpochs = opt('backward-epochs', 6);
  const margin = opt('backward-margin', BACKWARD_MARGIN);
  const folds = opt('folds', 2);
  // The jackknifed tags: of the left-to-right tagger alone, without the tag dictionary ('forward'),
  // or made as the stage makes them ('shipped': both taggers, the tag dictionary). The parser
  // trained on the second's tags, more accurate (95.7 against 95.5% on train), parsed dev worse
  // (UAS and LAS -0.37): tags as noisy as the ones it meets suit it better.
  const foldTags = args.find((a) => a.startsWith('--fold-tags='))?.slice(12) ?? 'forward';
  const how = `2:${folds}/${taggerEpochs}/${backwardEpochs}/${margin}/${foldTags}`;
  const tagdictMin = opt('tagdict-min', 10);
  const tagdictShare = opt('tagdict-share', 0.99);
  const trainTagdict = (sents: GoldSentence[]) => tagdictMap(tagdictMin > 0 ? buildTagdict(sents, tags, tagdictMin, tagdictShare) : { words: [], tags: [] });
  // --tag-cache=DIR: the jackknifed and dev tags and both final taggers of an earlier run (parser experiments).
  const tagCache = args.find((a) => a.startsWith('--tag-cache='))?.slice(12);
  let lexicon: Map<number, number>;
  let taggerAvg: Float32Array;
  let backwardAvg: Float32Array | null = null;
  const f32 = (path: string) => { const buf = readFileSync(path); return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4); };
  const cacheFits = tagCache && existsSync(`${tagCache}/tagger.f32`) && existsSync(`${tagCache}/tags.json`)
    && (JSON.parse(readFileSync(`${tagCache}/tags.json`, 'utf8')) as { how?: string }).how === how;
  if (tagCache && cacheFits) {
    type Second = { tag: number[]; margin: (number | null)[] };
    const cached = JSON.parse(readFileSync(`${tagCache}/tags.json`, 'utf8')) as { train: number[][]; dev: number[][]; trainSecond: Second[]; devSecond: Second[]; lexicon: [number, number][] };
    const setSecond = (p: Prepared, s: Second) => { p.second.tag.set(s.tag); p.second.margin.set(s.margin.map((m) => m ?? Infinity)); };
    trainP.forEach((p, i) => { p.predicted.set(cached.train[i]!); setSecond(p, cached.trainSecond[i]!); });
    devP.forEach((p, i) => { p.predicted.set(cached.dev[i]!); setSecond(p, cached.devSecond[i]!); });
    lexicon = new Map(cached.lexicon);
    for (const p of devP) fillAmbiguity(p.cols, lexicon);
    taggerAvg = f32(`${tagCache}/tagger.f32`);
    if (backwardEpochs > 0) backwardAvg = f32(`${tagCache}/backward.f32`);
    console.log(`tags from ${tagCache}`);
  } else {
    // Jackknifing: the parser trains on tags as noisy as the ones it will see, made the way the
    // stage makes them (both taggers, the tag dictionary, the margin).
    for (let k = 0; k < folds && folds > 1; k++) {
      const inFold = (i: number) => i % folds === k;
      const lexicon = buildLexicon(trainP.filter((_, i) => !inFold(i)));
      for (const a of augmented) fillAmbiguity(a.cols, lexicon);
      const part = augmented.filter((a) => !inFold(a.origin));
      console.log(`fold ${k + 1}/${folds}: taggers on ${part.length} sentences`);
      const forward = denseScorer(trainTagger(part, tags.length, taggerEpochs, random).averaged(), TAGGER_BITS, tags.length, 2);
      if (foldTags === 'forward') {
        trainP.forEach((p, i) => { if (inFold(i)) tagForward(p.cols, forward, margin, p.predicted, p.second); });
        continue;
      }
      const backward = backwardEpochs > 0 ? denseScorer(trainTagger(part.map(reversedSentence), tags.length, backwardEpochs, random).averaged(), TAGGER_BITS, tags.length, 2) : null;
      const tagdict = trainTagdict(train.filter((_, i) => !inFold(i)));
      trainP.forEach((p, i) => { if (inFold(i)) tagAsShipped(p.cols, forward, backward, tagdict, margin, p.predicted, p.second); });
    }
    let jk = 0, jkN = 0;
    for (const p of trainP) for (let i = 0; i < p.cols.n; i++) { jkN++; if (p.predicted[i] === p.tags[i]) jk++; }
    if (folds > 1) console.log(`jackknifed train tag accuracy ${(jk / jkN).toFixed(4)}`);
    else for (const p of trainP) p.predicted.set(p.tags);

    console.log('final tagger');
    lexicon = buildLexicon(trainP);
    for (const a of augmented) fillAmbiguity(a.cols, lexicon);
    for (const p of devP) fillAmbiguity(p.cols, lexicon);
    const taggerW = trainTagger(augmented, tags.length, taggerEpochs, random);
    taggerAvg = taggerW.averaged();
    const taggerScorer = denseScorer(taggerAvg, TAGGER_BITS, tags.length, 2);
    let backwardScorer: Scorer | null = null;
    if (backwardEpochs > 0) {
      console.log('final right-to-left tagger');
      backwardAvg = trainTagger(augmented.map(reversedSentence), tags.length, backwardEpochs, random).averaged();
      backwardScorer = denseScorer(backwardAvg, TAGGER_BITS, tags.length, 2);
    }
    const tagdict = trainTagdict(train);
    for (const [name, backward] of [['left to right', null], ['both taggers', backwardScorer]] as const) {
      if (name === 'both taggers' && !backward) continue;
      let ok = 0, uposOk = 0, all = 0;
      for (const p of devP) {
        tagAsShipped(p.cols, taggerScorer, backward, tagdict, margin, p.predicted, p.second);
        for (let i = 0; i < p.cols.n; i++) {
          all++;
          if (p.predicted[i] === p.tags[i]) ok++;
          if (tags[p.predicted[i]!]!.split('|')[0] === p.gold.upos[i]) uposOk++;
        }
      }
      console.log(`dev tag accuracy, ${name} (UPOS|XPOS) ${(ok / all).toFixed(4)}, UPOS ${(uposOk / all).toFixed(4)}`);
    }
    if (args.includes('--tagger-only')) return;
    if (tagCache) {
      mkdirSync(tagCache, { recursive: true });
      writeFileSync(`${tagCache}/tags.json`, JSON.stringify({ how, train: trainP.map((p) => Array.from(p.predicted)), dev: devP.map((p) => Array.from(p.predicted)),
        trainSecond: trainP.map((p) => secondOf(p)), devSecond: devP.map((p) => secondOf(p)), lexicon: [...lexicon] }));
      writeFileSync(`${tagCache}/tagger.f32`, Buffer.from(taggerAvg.buffer, taggerAvg.byteOffset, taggerAvg.byteLength));
      if (backwardAvg) writeFileSync(`${tagCache}/backward.f32`, Buffer.from(backwardAvg.buffer, backwardAvg.byteOffset, backwardAvg.byteLength));
    }
  }

  // Parser and labeler.
  const parserEpochs = opt('parser-epochs', 15);
  // 1000: every token the right-to-left tagger is asked about.
  const secondMargin = opt('second-margin', 1000);
  // --parser-seeds=K: K parsers trained in different orders, their weights averaged (one table, as fast).
  const seeds = opt('parser-seeds', 3);
  const runs = [];
  for (let k = 0; k < seeds; k++) {
    const r = trainParser(trainP, devP, tags, rels.length, parserEpochs, opt('explore', 0.9), secondMargin, true, 11 + k);
    console.log(`best parser epoch ${r.epoch} (order ${k + 1}/${seeds}): dev UAS ${r.uas.toFixed(4)} LAS ${r.las.toFixed(4)}`);
    runs.push(r);
  }
  const mean = (arrays: Float32Array[]) => {
    const out = new Float32Array(arrays[0]!.length);
    for (const a of arrays) for (let i = 0; i < out.length; i++) out[i]! += a[i]! / arrays.length;
    return out;
  };
  const best = seeds === 1 ? runs[0]! : { ...runs[0]!, epoch: runs.map((r) => r.epoch).join('+'), parser: mean(runs.map((r) => r.parser)), labeler: mean(runs.map((r) => r.labeler)) };
  if (seeds > 1) {
    const score = evaluate(devP, secondsOf([...devP], secondMargin), new ArcEager(rels.length - 1, coarseTags(tags)), denseScorer(best.parser, PARSER_BITS, 4), denseScorer(best.labeler, LABELER_BITS, rels.length - 1));
    console.log(`averaged parsers: dev UAS ${score.uas.toFixed(4)} LAS ${score.las.toFixed(4)}`);
  }
  if (args.includes('--no-model')) return;

  // Lemma exceptions: the commonest lemma of each (form, PTB tag) where the rules get it wrong.
  const lemmaCounts = new Map<string, Map<string, number>>();
  for (const s of train) s.words.forEach((w, i) => {
    const key = `${s.xpos[i]}\t${w.toLowerCase().replace(/’/g, "'")}`;
    const m = lemmaCounts.get(key) ?? new Map<string, number>();
    m.set(s.lemmas[i]!, (m.get(s.lemmas[i]!) ?? 0) + 1);
    lemmaCounts.set(key, m);
  });
  const lemmas: Record<string, [string, string][]> = {};
  for (const [key, m] of lemmaCounts) {
    const [xpos, form] = key.split('\t') as [string, string];
    if (xpos === 'NNP' || xpos === 'NNPS') continue;
    const lemma = [...m].sort((a, b) => b[1] - a[1])[0]![0];
    if (lemma === '_' || ruleLemma(form, xpos) === lemma) continue;
    (lemmas[xpos] ??= []).push([form, lemma]);
  }
  for (const list of Object.values(lemmas)) list.sort((a, b) => (a[0] < b[0] ? -1 : 1));

  const parts: ModelParts = {
    tags, rels, lemmas,
    lexicon: { words: [...lexicon.keys()], classes: [...lexicon.values()] },
    tagdict: tagdictOf(args, train, tags),
    clusters,
    meta: { trained: new Date().toISOString().slice(0, 10), taggerEpochs, parserEpoch: best.epoch, folds, foldTags, parserSeeds: seeds, ...(backwardAvg ? { backward: { epoch: backwardEpochs } } : {}) },
    ...(backwardAvg ? { backwardMargin: margin } : {}),
    ...(backwardAvg && secondMargin > 0 ? { secondMargin } : {}),
  };
  const dump = args.find((a) => a.startsWith('--dump='))?.slice(7);
  if (dump) {
    mkdirSync(dump, { recursive: true });
    writeFileSync(`${dump}/parts.json`, JSON.stringify(parts));
    writeFileSync(`${dump}/tagger.f32`, Buffer.from(taggerAvg.buffer));
    writeFileSync(`${dump}/parser.f32`, Buffer.from(best.parser.buffer));
    writeFileSync(`${dump}/labeler.f32`, Buffer.from(best.labeler.buffer));
    if (backwardAvg) writeFileSync(`${dump}/backward.f32`, Buffer.from(backwardAvg.buffer, backwardAvg.byteOffset, backwardAvg.byteLength));
  }
  writeModel(args, parts, { tagger: taggerAvg, parser: best.parser, labeler: best.labeler, backward: backwardAvg }, dev);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Per sentence, the runner-up tags the parser reads: those of tokens whose margin is below limit (none when limit is 0). */
function secondsOf(ps: Prepared[], limit: number): Map<Prepared, Uint8Array | null> {
  const seconds = new Map<Prepared, Uint8Array | null>();
  for (const p of ps) seconds.set(p, limit > 0 ? Uint8Array.from(p.second.tag, (t, i) => (p.second.margin[i]! < limit ? t : NO_SECOND)) : null);
  return seconds;
}

/**
 * Trains the parser and its labeler on sentences with predicted tags (Prepared.predicted) for
 * `epochs` epochs; with dev sentences, keeps the epoch of the best dev LAS, else the last.
 */
export function trainParser(trainP: Prepared[], devP: Prepared[], tags: readonly string[], nRels: number, epochs: number, explore: number, secondLimit = 0, log = true, seed = 11) {
  const nLabels = nRels - 1;
  const parserW = new AveragedWeights(PARSER_BITS, 4);
  const labelerW = new AveragedWeights(LABELER_BITS, nLabels);
  const state = new ArcEager(nRels - 1, coarseTags(tags));
  let best: { uas: number; las: number; epoch: number | string; parser: Float32Array; labeler: Float32Array } = { uas: -1, las: -1, epoch: 0, parser: new Float32Array(0), labeler: new Float32Array(0) };
  const order = trainP.slice();
  // Runner-up tags of the tokens whose summed margin is below secondLimit go to the parser (0: none).
  const seconds = secondsOf([...trainP, ...devP], secondLimit);
  // A generator of its own: the parser trains the same whether the tags were computed or cached.
  const parserRandom = rng(seed);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, parserRandom);
    const training: ParseTraining = {
      goldHead: new Int32Array(0), goldRel: new Int32Array(0),
      updateParser(f: Uint32Array, n: number, g: number, p: number) { parserW.update(f, n, g, 1); parserW.update(f, n, p, -1); parserW.c++; },
      updateLabeler(f: Uint32Array, n: number, g: number, p: number) { labelerW.update(f, n, g, 1); labelerW.update(f, n, p, -1); labelerW.c++; },
      explore: e > 0 ? explore : 0,
      random: parserRandom,
    };
    const t0 = Date.now();
    for (const p of order) {
      const n = p.cols.n;
      const out = { head: new Int32Array(n + 1), rel: new Int32Array(n + 1) };
      training.goldHead = p.goldHead;
      training.goldRel = p.goldRel;
      state.parse(p.cols, p.predicted, parserW, labelerW, out, training, seconds.get(p));
      // Averaging steps: one per sentence-word, so weights that last longer count more.
      parserW.c += n;
      labelerW.c += n;
    }
    if (devP.length === 0) {
      if (e === epochs - 1) best = { uas: 0, las: 0, epoch: e + 1, parser: parserW.averaged(), labeler: labelerW.averaged() };
      if (log) console.log(`  parser epoch ${e + 1} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      continue;
    }
    const pAvg = parserW.averaged();
    const lAvg = labelerW.averaged();
    const score = evaluate(devP, seconds, state, denseScorer(pAvg, PARSER_BITS, 4), denseScorer(lAvg, LABELER_BITS, nLabels));
    if (log) console.log(`  parser epoch ${e + 1} (${((Date.now() - t0) / 1000).toFixed(0)} s): dev UAS ${score.uas.toFixed(4)} LAS ${score.las.toFixed(4)}`);
    if (score.las > best.las) best = { uas: score.uas, las: score.las, epoch: e + 1, parser: pAvg, labeler: lAvg };
  }
  return best;
}

/**
 * The tag dictionary: words (exact form, digits folded) seen at least `minCount` times in train
 * with one tag in at least `share` of their uses. The tagger gives them that tag without scoring.
 */
export function buildTagdict(train: GoldSentence[], tags: readonly string[], minCount = 10, share = 0.99): { words: number[]; tags: number[] } {
  const tagId = new Map(tags.map((t, i) => [t, i]));
  const counts = new Map<number, Map<number, number>>();
  for (const s of train) s.words.forEach((w, i) => {
    const h = hashExact(w);
    const m = counts.get(h) ?? new Map<number, number>();
    const t = tagId.get(`${s.upos[i]}|${s.xpos[i]}`) ?? -1;
    m.set(t, (m.get(t) ?? 0) + 1);
    counts.set(h, m);
  });
  const out = { words: [] as number[], tags: [] as number[] };
  for (const [h, m] of counts) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [t, c] of m) { total += c; if (c > bestCount) { best = t; bestCount = c; } }
    if (total >= minCount && best >= 0 && bestCount >= total * share) { out.words.push(h); out.tags.push(best); }
  }
  return out;
}

/** The tag dictionary with the thresholds of --tagdict-min=N (0: none) and --tagdict-share=X. */
function tagdictOf(args: string[], train: GoldSentence[], tags: readonly string[]) {
  const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const min = opt('tagdict-min', 10);
  const d = min > 0 ? buildTagdict(train, tags, min, opt('tagdict-share', 0.99)) : { words: [], tags: [] };
  console.log(`tag dictionary: ${d.words.length} words`);
  return d;
}

interface ModelParts {
  tags: string[];
  rels: string[];
  lemmas: Record<string, [string, string][]>;
  lexicon: { words: number[]; classes: number[] };
  tagdict?: { words: number[]; tags: number[] };
  clusters?: { keys: number[]; values: number[] };
  backwardMargin?: number;
  secondMargin?: number;
  meta: Record<string, unknown>;
}

/** Prunes and quantizes the dense weights, writes the model, and scores the shipped form on dev. */
function writeModel(args: string[], parts: ModelParts, dense: { tagger: Float32Array; parser: Float32Array; labeler: Float32Array; backward: Float32Array | null }, dev: GoldSentence[]): void {
  const opt = (name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const thresholds = {
    tagger: opt('tagger-threshold', 0.5),
    parser: opt('parser-threshold', 1),
    labeler: opt('labeler-threshold', 1),
    backward: opt('backward-threshold', 0.5),
  };
  const step = opt('step', 0.5);
  const { lexicon, tagdict, clusters, ...rest } = parts;
  const file = encodeModel(
    {
      about: 'Casus syntax model: averaged-perceptron tagger (UPOS|XPOS), arc-eager parser and labeler, right-to-left tagger. Trained on UD English EWT (CC BY-SA 4.0) by npm run train -- syntax; word clusters from unlabelled text (train/clusters.ts).',
      ...rest,
      meta: { ...parts.meta, thresholds, step },
    },
    [
      { name: 'tagger', w: pack(dense.tagger, TAGGER_BITS, parts.tags.length, thresholds.tagger, step) },
      { name: 'parser', w: pack(dense.parser, PARSER_BITS, 4, thresholds.parser, step) },
      { name: 'labeler', w: pack(dense.labeler, LABELER_BITS, parts.rels.length - 1, thresholds.labeler, step) },
      ...(dense.backward ? [{ name: 'backward', w: pack(dense.backward, TAGGER_BITS, parts.tags.length, thresholds.backward, step) }] : []),
    ],
    {
      lexicon: { keys: lexicon.words, values: lexicon.classes },
      tagdict: { keys: tagdict?.words ?? [], values: (tagdict?.tags ?? []).map((t) => t + 1) },
      ...(clusters ? { clusters } : {}),
    },
  );
  const outPath = args.find((a) => a.startsWith('--out='))?.slice(6) ?? dataPath(MODEL_FILE);
  writeFileSync(outPath, file);
  const model = decodeModel(file);
  console.log(`wrote ${outPath}: ${(file.length / 1e6).toFixed(2)} MB; table slots ${model.tables.map((t) => (t.inline ?? t.slots).length / 2).join(', ')}`);
  // The shipped (pruned, quantized) model on dev, through the same code the stage runs.
  const annotator = new SentenceAnnotator(model);
  let tagOk = 0, headOk = 0, labOk = 0, n = 0;
  for (const g of dev) {
    const r = annotator.annotate(g.words);
    for (let i = 0; i < g.words.length; i++) {
      n++;
      if (model.upos[r.tags[i]!] === g.upos[i]) tagOk++;
      if (r.head[i + 1] === g.heads[i]) { headOk++; if (model.rels[r.rel[i + 1]!] === g.rels[i]) labOk++; }
    }
  }
  console.log(`shipped model on dev: UPOS ${(tagOk / n).toFixed(4)} UAS ${(headOk / n).toFixed(4)} LAS ${(labOk / n).toFixed(4)}`);
}

/** `--repack=DIR`: re-prunes weights saved by --dump=DIR without retraining. */
function repack(args: string[], dir: string, ewt: string): void {
  const parts = JSON.parse(readFileSync(`${dir}/parts.json`, 'utf8')) as ModelParts;
  const f32 = (name: string) => { const b = readFileSync(`${dir}/${name}.f32`); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4); };
  const dev = parseConllu(readFileSync(`${ewt}/en_ewt-ud-dev.conllu`, 'utf8'));
  parts.tagdict = tagdictOf(args, parseConllu(readFileSync(`${ewt}/en_ewt-ud-train.conllu`, 'utf8')), parts.tags);
  writeModel(args, parts, { tagger: f32('tagger'), parser: f32('parser'), labeler: f32('labeler'), backward: existsSync(`${dir}/backward.f32`) ? f32('backward') : null }, dev);
}

function evaluate(devP: Prepared[], seconds: Map<Prepared, Uint8Array | null>, state: ArcEager, parser: ReturnType<typeof denseScorer>, labeler: ReturnType<typeof denseScorer>) {
  let n = 0, u = 0, l = 0;
  for (const p of devP) {
    const k = p.cols.n;
    const out = { head: new Int32Array(k + 1), rel: new Int32Array(k + 1) };
    state.parse(p.cols, p.predicted, parser, labeler, out, undefined, seconds.get(p));
    for (let i = 1; i <= k; i++) {
      n++;
      if (out.head[i] === p.goldHead[i]) { u++; if (out.rel[i] === p.goldRel[i]) l++; }
    }
  }
  return { uas: u / n, las: l / n };
}
