/** Inputs that must produce no event: no pattern, no coded actor, or a word that only looks like a trigger. */
import { describe, expect, it } from 'vitest';
import { codeText } from './test-pipeline.js';

const NONE = [
  'The weather was mild on Tuesday.',
  'Officials discussed the budget by telephone.', // no coded actor
  'The attack of the clones was a popular film.', // noun without a coded actor
  'Prices rose 3.5% in March.',
  'He said that things would get better.', // a bare statement is not coded
  'The visit was cancelled.', // no actor at all
  'A protest is planned.',
  'The demands of the job are high.',
];

describe('events: negative cases', () => {
  for (const text of NONE) {
    it(`codes nothing in: ${text}`, () => {
      expect(codeText(text).events).toEqual([]);
    });
  }
  it('never codes an actor acting on itself', () => {
    expect(codeText('Russia criticized Russia.').events).toEqual([]);
  });
  it('does not invent a fallback code when no pattern matches', () => {
    expect(codeText('France and Germany had a long day.').events).toEqual([]);
  });
});
