import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import type { Document, RegionKind } from '../../core/document.js';
import { readFixture } from '../../../test/helpers/fixtures.js';

const regionTexts = (doc: Document, kind: RegionKind) =>
  doc.regions.filter((r) => r.kind === kind).map((r) => doc.text.slice(r.start, r.end));

describe('region classification on a scraped, translated article', () => {
  const doc = analyze(readFixture('../../examples/article.txt'));

  it('finds the title on the first line', () => {
    expect(doc.text.slice(doc.title!.start, doc.title!.end)).toBe('Baltic: Chancellor Weber sets the terms for talks with Minister Okafor');
  });
  it('keeps exactly the prose paragraphs as body, in reading order', () => {
    const body = doc.body.map((s) => doc.text.slice(s.start, s.end));
    expect(body).toHaveLength(5);
    expect(body[0]).toMatch(/^The call between the German/);
    expect(body[4]).toMatch(/^In these talks/);
  });
  it('classifies related links, captions, the heading, the spam footer and the repeated title', () => {
    expect(regionTexts(doc, 'related-link')).toHaveLength(2);
    expect(regionTexts(doc, 'caption')).toHaveLength(4);
    expect(regionTexts(doc, 'heading')).toEqual(['Efforts to sideline the Commission']);
    expect(regionTexts(doc, 'footer')).toEqual(['We would like to say thanks to the author of this article for this incredible content']);
    expect(regionTexts(doc, 'duplicate')).toEqual(['Baltic: Chancellor Weber sets the terms for talks with Minister Okafor']);
  });
  it('says which rule produced each region', () => {
    expect(doc.regions.every((r) => typeof r.rule === 'string' && r.rule.length > 0)).toBe(true);
  });
});

describe('region classification on a wire story', () => {
  const doc = analyze(readFixture('wire-story.txt'));
  it.each<[RegionKind, string]>([
    ['byline', 'By Lena Marsh and Tomas Vidal'],
    ['byline', 'Reporting by Lena Marsh; Editing by Tomas Vidal'],
    ['dateline', 'Published: April 3, 2024 10:15 AM'],
    ['dateline', 'ROTTERDAM, April 3 (Wire) -'],
    ['advertisement', 'Advertisement'],
    ['paywall-notice', 'Subscribe now to continue reading this story. Already a subscriber? Log in.'],
    ['other-boilerplate', 'Share this article'],
    ['footer', '© 2024 Wire News. All rights reserved.'],
  ])('labels %s: %s', (kind, text) => {
    expect(regionTexts(doc, kind)).toContain(text);
  });
  it('starts the first body paragraph after the inline dateline', () => {
    expect(doc.text.slice(doc.body[0]!.start, doc.body[0]!.end)).toMatch(/^Dock workers walked out/);
    expect(doc.body).toHaveLength(3);
  });
});

describe('region classification negative cases', () => {
  it('does not take a one-paragraph story for boilerplate', () => {
    const doc = analyze('The central bank raised its main interest rate by half a point on Thursday, citing stubborn inflation.');
    expect(doc.title).toBeNull();
    expect(doc.body).toHaveLength(1);
  });
  it('does not call a body sentence that mentions subscribers a paywall when it is long prose', () => {
    const text = 'Title line here\n\n' + 'The newspaper said its subscribers only rarely complained, and that the editors had answered every one of the letters they received about the strike, which lasted for more than three weeks in the spring and closed the printing plant twice over two long weekends.';
    const doc = analyze(text);
    expect(doc.body).toHaveLength(1);
  });
  it('does not call a date inside prose a caption', () => {
    const doc = analyze('Talks resume\n\nThe two delegations will meet again in Vienna, the host said, on March 3, 2024.');
    expect(doc.body).toHaveLength(1);
  });
});
