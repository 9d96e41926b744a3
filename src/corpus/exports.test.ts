import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { eventsCsv, eventsGeoJson, eventsIcs, eventsJsonl, foldLine, GDELT_COLUMNS } from './exports.js';
import { syntheticDocument } from './synthetic-documents.js';

/** A minimal RFC 4180 parser, to check the CSV as a consumer would read it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  return rows;
}

async function corpus() {
  const store = openSqliteStore(':memory:');
  const days = ['2021-12-14', '2021-12-17', '2022-01-10'];
  for (let i = 0; i < 3; i++) {
    await store.put(syntheticDocument({
      title: `Story ${i}, with "quotes", commas; and semicolons`, published: days[i]!, uri: `https://n${i}.example/s`,
      sentences: [`Officials in Geneva said on day ${i} that the ${['missile', 'border', 'gas'][i]} talks, "frank" and long, failed.`, 'A second sentence follows here.'],
      events: [{ source: 'RUSGOV', target: 'USA', code: ['1056', '112', '036'][i]!, date: days[i]!, sentence: 0, goldstein: [-5, -2, 4][i]!,
        ...(i < 2 ? { place: { name: 'Geneva', country: 'CH', lat: 46.2, lon: 6.15, geonameId: 2660646 } } : {}) }],
    }));
  }
  return store;
}

describe('exports', () => {
  it('writes GDELT-style CSV: the 61 columns, a header and one row per event', async () => {
    const store = await corpus();
    const clusters = await store.events();
    const rows = parseCsv(eventsCsv(clusters));
    expect(rows[0]).toEqual([...GDELT_COLUMNS]);
    expect(GDELT_COLUMNS).toHaveLength(61);
    expect(rows).toHaveLength(1 + clusters.length);
    expect(rows.every((r) => r.length === 61)).toBe(true);
    const col = (name: string) => GDELT_COLUMNS.indexOf(name as never);
    expect(rows[1]![col('SQLDATE')]).toBe('20211214');
    expect(rows[1]![col('Actor1Code')]).toBe('RUSGOV');
    expect(rows[1]![col('Actor1CountryCode')]).toBe('RUS');
    expect(rows[1]![col('Actor1Type1Code')]).toBe('GOV');
    expect(rows[1]![col('EventRootCode')]).toBe('10');
    expect(rows[1]![col('GoldsteinScale')]).toBe('-5');
    expect(rows[1]![col('ActionGeo_FeatureID')]).toBe('2660646');
    expect(rows[1]![col('SOURCEURL')]).toBe('https://n0.example/s');
    await store.close();
  });

  it('writes an ICS calendar that parses back: one VEVENT per event with evidence and sources', async () => {
    const store = await corpus();
    const clusters = await store.events();
    const ics = eventsIcs(clusters, { now: new Date('2022-02-01T00:00:00Z') });
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(ics));
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(clusters.length);
    const first = new ICAL.Event(vevents[0]!);
    expect(first.startDate.toString()).toBe('2021-12-14');
    expect(first.endDate.toString()).toBe('2021-12-15');
    expect(first.summary).toBe('RUSGOV → USA: CAMEO 1056');
    expect(first.description).toContain('"frank" and long');
    expect(first.description).toContain('Story 0, with "quotes", commas; and semicolons (2021-12-14) https://n0.example/s');
    expect(first.location).toBe('Geneva');
    expect(new Set(vevents.map((v) => v.getFirstPropertyValue('uid'))).size).toBe(clusters.length);
    await store.close();
  });

  it('writes GeoJSON of located events and the places layer; JSON Lines of events', async () => {
    const store = await corpus();
    const clusters = await store.events();
    const geo = JSON.parse(eventsGeoJson(clusters, await store.places()));
    expect(geo.type).toBe('FeatureCollection');
    const events = geo.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'event');
    const places = geo.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'place');
    expect(events).toHaveLength(2);
    expect(events[0].geometry).toEqual({ type: 'Point', coordinates: [6.15, 46.2] });
    expect(places).toEqual([{ type: 'Feature', geometry: { type: 'Point', coordinates: [6.15, 46.2] },
      properties: { kind: 'place', entity: null, name: 'Geneva', country: 'CH', lat: 46.2, lon: 6.15, geonameId: 2660646, mentions: 2 } }]);
    const lines = eventsJsonl(clusters).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.code)).toEqual(['1056', '112', '036']);
    await store.close();
  });

  it('folds long lines without splitting a character', () => {
    const folded = foldLine('DESCRIPTION:' + 'é'.repeat(100));
    expect(folded.split('\r\n ').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe('DESCRIPTION:' + 'é'.repeat(100));
  });
});
