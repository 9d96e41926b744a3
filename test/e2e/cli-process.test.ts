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
  it('exits 1 when an input is missing, still printing the others', () => {
    const r = run(['analyze', 'no/such/file.txt', fixturePath('wire-story.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no\/such\/file\.txt: no such file or directory/);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});
