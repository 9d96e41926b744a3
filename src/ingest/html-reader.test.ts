import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import type { Document, RegionKind } from '../core/document.js';
import { readFixture } from '../../test/helpers/fixtures.js';
import { decodeBytes } from './decode.js';
import { readHtml } from './html-reader.js';
import { boilerplateEvidence, contentEvidence } from './html/dom-evidence.js';
import { parseTree } from './html/parse-tree.js';
import type { HtmlElement } from './html/parse-tree.js';
import { readBytes } from './read-inputs.js';

const texts = (doc: Document, kind: RegionKind) => doc.regions.filter((r) => r.kind === kind).map((r) => doc.text.slice(r.start, r.end));
const bodyText = (doc: Document) => doc.body.map((s) => doc.text.slice(s.start, s.end)).join('\n');
const el = (tag: string, names: string, attrs: Record<string, string> = {}): HtmlElement =>
  ({ tag, names, attrs, children: [], parent: null, order: 1, len: 0, good: 0, bad: 0, prose: 0 });

describe('HTML main content: a blog post with comments, sidebar, share bar and cookie banner', () => {
  const doc = analyze(readFixture('html-blog-comments.html'), { format: 'html' });
  const body = bodyText(doc);

  it('keeps the article paragraphs and its list items as body, in order', () => {
    expect(doc.body.length).toBe(7);
    expect(body).toMatch(/^The wooden bridge by the old mill/);
    expect(body).toContain('Width: 2.1 metres');
    expect(body.indexOf('Volunteers')).toBeLessThan(body.indexOf('The new beams'));
  });
  it('leaves the comments, the sidebar, the cookie banner, the navigation and the footer out', () => {
    expect(doc.text).not.toMatch(/grandfather|muddy and dangerous|neighbours who like|We use cookies|Town life|Proudly powered|Market moves/);
  });
  it('labels headings, captions, the share bar and related links from the DOM', () => {
    expect(texts(doc, 'heading')).toEqual(['Oak from the valley']);
    expect(texts(doc, 'caption')).toEqual(['The closed bridge seen from the eastern bank in March.']);
    expect(doc.regions.find((r) => doc.text.slice(r.start, r.end) === 'Twitter')?.rule).toBe('html:share-bar');
    expect(texts(doc, 'related-link')).toContain('Rowing club turns fifty');
    expect(doc.text.slice(doc.title!.start, doc.title!.end)).toBe('Rebuilding the old mill bridge');
  });
  it('names the DOM evidence of every region it labels', () => {
    for (const r of doc.regions.filter((g) => g.kind !== 'title')) expect(r.rule).toMatch(/^html:/);
  });
});

describe('HTML main content: a news page', () => {
  const doc = analyze(readFixture('news-page.html'), { format: 'html' });
  it('finds the headline in the content, the byline and the figure caption', () => {
    expect(doc.regions.find((r) => r.kind === 'title')?.rule).toBe('html:title-heading');
    expect(texts(doc, 'byline')).toEqual(['By Ines Carvalho, May 6, 2024']);
    expect(texts(doc, 'caption')).toEqual(['Warehouses under water in Valmont, May 5, 2024.']);
    expect(doc.body).toHaveLength(4);
  });
});

describe('HTML main content: broken markup in a table layout', () => {
  const doc = analyze(readFixture('html-broken-table-layout.html'), { format: 'html' });
  it('reads unclosed paragraphs and headings, skips the navigation cell and the footer row', () => {
    expect(texts(doc, 'heading')).toEqual(['Neues Feuerwehrhaus eingeweiht']);
    expect(bodyText(doc)).toContain('Kosten: 1,4 Millionen Euro');
    expect(bodyText(doc)).toMatch(/Musikverein Lindenau auf dem Festplatz/);
    expect(doc.text).not.toMatch(/Bauen und Wohnen|Impressum|Startseite/);
  });
});

