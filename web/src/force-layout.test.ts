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
      expect(p.x).toBeGreaterThanOrEqual(40);
      expect(p.x).toBeLessThanOrEqual(360);
      expect(p.y).toBeGreaterThanOrEqual(40);
      expect(p.y).toBeLessThanOrEqual(260);
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

  it('keeps discs apart', () => {
    const big = ['A', 'B', 'C', 'D'].map((id) => ({ id, r: 20 }));
    const pos = forceLayout(big, [{ source: 'A', target: 'B', weight: 50 }, { source: 'A', target: 'C', weight: 50 }], { width: 800, height: 600 });
    const list = [...pos.values()];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      expect(Math.hypot(list[i]!.x - list[j]!.x, list[i]!.y - list[j]!.y)).toBeGreaterThan(40);
    }
  });

  it('copes with no nodes, one node and edges to unknown nodes', () => {
    expect(forceLayout([], [], opts).size).toBe(0);
    expect(forceLayout([{ id: 'X' }], [{ source: 'X', target: 'Y', weight: 1 }], opts).size).toBe(1);
  });
});
