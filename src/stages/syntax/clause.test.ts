import { describe, expect, it } from 'vitest';
import { auxiliariesOf, clauseArguments, expandConj, governingVerb, modalsOf, negationOf, subtreeSpan } from './clause.js';
import { buildGraph } from './syntax-graph.js';

/** A hand-made parse: [word, upos, xpos, head (token index or -1), rel]. Lemmas are the lower-cased words. */
function graph(rows: [string, string, string, number, string][]) {
  return buildGraph(
    Int32Array.from(rows.map((r) => r[3])),
    rows.map((r) => r[4]),
    rows.map((r) => r[1]),
    rows.map((r) => r[2]),
    rows.map((r) => r[0].toLowerCase()),
  );
}

// "The envoys of Chile and Peru did not sign the treaty and left ."
const active = graph([
  ['The', 'DET', 'DT', 1, 'det'], // 0
  ['envoys', 'NOUN', 'NNS', 7, 'nsubj'], // 1
  ['of', 'ADP', 'IN', 3, 'case'], // 2
  ['Chile', 'PROPN', 'NNP', 1, 'nmod'], // 3
  ['and', 'CCONJ', 'CC', 5, 'cc'], // 4
  ['Peru', 'PROPN', 'NNP', 3, 'conj'], // 5
  ['did', 'AUX', 'VBD', 7, 'aux'], // 6
  ['sign', 'VERB', 'VB', -1, 'root'], // 7
  ['not', 'PART', 'RB', 7, 'advmod'], // 8 (order does not matter to the helpers)
  ['the', 'DET', 'DT', 10, 'det'], // 9
  ['treaty', 'NOUN', 'NN', 7, 'obj'], // 10
  ['and', 'CCONJ', 'CC', 12, 'cc'], // 11
  ['left', 'VERB', 'VBD', 7, 'conj'], // 12
  ['.', 'PUNCT', '.', 7, 'punct'], // 13
]);

// "The treaty was signed by Chile in Lima , officials said ."
const passive = graph([
  ['The', 'DET', 'DT', 1, 'det'], // 0
  ['treaty', 'NOUN', 'NN', 3, 'nsubj:pass'], // 1
  ['was', 'AUX', 'VBD', 3, 'aux:pass'], // 2
  ['signed', 'VERB', 'VBN', -1, 'root'], // 3
  ['by', 'ADP', 'IN', 5, 'case'], // 4
  ['Chile', 'PROPN', 'NNP', 3, 'obl:agent'], // 5
  ['in', 'ADP', 'IN', 7, 'case'], // 6
  ['Lima', 'PROPN', 'NNP', 3, 'obl'], // 7
  [',', 'PUNCT', ',', 3, 'punct'], // 8
  ['officials', 'NOUN', 'NNS', 10, 'nsubj'], // 9
  ['said', 'VERB', 'VBD', 3, 'parataxis'], // 10
  ['.', 'PUNCT', '.', 3, 'punct'], // 11
]);

// "Russia may want to send troops ."
const control = graph([
  ['Russia', 'PROPN', 'NNP', 2, 'nsubj'], // 0
  ['may', 'AUX', 'MD', 2, 'aux'], // 1
  ['want', 'VERB', 'VB', -1, 'root'], // 2
  ['to', 'PART', 'TO', 4, 'mark'], // 3
  ['send', 'VERB', 'VB', 2, 'xcomp'], // 4
  ['troops', 'NOUN', 'NNS', 4, 'obj'], // 5
  ['.', 'PUNCT', '.', 2, 'punct'], // 6
]);

describe('clause arguments', () => {
  it('finds subject and object of an active verb, and shares the subject with a coordinated verb', () => {
    const a = clauseArguments(active, 7);
    expect(a.subjects).toEqual([1]);
    expect(a.objects).toEqual([10]);
    expect(a.passive).toBe(false);
    const left = clauseArguments(active, 12);
    expect(left.subjects).toEqual([1]);
    expect(left.inheritedSubject).toBe(true);
  });
  it('finds the passive subject, the agent and obliques with their preposition', () => {
    const a = clauseArguments(passive, 3);
    expect(a.passive).toBe(true);
    expect(a.subjects).toEqual([1]);
    expect(a.agents).toEqual([5]);
    expect(a.obliques).toEqual([{ token: 7, case: 6 }]);
    expect(clauseArguments(passive, 10).subjects).toEqual([9]);
  });
  it('gives an xcomp the subject of the verb that controls it', () => {
    const a = clauseArguments(control, 4);
    expect(a.subjects).toEqual([0]);
    expect(a.objects).toEqual([5]);
    expect(clauseArguments(control, 2).xcomp).toEqual([4]);
  });
});

describe('negation, auxiliaries, coordination, spans', () => {
  it('reports negation and auxiliaries attached to the verb', () => {
    expect(negationOf(active, 7)).toEqual([8]);
    expect(negationOf(active, 12)).toEqual([]);
    expect(auxiliariesOf(active, 7)).toEqual([6]);
    expect(modalsOf(active, 7)).toEqual([]);
    expect(modalsOf(control, 2)).toEqual([1]);
  });
  it('expands coordination and measures subtrees without the coordinated clause', () => {
    expect(expandConj(active, 3)).toEqual([3, 5]);
    expect(subtreeSpan(active, 1)).toEqual({ first: 0, last: 5 });
    expect(subtreeSpan(active, 7)).toEqual({ first: 0, last: 10 });
  });
  it('finds the verb governing a span', () => {
    expect(governingVerb(active, 3, 5)).toBe(7); // "Chile and Peru" → sign
    expect(governingVerb(passive, 4, 5)).toBe(3); // "by Chile" → signed
    expect(governingVerb(passive, 9, 9)).toBe(10); // "officials" → said
    expect(governingVerb(control, 5, 5)).toBe(4); // "troops" → send
    expect(governingVerb(control, 6, 6)).toBe(2);
  });
});
