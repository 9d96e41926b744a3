import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBytes, readDeferred, readFileBytes, readInputs, sniffFormat } from './read-inputs.js';
import type { ReadResult } from './raw-document.js';
import { fixturePath } from '../../test/helpers/fixtures.js';

async function collect(inputs: string[], opts = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(inputs, opts)) out.push(r);
  return out;
}

describe('readInputs', () => {
  it('with deferHtml, leaves pages (files, JSON Lines html fields) as markup that readDeferred reads into the same documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-defer-'));
    const page = '<html><head><title>Port reopens</title><meta property="article:published_time" content="2024-05-06"></head><body><article><h1>Port reopens</h1><p>The river port reopened on Monday after the floods, officials said.</p></article></body></html>';
    writeFileSync(join(dir, 'a.jsonl'), JSON.stringify({ id: 'x', html: page, title: 'Given title' }) + '\n' + JSON.stringify({ id: 'y', html: '<html><head></head><body> </body></html>' }) + '\n');
    const inputs = [fixturePath('news-page.html'), join(dir, 'a.jsonl'), fixturePath('wire-story.txt')];
    const now = await collect(inputs);
    const later = await collect(inputs, { deferHtml: true });
    expect(later.map((r) => r.ok && Boolean(r.doc.markup))).toEqual([true, true, true, false]);
    expect(later.map((r) => (r.ok ? readDeferred(r.doc) : r))).toEqual(now);
    // A page without text fails when it is read, as the reader says it: code, line and message.
    const bad = later[2]!;
    const failed = bad.ok ? readDeferred(bad.doc) : null;
    expect(failed).toEqual(now[2]);
    expect(failed).toMatchObject({ ok: false, failure: { code: 'E_HTML_NO_TEXT', source: { line: 2 } } });
    expect(!failed?.ok && failed?.failure.message).toMatch(/^line 2: /);
  });

  it('reads text, HTML and JSON Lines fixtures, keeping HTML metadata', async () => {
    const results = await collect([fixturePath('wire-story.txt'), fixturePath('news-page.html'), fixturePath('corpus.jsonl')]);
    expect(results.map((r) => r.ok && r.doc.source.format)).toEqual(['text', 'html', 'jsonl', 'jsonl', 'jsonl']);
    const html = results[1]!;
    if (!html.ok) throw new Error('html failed');
    expect(html.doc.metadata.canonicalUrl).toBe('https://news.example.org/2024/05/06/floods-river-port');
    expect(html.doc.metadata.meta?.['article:published_time']).toBe('2024-05-06T08:30:00Z');
    expect(html.doc.metadata.jsonLd).toHaveLength(1); // the broken JSON-LD block is skipped
    expect(html.doc.metadata.times?.[0]?.datetime).toBe('2024-05-06T08:30:00Z');
    expect(html.doc.text).not.toMatch(/Most read|Ten recipes|Privacy policy/);
    const first = results[2]!;
    if (!first.ok) throw new Error('jsonl failed');
    expect(first.doc.source).toMatchObject({ id: 'c-1', line: 1 });
    expect(first.doc.metadata).toMatchObject({ published: '2022-03-01', title: 'Ministers meet in Geneva' });
  });

  it('walks a directory recursively in name order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-dir-'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'two.txt'), 'Second article. It has text.');
    writeFileSync(join(dir, 'a.txt'), 'First article. It has text.');
    const results = await collect([dir]);
    expect(results.map((r) => r.ok && r.doc.text)).toEqual(['First article. It has text.', 'Second article. It has text.']);
  });

  it('reads standard input for "-" and sniffs its format', async () => {
    const stdin = async () => Buffer.from('{"id":"s1","text":"From stdin. Really."}\n');
    const results = await collect(['-'], { stdin });
    expect(results).toHaveLength(1);
    expect(results[0]!.ok && results[0]!.doc.source).toMatchObject({ uri: 'stdin:', format: 'jsonl', id: 's1' });
  });

  it('turns every bad input into a failure naming it, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-bad-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'broken.html'), '<html><body><div><p>Unclosed <b>tags and no end');
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2048));
    writeFileSync(join(dir, 'good.txt'), 'A good article. It survives its neighbours.');
    const results = await collect([
      join(dir, 'empty.txt'), join(dir, 'binary.bin'), join(dir, 'missing.txt'), join(dir, 'broken.html'),
      join(dir, 'big.txt'), join(dir, 'good.txt'),
    ], { maxBytes: 1024 });
    const codes = results.map((r) => (r.ok ? 'ok' : r.failure.code));
    expect(codes).toEqual(['E_INPUT_EMPTY', 'E_INPUT_BINARY', 'E_INPUT_NOT_FOUND', 'ok', 'E_INPUT_TOO_LARGE', 'ok']);
    const failures = results.flatMap((r) => (r.ok ? [] : [r.failure]));
    expect(failures.map((f) => f.source.uri.split('/').pop())).toEqual(['empty.txt', 'binary.bin', 'missing.txt', 'big.txt']);
    expect(failures.map((f) => f.message)).toEqual([
      'input is empty', 'input looks binary (NUL byte at offset 4), not text', 'no such file or directory',
      '2048 bytes, over the limit of 1024 (raise it with --max-bytes)',
    ]);
  });

  it('reads a file\'s bytes once, or names it: over the limit (unread), missing, a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casus-bytes-'));
    writeFileSync(join(dir, 'a.txt'), 'Twelve bytes');
    mkdirSync(join(dir, 'sub'));
    const ok = await readFileBytes(join(dir, 'a.txt'), 12);
    expect(ok.ok && Buffer.from(ok.bytes).toString()).toBe('Twelve bytes');
    expect(ok.ok && ok.uri).toMatch(/^file:\/\/.*\/a\.txt$/);
    const results = await Promise.all([readFileBytes(join(dir, 'a.txt'), 11), readFileBytes(join(dir, 'none.txt'), 99), readFileBytes(join(dir, 'sub'), 1e6)]);
    expect(results.map((r) => (r.ok ? 'ok' : r.failure.code))).toEqual(['E_INPUT_TOO_LARGE', 'E_INPUT_NOT_FOUND', 'E_INPUT_UNREADABLE']);
    expect(results.map((r) => (r.ok ? '' : r.failure.source.uri.split('/').pop()))).toEqual(['a.txt', 'none.txt', 'sub']);
  });

  it('reports a JSON Lines line that is not JSON, one without text, and a truncated last line, by line number', () => {
    const jsonl = '{"id":"a","text":"Fine. Really fine."}\nnot json at all\n{"id":"c"}\n{"id":"d","text":"Also fine. Yes."}\n{"id":"e","text":"cut her';
    const results = [...readBytes(Buffer.from(jsonl), 'file:///x.jsonl', 'jsonl')];
    expect(results.map((r) => (r.ok ? `ok:${r.doc.source.line}` : `${r.failure.code}:${r.failure.source.line}`))).toEqual([
      'ok:1', 'E_JSONL_PARSE:2', 'E_JSONL_FIELDS:3', 'ok:4', 'E_JSONL_TRUNCATED:5',
    ]);
  });

  it('decodes Latin-1 input and keeps a warning on the document', () => {
    const [r] = [...readBytes(Buffer.from('Caf\xe9 society. It was nice.', 'latin1'), 'file:///l.txt', 'text')];
    expect(r!.ok && r!.doc.text).toBe('Café society. It was nice.');
    expect(r!.ok && r!.doc.warnings[0]?.code).toBe('W_ENCODING');
  });

  it('sniffs formats from content', () => {
    expect(sniffFormat('<!DOCTYPE html><html></html>')).toBe('html');
    expect(sniffFormat('{"text":"a"}\n')).toBe('jsonl');
    expect(sniffFormat('{not json} but text')).toBe('text');
    expect(sniffFormat('Plain words.')).toBe('text');
  });
});
