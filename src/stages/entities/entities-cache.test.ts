import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultEntityResources, readEntitiesCache, writeEntitiesCache } from './entity-resources.js';
import { cacheTestDir, itRefusesBadCaches } from '../../../test/helpers/start-up-cache.js';

const dir = cacheTestDir('entities');

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

  itRefusesBadCaches(dir, writeEntitiesCache, readEntitiesCache);
});
