/**
 * The dashboard in a real browser against the store the issue names: the seed article and the
 * PolNeAR dev texts from ../shared (not committed; skipped with a message when absent, as in CI,
 * where dashboard.test.ts covers every view on invented texts).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { SEED_PATH, SHARED, hasSeed } from '../helpers/fixtures.js';
import { startDashboard } from './dashboard-harness.js';
import type { Dashboard } from './dashboard-harness.js';

const POLNEAR = join(SHARED, 'data', 'polnear');
const DEV_TEXT = join(POLNEAR, 'dev', 'text');
const present = hasSeed && existsSync(DEV_TEXT);
if (!present) console.warn(`[casus tests] ${SEED_PATH} or ${DEV_TEXT} is absent: the dashboard test on the seed and PolNeAR dev is skipped`);

/** PolNeAR dev as JSON Lines with each article's publication date and title from metadata.tsv. */
function polnearDevJsonl(path: string): number {
  const meta = new Map<string, { published: string; title: string }>();
  const [head, ...rows] = readFileSync(join(POLNEAR, 'metadata.tsv'), 'utf8').trim().split('\n');
  const cols = head!.split('\t');
  const col = (name: string) => cols.indexOf(name);
  for (const row of rows) {
    const f = row.split('\t');
    meta.set(f[col('filename')]!, { published: f[col('publication_date')]!, title: f[col('title')]! });
  }
  const files = readdirSync(DEV_TEXT).filter((f) => f.endsWith('.txt')).sort();
  writeFileSync(path, files.map((f) => {
    const m = meta.get(f.replace(/\.txt$/, ''));
    const text = readFileSync(join(DEV_TEXT, f), 'utf8');
    return JSON.stringify({ id: f, text, ...(m && /^\d{4}-\d{2}-\d{2}$/.test(m.published) ? { published: m.published } : {}), ...(m?.title ? { title: m.title } : {}) });
  }).join('\n') + '\n');
  return files.length;
}

describe.skipIf(!present)('dashboard on the seed article and PolNeAR dev (../shared)', () => {
  let d: Dashboard;
  let dir: string;
  let devCount = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casus-dashboard-shared-'));
    devCount = polnearDevJsonl(join(dir, 'polnear-dev.jsonl'));
    d = await startDashboard([SEED_PATH, join(dir, 'polnear-dev.jsonl')], { jobs: 2 });
    console.log(`[dashboard-shared] ingested ${d.ingested.stored} documents in ${d.ingested.elapsedMs} ms`);
  }, 300_000);
  afterAll(async () => {
    await d?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores the seed and every dev article', async () => {
    expect(d.ingested.failed).toBe(0);
    expect(d.ingested.documents).toBe(devCount + 1);
    await d.open('#/documents');
    expect(await d.page.locator('#doc-list tbody tr').count()).toBe(Math.min(50, d.ingested.stored));
    await d.screenshot('shared-documents-list');
  });

  it('(a) shows the seed article with its events at their offsets and explains one', async () => {
    const seedText = readFileSync(SEED_PATH, 'utf8');
    const list = await d.api<{ items: { id: string; uri: string | null }[] }>('documents?limit=500');
    const row = list.items.find((r) => r.uri?.endsWith('seed/article.txt'));
    expect(row).toBeDefined();
    const doc = await d.api<Document>(`documents/${encodeURIComponent(row!.id)}`);
    expect(doc.text.length).toBeGreaterThan(seedText.length / 2);
    expect(doc.events.length).toBeGreaterThan(0);
    await d.open(`#/documents/${encodeURIComponent(doc.id)}`);
    expect(await d.page.locator('#doc-text').textContent()).toBe(doc.text);
    const pairs = await d.page.$$eval('#doc-text [data-event]', (els) => els.map((e) => [e.getAttribute('data-event') ?? '', e.textContent ?? '']));
    const got = new Map<string, string>();
    for (const [k, v] of pairs) got.set(k!, (got.get(k!) ?? '') + v);
    for (const ev of doc.events) expect(got.get(ev.id), ev.id).toBe(doc.text.slice(ev.trigger.start, ev.trigger.end));
    expect(await d.page.locator('#doc-text .bp').count()).toBeGreaterThan(0);
    expect(await d.page.locator('#doc-text [data-quote]').count()).toBeGreaterThan(0);
    const ev = doc.events[0]!;
    await d.page.locator(`#doc-text mark[data-event="${ev.id}"]`).first().click();
    await expect.poll(() => d.page.locator('#detail-code').textContent()).toBe(ev.code);
    await d.screenshot('shared-seed-document');
  });

  it('(b)–(e) timeline, network, dyad and map show data from the corpus', async () => {
    await d.open('#/timeline');
    expect(await d.page.locator('#calendars .cal-day.has-events').count()).toBeGreaterThan(0);
    expect(await d.page.locator('#day-list .cluster').count()).toBeGreaterThan(0);
    await d.screenshot('shared-timeline');
    await d.open('#/network');
    expect(await d.page.locator('#network .node').count()).toBeGreaterThan(1);
    expect(await d.page.locator('#network .edge').count()).toBeGreaterThan(0);
    await d.screenshot('shared-network');
    await d.open('#/dyad');
    expect(await d.page.locator('#dyad-chart .bar-sum').count()).toBeGreaterThan(0);
    await d.screenshot('shared-dyad');
    await d.open('#/map');
    expect(await d.page.locator('#world-map .point').count()).toBeGreaterThan(0);
    await d.screenshot('shared-map');
    expect(d.errors).toEqual([]);
  });
});
