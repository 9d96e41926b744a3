/**
 * Quote-mark pairing over the body paragraphs, independent of sentence splitting: every quote style
 * (“ ” « » „ ‟ " and, at top level, ‘ ’ ‚ '), mismatched pairs (« … “), detached marks, unclosed
 * quotes and quotations that run over several paragraphs (each new paragraph re-opening the quote).
 */
import type { Span } from '../../core/span.js';

export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the quote runs to the end of its paragraph unclosed. */
  close: number;
  /** The quoted content without the marks, trimmed of spaces. */
  start: number;
  end: number;
}

const DOUBLE = new Set(['“', '”', '«', '»', '„', '‟', '"', '〝', '〞']);
const SINGLE_OPEN = new Set(['‘', '‚', "'", '‹']);
const SINGLE_CLOSE = new Set(['’', "'", '‘', '›']);
/** Jumps to the next candidate mark instead of testing every character. */
const DOUBLE_SCAN = /[“”«»„‟"〝〞]/g;
const SINGLE_SCAN = /['‘‚‹]/g;
function positions(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
/** What may stand right before an opening mark: a space, a bracket, a dash or another mark. */
const BEFORE_OPEN = /[\s([{\u2014\u2013\-\/:;,]/;
/** What may stand right after a closing mark: a space, punctuation or the end. */
const AFTER_CLOSE = /[\s.,;:!?)\]}\u2014\u2013\-…'’"”»]/;

function canOpen(text: string, i: number, lo: number): boolean {
  const c = text[i]!;
  if (c === '«' || c === '„' || c === '‚' || c === '‹') return true;
  const prev = i > lo ? text[i - 1] : undefined;
  const next = text[i + 1];
  // Followed by a space, punctuation or the end, a mark cannot open ("… years? “, wrote").
  return (prev === undefined || BEFORE_OPEN.test(prev) || DOUBLE.has(prev)) && !isSpace(next) && !/[,.;:!?)\]}]/.test(next!);
}

function canClose(text: string, i: number, hi: number): boolean {
  const c = text[i]!;
  if (c === '»' || c === '›') return true;
  const prev = text[i - 1];
  const next = i + 1 < hi ? text[i + 1] : undefined;
  return !isSpace(prev) && (next === undefined || AFTER_CLOSE.test(next));
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

/** Single-quoted spans inside [lo, hi) with no double quote open: ‘…’ and '…' pairs. */
function singleQuotes(text: string, singles: readonly number[], lo: number, hi: number, out: QuotedSpan[]): void {
  for (let k = lowerBound(singles, lo); k < singles.length && singles[k]! < hi; k++) {
    let i = singles[k]!;
    const prev = i > lo ? text[i - 1]! : ' ';
    if (!(BEFORE_OPEN.test(prev) || DOUBLE.has(prev)) || isSpace(text[i + 1])) continue;
    // The closer: a ’ or ' after a non-space and before a non-letter (not an apostrophe in don’t).
    for (let j = i + 2; j < hi && j < i + 400; j++) {
      const d = text[j]!;
      if (DOUBLE.has(d) || d === '\n') break;
      if (!SINGLE_CLOSE.has(d) || isSpace(text[j - 1])) continue;
      const next = j + 1 < hi ? text[j + 1]! : ' ';
      if (/\p{L}/u.test(next)) continue;
      // "voters’ concerns": a plural possessive, not a closer, when a lower-case word follows.
      if (text[j - 1] === 's' && / \p{Ll}/u.test(text.slice(j + 1, j + 3)) && d !== '‘') continue;
      const [s, e] = trimmed(text, i + 1, j);
      if (e > s) out.push({ open: i, close: j, start: s, end: e });
      i = j;
      while (k + 1 < singles.length && singles[k + 1]! <= j) k++;
      break;
    }
  }
}

/**
 * Quoted spans of the given paragraphs, in text order.
 * @example findQuotedSpans('He said: « Yes. “', [{ start: 0, end: 16 }]) // one span over "Yes."
 */
export function findQuotedSpans(original: string, paragraphs: readonly Span[]): QuotedSpan[] {
  // Two apostrophes or backticks stand for a double quote in some wire text (''protector''): seen
  // here as one mark and a space, on the side that keeps offsets and the mark's role.
  // Three apostrophes join a single and a double mark (''' opens both, or closes both).
  const text = /''|``/.test(original)
    ? original.replace(/'''|''|``/g, (m: string, at: number, all: string) => {
      const closing = /[\s.,;:!?)]/.test(all[at + m.length] ?? ' ');
      if (m.length === 3) return closing ? `'" ` : ` "'`;
      return closing ? '" ' : ' "';
    })
    : original;
  const doubles = positions(text, DOUBLE_SCAN);
  const singles = positions(text, SINGLE_SCAN);
  const out: QuotedSpan[] = [];
  let carried: number | null = null; // the opening mark of a quote running on from the last paragraph
  for (let p = 0; p < paragraphs.length; p++) {
    const { start: lo, end: hi } = paragraphs[p]!;
    let open: number | null = null;
    let topStart = lo; // where the text outside double quotes resumed, for single quotes
    // A paragraph that opens with a quote mark continues a quote left open by the one before.
    let i = lo;
    while (i < hi && /\s/.test(text[i]!)) i++;
    if (carried !== null && i < hi && DOUBLE.has(text[i]!) && canOpen(text, i, lo)) {
      open = carried;
      i++;
    } else if (carried !== null) {
      const prev = paragraphs[p - 1]!;
      const [s, e] = trimmed(text, carried + 1, prev.end);
      if (e > s) out.push({ open: carried, close: -1, start: s, end: e });
    }
    carried = null;
    for (let k = lowerBound(doubles, i); k < doubles.length && doubles[k]! < hi; k++) {
      i = doubles[k]!;
      const c = text[i]!;
      const opens = canOpen(text, i, lo);
      const closes = canClose(text, i, hi);
      if (open === null) {
        if (opens || !closes) {
          singleQuotes(text, singles, topStart, i, out);
          open = i;
        }
        continue;
      }
      // A mark that can only open while a quote is open: the earlier quote was left unclosed.
      if (opens && !closes) {
        const [s, e] = trimmed(text, open + 1, i);
        if (e > s) out.push({ open, close: -1, start: s, end: e });
        open = i;
        continue;
      }
      const [s, e] = trimmed(text, open + 1, i);
      if (e > s) out.push({ open, close: i, start: s, end: e });
      open = null;
      topStart = i + 1;
    }
    if (open !== null) carried = open;
    else singleQuotes(text, singles, topStart, hi, out);
  }
  if (carried !== null) {
    const last = paragraphs[paragraphs.length - 1]!;
    const [s, e] = trimmed(text, carried + 1, last.end);
    if (e > s) out.push({ open: carried, close: -1, start: s, end: e });
  }
  return out.sort((a, b) => a.start - b.start);
}
