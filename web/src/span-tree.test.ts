import { describe, expect, it } from 'vitest';
import { isRun, nestSpans, treeText } from './span-tree.js';
import type { RankedSpan, SpanTree } from './span-tree.js';

interface Tagged extends RankedSpan { tag: string }
const span = (tag: string, start: number, end: number, rank = 0): Tagged => ({ tag, start, end, rank });

/** Each span's pieces, concatenated in document order. */
function piecesText(text: string, tree: SpanTree<Tagged>, out = new Map<string, string>()): Map<string, string> {
  for (const n of tree) {
    if (isRun(n)) continue;
    out.set(n.span.tag, (out.get(n.span.tag) ?? '') + treeText(text, n.children));
    piecesText(text, n.children, out);
  }
  return out;
}

describe('nestSpans', () => {
  const text = 'Minister Okafor met Chancellor Weber in Lagos.';

  it('covers the whole text exactly once, with and without spans', () => {
    expect(treeText(text, nestSpans(text.length, []))).toBe(text);
    const tree = nestSpans(text.length, [span('a', 0, 15), span('b', 9, 15), span('c', 16, 19)]);
    expect(treeText(text, tree)).toBe(text);
  });

  it('nests a span inside another one', () => {
    const tree = nestSpans(text.length, [span('inner', 9, 15), span('outer', 0, 15)]);
    const outer = tree[0]!;
    expect(isRun(outer)).toBe(false);
    if (isRun(outer)) return;
    expect(outer.span.tag).toBe('outer');
    expect(outer.children.some((c) => !isRun(c) && c.span.tag === 'inner')).toBe(true);
  });

  it('splits crossing spans into pieces whose texts add up to each span', () => {
    const spans = [span('a', 0, 19), span('b', 9, 30), span('c', 16, 36), span('d', 20, 46)];
    const tree = nestSpans(text.length, spans);
    expect(treeText(text, tree)).toBe(text);
    const got = piecesText(text, tree);
    for (const s of spans) expect(got.get(s.tag)).toBe(text.slice(s.start, s.end));
  });

  it('orders identical spans by rank, outer first', () => {
    const tree = nestSpans(text.length, [span('event', 20, 30, 4), span('entity', 20, 30, 2)]);
    const first = tree.find((n) => !isRun(n));
    expect(first && !isRun(first) && first.span.tag).toBe('entity');
  });

  it('drops empty, reversed and out-of-range spans', () => {
    const tree = nestSpans(text.length, [span('empty', 3, 3), span('reversed', 5, 2), span('out', 40, 99), span('neg', -1, 2)]);
    expect(tree.every(isRun)).toBe(true);
    expect(treeText(text, tree)).toBe(text);
  });

  it('handles astral characters by UTF-16 offsets', () => {
    const t = 'Flag 🇺🇦 and 😀 here';
    const s = t.indexOf('😀');
    const tree = nestSpans(t.length, [span('emoji', s, s + 2)]);
    expect(piecesText(t, tree).get('emoji')).toBe('😀');
  });
});
