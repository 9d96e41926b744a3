import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { ingest } from './ingest.js';

const dir = mkdtempSync(join(tmpdir(), 'casus-ingest-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingest reads each file once and tells URL lists from texts', () => {
  it('fetches the entries of a URL list (even one over --max-bytes), reads a text that only starts with a URL, and reports a file over the limit', async () => {
    const input = join(dir, 'in');
    mkdirSync(input);
    // Private addresses are refused without --allow-private: the failure names the listed URL, so the list was read as a list.
    writeFileSync(join(input, 'a-list.txt'), '# to fetch: refused as private addresses without --allow-private\nhttp://127.0.0.1:9/one\nhttp://10.0.0.1/two\n');
    writeFileSync(join(input, 'b-text.txt'), 'https://example.org/ says the talks will go on.\nThe ministers met in Geneva on Tuesday.');
    const big = `The ministers met in Geneva. ${'x'.repeat(200)}`;
    writeFileSync(join(input, 'c-big.txt'), big);
    expect(readFileSync(join(input, 'a-list.txt')).length).toBeGreaterThan(100);
    const store = openSqliteStore(':memory:');
    const s = await ingest([input], store, { jobs: 0, maxBytes: 100 });
    expect(s).toMatchObject({ documents: 1, stored: 1, failed: 3 });
    expect(s.failures.map((f) => [f.uri, f.code])).toEqual([
      ['http://127.0.0.1:9/one', 'E_URL_PRIVATE'],
      ['http://10.0.0.1/two', 'E_URL_PRIVATE'],
      [pathToFileURL(join(input, 'c-big.txt')).href, 'E_INPUT_TOO_LARGE'],
    ]);
    expect(s.failures[2]!.message).toBe(`${big.length} bytes, over the limit of 100 (raise it with --max-bytes)`);
    const [doc] = await store.documents();
    expect(doc!.uri).toBe(pathToFileURL(join(input, 'b-text.txt')).href);
    await store.close();
  }, 120_000);

  it('reports a document the store cannot write (rolled back alone, E_STORE) and commits its neighbours', async () => {
    const input = join(dir, 'store-fail');
    mkdirSync(input);
    const texts = ['The ministers met in Geneva on Tuesday.', 'The talks ended without an agreement.', 'Markets barely moved on Wednesday.'];
    texts.forEach((t, i) => writeFileSync(join(input, `${i}.txt`), t));
    const bad = pathToFileURL(join(input, '1.txt')).href;
    const store = openSqliteStore(':memory:', { afterDocumentRow: (d) => { if ((d as { uri?: string }).uri === bad) throw new Error('simulated write failure'); } });
    const s = await ingest([input], store, { jobs: 0 });
    expect(s).toMatchObject({ documents: 3, stored: 2, failed: 1 });
    expect(s.failures).toEqual([{ uri: bad, code: 'E_STORE', message: 'simulated write failure' }]);
    expect((await store.documents()).map((d) => d.uri?.split('/').pop())).toEqual(['0.txt', '2.txt']);
    expect(await store.failures()).toEqual(s.failures);
    expect((await store.stats()).documents).toBe(2);
    await store.close();
  }, 120_000);
});
