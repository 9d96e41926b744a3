/** Quote-mark pairing: every style, mismatched and detached marks, paragraphs, apostrophes. */
import { describe, expect, it } from 'vitest';
import { findQuotedSpans } from './quote-marks.js';

const paragraphs = (text: string) => {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
};
const quoted = (text: string) => findQuotedSpans(text, paragraphs(text)).map((q) => text.slice(q.start, q.end));

describe('findQuotedSpans', () => {
  it.each([
    ['She said: “We will stay.”', 'We will stay.'],
    ['Il a dit : « Nous resterons. »', 'Nous resterons.'],
    ['Er sagte: „Wir bleiben.“', 'Wir bleiben.'],
    ['He said: ‚Wir bleiben.‘ Then left.', 'Wir bleiben.'],
    ['The minister said, "We will stay."', 'We will stay.'],
    ["The headline read 'We will stay' on Monday.", 'We will stay'],
    ["The mayor said ''we will stay'' and left.", 'we will stay'],
  ])('%s', (text, content) => {
    expect(quoted(text)).toEqual([content]);
  });

  it('pairs mismatched marks: « … “ and “ … »', () => {
    expect(quoted('« Who won? I ask. “, wrote the senator. “Nobody. »')).toEqual(['Who won? I ask.', 'Nobody.']);
  });

  it('closes on a detached mark and keeps quotes across sentences', () => {
    expect(quoted('“We propose talks. If others join, we drown it all. “ Then silence.')).toEqual(['We propose talks. If others join, we drown it all.']);
  });

  it('runs a quote over paragraphs when the next paragraph reopens it', () => {
    const text = '“The first part goes on.\n“And the second part ends here,” she said.';
    expect(quoted(text)).toEqual(['The first part goes on.\n“And the second part ends here,']);
  });

  it('closes a quote left open at the end of its paragraph', () => {
    expect(quoted('He said: “We will stay\nNext paragraph.')).toEqual(['We will stay']);
  });

  it('leaves apostrophes alone', () => {
    expect(quoted("The voters’ anger didn’t fade; it's the candidates’ fault, O'Brien said.")).toEqual([]);
  });
});
