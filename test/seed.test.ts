/** The canonical messy article from ../shared (not committed): skipped when absent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { SEED_PATH, hasSeed } from './helpers/fixtures.js';

if (!hasSeed) console.warn(`[casus tests] ${SEED_PATH} is absent: tests on the seed article are skipped`);

describe.skipIf(!hasSeed)('seed article (../shared/seed/article.txt)', () => {
  const doc = hasSeed ? analyze(readFileSync(SEED_PATH, 'utf8')) : null!;
  const kinds = (k: string) => doc.regions.filter((r) => r.kind === k).map((r) => doc.text.slice(r.start, r.end));

  it('keeps exactly the eight prose paragraphs as body', () => {
    expect(doc.body).toHaveLength(8);
    for (const p of doc.body) expect(doc.text.slice(p.start, p.end)).not.toMatch(/^Read also|^We would like/);
  });
  it('classifies heading, related links, captions, footer and repeated title', () => {
    expect(kinds('heading')).toEqual(['Efforts to marginalize Europeans']);
    expect(kinds('related-link')).toHaveLength(3);
    expect(kinds('caption')).toHaveLength(4);
    expect(kinds('footer')).toHaveLength(1);
    expect(kinds('duplicate')).toHaveLength(1);
    expect(doc.text.slice(doc.title!.start, doc.title!.end)).toMatch(/^Ukraine: Vladimir Putin imposes/);
  });
  it('flags the French fragment as untranslated', () => {
    expect(doc.flags.map((f) => [doc.text.slice(f.start, f.end), f.language])).toEqual([['durant la conversation', 'fr']]);
  });
});
