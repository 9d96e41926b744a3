import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../core/document.js';
import { codeText, dyad } from './test-pipeline.js';

describe('events coder', () => {
  it('codes subject and object with the pattern and the rules in why', () => {
    const doc = codeText('Russia criticized France on Tuesday over its arms sales.');
    expect(doc.events.map(dyad)).toEqual(['RUS>FRA:111']);
    const e = doc.events[0]!;
    expect(doc.text.slice(e.trigger.start, e.trigger.end)).toBe('criticized');
    expect(e).toMatchObject({ root: '11', quadClass: 3, goldstein: -2, plover: 'ACCUSE', modality: 'asserted', sentence: 0 });
    expect(e.why).toMatch(/pattern "v:criticize => 111".*source: subject.*target: object/);
    expect(e.date).toMatchObject({ value: '2021-12-28', from: 'text', granularity: 'day' });
  });
  it('uses the passive agent as source', () => {
    expect(codeText('Ukraine was attacked by Russia.').events.map(dyad)).toEqual(['RUS>UKR:190']);
  });
  it('codes a telephone call between coordinated subjects', () => {
    const doc = codeText('Germany and France discussed the crisis by telephone on Monday.');
    expect(doc.events.map(dyad)).toEqual(['DEU>FRA:041', 'FRA>DEU:041']);
    expect(doc.events[0]!.why).toMatch(/coordinated subject/);
  });
  it('gives a coordinated object one event each', () => {
    expect(codeText('Russia threatened Germany and France with sanctions.').events.map(dyad)).toEqual(['RUS>DEU:1312', 'RUS>FRA:1312']);
  });
  it('marks negation, conditions, intentions and reports', () => {
    const m = (t: string) => codeText(t).events.map((e) => `${dyad(e)}/${e.modality}`);
    expect(m('Germany does not intend to deploy troops to Poland.')).toEqual(['DEU>POL:154/negated']);
    expect(m('China would respond decisively if Japan invaded the islands.')).toEqual(['CHN>JPN:130/conditional', 'JPN>-:190/conditional']);
    expect(m('Turkey will visit Greece next month.')).toEqual(['TUR>GRC:042/intended']);
    expect(m('Officials said that Egypt had condemned Israel.')).toEqual(['EGY>ISR:111/reported']);
  });
  it('keeps a threat coded as a threat when conditional, with its target from the condition', () => {
    const e = codeText('Russia threatened to cut off relations if Britain imposed new sanctions.').events[0]!;
    expect(dyad(e)).toBe('RUS>GBR:1313');
    expect(e.modality).toBe('conditional');
  });
  it('dates background nouns by their own time, never by publication', () => {
    const doc = codeText('The annexation of Ukraine by Russia in 2014 was condemned.');
    const e = doc.events.find((x) => x.code === '192')!;
    expect(e.date).toMatchObject({ value: '2014', granularity: 'year', from: 'text' });
    const bare = codeText('They recalled the invasion of Georgia by Russia.').events.find((x) => x.code === '190')!;
    expect(bare.date).toMatchObject({ from: 'unresolved' });
  });
  it('marks the publication date as such when the text gives none', () => {
    const e = codeText('Japan condemned North Korea.').events[0]!;
    expect(e.date).toMatchObject({ value: '2021-12-30', from: 'published' });
  });
  it('every event is valid against the schema and highlights its trigger', () => {
    const doc = codeText('Iran accused Israel of aggression. Israel rejected the proposal of talks by Iran. Iran did not attack Israel.');
    expect(doc.events.length).toBeGreaterThan(0);
    expect(validateDocument(JSON.parse(JSON.stringify(doc)))).toEqual([]);
    for (const e of doc.events) {
      expect(e.trigger.end).toBeGreaterThan(e.trigger.start);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
  });
});
