/** Events on the seed article from ../shared (never committed): skipped when absent. The expectations are issue 7's "Done when". */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import type { CasusEvent } from '../../core/document.js';
import { validateDocument } from '../../core/document.js';
import { SEED_PATH, hasSeed } from '../../../test/helpers/fixtures.js';
import { eventsPipeline } from './test-pipeline.js';

describe.skipIf(!hasSeed)('events on the seed article', () => {
  const doc = hasSeed ? analyze(readFileSync(SEED_PATH, 'utf8'), { pipeline: eventsPipeline() }) : null!;
  const find = (pred: (e: CasusEvent) => boolean) => doc.events.filter(pred);
  const country = (a: { code: string } | null) => a?.code.slice(0, 3) ?? null;
  const dyad = (e: CasusEvent) => `${country(e.source)}>${country(e.target)}`;
  const words = (e: CasusEvent) => doc.text.slice(e.trigger.start, e.trigger.end);

  it('codes the 30 December telephone call as a consultation between Russia and the USA', () => {
    const calls = find((e) => e.code === '041');
    expect(calls.map(dyad).sort()).toEqual(['RUS>USA', 'USA>RUS']);
    for (const e of calls) expect(e.date).toMatchObject({ value: '2021-12-30' });
  });
  it('codes the 7 December video conference as a consultation, dated 7 December', () => {
    const e = find((x) => x.root === '04' && x.date?.value === '2021-12-07');
    expect(e.map(dyad).sort()).toEqual(['RUS>USA', 'USA>RUS']);
  });
  it("codes Biden's appeal to defuse tensions and the conditional US threat of a decisive response", () => {
    expect(find((e) => e.code === '0256').map((e) => `${e.source?.code}>${country(e.target)}`)).toEqual(['USAGOV>RUS']);
    const threat = find((e) => e.root === '13' && country(e.source) === 'USA');
    expect(threat.map((e) => `${country(e.target)}/${e.modality}`)).toEqual(['RUS/conditional']);
  });
  it("codes the Kremlin's demand for guarantees against NATO enlargement", () => {
    const demands = find((e) => e.root === '10' && country(e.source) === 'RUS' && e.target?.code === 'IGOWSTNAT');
    expect(demands.map((e) => e.date?.value)).toContain('2021-12-30TEV');
  });
  it('codes the threat of a rupture of relations over sanctions as a conditional threat from Russia to the USA', () => {
    expect(find((e) => e.code === '1313').map((e) => `${dyad(e)}/${e.modality}`)).toEqual(['RUS>USA/conditional']);
  });
  it("codes Putin's request for the call and Biden's agreement, each towards the other", () => {
    expect(find((e) => e.root === '02' && e.source?.code === 'RUSGOV').map(dyad)).toEqual(['RUS>USA']);
    expect(find((e) => e.root === '03' && e.source?.code === 'USAGOV').map(dyad)).toEqual(['USA>RUS']);
  });
  it("codes the troop build-up on Ukraine's border, not dated by publication", () => {
    const buildUp = find((e) => e.code === '154' && country(e.source) === 'RUS');
    expect(buildUp.map((e) => country(e.target))).toEqual(['UKR']);
    expect(buildUp[0]!.date?.from).not.toBe('published');
  });
  it("codes Borrell's proposal (mid-December), Ryabkov's rejection (18 December) and Slutsky's criticism (29 December)", () => {
    expect(find((e) => e.root === '03' && e.source?.code === 'IGOEUREEC').map((e) => `${e.source?.code}>${country(e.target)} ${e.date?.value}`)).toEqual(['IGOEUREEC>RUS 2021-12']);
    expect(find((e) => e.root === '12').map((e) => `${e.source?.code}>${e.target?.code}:${e.code} ${e.date?.value}`)).toEqual(['RUSGOV>IGOEUREEC:125 2021-12-18']);
    expect(find((e) => e.root === '11' && e.source?.code === 'RUSLEG').map((e) => `${e.target?.code} ${e.date?.value}`)).toEqual(['IGOEUREEC 2021-12-29']);
  });
  it('codes the annexation of Crimea by Russia, dated 2014', () => {
    expect(find((e) => e.code === '192').map((e) => `${dyad(e)} ${e.date?.value}`)).toEqual(['RUS>UKR 2014']);
  });
  it('marks "Washington does not intend to deploy …" as negated', () => {
    const e = find((x) => words(x) === 'deploy' && x.source?.code === 'USAGOV');
    expect(e.map((x) => x.modality)).toEqual(['negated']);
  });
  it('is valid against the schema', () => {
    expect(validateDocument(JSON.parse(JSON.stringify(doc)))).toEqual([]);
  });
  it('stays small: fewer than 30 events, each with a pattern, a coded actor and a trigger', () => {
    expect(doc.events.length).toBeLessThan(30);
    for (const e of doc.events) {
      expect(e.source ?? e.target).not.toBeNull();
      expect(e.why).toMatch(/^pattern ".*; source: .*; target: /);
      expect(words(e).length).toBeGreaterThan(0);
    }
  });
});
