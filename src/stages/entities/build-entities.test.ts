import { describe, expect, it } from 'vitest';
import { wordCount } from './build-entities.js';

describe('wordCount', () => {
  it('counts as s.split(/\\s+/).length does, for every UTF-16 code unit as a separator or not', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`a${ch}b`, `${ch}a`, `a${ch}`, `${ch}${ch}`, `a${ch}${ch}b c`]) if (wordCount(s) !== s.split(/\s+/).length) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    expect(wordCount('Vladimir  Putin\n')).toBe(3);
    expect(wordCount('')).toBe(1);
  });
});
