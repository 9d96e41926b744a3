import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../corpus/synthetic-documents.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import type { CliIO } from '../io.js';
import { main } from '../main.js';
import { progressLine } from './store-args.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-cli-'));
const db = join(dir, 'q.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const store = openSqliteStore(db);
  const days = ['2021-12-06', '2021-12-08', '2021-12-15', '2021-12-20'];
  for (let i = 0; i < 4; i++) {
    await store.put(syntheticDocument({
      title: `Report ${i}`, published: days[i]!, uri: `https://n${i}.example/r`,
      sentences: [`Moscow ${['warned', 'threatened', 'demanded', 'accused'][i]} Washington about the ${['missile', 'border', 'guarantee', 'exercise'][i]} plan on day ${i}.`,
        i === 2 ? 'Sergei Ryabkov said legal guarantees were needed now.' : `Nothing more about item ${i}.`],
      events: [{ source: 'RUS', target: 'USA', code: ['138', '130', '1056', '112'][i]!, date: days[i]!, sentence: 0, goldstein: [-6, -4, -5, -2][i]! }],
      quotes: i === 2 ? [{ speaker: 'Sergei Ryabkov', sentence: 1 }] : [],
    }));
  }
  await store.close();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { write: (c) => { out += c; }, error: (l) => { err += l + '\n'; }, stdoutIsTty: false, stderrIsTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe('store query commands', () => {
  it('events: filters by actor, target, dates and root; json, csv and table', async () => {
    const r = await run(['events', '--db', db, '--actor', 'RUS', '--target', 'USA', '--from', '2021-12-01', '--to', '2021-12-31', '--root', '13', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((e: { code: string }) => e.code)).toEqual(['138', '130']);
    const csv = await run(['events', '--db', db, '--format', 'csv']);
    expect(csv.out.split('\r\n')[0]).toBe('id,date,source,target,code,label,goldstein,reports,evidence');
    expect(csv.out.trim().split('\r\n')).toHaveLength(5);
    const table = await run(['events', '--db', db, '--format', 'table', '--limit', '1']);
    expect(table.out.split('\n')[0]).toMatch(/^id\s+date\s+source/);
    expect(table.out.trim().split('\n')).toHaveLength(3);
  });
  it('quotes by speaker; search finds bodies and quotes', async () => {
    const q = await run(['quotes', '--db', db, '--speaker', 'ryabkov', '--format', 'json']);
    expect(JSON.parse(q.out)).toEqual([expect.objectContaining({ speaker: 'Sergei Ryabkov', text: 'Sergei Ryabkov said legal guarantees were needed now.' })]);
    const s = await run(['search', 'legal guarantees', '--db', db, '--format', 'json']);
    expect(JSON.parse(s.out).map((h: { where: string }) => h.where).sort()).toEqual(['body', 'quote']);
  });
  it('dyad by week: events, Goldstein sum and mean', async () => {
    const r = await run(['dyad', 'RUS', 'USA', '--by', 'week', '--db', db, '--format', 'csv']);
    expect(r.out.trim().split('\r\n')).toEqual(['week,events,goldstein_sum,goldstein_mean', '2021-W49,2,-10,-5', '2021-W50,1,-5,-5', '2021-W51,1,-2,-2']);
  });
  it('timeline draws a calendar; actors lists coded actors', async () => {
    const t = await run(['timeline', '--actor', 'RUS', '--db', db, '--format', 'table']);
    expect(t.out).toMatch(/December 2021/);
    expect(t.out).toMatch(/^ 6\[1\]  7 {5}8\[1\]  9 /m);
    expect(t.out).toMatch(/2021-12-15 Wed {2}1 event/);
    const a = await run(['actors', '--db', db, '--format', 'json']);
    expect(JSON.parse(a.out).find((x: { code: string }) => x.code === 'RUS')).toMatchObject({ documents: 4, asSource: 4, asTarget: 0 });
  });
  it('export writes CSV, ICS, GeoJSON and JSONL, to stdout or --out', async () => {
    const out = join(dir, 'e.ics');
    expect((await run(['export', 'ics', '--db', db, '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8').match(/BEGIN:VEVENT/g)).toHaveLength(4);
    const csv = await run(['export', 'csv', '--db', db]);
    expect(csv.out.trim().split('\r\n')).toHaveLength(5);
    expect(JSON.parse((await run(['export', 'geojson', '--db', db])).out).type).toBe('FeatureCollection');
    expect((await run(['export', 'jsonl', '--db', db, '--actor', 'RUS', '--root', '10'])).out.trim().split('\n')).toHaveLength(1);
  });
  it('rejects bad arguments and a missing store with a usage error', async () => {
    expect((await run(['events', '--db', join(dir, 'none.db')])).err).toMatch(/no store at/);
    expect((await run(['events', '--db', db, '--from', '12/01/2021'])).code).toBe(2);
    expect((await run(['events', '--db', db, '--format', 'xml'])).code).toBe(2);
    expect((await run(['dyad', 'RUS', '--db', db])).code).toBe(2);
    expect((await run(['export', 'pdf', '--db', db])).code).toBe(2);
    expect((await run(['ingest'])).code).toBe(2);
  });
});

describe('ingest progress line', () => {
  it('shows the bar, the rate and an ETA from the pace so far', () => {
    const line = progressLine({ inputsDone: 25, inputsTotal: 100, documents: 50, stored: 48, failed: 2, elapsedMs: 10_000 }, 20);
    expect(line).toBe('[#####---------------] 25/100 inputs  50 docs  5.0 docs/s  ETA 0:30  stored 48  failed 2');
    expect(progressLine({ inputsDone: 0, inputsTotal: 3, documents: 0, stored: 0, failed: 0, elapsedMs: 0 }, 4)).toMatch(/ETA --:--/);
  });
});
