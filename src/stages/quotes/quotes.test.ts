/** The quotes stage on short texts written for Casus: styles, cues, speakers, channels, kinds. */
import { describe, expect, it } from 'vitest';
import { findQuotes } from './index.js';
import { defaultQuoteCues } from '../../resources/quote-cues.js';
import { analyzeQuotes, words } from './test-helpers.js';
import { analyzeWorking } from '../../analyze.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { clean } from '../clean/index.js';
import { tokens } from '../tokens/index.js';

const quotesOf = (text: string) => {
  const doc = analyzeQuotes(text);
  return doc.quotes.map((q) => words(doc, q));
};

describe('quotes: direct quotations', () => {
  it('finds the speaker after the quote ("…,” said X)', () => {
    const [q, ...rest] = quotesOf('“We will not accept these conditions,” said Maria Lopez, the foreign minister of Chile.');
    expect(rest).toEqual([]);
    expect(q).toMatchObject({ kind: 'direct', content: 'We will not accept these conditions,', speakerSpan: 'Maria Lopez', cue: 'said' });
  });

  it('finds the speaker before the quote, with a colon and guillemets', () => {
    const [q] = quotesOf('The German chancellor Angela Merkel told reporters in Berlin: « The talks have failed and we must start again. »');
    expect(q).toMatchObject({ kind: 'direct', content: 'The talks have failed and we must start again.', cue: 'told' });
    expect(q!.speakerSpan).toContain('Angela Merkel');
    expect(q!.speaker).toBe('Angela Merkel');
  });

  it('pairs « with “ and keeps a quote that spans sentences', () => {
    const [q] = quotesOf('« The deal is dead. Nobody wants to talk about it any more. “, wrote Senator Paul Harris on Twitter on Monday.');
    expect(q).toMatchObject({ kind: 'direct', speakerSpan: 'Senator Paul Harris', cue: 'wrote', channel: 'Twitter' });
    expect(q!.content).toBe('The deal is dead. Nobody wants to talk about it any more.');
  });

  it('gives a following quote with no cue to the last speaker', () => {
    const qs = quotesOf('Prime Minister John Carter said on the radio station Europe Libre that the border would stay closed. “We have no choice. The situation is too dangerous for everyone.”');
    expect(qs).toHaveLength(2);
    expect(qs[1]).toMatchObject({ kind: 'direct', speakerSpan: 'Prime Minister John Carter', cue: null, channel: 'Europe Libre' });
  });

  it('resolves "according to him" to the person named before', () => {
    const qs = quotesOf('The senior adviser David Moreno spoke on Monday. According to him, “the president has repeatedly warned that the army will respond to any attack.”');
    const q = qs.find((x) => x.kind === 'direct')!;
    expect(q).toMatchObject({ speakerSpan: 'him', cue: 'According to', speaker: 'David Moreno' });
  });

  it('takes an institution or its statement as the speaker, and the statement as the channel', () => {
    const qs = quotesOf('A statement released by the White House said: “The president urged both sides to return to the table without delay.” “No progress is possible under threat”, the statement added.');
    expect(qs).toHaveLength(2);
    expect(qs[0]).toMatchObject({ kind: 'direct', cue: 'said', speaker: 'White House', channel: 'statement' });
    expect(qs[1]).toMatchObject({ kind: 'direct', speakerSpan: 'the statement', cue: 'added', speaker: 'White House' });
  });

  it('names a news agency as the channel', () => {
    const [q] = quotesOf('The deputy minister Oleg Petrov told the Interfax news agency that the negotiations would resume in January.');
    expect(q).toMatchObject({ kind: 'indirect', content: 'the negotiations would resume in January', channel: 'Interfax' });
  });
});

describe('quotes: indirect and mixed quotations', () => {
  it('finds "X said that …"', () => {
    const [q] = quotesOf('Governor Ann Baker said that the state would raise taxes next year.');
    expect(q).toMatchObject({ kind: 'indirect', content: 'the state would raise taxes next year', speakerSpan: 'Governor Ann Baker', cue: 'said' });
  });

  it('finds "according to X, …" and "…, according to X."', () => {
    const [a] = quotesOf('According to the Finance Ministry, the deficit will shrink by half in two years.');
    expect(a).toMatchObject({ kind: 'indirect', content: 'the deficit will shrink by half in two years', speakerSpan: 'the Finance Ministry', cue: 'According to' });
    const [b] = quotesOf('The deficit will shrink by half in two years, according to the Finance Ministry.');
    expect(b).toMatchObject({ kind: 'indirect', content: 'The deficit will shrink by half in two years', cue: 'according to' });
  });

  it('finds a sentence-final cue ("…, the general warned.")', () => {
    const [q] = quotesOf('Any new attack on the city would be answered with force, the general warned on Tuesday.');
    expect(q).toMatchObject({ kind: 'indirect', content: 'Any new attack on the city would be answered with force', speakerSpan: 'the general', cue: 'warned' });
  });

  it('takes a noun phrase or an infinitive as the content of an evaluative cue', () => {
    const [a] = quotesOf('Senator Ruth Adams criticized the new border plan as a waste of money.');
    expect(a).toMatchObject({ kind: 'indirect', content: 'the new border plan as a waste of money', cue: 'criticized' });
    const [b] = quotesOf('The governor refused to answer questions about the budget.');
    expect(b).toMatchObject({ kind: 'indirect', content: 'to answer questions about the budget', speakerSpan: 'The governor' });
  });

  it('takes a bare clause after a thought verb with a subject', () => {
    const [q] = quotesOf('Mayor Lena Ortiz believes the city can recover within a year.');
    expect(q).toMatchObject({ kind: 'indirect', content: 'the city can recover within a year', cue: 'believes' });
  });

  it('marks a report with quoted fragments as mixed', () => {
    const [q] = quotesOf('The minister said the plan was “a total failure” and should be dropped at once.');
    expect(q).toMatchObject({ kind: 'mixed', speakerSpan: 'The minister', cue: 'said' });
    expect(q!.content).toBe('the plan was “a total failure” and should be dropped at once');
  });
});

describe('quotes: without the entity layer', () => {
  it('still gives the speaker and cue words, with a null speaker id', () => {
    const text = '“Prices will keep rising this winter,” the central bank governor Ana Silva said.';
    const doc = analyzeWorking(text, { format: 'text', pipeline: buildPipeline([clean, tokens]) });
    const [q, ...rest] = findQuotes(doc, defaultQuoteCues());
    expect(rest).toEqual([]);
    expect(q!.speaker).toBeNull();
    expect(text.slice(q!.speakerSpan!.start, q!.speakerSpan!.end)).toBe('the central bank governor Ana Silva');
    expect(text.slice(q!.cue!.start, q!.cue!.end)).toBe('said');
  });
});

describe('quotes: odd input', () => {
  it.each([
    '“', '« »', '"""', "''''", '“ ” “ ”', '‘’‘’', ': “', 'said: “”', '„“‚‘«»‹›', '“He said,” said. “',
    'According to, “”.', '“A,” “B,” “C,” he said, “D.”\n“E\n“F',
  ])('%j gives valid spans and no error', (text) => {
    const doc = analyzeQuotes(text);
    for (const q of doc.quotes) {
      for (const s of [q, q.cue, q.speakerSpan]) if (s) expect(s.start <= s.end && s.end <= text.length).toBe(true);
    }
  });
});
