/**
 * The first lines of the built `casus` command (dist/cli/main.js), chosen by `npm run build` for
 * the machine it runs on: where it pays, a two-line sh prologue that starts Node with huge pages.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** What decides the prologue: read from the machine by `machineFacts`, passed in by tests. */
export interface MachineFacts {
  platform: NodeJS.Platform;
  /** glibc's version ("2.36"), undefined under musl or off Linux. */
  glibc: string | undefined;
  /** The contents of /sys/kernel/mm/transparent_hugepage/enabled, e.g. "always [madvise] never". */
  transparentHugePages: string | undefined;
  /** Whether /bin/sh exists. */
  sh: boolean;
}

export const NODE_SHEBANG = '#!/usr/bin/env node';
/** glibc's malloc: back large allocations with transparent huge pages (madvise), glibc ≥ 2.35. */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/**
 * A file that is both a shell script and an ES module: sh runs line 2, which starts Node on this
 * same file with glibc's malloc asking for transparent huge pages; Node skips line 1 (a hashbang)
 * and reads line 2 as a string and a comment. `"$0"` is the path sh was given (npm's bin link
 * too: Node follows the link). A GLIBC_TUNABLES the user set is kept, ours appended.
 */
export const HUGE_PAGES_PROLOGUE = [
  '#!/bin/sh',
  `":" //; GLIBC_TUNABLES="\${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}${HUGE_PAGES_TUNABLE}" exec node "$0" "$@"`,
].join('\n');

/** The environment the prologue gives Node: for a process started without it (the bench's breakdown). */
export function withHugePages(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GLIBC_TUNABLES: env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE };
}

/**
 * The built command's first line(s). A cold `casus analyze` reads ~40 MB of start-up caches into
 * fresh buffers, one page fault per 4 KiB page; on a VM a fault costs ~10-15 µs, so that was
 * ~130 ms of system time before any work. With glibc ≥ 2.35 (the `hugetlb` tunable) and the
 * kernel's huge pages in `madvise` mode, malloc backs those buffers with 2 MiB pages instead
 * (measured here: 28k → 18k minor faults, 0.40 → 0.27 s system time). Elsewhere (huge pages
 * `always` or `never`, musl, macOS, Windows, no /bin/sh) it changes nothing, so the plain
 * `env node` line is kept, which every platform's npm bin shims understand.
 */
export function launcherHeader(m: MachineFacts): string {
  const [major = 0, minor = 0] = (m.glibc ?? '').split('.').map(Number);
  const hugetlb = major > 2 || (major === 2 && minor >= 35);
  const madvise = /\[madvise\]/.test(m.transparentHugePages ?? '');
  return m.platform === 'linux' && hugetlb && madvise && m.sh ? HUGE_PAGES_PROLOGUE : NODE_SHEBANG;
}

/** The facts of this machine. */
export function machineFacts(): MachineFacts {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  let transparentHugePages: string | undefined;
  try {
    transparentHugePages = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
  } catch {
    transparentHugePages = undefined;
  }
  return { platform: process.platform, glibc: report?.header?.glibcVersionRuntime, transparentHugePages, sh: existsSync('/bin/sh') };
}

/** Puts `header` in place of the built entry's `#!/usr/bin/env node` line and makes it executable. */
export function setLauncher(entry: string, header: string): void {
  const code = readFileSync(entry, 'utf8');
  if (!code.startsWith(`${NODE_SHEBANG}\n`)) throw new Error(`${entry} does not start with ${NODE_SHEBANG}`);
  writeFileSync(entry, header + code.slice(NODE_SHEBANG.length));
  chmodSync(entry, 0o755);
}

/** Which launcher a built entry starts with, as reports name it. */
export function launcherOf(entry: string): 'sh → node with huge pages' | 'node' {
  return readFileSync(entry, 'utf8').startsWith(HUGE_PAGES_PROLOGUE) ? 'sh → node with huge pages' : 'node';
}
