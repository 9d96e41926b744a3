import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../core/document.js';
import { fixturePath } from '../../../test/helpers/fixtures.js';
import { main } from '../main.js';
import type { CliIO } from '../io.js';

function fakeIO(stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    write: (c) => void out.push(c),
    error: (l) => void err.push(l),
    stdoutIsTty: false,
    stderrIsTty: false,
    ...(stdin !== undefined ? { stdin: async () => Buffer.from(stdin) } : {}),
  };
  return { io, out, err, lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('casus analyze', () => {
  it('prints one valid document per line, in input order', async () => {
    const t = fakeIO();
    const code = await main(['analyze', fixturePath('wire-story.txt'), fixturePath('corpus.jsonl'), '--format', 'json'], t.io);
    expect(code).toBe(0);
    const docs = t.lines();
    expect(docs.map((d) => (d['source'] as { format: string }).format)).toEqual(['text', 'jsonl', 'jsonl', 'jsonl']);
    for (const d of docs) expect(validateDocument(d)).toEqual([]);
  });

  it('goes on past bad inputs, names each on stderr, and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'junk.bin'), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]));
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"1","text":"Good line. Fine."}\n{oops\n{"id":"3","text":"trunc');
    writeFileSync(join(dir, 'good.txt'), 'The article is fine. It has two sentences.');
    const t = fakeIO();
    const code = await main(['analyze', join(dir, 'empty.txt'), join(dir, 'junk.bin'), join(dir, 'nope.txt'), join(dir, 'bad.jsonl'), join(dir, 'good.txt'), '--format', 'json'], t.io);
    expect(code).toBe(1);
    const lines = t.lines();
    expect(lines).toHaveLength(7);
    expect(lines.map((l) => (l['error'] as { code: string } | undefined)?.code ?? 'doc')).toEqual([
      'E_INPUT_EMPTY', 'E_INPUT_BINARY', 'E_INPUT_NOT_FOUND', 'doc', 'E_JSONL_PARSE', 'E_JSONL_TRUNCATED', 'doc',
    ]);
    expect(t.err.filter((l) => l.startsWith('casus: '))).toHaveLength(5);
    expect(t.err.join('\n')).toMatch(/bad\.jsonl:?.*line 2/);
    expect(t.err.at(-1)).toBe('casus analyze: 2 analysed, 5 failed');
  });

  it('decodes invalid UTF-8 as Latin-1, says so on stderr and on the document, and succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-latin1-'));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 owners protest\n\nThe owners of the caf\xe9s in the old town closed their doors on Monday in protest.', 'latin1'));
    const t = fakeIO();
    expect(await main(['analyze', join(dir, 'latin1.txt'), '--format', 'json'], t.io)).toBe(0);
    expect(t.err[0]).toMatch(/latin1\.txt: warning: not valid UTF-8 \(first bad byte at offset 3\); decoded as Latin-1/);
    const [doc] = t.lines();
    expect(doc!['text']).toMatch(/^Café owners/);
    expect((doc!['issues'] as { code: string }[])[0]!.code).toBe('W_ENCODING');
  });

  it('refuses a 50 MB text with a clear message instead of running out of memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-huge-'));
    const path = join(dir, 'huge.txt');
    writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 'word '));
    const t = fakeIO();
    expect(await main(['analyze', path, '--format', 'json'], t.io)).toBe(1);
    expect(t.err[0]).toMatch(/huge\.txt: 52428800 bytes, over the limit of 20971520 \(raise it with --max-bytes\)/);
  });

  it('reads standard input with -, and applies --published', async () => {
    const t = fakeIO('Talks resume\n\nThe delegations met again in Vienna on Monday and agreed to continue.');
    expect(await main(['analyze', '-', '--published', '2024-03-04'], t.io)).toBe(0);
    const [doc] = t.lines();
    expect((doc!['metadata'] as { published: string }).published).toBe('2024-03-04');
  });

  it('writes a plain report when piped, with title, body and regions', async () => {
    const t = fakeIO();
    await main(['analyze', fixturePath('wire-story.txt'), '--format', 'report'], t.io);
    const report = t.out.join('');
    expect(report).toMatch(/^Harbour strike spreads to three more ports\n/);
    expect(report).toMatch(/Body \(3 paragraphs/);
    expect(report).toMatch(/paywall-notice\s+Subscribe now/);
    expect(report).not.toMatch(/\x1b\[/);
  });

  it('rejects bad options with a usage error', async () => {
    const t = fakeIO();
    expect(await main(['analyze', 'x.txt', '--format', 'xml'], t.io)).toBe(2);
    expect(await main(['analyze', 'x.txt', '--published', 'yesterday'], t.io)).toBe(2);
    expect(await main(['analyse'], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/--format must be json or report[\s\S]*--published must be a date[\s\S]*unknown command "analyse"/);
  });
});
