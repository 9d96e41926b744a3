import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { digestOf, readStartupCache, readStartupCachesShared, statKey, useSharedStartupCaches, writeStartupCache } from './startup-cache.js';

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

describe('start-up cache body', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casus-startup-views-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives typed arrays back as views on the file, equal to what was written, Maps and strings as they were', () => {
    const big = new ArrayBuffer(64);
    const value = {
      tables: [{ bits: 3, slots: Int32Array.from([1, -2, 3]), inline: null }, { bits: 5, slots: new Float64Array([0.5, -1.25]), inline: new Uint8Array([7]) }],
      // A view into a larger buffer: only its own bytes are stored.
      part: new Int16Array(big, 8, 4).fill(-9),
      lemmas: new Map([['VBD', new Map([['went', 'go']])]]),
      tags: ['NOUN|NN', 'VERB|VBD'],
    };
    const path = join(dir, 'v.cache');
    const size = writeStartupCache(path, 'd', value);
    expect(size).toBeLessThan(1000);
    const back = readStartupCache<typeof value>(path, 'd')!;
    expect(back).toEqual(value);
    expect(back.tables[0]!.slots).toBeInstanceOf(Int32Array);
    // Views on the file's bytes, not copies: all share one buffer.
    expect(back.part.buffer).toBe(back.tables[0]!.slots.buffer);
    expect(back.tables[1]!.inline!.buffer).toBe(back.tables[0]!.slots.buffer);
    expect(back.tables[0]!.slots.byteOffset % 4).toBe(0);
    expect(back.tables[1]!.slots.byteOffset % 8).toBe(0);
  });

  it('refuses a file cut inside the arrays', () => {
    const path = join(dir, 'cut.cache');
    const size = writeStartupCache(path, 'd', { a: new Float64Array(100).fill(1) });
    writeFileSync(path, readFileSync(path).subarray(0, size - 8));
    expect(readStartupCache(path, 'd')).toBeNull();
  });
});

describe('start-up caches shared with the analysis workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casus-startup-shared-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a shared copy of the file instead of the file, its arrays views on the shared memory', () => {
    const path = join(dir, 's.cache');
    const value = { slots: Int32Array.from([4, 5, 6]), words: ['x'] };
    writeStartupCache(path, 'd', value);
    const bytes = new Uint8Array(new SharedArrayBuffer(readFileSync(path).length));
    bytes.set(readFileSync(path));
    useSharedStartupCaches(new Map([[path, bytes]]));
    // The file on disk is now junk: only the shared bytes can give the value back.
    writeFileSync(path, 'not a cache');
    const back = readStartupCache<typeof value>(path, 'd')!;
    expect(back).toEqual(value);
    expect(back.slots.buffer).toBe(bytes.buffer);
    // Another worker's views on the same bytes see the same memory (read-only in practice).
    expect(readStartupCache<typeof value>(path, 'd')!.slots.buffer).toBe(bytes.buffer);
  });

  it('finds no cache files to share under tsx (caches are written and read only by the compiled code)', () => {
    expect(readStartupCachesShared().size).toBe(0);
  });
});
