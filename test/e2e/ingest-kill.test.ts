/**
 * Crash safety with a real process: `casus ingest` of a 1,000-document mixed corpus killed with
 * SIGKILL half-way, then run again,
 * ends in exactly the state of an uninterrupted run, with nothing half-written after the kill.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
import { writeMixedCorpus } from '../helpers/mixed-corpus.js';
import { halfWritten, storeSnapshot } from '../helpers/store-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const casus = (args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

const exited = (p: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.on('exit', (code, signal) => r({ code, signal })));

function storedCount(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // created but not yet migrated
  }
}

describe('casus ingest killed with SIGKILL', () => {
  it('resumes to the same state as an uninterrupted run', async () => {
    const input = join(dir, 'in');
    const corpus = writeMixedCorpus(input, { text: 600, html: 200, jsonl: 150, copies: 50, seed: 9 });
    const full = join(dir, 'full.db');
    const killed = join(dir, 'killed.db');

    const reference = exited(casus(['ingest', input, '--db', full, '--jobs', '1']));
    const victim = casus(['ingest', input, '--db', killed, '--jobs', '1']);
    const victimExit = exited(victim);
    let atKill = 0;
    while (atKill < corpus.good / 2) {
      await new Promise((r) => setTimeout(r, 50));
      atKill = storedCount(killed);
      if (victim.exitCode !== null) break;
    }
    victim.kill('SIGKILL');
    expect((await victimExit).signal).toBe('SIGKILL');
    const afterKill = storedCount(killed);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(corpus.good);
    expect(halfWritten(killed)).toEqual([]);

    const resumed = await exited(casus(['ingest', input, '--db', killed, '--jobs', '1']));
    expect(resumed.code).toBe(1); // the unreadable inputs are still reported
    expect((await reference).code).toBe(1);

    const a = storeSnapshot(full);
    const b = storeSnapshot(killed);
    expect((a.documents as unknown[]).length).toBe(corpus.good);
    expect(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.length]))).toEqual(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.length])));
    expect(b).toEqual(a);
  }, 600_000);
});
