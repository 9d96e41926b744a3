import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cacheTestDir, itRefusesBadCaches } from '../../../test/helpers/start-up-cache.js';
import { modelFromParts, readSyntaxCache, syntaxModel, writeSyntaxCache } from './syntax-model.js';
import { SentenceAnnotator } from './annotate.js';

const dir = cacheTestDir('syntax');

describe('syntax start-up cache', () => {
  it('reads back the decoded model: same tags, relations, lemma exceptions, maps and weight tables', () => {
    const path = join(dir, 'syntax.cache');
    writeSyntaxCache(path);
    const parts = readSyntaxCache(path);
    expect(parts).not.toBeNull();
    const fromCache = modelFromParts(parts!);
    const shipped = syntaxModel();
    // The shipped model has its right-to-left tagger (a fourth table), and the cache keeps it.
    expect(shipped.tables.length).toBe(4);
    expect(fromCache.backward).toBeDefined();
    expect(fromCache.backwardMargin).toBe(shipped.backwardMargin);
    for (const key of ['tags', 'upos', 'xpos', 'rels', 'rootRel', 'coarse', 'lemmas', 'tables', 'lexicon', 'tagdict', 'clusters', 'backwardMargin'] as const) {
      expect(isDeepStrictEqual(fromCache[key], shipped[key]), key).toBe(true);
    }
    // And it parses as the shipped model does.
    const text = 'Chancellor Olaf Scholz of Germany had requested a meeting. Officials said talks were held in Rome.';
    const words = text.match(/\w+|[^\s\w]/g)!;
    const parse = (model: typeof shipped) => {
      const annotator = new SentenceAnnotator(model);
      const r = annotator.parse(annotator.tag(words));
      return { tags: [...r.tags], head: [...r.head], rel: [...r.rel] };
    };
    const a = parse(fromCache);
    expect(a.head.some((h) => h > 0)).toBe(true);
    expect(a).toEqual(parse(shipped));
  });

  itRefusesBadCaches(dir, writeSyntaxCache, readSyntaxCache);
});
