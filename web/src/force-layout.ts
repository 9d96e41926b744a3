/**
 * A small force-directed layout for the actor network, after d3-force's model: springs along the
 * edges, many-body repulsion, a pull to the centre that keeps disconnected pairs near the rest,
 * and collision between node discs; velocity Verlet with cooling. Deterministic (nodes start on a
 * spiral), O(n²) per step: fine for the few hundred actors a view shows. Units are pixels.
 */

export interface LayoutNode { id: string; /** Disc radius, for collisions. */ r?: number }
export interface LayoutEdge { source: string; target: string; weight: number }
export interface Point { x: number; y: number }

export interface LayoutOptions { width: number; height: number; iterations?: number; margin?: number }

const LINK_GAP = 45;
const CHARGE = -260;
const GRAVITY = 0.07;
const VELOCITY_DECAY = 0.6;
const COLLIDE_PAD = 6;

export function forceLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: LayoutOptions): Map<string, Point> {
  const { width, height, iterations = 300, margin = 40 } = options;
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const r = Float64Array.from(nodes, (node) => node.r ?? 8);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  // Golden-angle spiral: spread out, deterministic, no two nodes on the same spot.
  for (let i = 0; i < n; i++) {
    const rad = 12 * Math.sqrt(i + 0.5);
    const a = i * 2.399963229728653;
    x[i] = rad * Math.cos(a);
    y[i] = rad * Math.sin(a);
  }
  const degree = new Float64Array(n);
  const links = edges.flatMap((e) => {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) return [];
    degree[a]!++;
    degree[b]!++;
    return [{ a, b, w: e.weight }];
  });
  let alpha = 1;
  const alphaDecay = 1 - 0.001 ** (1 / Math.max(1, iterations));
  for (let it = 0; it < iterations; it++) {
    // Springs: rest length grows with the discs; busier pairs pull a little harder.
    for (const { a, b, w } of links) {
      const dx = x[b]! + vx[b]! - x[a]! - vx[a]! || 1e-6;
      const dy = y[b]! + vy[b]! - y[a]! - vy[a]! || 1e-6;
      const len = Math.sqrt(dx * dx + dy * dy);
      const rest = LINK_GAP + r[a]! + r[b]!;
      const strength = Math.min(1, (0.6 + 0.2 * Math.log2(1 + w)) / Math.min(degree[a]!, degree[b]!));
      const k = ((len - rest) / len) * alpha * strength;
      const bias = degree[a]! / (degree[a]! + degree[b]!);
      vx[b]! -= dx * k * bias;
      vy[b]! -= dy * k * bias;
      vx[a]! += dx * k * (1 - bias);
      vy[a]! += dy * k * (1 - bias);
    }
    // Repulsion between every pair, and collisions between overlapping discs.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = x[j]! - x[i]!;
        let dy = y[j]! - y[i]!;
        let d2 = dx * dx + dy * dy;
        if (d2 < 1e-6) {
          dx = 0.1 * ((i % 7) - 3 || 1);
          dy = 0.1;
          d2 = dx * dx + dy * dy;
        }
        const f = (CHARGE * alpha) / Math.max(d2, 25);
        vx[i]! += dx * f;
        vy[i]! += dy * f;
        vx[j]! -= dx * f;
        vy[j]! -= dy * f;
        const min = r[i]! + r[j]! + COLLIDE_PAD;
        if (d2 < min * min) {
          const d = Math.sqrt(d2);
          const push = ((min - d) / d) * 0.5;
          x[i]! -= dx * push;
          y[i]! -= dy * push;
          x[j]! += dx * push;
          y[j]! += dy * push;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      vx[i]! -= x[i]! * GRAVITY * alpha;
      vy[i]! -= y[i]! * GRAVITY * alpha;
      vx[i]! *= VELOCITY_DECAY;
      vy[i]! *= VELOCITY_DECAY;
      x[i]! += vx[i]!;
      y[i]! += vy[i]!;
    }
    alpha -= alpha * alphaDecay;
  }
  return fit(nodes, r, x, y, width, height, margin);
}

/**
 * Centres the layout in the box, shrinking it when it is too big (never enlarging it more than
 * a little, so small graphs keep readable distances).
 */
function fit(nodes: readonly LayoutNode[], r: Float64Array, x: Float64Array, y: Float64Array, width: number, height: number, margin: number): Map<string, Point> {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < nodes.length; i++) {
    minX = Math.min(minX, x[i]! - r[i]!);
    maxX = Math.max(maxX, x[i]! + r[i]!);
    minY = Math.min(minY, y[i]! - r[i]!);
    maxY = Math.max(maxY, y[i]! + r[i]!);
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY, 1.5);
  // A wide box may stretch the layout sideways a little: more room for labels.
  const scaleX = Math.min(scale * 1.4, (width - 2 * margin) / spanX);
  const ox = (width - spanX * scaleX) / 2;
  const oy = (height - spanY * scale) / 2;
  return new Map(nodes.map((node, i) => [node.id, { x: ox + (x[i]! - minX) * scaleX, y: oy + (y[i]! - minY) * scale }]));
}
