/**
 * The dashboard in a real browser (Debian's Chromium) against a store built from Casus's own
 * invented texts, so it runs everywhere, CI included: each of the five views shows real data,
 * event highlights match their offsets, and hostile article text stays text.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { ROOT, fixturePath } from '../helpers/fixtures.js';
import { requireChromium, startDashboard } from './dashboard-harness.js';
import type { Dashboard } from './dashboard-harness.js';

const here = (name: string) => join(ROOT, 'test', 'browser', 'fixtures', name);
const INPUTS = [
  join(ROOT, 'examples', 'article.txt'),
  fixturePath('wire-story.txt'),
  fixturePath('corpus.jsonl'),
  fixturePath('news-page.html'),
  here('port-dispute.jsonl'),
  here('hostile-article.txt'),
  here('hostile-feed.jsonl'),
];

interface Page<T> { items: T[]; total: number }
interface DocRow { id: string; title: string | null; uri: string | null }

let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard(INPUTS);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

/** The stored document whose text contains `needle`. */
async function docWith(needle: string): Promise<Document> {
  const list = await d.api<Page<DocRow>>('documents?limit=500');
  for (const row of list.items) {
    const doc = await d.api<Document>(`documents/${encodeURIComponent(row.id)}`);
    if (doc.text.includes(needle)) return doc;
  }
  throw new Error(`no stored document contains ${needle}`);
}

/** Each highlighted span's pieces in the page, joined in document order, by attribute value. */
async function piecesBy(attr: string): Promise<Map<string, string>> {
  const pairs = await d.page.$$eval(`#doc-text [${attr}]`, (els, a) => els.map((e) => [e.getAttribute(a) ?? '', e.textContent ?? '']), attr);
  const out = new Map<string, string>();
  for (const [k, v] of pairs) out.set(k!, (out.get(k!) ?? '') + v);
  return out;
}

