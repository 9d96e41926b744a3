import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { digestOf, readStartupCache, statKey, writeStartupCache } from './startup-cache.js';

describe('start-up cache freshness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casus-startup-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const inputs = [join(dir, 'a.txt'), join(dir, 'b.txt')];
  writeFileSync(inputs[0]!, 'first input');
  writeFileSync(inputs[1]!, 'second input');
  const cache = join(dir, 'x.cache');
  writeStartupCache(cache, digestOf(inputs), { words: ['a', 'b'] }, statKey(inputs));
  const read = (digest: () => string = () => digestOf(inputs)) => readStartupCache<{ words: string[] }>(cache, digest, () => statKey(inputs));

  it('takes the cache on the stat key alone while no input changed (no digest computed)', () => {
    expect(read(() => { throw new Error('digest computed'); })).toEqual({ words: ['a', 'b'] });
  });

  it('falls back to the digest when an input was touched but not changed', () => {
    utimesSync(inputs[0]!, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(read(() => { throw new Error('digest computed'); })).toBeNull();
    expect(read()).toEqual({ words: ['a', 'b'] });
  });

  it('refuses the cache when an input changed', () => {
    writeFileSync(inputs[1]!, 'second input, edited');
    expect(read()).toBeNull();
  });
});
