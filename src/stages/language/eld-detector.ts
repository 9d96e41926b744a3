/**
 * eld's detect() (eld 2.1.0, Apache-2.0, Nito T.M.) over the table in data/eld-ngrams.bin: the same
 * steps and arithmetic, so the same answers (eld-detector.test.ts compares them), without loading
 * eld's 950 KB object literal at start-up.
 */
import { defaultEldNgrams } from '../../resources/eld-ngrams.js';
import type { EldNgrams } from '../../resources/eld-ngrams.js';

export interface EldResult {
  /** ISO 639-1 code, or '' when no language scored. */
  language: string;
  /** eld's LanguageResult.isReliable(thresholdRatio). */
  isReliable(thresholdRatio?: number): boolean;
}

const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

/** eld's strToUtf8Bytes: each word as a string of one dictionary character per UTF-8 byte. */
function utf8Words(str: string, dict: string): string[] {
  let encoded = '';
  const words: string[] = [];
  let countBytes = 0;
  for (let ii = 0; ii < str.length; ii++) {
    let c = str.charCodeAt(ii);
    if (c < 0x80) {
      if (c === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (countBytes > CUT_AFTER) break;
      } else {
        encoded += str[ii];
      }
      countBytes++;
    } else if (c < 0x800) {
      encoded += dict[0xc0 | (c >> 6)]! + dict[0x80 | (c & 0x3f)]!;
      countBytes += 2;
    } else if (c < 0xd800 || c >= 0xe000) {
      encoded += dict[0xe0 | (c >> 12)]! + dict[0x80 | ((c >> 6) & 0x3f)]! + dict[0x80 | (c & 0x3f)]!;
      countBytes += 3;
    } else {
      ii++;
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
      encoded += dict[0xf0 | (c >> 18)]! + dict[0x80 | ((c >> 12) & 0x3f)]! + dict[0x80 | ((c >> 6) & 0x3f)]! + dict[0x80 | (c & 0x3f)]!;
      countBytes += 4;
    }
    if (countBytes > ENFORCE_CUT_AFTER) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

/** eld's getByteNgrams: 4-byte n-grams at a stride of 3, the first marked by a leading space, the last by a trailing one. */
function byteNgrams(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const word of words) {
    let len = word.length;
    if (len > 70) len = 70;
    let j = 0;
    for (; j + 4 < len; j += 3) out.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    out.add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  return out;
}

/** eld's LanguageResult.isReliable over raw scores. */
function reliable(t: EldNgrams, scores: Float64Array, language: string, numNgrams: number, thresholdRatio: number): boolean {
  // orderAndScale: each positive score per n-gram, squashed to 0-1, best first (a stable sort, as eld's).
  const ordered: [number, number][] = [];
  for (let l = 0; l < scores.length; l++) {
    if (scores[l]! > 0) {
      const s = scores[l]! / numNgrams;
      ordered.push([l, s / (s + 25)]);
    }
  }
  ordered.sort((a, b) => b[1] - a[1]);
  if (!ordered.length || numNgrams < 3) return false;
  // eld takes the runner-up's language index here, not its score: kept, so the answers stay eld's.
  const next = ordered.length > 1 ? ordered[1]![0] : 0;
  const avg = t.header.avgScore[language];
  // eld compares `avgScore[language] * ratio > best`, false when the language has no average (undefined).
  return !((avg !== undefined && avg * thresholdRatio > ordered[0]![1]) || 0.01 > Math.abs(ordered[0]![1] - next));
}

/** The language of a text as eld's 'extrasmall' detect() names it. */
export function eldDetect(input: string, t: EldNgrams = defaultEldNgrams()): EldResult {
  const text = input.substring(0, 1000).replace(t.separators, ' ').trim().toLowerCase();
  const grams = byteNgrams(utf8Words(text, t.header.dictionary));
  const { pairStart, langs, scores: pairScores } = t;
  const base = t.header.baseScore;
  const scores = new Float64Array(t.header.languages.length);
  for (const g of grams) {
    const i = t.find(g);
    if (i < 0) continue;
    for (let p = pairStart[i]!, end = pairStart[i + 1]!; p < end; p++) {
      const l = langs[p]!;
      scores[l] = scores[l]! + pairScores[p]! + base;
    }
  }
  // getMaxLang: the first language with the highest positive score.
  let best = -1;
  let bestScore = 0;
  for (let l = 0; l < scores.length; l++) {
    if (scores[l]! > 0 && scores[l]! > bestScore) {
      bestScore = scores[l]!;
      best = l;
    }
  }
  if (best < 0) return { language: '', isReliable: () => false };
  const language = t.header.languages[best]!;
  const numNgrams = grams.size;
  return { language, isReliable: (ratio = 0.75) => reliable(t, scores, language, numNgrams, ratio) };
}
