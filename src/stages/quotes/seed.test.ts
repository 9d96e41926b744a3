/** The quotes stage on the seed article (../shared, not committed): skipped when absent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_PATH, hasSeed } from '../../../test/helpers/fixtures.js';
import { analyzeQuotes, words } from './test-helpers.js';

describe.skipIf(!hasSeed)('quotes on the seed article', () => {
  const doc = hasSeed ? analyzeQuotes(readFileSync(SEED_PATH, 'utf8')) : null!;
  const all = hasSeed ? doc.quotes.map((q) => words(doc, q)) : [];
  const find = (fragment: string) => {
    const found = all.filter((q) => q.content.includes(fragment));
    expect(found, fragment).toHaveLength(1);
    return found[0]!;
  };

  it.each([
    ['urged Russia to defuse tensions', 'White House', 'statement'],
    ['Substantial progress in these dialogues', 'White House', 'statement'],
    ['It was emphasized', 'Kremlin', 'statement'],
    ['frank and pragmatic', 'Kremlin', 'statement'],
    ['does not intend to deploy', 'Kremlin', 'statement'],
    ['Complete rupture of Russian-American relations', 'Kremlin', 'statement'],
    ['has repeatedly signaled', 'Yuri Ushakov', 'Mayak'],
    ['objective was to meet exclusively', 'Sergei Ryabkov', 'TASS'],
    ['proposing negotiations on a bilateral basis', 'Sergei Ryabkov', 'TASS'],
    ['only winners can set conditions', 'Leonid Slutsky', 'Telegram'],
    ['Russia will talk to those', 'Leonid Slutsky', 'Telegram'],
    ['Step by step', 'Vladimir Putin', 'article'],
  ])('“%s” → %s via %s', (fragment, speaker, channel) => {
    const q = find(fragment);
    expect(q.speaker).toBe(speaker);
    expect(q.channel).toBe(channel);
    expect(q.speakerSpan).not.toBeNull();
  });

  it('keeps quotations that span sentences whole, with mismatched marks', () => {
    expect(find('urged Russia to defuse tensions').content).toMatch(/more\.$/);
    expect(find('only winners can set conditions').content).toMatch(/^\[Josep Borrell\].*recent years\?$/s);
  });

  it('reports no scare quote or quoted name as a quotation of its own', () => {
    for (const scare of ['Spheres of influence', 'Normandy format', 'Serious mistake']) {
      expect(all.filter((q) => q.content === scare || q.content.includes(scare) && q.kind === 'direct')).toEqual([]);
    }
  });

  it('attributes no quotation from inside another one', () => {
    expect(all.filter((q) => q.cue === 'says' || q.cue === 'thinks')).toEqual([]);
  });
});
