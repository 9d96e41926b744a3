/**
 * The dependency graph of a document's tokens, for the helpers in clause.ts: heads as token
 * indices (-1 for a sentence root), relations, tags and lemmas, and children in a CSR index.
 */
import type { Syntax } from '../../core/document.js';

export interface SyntaxGraph {
  readonly length: number;
  /** Head token of each token, -1 for the root of its sentence. */
  readonly head: Int32Array;
  readonly rel: readonly string[];
  readonly upos: readonly string[];
  readonly xpos: readonly string[];
  readonly lemma: readonly string[];
  /** Children of token i: children[childStart[i] .. childStart[i + 1]), in text order. */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  /**
   * Parses the given sentences (indices into doc.sentences) if they are not parsed yet; absent on a
   * graph built from finished columns. The syntax stage parses on demand (lazy-parse.ts): a stage
   * that reads the parse of a sentence asks for it first.
   */
  parseSentences?(sentences: Iterable<number>): void;
}

/** Children of every token as a CSR index over the heads (children in text order). */
export function childIndex(head: Int32Array): { childStart: Int32Array; children: Int32Array } {
  const n = head.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (head[i]! >= 0) childStart[head[i]! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(childStart[n]!);
  for (let i = 0; i < n; i++) if (head[i]! >= 0) children[fill[head[i]!]!++] = i;
  return { childStart, children };
}

export function buildGraph(head: Int32Array, rel: readonly string[], upos: readonly string[], xpos: readonly string[], lemma: readonly string[]): SyntaxGraph {
  return { length: head.length, head, rel, upos, xpos, lemma, ...childIndex(head) };
}

/** The graph of a document's public `syntax` field. */
export function graphOf(syntax: Syntax): SyntaxGraph {
  return buildGraph(Int32Array.from(syntax.head), syntax.rel, syntax.upos, syntax.xpos, syntax.lemma);
}
