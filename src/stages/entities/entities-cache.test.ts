import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultEntityResources, readEntitiesCache, writeEntitiesCache } from './entity-resources.js';

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
    const bytes = readFileSync(path);
    const digest = /[0-9a-f]{64}/.exec(bytes.subarray(0, 200).toString('latin1'));
    expect(digest).not.toBeNull();
    const stale = Buffer.from(bytes);
    stale[digest!.index] = stale[digest!.index] === 0x30 ? 0x31 : 0x30;
    writeFileSync(join(dir, 'stale.cache'), stale);
    expect(readEntitiesCache(join(dir, 'stale.cache'))).toBeNull();
    writeFileSync(join(dir, 'damaged.cache'), bytes.subarray(0, 1000));
    expect(readEntitiesCache(join(dir, 'damaged.cache'))).toBeNull();
    expect(readEntitiesCache(join(dir, 'absent.cache'))).toBeNull();
  });
});
