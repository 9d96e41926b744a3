/**
 * The bundled world: Natural Earth 1:110m countries from the world-atlas package (public domain
 * data), loaded as its own chunk the first time the map is opened.
 */
import world from 'world-atlas/countries-110m.json';
import { countryShapes } from './topojson.js';
import type { CountryShape, Topology } from './topojson.js';

let shapes: CountryShape[] | null = null;

export function worldShapes(): CountryShape[] {
  shapes ??= countryShapes(world as unknown as Topology);
  return shapes;
}
