import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { clauseArguments } from './clause.js';

describe('syntax: inputs that must produce nothing (or nothing wrong)', () => {
  it('gives empty columns for an empty document', () => {
    const doc = analyzeWorking('', { format: 'text' });
    expect(doc.syntax?.start ?? []).toEqual([]);
  });
  it('finds no subject or object in punctuation and numbers', () => {
    const doc = analyzeWorking('… — 3.5% !', { format: 'text' });
    const g = doc.parse!;
    for (let i = 0; i < g.length; i++) {
      const a = clauseArguments(g, i);
      expect(a.subjects.filter((s) => g.upos[s] !== 'PUNCT' && g.upos[s] !== 'NUM' && g.upos[s] !== 'SYM')).toEqual([]);
    }
  });
  it('gives a clause without a subject no invented one', () => {
    const doc = analyzeWorking('Stop.', { format: 'text' });
    const g = doc.parse!;
    expect(clauseArguments(g, 0).subjects).toEqual([]);
  });
});
