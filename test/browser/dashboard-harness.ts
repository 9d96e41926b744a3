/**
 * The browser tests' harness: builds the dashboard with Vite, fills a temporary SQLite store by
 * ingesting the given inputs, serves both with createApp on an ephemeral port, and drives Debian's
 * Chromium through playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { ingest } from '../../src/corpus/ingest.js';
import type { IngestSummary } from '../../src/corpus/ingest.js';
import { createApp, startServer } from '../../src/serve/index.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { ROOT } from '../helpers/fixtures.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const MAX_SHOT_HEIGHT = 2400;

/** Fails (never skips) without the browser: CI installs it in .ci/run. */
export function requireChromium(path = CHROMIUM): void {
  if (!existsSync(path)) {
    throw new Error(`The dashboard's browser tests need Debian's Chromium at ${path}. Install it with ` +
      '`apt-get install -y --no-install-recommends chromium` (with sudo when not root); .ci/run does this in CI.');
  }
}

export interface Dashboard {
  url: string;
  store: Store;
  page: Page;
  ingested: IngestSummary;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  /** GET an API path as JSON (from Node, not the page). */
  api<T>(path: string): Promise<T>;
  /** Opens a hash route and waits until the view says it has rendered. */
  open(hash: string): Promise<void>;
  /** Waits for the current view to finish rendering. */
  ready(view: string): Promise<void>;
  readyOn(page: Page, view: string): Promise<void>;
  /** Another page (its own context); `enforceCsp` keeps the server's Content-Security-Policy on. */
  newPage(enforceCsp: boolean): Promise<Page>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboard(inputs: readonly string[], options: { published?: string; jobs?: number } = {}): Promise<Dashboard> {
  requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'casus-dashboard-'));
  const staticDir = join(dir, 'web');
  let browser: Browser | null = null;
  let store: Store | null = null;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let app: ReturnType<typeof createApp> | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    await app?.close().catch(() => {});
    await store?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
    store = openSqliteStore(join(dir, 'casus.db'));
    const ingested = await ingest(inputs, store, { jobs: options.jobs ?? 0, ...(options.published ? { published: options.published } : {}) });
    app = createApp({ store, staticDir });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const errors: string[] = [];
    const newPage = async (enforceCsp: boolean) => {
      // The main page bypasses the server's Content-Security-Policy so the escaping tests test the
      // dashboard's own code, not CSP (which would block injected handlers anyway).
      const context: BrowserContext = await browser!.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: !enforceCsp });
      const p = await context.newPage();
      p.setDefaultTimeout(15_000);
      p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      p.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      return p;
    };
    const page = await newPage(false);
    const url = server.url;
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A view is ready when it has rendered the route in the address bar (not a previous one).
    const readyOn = async (p: Page, view: string) => {
      await p.waitForFunction((v) => {
        const a = document.getElementById('app');
        return !!a && a.dataset.ready === v && a.dataset.hash === location.hash;
      }, view);
    };
    const ready = (view: string) => readyOn(page, view);
    return {
      url, store, page, ingested, errors, newPage, readyOn,
      async api<T>(path: string): Promise<T> {
        const res = await fetch(`${url}/api/${path}`);
        if (!res.ok) throw new Error(`GET /api/${path}: HTTP ${res.status} ${await res.text()}`);
        return (await res.json()) as T;
      },
      async open(hash: string) {
        const view = hash.replace(/^#\/?/, '').split(/[/?]/)[0]!;
        await page.goto(`${url}/${hash}`);
        await ready(view);
      },
      ready,
      async screenshot(name: string) {
        const path = join(SCREENSHOTS, `${name}.png`);
        // The whole page, but at most MAX_SHOT_HEIGHT pixels: a long timeline would take seconds to encode.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, MAX_SHOT_HEIGHT) } });
        return path;
      },
      close: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
