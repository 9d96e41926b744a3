/** Source and target from the parse and from neighbouring events, on texts written for these tests. */
import { describe, expect, it } from 'vitest';
import { analyzeWorking } from '../../analyze.js';
import { silentContext } from '../../pipeline/stage.js';
import { events } from './index.js';
import { codeText, dyad, eventsPipeline } from './test-pipeline.js';

describe('events: arguments from the parse and from the discourse', () => {
  it('an agreement answers the request before it, and the request is addressed to the one who agreed', () => {
    const doc = codeText('Chancellor Olaf Scholz of Germany had requested a meeting. The President of France, Emmanuel Macron, immediately agreed.');
    const request = doc.events.find((e) => e.root === '02')!;
    const agreement = doc.events.find((e) => e.root === '03')!;
    expect(request.source?.code.slice(0, 3)).toBe('DEU');
    expect(request.target?.code.slice(0, 3)).toBe('FRA');
    expect(agreement.target?.code.slice(0, 3)).toBe('DEU');
    expect(agreement.why).toMatch(/author of the request it answers/);
  });
  it('a reply that restricts a proposal rejects it (125 for a proposal to negotiate)', () => {
    const doc = codeText('On Monday, Japan proposed talks with North Korea. On Tuesday, China replied that it would negotiate only with the United States.');
    const r = doc.events.filter((e) => e.root === '12');
    expect(r.map(dyad)).toEqual(['CHN>JPN:125']);
    expect(r[0]!.why).toMatch(/author of the proposal it answers/);
  });
  it('a reply with no proposal before it is no event', () => {
    expect(codeText('China replied that it would negotiate only with the United States.').events.filter((e) => e.root === '12')).toEqual([]);
  });
  it('a sentence opening on its verb continues the subject before, through the statement that stands for its issuer', () => {
    const doc = codeText('The statement from the Turkish government called the talks useful. But also threatens to cut off relations if Greece imposes new sanctions.');
    expect(doc.events.filter((e) => e.code === '1313').map(dyad)).toEqual(['TURGOV>GRC:1313']);
  });
  it('gives a reported meeting without a subject to its speaker; "the aim was to" makes it intended', () => {
    const e = codeText('Chinese Foreign Minister Wang Yi said that the aim was to meet with Russia.').events.filter((x) => x.root === '04');
    expect(e.map((x) => `${dyad(x)}/${x.modality}`)).toEqual(['CHNGOV>RUS:040/intended']);
    expect(e[0]!.why).toMatch(/speaker of the reported clause/);
  });
  it('codes an agent named without a country with the dateline country', () => {
    expect(codeText('SINGAPORE: The police arrested three men on Friday.').events.map(dyad)).toEqual(['SGPCOP>-:173']);
  });
  it('codes a titled person without a known country by the title', () => {
    expect(codeText('City Councilman John Smith criticized France on Monday.').events.map(dyad)).toEqual(['GOV>FRA:111']);
  });
  it('falls back to the word window for a sentence without a parse (heads all -1, or no parse at all)', () => {
    const text = 'Ukraine was attacked by Russia. Germany and France discussed the crisis by telephone.';
    const doc = analyzeWorking(text, { published: '2021-12-30', pipeline: eventsPipeline() });
    const parsed = doc.events.map(dyad);
    expect(parsed).toEqual(['RUS>UKR:190', 'DEU>FRA:041', 'FRA>DEU:041']);
    const g = doc.parse!;
    const unparsed = { ...g, head: new Int32Array(g.length).fill(-1), childStart: new Int32Array(g.length + 1), children: new Int32Array(0) };
    expect(events.run({ ...doc, parse: unparsed }, silentContext).events!.map(dyad)).toEqual(parsed);
    expect(events.run({ ...doc, parse: undefined }, silentContext).events!.map(dyad)).toEqual(parsed);
  });
  it('a noun event without a target names again the same kind of event by the same actor', () => {
    const doc = codeText('Last week Moscow addressed demands to NATO. On Thursday the Kremlin repeated the Russian demands.');
    expect(doc.events.filter((e) => e.root === '10').map((e) => `${e.source?.code.slice(0, 3)}>${e.target?.code}`)).toEqual(['RUS>IGOWSTNAT', 'RUS>IGOWSTNAT']);
  });
  it('never fires a verb pattern on the head of a noun phrase', () => {
    expect(codeText('Egypt welcomed the press release of Israel.').events.filter((e) => e.root === '08')).toEqual([]);
  });
});
