import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countryAlpha3, defaultGazetteer, defaultSupplement, normalizePlaceName, readGazetteerCache, readGazetteerCacheParts, writeGazetteerCache } from './gazetteer.js';
import { cacheTestDir, itRefusesBadCaches } from '../../test/helpers/start-up-cache.js';

const dir = cacheTestDir('gazetteer');

describe('gazetteer start-up cache', () => {
  it('reads back the gazetteer it was written from, entry for entry and name for name', () => {
    const path = join(dir, 'gazetteer.cache');
    writeGazetteerCache(path);
    const cached = readGazetteerCache(path)!;
    const built = defaultGazetteer();
    expect(cached).not.toBeNull();
    expect(cached.size).toBe(built.size);
    expect([...cached.lat]).toEqual([...built.lat]);
    expect([...cached.pop]).toEqual([...built.pop]);
    expect(cached.name).toEqual(built.name);
    expect(cached.countries).toEqual(built.countries);
    expect(cached.maxWords).toBe(built.maxWords);
    for (const n of ['Geneva', 'Washington', 'St. Louis', 'Saint Louis', 'Côte d’Ivoire', 'Georgians', 'Laurel', 'Nowhere-on-Nothing']) {
      const k = normalizePlaceName(n);
      expect(cached.lookup(k), n).toEqual(built.lookup(k));
      expect(cached.isDemonym(k), n).toBe(built.isDemonym(k));
    }
    expect(cached.countryEntry('UA')).toBe(built.countryEntry('UA'));
    expect(cached.admin1ByCode('GA')).toBe(built.admin1ByCode('GA'));
  });

  it('keeps the validated supplement and the country codes, equal to the parsed ones', () => {
    const path = join(dir, 'gazetteer.cache');
    writeGazetteerCache(path);
    const parts = readGazetteerCacheParts(path)!;
    expect(parts.supplement).toEqual(defaultSupplement());
    expect([...parts.alpha3]).toEqual([...countryAlpha3()]);
    expect(parts.alpha3.get('UA')).toBe('UKR');
  });

  itRefusesBadCaches(dir, writeGazetteerCache, readGazetteerCache);
});
