import { describe, expect, it } from 'vitest';
import { readBytes } from './read-inputs.js';
import { feedDate, looksLikeFeed, parseFeed, readFeed } from './rss-reader.js';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example wire</title>
<item><title>Ministers meet on grain corridor</title><link>https://wire.example/grain</link>
<pubDate>Tue, 14 Dec 2021 22:30:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>Ministers from both countries met on Tuesday to discuss the grain corridor.</p><p>They agreed to meet again &amp; talk.</p>]]></content:encoded></item>
<item><title>Only a summary</title><link>https://wire.example/summary</link><description>Talks &lt;b&gt;resumed&lt;/b&gt; in the afternoon.</description></item>
<item><title>Empty</title><link>https://wire.example/empty</link></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom example</title>
<entry><title>Parliament votes on budget</title><link rel="alternate" href="https://atom.example/budget"/>
<published>2022-03-01T08:00:00Z</published><summary>The parliament approved the budget by a narrow margin.</summary></entry>
<entry><title type="html">Second</title><link href="https://atom.example/second"/><updated>2022-03-02T08:00:00+02:00</updated>
<content type="html">&lt;p&gt;A second entry with full content about the election.&lt;/p&gt;</content></entry>
</feed>`;

describe('feeds', () => {
  it('reads RSS items with full content, title, link and date; an empty item is a failure', () => {
    const results = [...readFeed(rss, 'file:///feed.rss')];
    expect(results).toHaveLength(3);
    const [a, b, c] = results;
    expect(a!.ok && a!.doc.text).toMatch(/Ministers from both countries met on Tuesday/);
    expect(a!.ok && a!.doc.text).toMatch(/meet again & talk/);
    expect(a!.ok && a!.doc.metadata).toMatchObject({ published: '2021-12-14', canonicalUrl: 'https://wire.example/grain', title: 'Ministers meet on grain corridor' });
    expect(a!.ok && a!.doc.source).toMatchObject({ uri: 'https://wire.example/grain', format: 'rss' });
    expect(b!.ok && b!.doc.text).toMatch(/Talks resumed in the afternoon/);
    expect(c).toMatchObject({ ok: false, failure: { code: 'E_FEED_ITEM_EMPTY' } });
  });

  it('reads Atom entries (summary or content, alternate link, published or updated)', () => {
    const items = parseFeed(atom);
    expect(items.map((i) => i.link)).toEqual(['https://atom.example/budget', 'https://atom.example/second']);
    expect(items.map((i) => i.published)).toEqual(['2022-03-01', '2022-03-02']);
    expect(items[0]!.summaryOnly).toBe(true);
    expect(items[1]!.summaryOnly).toBe(false);
    const docs = [...readFeed(atom, 'file:///a.atom')];
    expect(docs.every((d) => d.ok)).toBe(true);
    expect(docs[1]!.ok && docs[1]!.doc.text).toMatch(/full content about the election/);
  });

  it('routes feeds through readBytes by extension and by content; a broken feed is one failure', () => {
    const bytes = new TextEncoder().encode(rss);
    expect([...readBytes(bytes, 'file:///x.xml', null)].filter((r) => r.ok)).toHaveLength(2);
    expect([...readBytes(bytes, 'file:///x.rss', 'rss')].filter((r) => r.ok)).toHaveLength(2);
    const broken = [...readBytes(new TextEncoder().encode('<?xml version="1.0"?><html><body>no feed</body></html>'), 'file:///y.rss', 'rss')];
    expect(broken).toEqual([{ ok: false, failure: expect.objectContaining({ code: 'E_FEED_PARSE' }) }]);
  });

  it('recognises feeds and feed dates', () => {
    expect(looksLikeFeed(rss)).toBe(true);
    expect(looksLikeFeed(atom)).toBe(true);
    expect(looksLikeFeed('<html><body>rss</body></html>')).toBe(false);
    expect(feedDate('Wed, 02 Oct 2002 13:00:00 GMT')).toBe('2002-10-02');
    expect(feedDate('not a date')).toBeNull();
  });
});
