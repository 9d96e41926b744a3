import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HUGE_PAGES_PROLOGUE, launcherHeader, launcherOf, NODE_SHEBANG, setLauncher } from './launcher.js';
import type { MachineFacts } from './launcher.js';

const linux: MachineFacts = { platform: 'linux', glibc: '2.36', transparentHugePages: 'always [madvise] never\n', sh: true };
const dir = mkdtempSync(join(tmpdir(), 'casus-launcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('launcherHeader', () => {
  it('starts Node through sh with huge pages only where malloc can ask for them', () => {
    expect(launcherHeader(linux)).toBe(HUGE_PAGES_PROLOGUE);
    expect(launcherHeader({ ...linux, glibc: '2.40' })).toBe(HUGE_PAGES_PROLOGUE);
  });
  it('keeps the plain node line elsewhere', () => {
    expect(launcherHeader({ ...linux, glibc: '2.34' })).toBe(NODE_SHEBANG); // no hugetlb tunable
    expect(launcherHeader({ ...linux, glibc: undefined })).toBe(NODE_SHEBANG); // musl
    expect(launcherHeader({ ...linux, transparentHugePages: '[always] madvise never' })).toBe(NODE_SHEBANG); // already huge
    expect(launcherHeader({ ...linux, transparentHugePages: 'always madvise [never]' })).toBe(NODE_SHEBANG);
    expect(launcherHeader({ ...linux, transparentHugePages: undefined })).toBe(NODE_SHEBANG);
    expect(launcherHeader({ ...linux, sh: false })).toBe(NODE_SHEBANG);
    expect(launcherHeader({ ...linux, platform: 'darwin', glibc: undefined })).toBe(NODE_SHEBANG);
  });
});

describe('the sh prologue', () => {
  const script = join(dir, 'probe.mjs');
  writeFileSync(script, `${HUGE_PAGES_PROLOGUE}\nconsole.log(process.env.GLIBC_TUNABLES ?? 'unset', process.argv.slice(2).join(','));\n`);
  const env = (extra: Record<string, string>) => {
    const e: Record<string, string | undefined> = { ...process.env, ...extra };
    if (!('GLIBC_TUNABLES' in extra)) delete e.GLIBC_TUNABLES;
    return e;
  };
  it.skipIf(!existsSync('/bin/sh'))('runs the same file under Node with the tunable set and the arguments kept', () => {
    const r = spawnSync('/bin/sh', [script, 'a b', 'c'], { encoding: 'utf8', env: env({}) });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('glibc.malloc.hugetlb=1 a b,c');
  });
  it.skipIf(!existsSync('/bin/sh'))("keeps the user's own tunables", () => {
    const r = spawnSync('/bin/sh', [script], { encoding: 'utf8', env: env({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }) });
    expect(r.stdout.trim()).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
  });
  it('is still a module Node runs directly (the prologue is a string and a comment to it)', () => {
    const r = spawnSync(process.execPath, [script, 'x'], { encoding: 'utf8', env: env({}) });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('unset x');
  });
});

describe('setLauncher', () => {
  it("replaces the entry's node line and makes it executable", () => {
    const entry = join(dir, 'main.js');
    writeFileSync(entry, `${NODE_SHEBANG}\nconsole.log(1);\n`);
    expect(launcherOf(entry)).toBe('node');
    setLauncher(entry, HUGE_PAGES_PROLOGUE);
    expect(launcherOf(entry)).toBe('sh → node with huge pages');
    expect(readFileSync(entry, 'utf8')).toBe(`${HUGE_PAGES_PROLOGUE}\nconsole.log(1);\n`);
    expect(statSync(entry).mode & 0o111).toBe(0o111);
  });
  it('refuses an entry that does not start with the node line (a second run over a built file)', () => {
    const entry = join(dir, 'built.js');
    writeFileSync(entry, `${HUGE_PAGES_PROLOGUE}\nconsole.log(1);\n`);
    expect(() => setLauncher(entry, HUGE_PAGES_PROLOGUE)).toThrow(/does not start with/);
  });
});
