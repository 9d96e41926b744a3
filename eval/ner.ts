/**
 * `npm run eval -- ner`: named entities against CoNLL-2003 English val and WikiNEuRal English val
 * (../shared/data), conlleval-style (exact spans): precision, recall and F1 per type and overall,
 * for the tagger alone and for the tagger with the stage's rules (types folded back to CoNLL's
 * PER/ORG/LOC/MISC). The "PER/ORG/LOC" row is the target (MISC left out).
 * Options: --limit=N documents per data set; --wiki-doc=N sentences per WikiNEuRal pseudo-document
 * (default 20; its sentences are unrelated, so this only sets how far document features reach).
 */
import { dataSet, fmt, prf } from './shared-data.js';
import { readConll, score, toTaggerInput } from './_conll.js';
import type { ConllDoc, Counts } from './_conll.js';
import { defaultEntityResources } from '../src/stages/entities/entity-resources.js';
import { recognize } from '../src/stages/entities/recognize.js';
import type { Mention } from '../src/stages/entities/recognize.js';
import { decode, LABELS, prepare } from '../src/stages/entities/tagger.js';

const TO_CONLL: Record<Mention['type'], string> = { PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC', NORP: 'MISC', EVENT: 'MISC', OTHER: 'MISC' };

function table(title: string, counts: Map<string, Counts>): void {
  console.log(`\n${title}`);
  console.log('type'.padEnd(12), 'precision'.padStart(9), 'recall'.padStart(9), 'F1'.padStart(9), 'gold'.padStart(7), 'found'.padStart(7));
  const row = (name: string, c: Counts) => {
    const { p, r, f } = prf(c.tp, c.fp, c.fn);
    console.log(name.padEnd(12), fmt(p).padStart(9), fmt(r).padStart(9), fmt(f).padStart(9), String(c.tp + c.fn).padStart(7), String(c.tp + c.fp).padStart(7));
  };
  for (const t of ['PER', 'ORG', 'LOC', 'MISC']) { const c = counts.get(t); if (c) row(t, c); }
  const pol = ['PER', 'ORG', 'LOC'].reduce((a, t) => { const c = counts.get(t); return c ? { tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn } : a; }, { tp: 0, fp: 0, fn: 0 });
  row('PER/ORG/LOC', pol);
  const all = counts.get('*');
  if (all) row('overall', all);
}

function evaluate(name: string, docs: ConllDoc[]): void {
  const res = defaultEntityResources();
  const tagger = new Map<string, Counts>();
  const rules = new Map<string, Counts>();
  let tokens = 0;
  const t0 = performance.now();
  for (const d of docs) {
    const input = toTaggerInput(d);
    tokens += d.tokens.length;
    const labels = decode(prepare(input, res.gazetteer, res.weights), res.weights);
    score(d.tags, Array.from(labels, (l) => LABELS[l]!), tagger);
    const mentions = recognize({ ...input, words: d.tokens, low: d.tokens.map((w) => w.toLowerCase()) }, res);
    const tags: string[] = d.tokens.map(() => 'O');
    for (const m of mentions) {
      if (m.conll === 'DESC') continue;
      const last = m.groupSector ? m.last - 1 : m.last;
      const t = TO_CONLL[m.type];
      for (let i = m.first; i <= last; i++) tags[i] = `${i === m.first ? 'B' : 'I'}-${t}`;
    }
    score(d.tags, tags, rules);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`\n== ${name}: ${docs.length} documents, ${tokens} tokens (${(tokens / secs / 1000).toFixed(0)}k tokens/s for both passes)`);
  table('tagger alone (BIO, PER/ORG/LOC/MISC)', tagger);
  table('tagger + rules (the entities stage\'s mentions, types folded to CoNLL)', rules);
}

export async function run(args: string[]): Promise<void> {
  const limit = Number(args.find((a) => a.startsWith('--limit='))?.split('=')[1] ?? Infinity);
  const wikiDoc = Number(args.find((a) => a.startsWith('--wiki-doc='))?.split('=')[1] ?? 20);
  const conll = dataSet('conll2003-en');
  if (conll) evaluate('CoNLL-2003 English val', readConll(`${conll}/val.conllu`).slice(0, limit));
  const wiki = dataSet('wikineural-en');
  // WikiNEuRal has no document breaks: 20-sentence pseudo-documents keep the document-level features honest.
  if (wiki) evaluate('WikiNEuRal English val (silver labels)', readConll(`${wiki}/val.conllu`, wikiDoc).slice(0, limit));
}