describe('HTML main content: general rules', () => {
  it('takes an article split over sibling blocks (text, a table, more text) whole', () => {
    const para = (n: number) => `<p>Paragraph ${n} of the report explains, in a full sentence with several clauses, what the inspectors found at the site.</p>`;
    const html = `<html><body><nav><a href="/">Home</a> <a href="/a">Archive</a></nav><div class="wrap">
      <div class="part">${para(1)}${para(2)}${para(3)}</div>
      <div class="facts"><table><tr><td>Inspectors</td><td>12</td></tr><tr><td>Sites</td><td>4</td></tr></table></div>
      <div class="part">${para(4)}${para(5)}</div></div>
      <div class="links"><a href="/1">One story</a> <a href="/2">Another story</a> <a href="/3">A third story</a></div></body></html>`;
    const doc = analyze(html, { format: 'html' });
    const body = bodyText(doc);
    expect(body).toContain('Paragraph 1 of');
    expect(body).toContain('Paragraph 5 of');
    expect(body).toContain('Inspectors');
    expect(doc.text).not.toContain('Another story');
  });
  it('drops hidden elements and labels a short line at the edge of the text as boilerplate', () => {
    const html = `<html><body><article><p>Mehr zum Thema</p>
      <p>Der Stadtrat hat am Dienstag beschlossen, die Brücke über den Kanal bis zum Sommer vollständig zu erneuern.</p>
      <p style="display:none">Versteckter Text, der nie angezeigt wird, auch wenn er lang genug für einen Absatz wäre.</p>
      <p>Die Arbeiten beginnen im März, teilte die Verwaltung mit, und der Verkehr wird über die Nordstraße umgeleitet.</p></article></body></html>`;
    const doc = analyze(html, { format: 'html' });
    expect(doc.text).not.toContain('Versteckter');
    expect(doc.regions.find((r) => doc.text.slice(r.start, r.end) === 'Mehr zum Thema')).toMatchObject({ kind: 'other-boilerplate', rule: 'html:short-outside-prose' });
    expect(doc.body).toHaveLength(2);
  });
  it('labels in-text cues in several languages with the boilerplate patterns, even between paragraphs', () => {
    const p = (t: string) => `<p>${t}</p>`;
    const html = `<html><body><article>${p('El gobierno anunció el martes un plan para reparar las carreteras dañadas por las lluvias del invierno pasado.')}
      ${p('Lea más: Las lluvias dejan cortes en tres provincias')}${p('Foto: Agencia Sur')}
      ${p('Las obras comenzarán en marzo y durarán al menos seis meses, según el ministerio de obras públicas de la región.')}
      ${p('Czytaj też: Nowe drogi w regionie')}${p('Die Arbeiten werden nach Angaben des Ministeriums mindestens sechs Monate dauern und im März beginnen.')}
      ${p('Bei den Links handelt es sich um Affiliate-Links.')}</article></body></html>`;
    const doc = analyze(html, { format: 'html' });
    expect(doc.body).toHaveLength(3);
    expect(texts(doc, 'related-link')).toEqual(['Lea más: Las lluvias dejan cortes en tres provincias', 'Czytaj też: Nowe drogi w regionie']);
    expect(texts(doc, 'caption')).toEqual(['Foto: Agencia Sur']);
    expect(texts(doc, 'advertisement')).toEqual(['Bei den Links handelt es sich um Affiliate-Links.']);
  });
  it('reads class and id names as evidence, ignoring states, taxonomy and BEM modifiers', () => {
    expect(boilerplateEvidence(el('div', 'post-share-bar'))?.rule).toBe('html:share-bar');
    expect(boilerplateEvidence(el('div', 'relatedPosts'))?.kind).toBe('related-link');
    expect(boilerplateEvidence(el('section', 'comments-area'))?.rule).toBe('html:comments');
    expect(boilerplateEvidence(el('div', 'cookie-notice'))?.rule).toBe('html:cookie-banner');
    expect(boilerplateEvidence(el('nav', ''))?.rule).toBe('html:nav');
    expect(boilerplateEvidence(el('div', '', { role: 'navigation' }))?.rule).toBe('html:nav');
    expect(boilerplateEvidence(el('div', 'x', { 'aria-hidden': 'true' }))?.kind).toBe('drop');
    expect(boilerplateEvidence(el('body', 'single has-sidebar tag-sport'))).toBeNull();
    expect(boilerplateEvidence(el('section', 'article-section--ads'))).toBeNull();
    expect(boilerplateEvidence(el('div', 'content paragraph'))).toBeNull();
    expect(contentEvidence(el('div', 'entry-content'))).toBe(2);
    expect(contentEvidence(el('div', '', { itemprop: 'articleBody' }))).toBe(3);
    expect(contentEvidence(el('div', 'sidebar'))).toBe(0);
  });
  it('keeps the metadata the later layers read', () => {
    const raw = readHtml(readFixture('news-page.html'), { format: 'html' });
    expect(raw.metadata.title).toBe('Floods close the river port');
    expect(raw.metadata.canonicalUrl).toBe('https://news.example.org/2024/05/06/floods-river-port');
    expect(raw.metadata.meta?.['author']).toBe('Ines Carvalho');
    expect(raw.metadata.times).toEqual([
      { kind: 'time', datetime: '2024-05-06T08:30:00Z', text: 'May 6, 2024' },
      { kind: 'element', text: 'By Ines Carvalho, May 6, 2024' },
    ]);
    expect(raw.metadata.jsonLd).toHaveLength(1);
  });
  it('collects the date evidence the page furniture carries, with its kind', () => {
    const html = `<html><head><title>Storm hits coast | 02.11.2021</title></head><body>
      <div class="post-meta"><span class="entry-date">5. November 2021</span></div>
      <p>Published on March 3, 2020</p><p>The storm came ashore on a long sentence dated 4 May 2019 that is not a label.</p>
      <span itemprop="datePublished" content="2021-11-05T08:00:00+01:00"></span><abbr class="updated" title="2021-11-07T10:00:00Z">7 Nov</abbr>
      <p>Last modified 2021-11-08</p><script>window.state = {"publishedAt":"2021-11-05T07:00:00Z"};</script>
      <p>Body text of the article, long enough to be read as the page's content by the extractor.</p></body></html>`;
    const kinds = readHtml(html, { format: 'html' }).metadata.times?.map((t) => [t.kind, t.datetime ?? t.text]);
    expect(kinds).toEqual([
      // The dated span and the post-meta block around it (an element counts when it closes).
      ['element', '5. November 2021'], ['element', '5. November 2021'], ['label', 'Published on March 3, 2020'], ['itemprop', '2021-11-05T08:00:00+01:00'],
      ['abbr-modified', '2021-11-07T10:00:00Z'], ['label-modified', 'Last modified 2021-11-08'], ['script', '2021-11-05T07:00:00Z'], ['title', 'Storm hits coast | 02.11.2021'],
    ]);
    const split = `<html><body><ul><li><span>Datum:</span> 26. Januar 2022</li></ul><div class="header-time">Current time: 14.10.2020, 12:18</div>
      <p>Body text of the article, long enough to be read as the page's content by the extractor.</p></body></html>`;
    expect(readHtml(split, { format: 'html' }).metadata.times?.map((t) => [t.kind, t.text])).toEqual([['label', 'Datum: 26. Januar 2022']]);
  });
  it('refuses a page without text with a clear error', () => {
    expect(() => readHtml('<html><head><script>var a = 1;</script></head><body><nav></nav></body></html>', { format: 'html' })).toThrow(/text/i);
  });
});