describe('dashboard on the invented corpus', () => {
  it('ingested every input', () => {
    expect(d.ingested.failed).toBe(0);
    expect(d.ingested.stored).toBeGreaterThanOrEqual(10);
  });

  it('(a) lists the documents and opens one', async () => {
    const list = await d.api<Page<DocRow>>('documents?limit=500');
    await d.open('#/documents');
    const rows = d.page.locator('#doc-list tbody tr');
    expect(await rows.count()).toBe(Math.min(50, list.total));
    await d.screenshot('documents-list');
    const doc = await docWith('Lagos port dispute');
    await d.page.locator('#doc-list a.doc-link', { hasText: 'Nigeria seizes containers in Lagos port dispute' }).click();
    await d.ready('documents');
    expect(await d.page.locator('h1.doc-title').textContent()).toBe('Nigeria seizes containers in Lagos port dispute');
    expect(await d.page.locator('#doc-text').textContent()).toBe(doc.text);
  });

  it('(a) highlights every event, entity, date and quote at its offsets, and explains an event on click', async () => {
    const doc = await docWith('Chancellor Weber sets the terms');
    expect(doc.events.length).toBeGreaterThan(0);
    await d.open(`#/documents/${encodeURIComponent(doc.id)}`);
    // The whole text once, in order, whatever the nesting and splitting of overlapping spans.
    expect(await d.page.locator('#doc-text').textContent()).toBe(doc.text);
    const events = await piecesBy('data-event');
    for (const ev of doc.events) expect(events.get(ev.id), ev.id).toBe(doc.text.slice(ev.trigger.start, ev.trigger.end));
    const starts = await d.page.$$eval('#doc-text mark[data-event]:not(.cont)', (els) => els.map((e) => [e.getAttribute('data-event'), Number(e.getAttribute('data-start')), Number(e.getAttribute('data-end'))] as const));
    for (const [id, s, e] of starts) {
      const ev = doc.events.find((x) => x.id === id)!;
      expect([s, e]).toEqual([ev.trigger.start, ev.trigger.end]);
    }
    const times = await d.page.locator('#doc-text .time').count();
    expect(times).toBeGreaterThanOrEqual(doc.times.filter((t) => t.end > t.start).length);
    const entityPieces = await d.page.$$eval('#doc-text [data-entity]', (els) => els.map((e) => e.textContent ?? ''));
    const mentionTexts = new Set(doc.entities.flatMap((e) => e.mentions.map((m) => doc.text.slice(m.start, m.end))));
    for (const t of entityPieces) expect([...mentionTexts].some((m) => m.includes(t)), t).toBe(true);
    // Quotes carry their speaker on hover.
    const quoteTitles = await d.page.$$eval('#doc-text [data-quote]', (els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(quoteTitles.length).toBeGreaterThan(0);
    for (const t of quoteTitles) expect(t).toMatch(/speaker: /);
    // Boilerplate (captions, related links, the footer) is greyed.
    const boilerplate = await d.page.$$eval('#doc-text .bp', (els) => els.map((e) => e.getAttribute('data-region')));
    expect(new Set(boilerplate)).toEqual(new Set(doc.regions.map((r) => r.kind).filter((k) => !['title', 'heading', 'body'].includes(k))));

    const target = doc.events.find((e) => e.source && e.target) ?? doc.events[0]!;
    await d.page.locator(`#doc-text mark[data-event="${target.id}"]`).first().click();
    const detail = d.page.locator('#detail');
    await expect.poll(() => detail.locator('#detail-code').textContent()).toBe(target.code);
    expect(await detail.locator('#detail-code').textContent()).toMatch(/^\d{3,4}$/);
    expect(await detail.locator('[data-field="modality"]').textContent()).toBe(target.modality);
    expect(await detail.locator('[data-field="why"]').textContent()).toBe(target.why);
    expect(await detail.locator('[data-field="source"]').textContent()).toContain(target.source!.code);
    expect(await d.page.locator('#doc-text mark.selected').count()).toBeGreaterThan(0);
    expect(d.page.url()).toContain(`event=${target.id}`);
    await d.screenshot('document-event');
    // Each layer can be switched off and on again.
    const toggle = d.page.locator('input[data-layer="boilerplate"]');
    await toggle.uncheck();
    expect(await d.page.locator('#doc-text').getAttribute('class')).toContain('hide-boilerplate');
    await toggle.check();
    expect(await d.page.locator('#doc-text').getAttribute('class')).not.toContain('hide-boilerplate');
  });

  it('(b) shows event clusters on a calendar, filtered by dyad', async () => {
    await d.open('#/timeline');
    expect(await d.page.locator('#calendars .cal-day.has-events').count()).toBeGreaterThan(0);
    const all = await d.page.locator('#day-list .cluster').count();
    expect(all).toBeGreaterThan(0);
    await d.screenshot('timeline');
    await d.page.locator('form[data-filters="timeline"] input[name="actor"]').fill('DEU');
    await d.page.locator('form[data-filters="timeline"] input[name="target"]').fill('NGA');
    await d.page.locator('form[data-filters="timeline"] button[type="submit"]').click();
    await d.ready('timeline');
    expect(d.page.url()).toContain('actor=DEU');
    const dyads = await d.page.locator('#day-list .cluster .dyad').allTextContents();
    expect(dyads.length).toBeGreaterThan(0);
    expect(dyads.length).toBeLessThanOrEqual(all);
    for (const t of dyads) expect(t).toMatch(/^(DEU\S* .*→ NGA|NGA\S* .*→ DEU)/);
  });

  it('(c) draws the actor network, edges coloured by quad class', async () => {
    const net = await d.api<{ nodes: unknown[]; edges: { source: string; target: string; dominantQuad: number }[] }>('network');
    await d.open('#/network');
    const nodes = await d.page.locator('#network .node').count();
    const edges = await d.page.locator('#network .edge').count();
    expect(nodes).toBeGreaterThan(0);
    expect(edges).toBeGreaterThan(0);
    expect(edges).toBe(net.edges.filter((e) => e.source !== e.target).length);
    const quads = await d.page.$$eval('#network .edge', (els) => els.map((e) => e.getAttribute('class')));
    for (const c of quads) expect(c).toMatch(/quad[1-4]/);
    await d.screenshot('network');
    await d.page.locator('#network .node').first().click();
    await d.ready('timeline');
    expect(d.page.url()).toMatch(/#\/timeline\?actor=/);
    expect(await d.page.locator('#day-list .cluster').count()).toBeGreaterThan(0);
  });

  it('(d) charts a dyad\'s Goldstein scores and event counts', async () => {
    const series = await d.api<{ items: { period: string; events: number }[] }>('dyad?a=DEU&b=NGA&by=week');
    expect(series.items.length).toBeGreaterThan(0);
    await d.open('#/dyad?a=DEU&b=NGA&by=week');
    expect(await d.page.locator('#dyad-chart .bar-sum').count()).toBe(series.items.filter((r) => r.events > 0).length);
    expect(await d.page.locator('#dyad-chart .bar-count').count()).toBe(series.items.filter((r) => r.events > 0).length);
    await d.screenshot('dyad');
    // Without a dyad the view picks the busiest pair; with one actor, that actor's busiest pair.
    await d.open('#/dyad');
    expect(await d.page.locator('#dyad-chart .bar-sum').count()).toBeGreaterThan(0);
    await d.open('#/dyad?a=NGA');
    expect(await d.page.locator('form[data-filters="dyad"] input[name="a"]').inputValue()).toBe('NGA');
    expect(await d.page.locator('form[data-filters="dyad"] input[name="b"]').inputValue()).not.toBe('');
    expect(await d.page.locator('#dyad-chart .bar-sum').count()).toBeGreaterThan(0);
  });

  it('(e) maps located events on the bundled world', async () => {
    const fc = await d.api<{ features: { geometry: { coordinates: [number, number] } }[] }>('map');
    expect(fc.features.length).toBeGreaterThan(0);
    const spots = new Set(fc.features.map((f) => f.geometry.coordinates.map((c) => c.toFixed(3)).join(',')));
    await d.open('#/map');
    expect(await d.page.locator('#world-map .land path').count()).toBeGreaterThan(150);
    expect(await d.page.locator('#world-map .point').count()).toBe(spots.size);
    const perPoint = await d.page.$$eval('#world-map .point', (els) => els.map((e) => Number(e.getAttribute('data-events'))));
    expect(perPoint.reduce((a, b) => a + b, 0)).toBe(fc.features.length);
    // The last point is drawn on top: nothing covers it.
    const point = d.page.locator('#world-map .point').last();
    await point.hover();
    await expect.poll(() => d.page.locator('#map-tooltip').isVisible()).toBe(true);
    expect(await d.page.locator('#map-tooltip').textContent()).toMatch(/\d+ events?\n\d{2,4} /);
    await point.click();
    const codes = await d.page.locator('#map-detail .cameo').allTextContents();
    expect(codes.length).toBe(perPoint[perPoint.length - 1]);
    for (const c of codes) expect(c).toMatch(/^\d{2,4}$/);
    // Each event's reports link to their documents, with the event selected there.
    const report = d.page.locator('#map-detail a[data-doc]').first();
    await report.waitFor();
    await d.screenshot('map');
    await report.click();
    await d.ready('documents');
    expect(d.page.url()).toMatch(/#\/documents\/[^?]+\?event=/);
    expect(await d.page.locator('#detail-code').textContent()).toMatch(/^\d{2,4}$/);
  });

  it('shows hostile article text literally and runs none of it', async () => {
    const doc = await docWith('window.__pwned');
    await d.open(`#/documents/${encodeURIComponent(doc.id)}`);
    expect(await d.page.evaluate('window.__pwned')).toBeUndefined();
    const text = await d.page.locator('#doc-text').textContent();
    expect(text).toBe(doc.text);
    expect(text).toContain('<script>window.__pwned=1</script>');
    expect(text).toContain('"><img src=x onerror=window.__pwned=1>');
    expect(await d.page.locator('h1.doc-title').textContent()).toContain('<script>');
    expect(await d.page.locator('#doc-text script, #doc-text img, #doc-text svg, #doc-text a, #doc-text b').count()).toBe(0);
    // Every event of the hostile text opens its panel safely.
    for (const ev of doc.events) {
      await d.page.locator(`#doc-text mark[data-event="${ev.id}"]`).first().click();
      await expect.poll(() => d.page.locator('#detail-code').textContent()).toBe(ev.code);
    }
    await d.screenshot('hostile-document');
    // The same text through the list, the search snippets and the timeline.
    await d.open('#/documents');
    expect(await d.page.locator('#doc-list').textContent()).toContain('<script>window.__pwned=1</script>');
    await d.open('#/documents?q=pwned');
    expect(await d.page.locator('.hits').textContent()).toContain('__pwned');
    await d.open('#/timeline');
    expect(await d.page.evaluate('window.__pwned')).toBeUndefined();
    expect(await d.page.locator('main img, main script').count()).toBe(0);
    // A feed item whose title is markup and whose URL is javascript:.
    const feed = await docWith('<iframe src=javascript:');
    await d.open(`#/documents/${encodeURIComponent(feed.id)}`);
    expect(await d.page.locator('h1.doc-title').textContent()).toBe('<img src=x onerror=window.__pwned=1> Minister resigns');
    expect(await d.page.locator('#doc-text').textContent()).toBe(feed.text);
    expect(await d.page.locator('main img, main iframe, main script').count()).toBe(0);
    expect(await d.page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await d.page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('works under the server\'s Content-Security-Policy (no inline script or style, no eval)', async () => {
    const page = await d.newPage(true);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto(`${d.url}/#/documents`);
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    for (const view of ['documents', 'timeline', 'network', 'dyad', 'map']) {
      await page.goto(`${d.url}/#/${view}`);
      await d.readyOn(page, view);
      expect(await page.locator('main .note-error').count(), view).toBe(0);
    }
    expect(await page.locator('#world-map .point').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('fails with the install command, rather than skipping, when Chromium is missing', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(/apt-get install -y --no-install-recommends chromium/);
  });

  it('raised no page or console errors', () => {
    expect(d.errors).toEqual([]);
  });
});
