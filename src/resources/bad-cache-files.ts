/**
 * For the start-up caches' tests: from a good cache file, writes the three files a reader must
 * refuse (built from other inputs, cut short, absent) and returns their paths.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function badCacheFiles(goodPath: string, dir: string): { stale: string; damaged: string; absent: string } {
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
