/** Events on the seed article from ../shared (never committed): skipped when absent. */
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

  it('codes the 30 December telephone call as a consultation between Russia and the USA', () => {
    const calls = find((e) => e.code === '041');
    expect(calls.map((e) => `${country(e.source)}>${country(e.target)}`).sort()).toEqual(['RUS>USA', 'USA>RUS']);
    for (const e of calls) expect(e.date).toMatchObject({ value: '2021-12-30' });
  });
  it('codes the 7 December video conference as a consultation, dated 7 December', () => {
    const e = find((x) => x.root === '04' && x.date?.value === '2021-12-07');
    expect(e.map((x) => `${country(x.source)}>${country(x.target)}`).sort()).toEqual(['RUS>USA', 'USA>RUS']);
  });
  it("codes Biden's appeal to defuse tensions and the conditional US threat", () => {
    expect(find((e) => e.code === '0256').map((e) => `${e.source?.code}>${country(e.target)}`)).toEqual(['USAGOV>RUS']);
    const threat = find((e) => e.root === '13' && country(e.source) === 'USA');
    expect(threat.map((e) => `${country(e.target)}/${e.modality}`)).toEqual(['RUS/conditional']);
  });
  it("codes Russia's demands, Putin's request and Biden's agreement, the troop build-up", () => {
    expect(find((e) => e.root === '10' && country(e.source) === 'RUS').length).toBeGreaterThan(0);
    expect(find((e) => e.root === '02' && e.source?.code === 'RUSGOV')).toHaveLength(1);
    expect(find((e) => e.root === '03' && e.source?.code === 'USAGOV')).toHaveLength(1);
    const buildUp = find((e) => e.code === '154' && country(e.source) === 'RUS');
    expect(buildUp.map((e) => country(e.target))).toEqual(['UKR']);
    expect(buildUp[0]!.date?.from).not.toBe('published');
  });
  it('keeps the threat of a rupture of relations a threat, conditional', () => {
    expect(find((e) => e.code === '1313').map((e) => e.modality)).toEqual(['conditional']);
  });
  it("codes Borrell's proposal in mid-December and Slutsky's rebuff on 29 December", () => {
    expect(find((e) => e.root === '03' && e.source?.code === 'IGOEUREEC').map((e) => e.date?.value)).toEqual(['2021-12']);
    expect(find((e) => e.root === '11' && e.source?.code === 'RUSLEG').map((e) => e.date?.value)).toEqual(['2021-12-29']);
  });
  it('marks "Washington does not intend to deploy …" as negated', () => {
    const e = find((x) => doc.text.slice(x.trigger.start, x.trigger.end) === 'deploy' && x.source?.code === 'USAGOV');
    expect(e.map((x) => x.modality)).toEqual(['negated']);
  });
  it('is valid against the schema', () => {
    expect(validateDocument(JSON.parse(JSON.stringify(doc)))).toEqual([]);
  });
  it('stays small: fewer than 30 events, each with a pattern and a coded actor', () => {
    expect(doc.events.length).toBeLessThan(30);
    for (const e of doc.events) {
      expect(e.source ?? e.target).not.toBeNull();
      expect(e.why).toMatch(/^pattern "/);
    }
  });
});
