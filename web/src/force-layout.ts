/**
 * A small force-directed layout (Fruchterman–Reingold with cooling and a pull to the centre) for
 * the actor network: deterministic (nodes start on a spiral), O(n²) per step, fine for a few hundred nodes.
 */

export interface LayoutNode { id: string }
export interface LayoutEdge { source: string; target: string; weight: number }
export interface Point { x: number; y: number }

const GRAVITY = 0.08;

export interface LayoutOptions { width: number; height: number; iterations?: number; margin?: number }

export function forceLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: LayoutOptions): Map<string, Point> {
  const { width, height, iterations = 300, margin = 30 } = options;
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const cx = width / 2;
  const cy = height / 2;
  // Golden-angle spiral: spread out, deterministic, no two nodes on the same spot.
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt((i + 0.5) / Math.max(1, n)) * Math.min(width, height) * 0.45;
    const a = i * 2.399963229728653;
    x[i] = cx + r * Math.cos(a);
    y[i] = cy + r * Math.sin(a);
  }
  const links = edges.flatMap((e) => {
    const a = index.get(e.source);
    const b = index.get(e.target);
    return a === undefined || b === undefined || a === b ? [] : [{ a, b, w: 1 + Math.log2(Math.max(1, e.weight)) }];
  });
  const k = Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / Math.max(1, n)) * 0.9;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temperature = Math.min(width, height) / 8;
  const cooling = temperature / (iterations + 1);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = x[i]! - x[j]!;
        let ddy = y[i]! - y[j]!;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-6) {
          // Coincident nodes: push apart along a fixed direction.
          ddx = 0.1 * ((i % 7) - 3 || 1);
          ddy = 0.1;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = (k * k) / d2;
        dx[i]! += ddx * f;
        dy[i]! += ddy * f;
        dx[j]! -= ddx * f;
        dy[j]! -= ddy * f;
      }
    }
    for (const { a, b, w } of links) {
      const ddx = x[a]! - x[b]!;
      const ddy = y[a]! - y[b]!;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = (d * d * w) / k;
      dx[a]! -= (ddx / d) * f;
      dy[a]! -= (ddy / d) * f;
      dx[b]! += (ddx / d) * f;
      dy[b]! += (ddy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      // Gravity keeps disconnected pieces together instead of drifting to infinity.
      dx[i]! += (cx - x[i]!) * GRAVITY;
      dy[i]! += (cy - y[i]!) * GRAVITY;
      const d = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!) || 1;
      const step = Math.min(d, temperature);
      x[i] = x[i]! + (dx[i]! / d) * step;
      y[i] = y[i]! + (dy[i]! / d) * step;
    }
    temperature = Math.max(0.5, temperature - cooling);
  }
  return fit(nodes, x, y, width, height, margin);
}

/** Scales and centres the layout into the box (same scale on both axes, so distances keep their meaning). */
function fit(nodes: readonly LayoutNode[], x: Float64Array, y: Float64Array, width: number, height: number, margin: number): Map<string, Point> {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < nodes.length; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const ox = (width - spanX * scale) / 2;
  const oy = (height - spanY * scale) / 2;
  return new Map(nodes.map((node, i) => [node.id, { x: ox + (x[i]! - minX) * scale, y: oy + (y[i]! - minY) * scale }]));
}
