import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultEntityResources, readEntitiesCache, writeEntitiesCache } from './entity-resources.js';
import { badCacheFiles } from '../../resources/bad-cache-files.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-entities-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('entities start-up cache', () => {
  it('reads back exactly the weights, hashed gazetteer and country tables it was written from', () => {
    const path = join(dir, 'entities.cache');
    writeEntitiesCache(path);
    const cached = readEntitiesCache(path);
    expect(cached).not.toBeNull();
    const built = defaultEntityResources();
    for (const key of ['weights', 'gazetteer', 'countryOf', 'capitals', 'demonyms', 'countries'] as const) {
      expect(isDeepStrictEqual(cached![key], built[key]), key).toBe(true);
    }
  });

  it('ignores a cache built from other inputs, or a damaged or missing file', () => {
    const path = join(dir, 'entities.cache');
    writeEntitiesCache(path);
    const bad = badCacheFiles(path, dir);
    expect(readEntitiesCache(bad.stale)).toBeNull();
    expect(readEntitiesCache(bad.damaged)).toBeNull();
    expect(readEntitiesCache(bad.absent)).toBeNull();
  });
});
