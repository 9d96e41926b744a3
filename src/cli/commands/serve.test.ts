import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../corpus/synthetic-documents.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import type { CliIO } from '../io.js';
import { main } from '../main.js';
import { runServe } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-serve-cli-'));
const db = join(dir, 's.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const store = openSqliteStore(db);
  await store.put(syntheticDocument({ title: 'Talks', published: '2022-01-10', sentences: ['Moscow warned Washington about the plan on Monday.', 'Nothing else was said.'],
    events: [{ source: 'RUS', target: 'USA', code: '138', date: '2022-01-10', sentence: 0, goldstein: -6 }] }));
  await store.close();
});

function io() {
  const io = { out: '', err: '', write: (c: string) => { io.out += c; }, error: (l: string) => { io.err += l + '\n'; }, stdoutIsTty: false, stderrIsTty: false };
  return io satisfies CliIO;
}

describe('casus serve', () => {
  it('checks its options before opening anything', async () => {
    for (const args of [['--port', 'x'], ['--port', '70000'], ['--cors', 'not an origin'], ['--token', 'short'], ['--max-body', '0'], ['--db', join(dir, 'missing.db')], ['--nope']]) {
      const o = io();
      expect(await main(['serve', '--db', db, ...args], o), args.join(' ')).toBe(2);
      expect(o.err).toMatch(/casus serve: /);
    }
    const h = io();
    expect(await main(['serve', '--help'], h)).toBe(0);
    expect(h.out).toContain('--token');
  });

  it('binds 127.0.0.1, prints the URL, serves read-only, and stops cleanly on Ctrl-C', async () => {
    const o = io();
    const signals = new EventEmitter();
    const done = runServe(['--db', db, '--port', '0'], o, signals);
    // Up to 30 s: a loaded CI machine can take seconds to import the server's modules.
    for (let i = 0; i < 1200 && !o.out.includes('http://'); i++) await new Promise((r) => setTimeout(r, 25));
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(o.out)?.[0];
    expect(url).toBeDefined();
    expect(o.out).toContain('read-only');
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, write: false, stats: { documents: 1, clusters: 1 } });
    expect((await fetch(`${url}/api/events`)).status).toBe(200);
    signals.emit('SIGINT');
    expect(await done).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    // The store was closed: it opens again for writing.
    const again = openSqliteStore(db);
    expect((await again.stats()).documents).toBe(1);
    await again.close();
  });
});
