import { describe, expect, it } from 'vitest';
import { tokenize } from './index.js';

const sentencesOf = (text: string) => tokenize(text, [{ start: 0, end: text.length }]).sentences.map((s) => text.slice(s.start, s.end));

describe('sentences and tokens survive news punctuation', () => {
  it('keeps "Mr." and initials inside the sentence', () => {
    expect(sentencesOf('Mr. Putin met J. R. Smith on Dec. 7 in Geneva. They talked.')).toEqual([
      'Mr. Putin met J. R. Smith on Dec. 7 in Geneva.',
      'They talked.',
    ]);
  });
  it('gives a detached closing mark to the quotation it closes (« … “)', () => {
    expect(sentencesOf('He said: “It will not happen. » A reference to 2014.')).toEqual([
      'He said: “It will not happen. »',
      'A reference to 2014.',
    ]);
  });
  it('keeps an opening guillemet with its sentence', () => {
    expect(sentencesOf('A rebuff came. « [Josep Borrell] says only winners can set conditions.')[1]).toBe('« [Josep Borrell] says only winners can set conditions.');
  });
  it('attaches a stray full stop (". .") to its sentence', () => {
    expect(sentencesOf('They moved troops. . Then they stopped.')).toEqual(['They moved troops. .', 'Then they stopped.']);
  });
  it('keeps "100,000" and bracketed insertions as single tokens in place', () => {
    const text = 'More than 100,000 soldiers [sic] moved.';
    const t = tokenize(text, [{ start: 0, end: text.length }]);
    const words = t.tokenStarts.map((s, i) => text.slice(s, t.tokenEnds[i]));
    expect(words).toEqual(['More', 'than', '100,000', 'soldiers', '[', 'sic', ']', 'moved', '.']);
  });
  it('gives offsets into the whole text when a stretch starts later', () => {
    const text = 'Title\n\nBody starts here.';
    const t = tokenize(text, [{ start: 7, end: text.length }]);
    expect(text.slice(t.sentences[0]!.start, t.sentences[0]!.end)).toBe('Body starts here.');
    expect(text.slice(t.tokenStarts[0], t.tokenEnds[0])).toBe('Body');
  });
  it('tokenizes a document the same whatever documents came before it', () => {
    const words = (t: string) => {
      const r = tokenize(t, [{ start: 0, end: t.length }]);
      return r.tokenStarts.map((s, i) => t.slice(s, r.tokenEnds[i]));
    };
    const later = 'Councillor Ama Okonkwo’s office denied it.';
    const alone = words(later);
    expect(alone).toContain('’s');
    // wink reads "Okonkwo’s," whole; a word it has met before it no longer splits, unless it forgets it.
    expect(words('Every motion passed except Okonkwo’s, the clerk said.')).toContain('Okonkwo’s');
    expect(words(later)).toEqual(alone);
    // Words of letters only are kept from document to document (wink reads them whole either way).
    const plain = 'Okonkwo, Adeyemi-Bello and (Okonkwo) spoke.';
    const fresh = words(plain);
    expect(words('Okonkwo Adeyemi Bello Okonkwo')).toHaveLength(4);
    expect(words(plain)).toEqual(fresh);
  });
  it('tokenizes the same after wink is made afresh (its cache of new words dropped)', () => {
    const texts = [
      'Zelenskyy met Blinken in Kyiv on Tuesday. Mr. Zelenskyy said: “We won’t yield.”',
      'Blinken and Zelenskyy spoke again. U.S. aid ($1.2bn) was discussed — again.',
      'Zelenskyy-Blinken talks resumed at 10:30 a.m. in Kyiv. They ended at noon.',
    ];
    const span = (t: string) => [{ start: 0, end: t.length }];
    const kept = texts.map((t) => tokenize(t, span(t)));
    // A limit of 0 new words makes every call after the first start from a fresh instance.
    const fresh = texts.map((t) => tokenize(t, span(t), 0));
    expect(fresh).toEqual(kept);
  });
});
