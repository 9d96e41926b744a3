import { describe, expect, it } from 'vitest';
import { forceLayout } from './force-layout.js';

describe('forceLayout', () => {
  const nodes = ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id }));
  const edges = [{ source: 'A', target: 'B', weight: 5 }, { source: 'B', target: 'C', weight: 1 }, { source: 'D', target: 'E', weight: 2 }];
  const opts = { width: 400, height: 300, iterations: 200 };

  it('places every node inside the box, distinctly', () => {
    const pos = forceLayout(nodes, edges, opts);
    expect(pos.size).toBe(6);
    const seen = new Set<string>();
    for (const p of pos.values()) {
      expect(p.x).toBeGreaterThanOrEqual(30);
      expect(p.x).toBeLessThanOrEqual(370);
      expect(p.y).toBeGreaterThanOrEqual(30);
      expect(p.y).toBeLessThanOrEqual(270);
      seen.add(`${Math.round(p.x)},${Math.round(p.y)}`);
    }
    expect(seen.size).toBe(6);
  });

  it('is deterministic and pulls linked nodes closer than unlinked ones', () => {
    const a = forceLayout(nodes, edges, opts);
    expect(forceLayout(nodes, edges, opts)).toEqual(a);
    const d = (p: string, q: string) => Math.hypot(a.get(p)!.x - a.get(q)!.x, a.get(p)!.y - a.get(q)!.y);
    expect(d('A', 'B')).toBeLessThan(d('A', 'F'));
    expect(d('D', 'E')).toBeLessThan(d('D', 'C'));
  });

  it('copes with no nodes, one node and edges to unknown nodes', () => {
    expect(forceLayout([], [], opts).size).toBe(0);
    expect(forceLayout([{ id: 'X' }], [{ source: 'X', target: 'Y', weight: 1 }], opts).size).toBe(1);
  });
});
