/**
 * For the start-up caches' tests: a temporary directory for their files, and the test every cache
 * shares: its reader refuses a file built from other inputs, cut short, or absent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

/** A temporary directory for this test file's caches, removed after its tests. */
export function cacheTestDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `casus-${name}-cache-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** From a good cache file, the three files a reader must refuse (built from other inputs, cut short, absent). */
function badCacheFiles(goodPath: string, dir: string): { stale: string; damaged: string; absent: string } {
  const bytes = readFileSync(goodPath);
  // The digest of the inputs and their stat key sit in the header as 64 hex digits each (inputs
  // other than these differ in both): change one digit of every such string.
  const hex = [...bytes.subarray(0, 4096).toString('latin1').matchAll(/[0-9a-f]{64}/g)];
  if (hex.length === 0) throw new Error(`${goodPath}: no digest in the cache header`);
  const stale = Buffer.from(bytes);
  for (const m of hex) stale[m.index] = stale[m.index] === 0x30 ? 0x31 : 0x30;
  const paths = { stale: join(dir, 'stale.cache'), damaged: join(dir, 'damaged.cache'), absent: join(dir, 'absent.cache') };
  writeFileSync(paths.stale, stale);
  writeFileSync(paths.damaged, bytes.subarray(0, 1000));
  return paths;
}

/** The refusal test: `write` makes a good cache at the path it is given; `read` must answer null for each bad file. */
export function itRefusesBadCaches(dir: string, write: (path: string) => void, read: (path: string) => unknown): void {
  it('ignores a cache built from other inputs, or a damaged or missing file', () => {
    const path = join(dir, 'good.cache');
    write(path);
    const bad = badCacheFiles(path, dir);
    expect(read(bad.stale)).toBeNull();
    expect(read(bad.damaged)).toBeNull();
    expect(read(bad.absent)).toBeNull();
  });
}
