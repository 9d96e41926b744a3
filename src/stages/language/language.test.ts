import { describe, expect, it } from 'vitest';
import { detectLanguage, findUntranslated } from './detect-language.js';

describe('language flags', () => {
  it('detects English and French documents', () => {
    expect(detectLanguage('The ministers said that the talks with the delegation were useful and would go on.')).toBe('en');
    expect(detectLanguage('Les ministres ont dit que les discussions avec la délégation étaient utiles.')).toBe('fr');
  });
  it('flags a French insertion in English text with its offsets', () => {
    const text = 'It was emphasized [durant la conversation] that the guarantees should be legal.';
    const flags = findUntranslated(text, [{ start: 0, end: text.length }], 'en');
    expect(flags).toHaveLength(1);
    expect(text.slice(flags[0]!.start, flags[0]!.end)).toBe('durant la conversation');
    expect(flags[0]!.language).toBe('fr');
  });
  it('does not flag English brackets or names', () => {
    const text = '“[Josep Borrell] says only winners can set conditions,” he wrote (in the statement of the day).';
    expect(findUntranslated(text, [{ start: 0, end: text.length }], 'en')).toEqual([]);
  });
});
