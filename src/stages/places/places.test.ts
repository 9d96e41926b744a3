/** The places stage on sentences written for Casus: detection, hints, context, metonymy, the gazetteer index. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { defaultGazetteer, normalizePlaceName, parseSupplement } from '../../resources/gazetteer.js';
import { distanceKm } from './index.js';

const places = (text: string) => analyze(text, { format: 'text' }).places;
const where = (text: string, name: string) => {
  const doc = analyze(text, { format: 'text' });
  return doc.places.find((p) => p.mentions.some((m) => doc.text.slice(m.start, m.end) === name));
};

describe('gazetteer', () => {
  it('normalises names: case, accents, curly apostrophes, a leading "the"', () => {
    expect(normalizePlaceName('  The  Hague ')).toBe('hague');
    expect(normalizePlaceName('Zürich')).toBe('zurich');
    expect(normalizePlaceName('Côte d’Ivoire')).toBe("cote d'ivoire");
  });
  it('indexes cities, countries with demonyms, supplement regions and exonyms', () => {
    const g = defaultGazetteer();
    const kinds = (n: string) => (g.lookup(normalizePlaceName(n)) ?? []).map((i) => `${g.name[i]}/${g.countries[g.country[i]!]}`);
    expect(kinds('Kiev')).toContain('Kyiv/UA');
    expect(kinds('Georgians')).toEqual(['Georgia/GE']);
    expect(kinds('Donbass')).toContain('Donbas/UA');
    expect(kinds('W.Va.')).toContain('West Virginia/US');
    expect(kinds('Rapides Parish')).toContain('Rapides Parish/US');
  });
  it('rejects a malformed supplement with the path of the problem', () => {
    expect(() => parseSupplement('{"about":"x","source":"x","licence":"x","format":"x","places":[{"name":"X"}]}', 'bad.json')).toThrow(/bad\.json: places\.0\./);
  });
});

describe('places stage', () => {
  it('resolves a capital and a country, with GeoNames ids for cities', () => {
    const p = places('Officials met in Nairobi on Monday. Kenya said the talks went well.');
    const nairobi = p.find((x) => x.name === 'Nairobi')!;
    expect(nairobi.country).toBe('KEN');
    expect(nairobi.geonameId).toBeGreaterThan(0);
    expect(distanceKm(nairobi.lat, nairobi.lon, -1.29, 36.82)).toBeLessThan(30);
    expect(p.some((x) => x.name === 'Kenya' && x.country === 'KEN')).toBe(true);
  });
  it('follows explicit hints: "Paris, Texas" and "the Donetsk region of Ukraine"', () => {
    const paris = where('The festival moved to Paris, Texas, last spring.', 'Paris')!;
    expect(paris.country).toBe('USA');
    expect(distanceKm(paris.lat, paris.lon, 33.66, -95.55)).toBeLessThan(50);
    const donetsk = where('Shelling went on in the Donetsk region of Ukraine overnight.', 'Donetsk region')!;
    expect(donetsk.country).toBe('UKR');
  });
  it('uses co-mentioned places: Paris beside Henry County, Tennessee is not the French capital', () => {
    const p = where('The Paris City Council met Tuesday. Paris and Henry County officials in Tennessee agreed on the plan.', 'Paris')!;
    expect(p.country).toBe('USA');
  });
  it('reads a state named as such: "the state of Washington"', () => {
    const w = where('The cow was found on a farm in the state of Washington last year.', 'Washington')!;
    expect(w.kind).toBe('admin1');
  });
  it('does not read a list of states as place and container', () => {
    const doc = analyze('Cases were reported in Kansas, Kentucky, Louisiana and Ohio.', { format: 'text' });
    expect(doc.places.map((p) => p.kind)).toEqual(['admin1', 'admin1', 'admin1', 'admin1']);
  });
  it('marks a capital acting as its government as metonymic, and keeps literal uses literal', () => {
    const doc = analyze('Moscow demanded guarantees from the alliance. The talks took place in Moscow on Friday.', { format: 'text' });
    const moscow = doc.places.find((p) => p.name === 'Moscow')!;
    expect(moscow.metonymic).toBe(true);
    expect(moscow.mentions.map((m) => m.metonymic ?? false)).toEqual([true, false]);
  });
  it('marks the agent of a passive or an action noun as metonymic', () => {
    const doc = analyze('The demands addressed by Berlin to the commission were rejected.', { format: 'text' });
    expect(doc.places.find((p) => p.name === 'Berlin')?.mentions[0]?.metonymic).toBe(true);
  });
  it('reads an all-capital dateline before a dash or a colon, and not a capitalised label', () => {
    expect(where('KANDAHAR: Officials said on Monday that the talks had stalled.', 'KANDAHAR')?.country).toBe('AFG');
    expect(where('MOMBASA — Officials said on Monday that the talks had stalled.', 'MOMBASA')?.country).toBe('KEN');
    expect(places('UPDATE: Officials said on Monday that the talks had stalled.')).toEqual([]);
  });
  it('maps demonyms to their country', () => {
    expect(where('Russian troops crossed the border.', 'Russian')?.country).toBe('RUS');
  });
  it('every mention span covers the words it names', () => {
    const text = 'Flooding hit Cairo and Alexandria in Egypt, then the Nile delta.';
    const doc = analyze(text, { format: 'text' });
    for (const p of doc.places) for (const m of p.mentions) expect(doc.text.slice(m.start, m.end).length).toBe(m.end - m.start);
    expect(doc.places.map((p) => p.name)).toEqual(expect.arrayContaining(['Cairo', 'Alexandria', 'Egypt']));
    expect(doc.places.find((p) => p.name === 'Alexandria')?.country).toBe('EGY');
  });
});
