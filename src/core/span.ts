/**
 * Spans: every annotation points into the document's `text` by UTF-16 code-unit offsets
 * (JavaScript string indices, end exclusive), so `text.slice(start, end)` is the annotated words.
 * Python and SQL consumers count code points: convert with `toCodePointOffset` when exporting.
 */
import { z } from 'zod';

export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof SpanSchema>;

/** The words a span covers. @example textOf({ text: 'Mr. Putin' }, { start: 4, end: 9 }) // 'Putin' */
export function textOf(doc: { text: string }, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

export function spanLength(span: Span): number {
  return span.end - span.start;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sort spans in reading order (start, then longer first). */
export function bySpan(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

/** Shrinks a span so it starts and ends on non-whitespace (empty spans stay empty). */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Code-point offset of a UTF-16 offset, for consumers that count code points. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  let points = 0;
  for (let i = 0; i < utf16Offset; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16Offset) i++;
    points++;
  }
  return points;
}