describe('HTML: encodings, huge and deep pages', () => {
  it('decodes a page in the charset its <meta> declares when it is not UTF-8', () => {
    // "Zażółć gęślą jaźń" in windows-1250, which Latin-1 would turn into other letters.
    const head = Buffer.from('<html><head><meta charset="windows-1250"><title>Test</title></head><body><p>', 'latin1');
    const word = Buffer.from([0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x67, 0xea, 0x9c, 0x6c, 0xb9, 0x20, 0x6a, 0x61, 0x9f, 0xf1]);
    const tail = Buffer.from(' to zdanie zawiera wszystkie polskie litery diakrytyczne i jest dość długie.</p></body></html>', 'latin1');
    const bytes = Buffer.concat([head, word, tail]);
    const d = decodeBytes(bytes);
    expect(d.text).toContain('Zażółć gęślą jaźń');
    expect(d.encoding).toBe('windows-1250');
    expect(d.warning).toMatch(/windows-1250/);
    const [r] = [...readBytes(bytes, 'mem:pl.html', 'html')];
    expect(r?.ok && r.doc.text).toContain('Zażółć gęślą jaźń');
    const http = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Windows-1250"></head><body><p>', 'latin1'), word, tail]);
    expect(decodeBytes(http).text).toContain('Zażółć gęślą jaźń');
  });
  it('trusts valid UTF-8 over a stale Latin-1 declaration', () => {
    const d = decodeBytes(Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>Grüße aus Köln</p></body></html>', 'utf8'));
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('Grüße aus Köln');
  });
  it('survives 100,000 unclosed nested elements without a stack overflow', () => {
    const html = `<html><body>${'<div><span>'.repeat(50_000)}<p>The only paragraph of this page is deep inside a broken tree, but it is still a sentence.</p></body></html>`;
    const tree = parseTree(html);
    expect(tree.root.children.length).toBeGreaterThan(0);
    const doc = readHtml(html, { format: 'html' });
    expect(doc.text).toContain('The only paragraph of this page');
  });
  it('reads a page of several megabytes', () => {
    const para = '<p>This paragraph is repeated many times to make a very large page, and each copy is a sentence.</p>';
    const html = `<html><body><article>${para.repeat(40_000)}</article></body></html>`;
    expect(html.length).toBeGreaterThan(4_000_000);
    const doc = readHtml(html, { format: 'html' });
    expect(doc.knownRegions.filter((r) => r.kind === 'body')).toHaveLength(40_000);
  });
});
