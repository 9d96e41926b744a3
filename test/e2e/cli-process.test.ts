/** The real casus process: stdin, exit codes and a clean stdout when some inputs fail. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, fixturePath } from '../helpers/fixtures.js';

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });

describe('casus as a process', () => {
  it('analyses stdin and the example, one JSON line each, exit 0', () => {
    const r = run(['analyze', '-', 'examples/article.txt', '--format', 'json'], '{"id":"p1","text":"A short piece. With two sentences."}\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.source.id ?? l.source.uri.split('/').pop())).toEqual(['p1', 'article.txt']);
  });
  it('writes the same lines in the same order with --jobs 2 (worker threads) as in one thread', () => {
    const inputs = [fixturePath('corpus.jsonl'), 'no/such/file.txt', fixturePath('wire-story.txt'), fixturePath('news-page.html'), '--format', 'json', '--published', '2021-12-29'];
    const one = run(['analyze', ...inputs]);
    const two = run(['analyze', ...inputs, '--jobs', '2']);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const lines = one.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.filter((l) => l.includes('"E_NOT_FOUND"') || l.includes('"error"'))).toHaveLength(1);
    expect(two.stderr).toMatch(/no\/such\/file\.txt: no such file or directory/);
  });
  it('refuses --jobs that is not a positive whole number', () => {
    expect(run(['analyze', fixturePath('wire-story.txt'), '--jobs', '0']).status).toBe(2);
  });
  it('exits 1 when an input is missing, still printing the others', () => {
    const r = run(['analyze', 'no/such/file.txt', fixturePath('wire-story.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no\/such\/file\.txt: no such file or directory/);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});
