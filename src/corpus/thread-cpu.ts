/**
 * CPU time used by the calling thread (not the whole process), read from Linux's
 * /proc/thread-self/stat; null elsewhere. The benchmark uses it to time analysis workers.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime: 100 on every Linux Node supports. */
const TICKS = 100;

export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime and stime are
    // the 14th and 15th fields overall, i.e. the 12th and 13th after the closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
  } catch {
    return null;
  }
}
