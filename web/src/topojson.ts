/**
 * Just enough TopoJSON to draw world-atlas: decodes quantized, delta-encoded arcs and turns each
 * country's (Multi)Polygon into an SVG path in an equirectangular projection (x = lon + 180, y = 90 - lat).
 */

export interface Topology {
  type: 'Topology';
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, { type: string; geometries: TopoGeometry[] }>;
}
export interface TopoGeometry { type: string; id?: string; arcs?: number[][] | number[][][]; properties?: { name?: string } }

export interface CountryShape { id: string; name: string; d: string }

function decodeArcs(topo: Topology): [number, number][][] {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([a = 0, b = 0]) => {
      if (t) {
        x += a;
        y += b;
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] as [number, number];
      }
      return [a, b] as [number, number];
    });
  });
}

const fmt = (v: number) => String(Math.round(v * 10) / 10);

export function countryShapes(topo: Topology, object = 'countries'): CountryShape[] {
  const arcs = decodeArcs(topo);
  const ring = (indexes: number[]): string => {
    const pts: [number, number][] = [];
    for (const i of indexes) {
      const arc = i >= 0 ? arcs[i] : arcs[~i] ? [...arcs[~i]!].reverse() : undefined;
      if (!arc) continue;
      // Consecutive arcs share their joining point.
      pts.push(...(pts.length ? arc.slice(1) : arc));
    }
    if (pts.length < 3) return '';
    let d = '';
    let prev = '';
    let last: number | null = null;
    for (const pt of pts) {
      // Rings crossing the antimeridian (Fiji, Chukotka) are unwrapped: drawn past the map's edge
      // (clipped) instead of as a stripe across the whole world.
      let lon = pt[0];
      if (last !== null) lon += Math.round((last - lon) / 360) * 360;
      last = lon;
      const lat = pt[1];
      const p = `${fmt(lon + 180)},${fmt(90 - lat)}`;
      if (p !== prev) d += (d ? 'L' : 'M') + p;
      prev = p;
    }
    return `${d}Z`;
  };
  const geoms = topo.objects[object]?.geometries ?? [];
  return geoms.flatMap((g) => {
    let d = '';
    if (g.type === 'Polygon') d = (g.arcs as number[][]).map(ring).join('');
    else if (g.type === 'MultiPolygon') d = (g.arcs as number[][][]).flatMap((poly) => poly.map(ring)).join('');
    return d ? [{ id: g.id ?? '', name: g.properties?.name ?? '', d }] : [];
  });
}
