/**
 * Tokens as typed-array columns over the document text (wink-nlp's storage idea behind a typed
 * API): token i covers text.slice(start[i], end[i]) and belongs to sentence sentence[i].
 */
export interface TokenTable {
  readonly length: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly sentence: Int32Array;
}

export function createTokenTable(starts: number[], ends: number[], sentences: number[]): TokenTable {
  return {
    length: starts.length,
    start: Int32Array.from(starts),
    end: Int32Array.from(ends),
    sentence: Int32Array.from(sentences),
  };
}

export function tokenText(text: string, tokens: TokenTable, i: number): string {
  return text.slice(tokens.start[i]!, tokens.end[i]!);
}
