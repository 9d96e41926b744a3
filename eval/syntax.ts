/**
 * `npm run eval -- syntax`: the shipped tagger and parser on UD English EWT dev and test (gold
 * words, all tokens including punctuation, as in CoNLL 2018): UPOS/XPOS/lemma accuracy, UAS, LAS
 * (full relations and universal ones), and tagging+parsing speed in tokens/s on one core.
 * Options: --model=PATH (another model file, e.g. one written by train --out), --repeat=N (speed passes).
 */
import { readFileSync } from 'node:fs';
import { SentenceAnnotator } from '../src/stages/syntax/annotate.js';
import { parseConllu } from '../src/stages/syntax/conllu.js';
import { lemmatize } from '../src/stages/syntax/lemmatizer.js';
import { decodeModel, syntaxModel } from '../src/stages/syntax/syntax-model.js';
import { dataSet } from './shared-data.js';

const pct = (x: number) => (100 * x).toFixed(2).padStart(6);

export async function run(args: string[]): Promise<void> {
  const dir = dataSet('ud-english-ewt');
  if (!dir) return;
  const loadStart = performance.now();
  const modelPath = args.find((a) => a.startsWith('--model='))?.slice(8);
  const model = modelPath ? decodeModel(readFileSync(modelPath)) : syntaxModel();
  const loadMs = performance.now() - loadStart;
  const annotator = new SentenceAnnotator(model);
  const universal = (r: string) => r.split(':')[0];
  console.log(`syntax · UD English EWT, gold words · model loaded in ${loadMs.toFixed(0)} ms`);
  console.log('split   words   UPOS    XPOS    lemma   UAS     LAS     LAS(univ)');
  for (const split of ['dev', 'test']) {
    const sents = parseConllu(readFileSync(`${dir}/en_ewt-ud-${split}.conllu`, 'utf8'));
    let n = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, lasU = 0;
    for (const s of sents) {
      const r = annotator.annotate(s.words);
      for (let i = 0; i < s.words.length; i++) {
        n++;
        const t = r.tags[i]!;
        if (model.upos[t] === s.upos[i]) upos++;
        if (model.xpos[t] === s.xpos[i]) xpos++;
        if (lemmatize(s.words[i]!, model.xpos[t]!, model.lemmas) === s.lemmas[i]) lemma++;
        if (r.head[i + 1] === s.heads[i]) {
          uas++;
          const rel = model.rels[r.rel[i + 1]!]!;
          if (rel === s.rels[i]) las++;
          if (universal(rel) === universal(s.rels[i]!)) lasU++;
        }
      }
    }
    console.log(`${split.padEnd(5)} ${String(n).padStart(7)} ${pct(upos / n)}  ${pct(xpos / n)}  ${pct(lemma / n)}  ${pct(uas / n)}  ${pct(las / n)}  ${pct(lasU / n)}`);
    if (split === 'test') {
      // Speed: tagging + parsing only (words given), best of three passes over the test set.
      const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.split('=')[1] ?? 3);
      // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
      let bestWall = 0;
      let bestCpu = 0;
      for (let k = 0; k < repeat; k++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (const s of sents) annotator.annotate(s.words);
        const c = process.cpuUsage(c0);
        bestWall = Math.max(bestWall, n / ((performance.now() - t0) / 1000));
        bestCpu = Math.max(bestCpu, n / ((c.user + c.system) / 1e6));
      }
      const f = (x: number) => Math.round(x).toLocaleString('en-US');
      console.log(`speed (tagging + parsing, one thread, best of ${repeat}): ${f(bestCpu)} tokens per CPU-second, ${f(bestWall)} tokens/s wall clock`);
    }
  }
}
