/** The places of the seed article (../shared, never committed): skipped when absent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { SEED_PATH, hasSeed } from '../../../test/helpers/fixtures.js';
import { distanceKm } from './index.js';

describe.skipIf(!hasSeed)('places on the seed article', () => {
  const doc = hasSeed ? analyze(readFileSync(SEED_PATH, 'utf8')) : null!;
  const place = (mention: string) => doc.places.find((p) => p.mentions.some((m) => doc.text.slice(m.start, m.end) === mention));
  const near = (mention: string, lat: number, lon: number, km: number) => {
    const p = place(mention);
    expect(p, mention).toBeDefined();
    expect(distanceKm(p!.lat, p!.lon, lat, lon), mention).toBeLessThan(km);
  };
  it('resolves Wilmington (Delaware), Moscow, Kiev, Crimea, Donbass and the Donetsk region', () => {
    near('Wilmington', 39.74, -75.55, 30);
    near('Moscow', 55.75, 37.62, 30);
    near('Kiev', 50.45, 30.52, 30);
    near('Crimea', 45.0, 34.0, 161);
    near('Donbass', 48.3, 38.0, 161);
    near('Donetsk region', 48.0, 37.8, 161);
  });
  it('marks Moscow acting as the government as metonymic, and the Kremlin caption as literal', () => {
    const moscow = place('Moscow')!;
    expect(moscow.metonymic).toBe(true);
    const flags = moscow.mentions.map((m) => [doc.text.slice(m.start - 12, m.start).trim(), m.metonymic ?? false]);
    expect(flags.filter(([, f]) => f).length).toBeGreaterThanOrEqual(2);
    expect(flags.find(([before]) => String(before).endsWith('Kremlin,'))?.[1]).toBe(false);
  });
});
