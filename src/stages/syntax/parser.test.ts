import { describe, expect, it } from 'vitest';
import { SentenceAnnotator } from './annotate.js';
import { ArcEager } from './parser.js';
import { syntaxModel } from './syntax-model.js';

function isTree(head: Int32Array): boolean {
  const n = head.length - 1;
  for (let k = 1; k <= n; k++) {
    let x = k;
    for (let steps = 0; x > 0; steps++) { if (steps > n) return false; x = head[x]!; }
  }
  return head.slice(1).filter((h) => h === 0).length === 1;
}

describe('selectional branching', () => {
  const model = syntaxModel();
  const annotator = new SentenceAnnotator(model);
  const sentences = [
    'Officials said on Tuesday that the talks , which began in March , would resume in Geneva next week .',
    'The minister , who had rejected the offer , agreed to meet the delegation from Kyiv on Friday .',
    'Troops fired on protesters near the border and the police arrested dozens of them .',
    'The company said it would cut 500 jobs in France and Germany by the end of the year , a spokesman told reporters .',
    'Police in the capital detained two men suspected of planning attacks on government buildings , officials said .',
    'She saw the man with the telescope on the hill near the river that floods every spring .',
  ].map((s) => s.split(' '));
  const parse = (words: string[], branches: number, margin: number) => {
    const t = annotator.tag(words);
    const p = new ArcEager(model.rootRel, model.coarse);
    p.branches = branches;
    p.temperature = 48;
    p.branchMargin = margin;
    const out = { head: new Int32Array(words.length + 1), rel: new Int32Array(words.length + 1) };
    p.parse(t.cols, t.tags, model.parser, model.labeler, out, undefined, t.second);
    return out;
  };

  it('is the greedy parse when no transition is below its margin', () => {
    for (const words of sentences) {
      const greedy = parse(words, 0, 0);
      const none = parse(words, 1, -1);
      expect(Array.from(none.head)).toEqual(Array.from(greedy.head));
      expect(Array.from(none.rel)).toEqual(Array.from(greedy.rel));
    }
  });

  it('gives a tree with one root however many branches are tried, and tries the other way at least once', () => {
    let differs = 0;
    for (const words of sentences) {
      const greedy = parse(words, 0, 0);
      for (const branches of [1, 3, 8]) {
        const b = parse(words, branches, Infinity);
        expect(isTree(b.head)).toBe(true);
        if (b.head.some((h, k) => h !== greedy.head[k])) differs++;
      }
    }
    // At temperature 48, some branch wins on these sentences (otherwise branching would be a no-op).
    expect(differs).toBeGreaterThan(0);
  });
});
