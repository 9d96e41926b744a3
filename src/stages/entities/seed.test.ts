/** The entities of the seed article in ../shared (not committed): skipped when absent. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { resolvePronoun } from './coreference.js';

const SEED = fileURLToPath(new URL('../../../../shared/seed/article.txt', import.meta.url));
const hasSeed = existsSync(SEED);

describe.skipIf(!hasSeed)('entities on the seed article', () => {
  const doc = hasSeed ? analyze(readFileSync(SEED, 'utf8')) : null!;
  const words = (e: { mentions: { start: number; end: number }[] }) => e.mentions.map((m) => doc.text.slice(m.start, m.end));
  const byName = (name: string) => doc.entities.find((e) => e.name === name);
  const coded = (name: string) => byName(name)?.actor?.code;

  it('merges each person under one entity, with country and sector', () => {
    const putin = byName('Vladimir Putin')!;
    expect(words(putin)).toEqual(expect.arrayContaining(['Vladimir Poutine', 'Mr. Putin', 'Vladimir Putin']));
    expect(putin.actor).toMatchObject({ code: 'RUSGOV', country: 'RUS', sector: 'GOV' });
    const biden = byName('Joe Biden')!;
    expect(words(biden)).toEqual(expect.arrayContaining(['Joe Biden', 'Mr. Biden', 'President Biden']));
    expect(biden.actor).toMatchObject({ code: 'USAGOV', country: 'USA', sector: 'GOV' });
    expect(doc.entities.filter((e) => /Putin|Poutine/.test(e.name) || e.aliases.some((a) => /Putin|Poutine/.test(a)))).toHaveLength(1);
    expect(byName('Josep Borrell')!.mentions.length).toBeGreaterThanOrEqual(3);
    expect(byName('Josep Borrell')!.actor?.country).toBe('EUR');
    expect(byName('Sergei Ryabkov')!.actor).toMatchObject({ country: 'RUS', sector: 'GOV' });
    expect(byName('Leonid Slutsky')!.actor).toMatchObject({ country: 'RUS', sector: 'LEG' });
    expect(byName('Yuri Ushakov')!.actor).toMatchObject({ country: 'RUS', sector: 'GOV' });
  });
  it('links descriptions to the people they describe', () => {
    expect(words(byName('Vladimir Putin')!)).toContain('the Russian president');
    expect(words(byName('Joe Biden')!)).toContain('his American counterpart');
  });
  it('merges the EU with the European Union and codes organisations and media', () => {
    const eu = byName('European Union')!;
    expect(words(eu)).toEqual(expect.arrayContaining(['European Union', 'EU']));
    expect(eu.actor).toMatchObject({ code: 'IGOEUREEC', country: 'EUR' });
    expect(coded('NATO')).toBe('IGOWSTNAT');
    expect(coded('TASS')).toBe('RUSMED');
    expect(coded('White House')).toBe('USAGOV');
  });
  it('reads capitals acting as governments, and keeps places places', () => {
    const russiaGov = doc.entities.filter((e) => e.actor?.code === 'RUSGOV' && e.type === 'ORG');
    expect(russiaGov.flatMap(words)).toEqual(expect.arrayContaining(['Moscow', 'Kremlin']));
    const moscowPlace = doc.entities.find((e) => e.name === 'Moscow' && e.type === 'GPE');
    expect(moscowPlace?.actor?.code).toBe('RUS');
    expect(doc.entities.find((e) => e.actor?.code === 'USAGOV' && words(e).includes('Washington'))).toBeDefined();
    for (const [name, code] of [['Ukraine', 'UKR'], ['Russia', 'RUS'], ['United States', 'USA'], ['France', 'FRA'], ['Germany', 'DEU']]) {
      expect(byName(name!)).toMatchObject({ type: 'GPE', actor: { code } });
    }
  });
  it('has no junk entities', () => {
    for (const e of doc.entities) {
      expect(e.name).toMatch(/^(?:(?:pro|anti)-)?[\p{Lu}\p{N}]/u);
      expect(['The', 'President', 'frank', 'Frank']).not.toContain(e.name);
    }
  });
  it('resolves "him" after a quoted adviser to the adviser', () => {
    const i = doc.text.indexOf('According to him');
    if (i < 0) return;
    const id = resolvePronoun(doc, { start: i + 13, end: i + 16 });
    expect(doc.entities.find((e) => e.id === id)?.name).toBe('Yuri Ushakov');
  });
});
