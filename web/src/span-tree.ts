/**
 * Overlapping annotation spans → a properly nested tree for rendering: spans that cross are split
 * into pieces (each piece keeps its span), so every piece's text is a slice of the document text.
 */

export interface RankedSpan {
  start: number;
  end: number;
  /** Among spans with the same start and end, lower ranks are outer. */
  rank: number;
}

export interface TextRun { start: number; end: number }
export interface SpanNode<T extends RankedSpan> {
  span: T;
  /** 0 for the first piece of the span, 1… for the continuations after a crossing. */
  piece: number;
  children: SpanTree<T>;
}
export type SpanTree<T extends RankedSpan> = Array<SpanNode<T> | TextRun>;

export function isRun<T extends RankedSpan>(n: SpanNode<T> | TextRun): n is TextRun {
  return !('span' in n);
}

/**
 * Nests spans over a text of `length` UTF-16 units. Empty or out-of-range spans are dropped.
 * @example nestSpans(10, [{start:0,end:5,rank:0},{start:3,end:8,rank:0}])
 *   // [{span:A, children:[0-3, {span:B, children:[3-5]}]}, {span:B, piece:1, children:[5-8]}, 8-10]
 */
export function nestSpans<T extends RankedSpan>(length: number, spans: readonly T[]): SpanTree<T> {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const points = [...new Set([0, length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const root: SpanTree<T> = [];
  const stack: SpanNode<T>[] = [];
  const top = () => (stack.length ? stack[stack.length - 1]!.children : root);
  const pieces = new Map<T, number>();
  const open = (span: T) => {
    const piece = pieces.get(span) ?? 0;
    pieces.set(span, piece + 1);
    const node: SpanNode<T> = { span, piece, children: [] };
    top().push(node);
    stack.push(node);
  };
  let k = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    // Close every span ending here; spans opened inside a closing one but running on are reopened
    // as continuation pieces, in their original order, so nesting stays consistent.
    for (;;) {
      const idx = stack.findIndex((n) => n.span.end <= p);
      if (idx < 0) break;
      const popped = stack.splice(idx);
      for (const n of popped.slice(1)) if (n.span.end > p) open(n.span);
    }
    while (k < valid.length && valid[k]!.start === p) open(valid[k++]!);
    const next = points[i + 1];
    if (next !== undefined && next > p) top().push({ start: p, end: next });
  }
  return root;
}

/** The text a tree covers, in order: equals the text it was built over (a check for tests). */
export function treeText<T extends RankedSpan>(text: string, tree: SpanTree<T>): string {
  return tree.map((n) => (isRun(n) ? text.slice(n.start, n.end) : treeText(text, n.children))).join('');
}
