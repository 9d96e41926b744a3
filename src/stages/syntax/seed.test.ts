/** Subjects and objects of the seed article's main verbs (../shared, not committed): skipped when absent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { SEED_PATH, hasSeed } from '../../../test/helpers/fixtures.js';
import { clauseArguments, subtreeSpan } from './clause.js';

describe.skipIf(!hasSeed)('syntax on the seed article', () => {
  const doc = hasSeed ? analyzeWorking(readFileSync(SEED_PATH, 'utf8'), { format: 'text' }) : null!;
  const s = doc?.syntax;
  const g = doc?.parse;
  const word = (i: number) => doc.text.slice(s!.start[i], s!.end[i]);
  const phrase = (i: number) => {
    const { first, last } = subtreeSpan(g!, i);
    return doc.text.slice(s!.start[first], s!.end[last]);
  };
  /** Verb tokens with this form whose previous tokens read `before` (e.g. "had" before "requested"). */
  const verbs = (form: string) => s!.start.map((_, i) => i).filter((i) => word(i) === form);

  it('"… Putin had requested that …": Putin is the subject, the that-clause its complement', () => {
    const v = verbs('requested')[0]!;
    const a = clauseArguments(g!, v);
    expect(a.subjects.map(phrase).join(' ')).toMatch(/Putin/);
    expect(a.ccomp.length + a.objects.length).toBeGreaterThan(0);
  });
  // The relative clause between subject and verb is parsed apart (split-clauses.ts); parsed whole,
  // the greedy parser hung "agreed" from the clause's last verb.
  it('"… Biden, who …, immediately agreed": Biden is the subject', () => {
    const v = verbs('agreed')[0]!;
    expect(clauseArguments(g!, v).subjects.map(word).join(' ')).toMatch(/Biden/);
  });
  it('"It was emphasized …" is a passive with "It" as its subject', () => {
    const v = verbs('emphasized')[0]!;
    const a = clauseArguments(g!, v);
    expect(a.passive).toBe(true);
    expect(a.subjects.map(word)).toEqual(['It']);
  });
});
