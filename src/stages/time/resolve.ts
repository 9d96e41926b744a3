/**
 * Resolution of calendar points against the reference date and the tense of the clause: a
 * month and day without a year, a bare month or a weekday become the nearest such date in the
 * direction the clause points (past narration looks back, will/next look forward).
 */
import { addDays, addMonths, formatWeek, formatYm, formatYmd, isoWeekday, isValidYmd, toEpochDay } from './calendar.js';
import type { Ymd } from './calendar.js';
import type { Cal, Env, Resolved } from './candidate.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Picks the year for month (and day) so the date falls on the side of ref that tense points to. */
export function chooseYear(ref: Ymd, m: number, d: number | undefined, tense: Env['tense'], certain = false): number {
  const key = (y: number) => (d === undefined ? y * 12 + m : toEpochDay({ y, m, d }));
  const refKey = d === undefined ? ref.y * 12 + ref.m : toEpochDay(ref);
  const years = [ref.y - 1, ref.y, ref.y + 1].filter((y) => d === undefined || isValidYmd(y, m, d));
  let best = ref.y;
  let dist = Infinity;
  for (const y of years) {
    const dd = Math.abs(key(y) - refKey);
    if (dd < dist) { dist = dd; best = y; }
  }
  // Tense only overrides the nearest reading when the reading it points to is also near: cues
  // are light, and news mostly talks about dates close to its own.
  const window = certain ? Infinity : d === undefined ? 8 : 240;
  const fits = (y: number) => (tense === 'past' ? key(y) <= refKey : key(y) >= refKey);
  if (tense && !fits(best)) {
    const alt = years.filter(fits).sort((a, b) => Math.abs(key(a) - refKey) - Math.abs(key(b) - refKey))[0];
    if (alt !== undefined && Math.abs(key(alt) - refKey) <= window) return alt;
  }
  return best;
}

/** The weekday nearest ref in the direction of tense (the same day counts as both). */
export function weekdayFrom(ref: Ymd, wd: number, tense: Env['tense'], defaultBack = true): Ymd {
  const refWd = isoWeekday(ref);
  const back = (refWd - wd + 7) % 7;
  const fwd = (wd - refWd + 7) % 7;
  if (tense === 'future' || (tense === null && !defaultBack)) return addDays(ref, fwd);
  return addDays(ref, -back);
}

function timeSuffix(cal: Cal): string {
  if (cal.hh !== undefined) return `T${pad(cal.hh)}:${pad(cal.mi ?? 0)}`;
  if (cal.part) return `T${cal.part}`;
  return '';
}

/** The TIMEX3 value of a calendar point; null when nothing can be said without a reference date. */
export function resolveCal(cal: Cal, env: Env): Resolved | null {
  const ref = env.ref;
  const hasTime = cal.hh !== undefined || cal.part !== undefined;
  const type = hasTime ? 'TIME' : 'DATE';
  let day: Ymd | null = null;
  if (cal.m !== undefined && cal.d !== undefined) {
    const y = cal.y ?? (ref ? chooseYear(ref, cal.m, cal.d, env.tense, env.pastCertain) : undefined);
    if (y === undefined) return { value: `XXXX-${pad(cal.m)}-${pad(cal.d)}${timeSuffix(cal)}`, type };
    if (!isValidYmd(y, cal.m, cal.d)) return null;
    day = { y, m: cal.m, d: cal.d };
  } else if (cal.m !== undefined) {
    const y = cal.y ?? (ref ? chooseYear(ref, cal.m, undefined, env.tense, env.pastCertain) : undefined);
    return { value: y === undefined ? `XXXX-${pad(cal.m)}` : formatYm(y, cal.m), type: 'DATE' };
  } else if (cal.y !== undefined) {
    return { value: String(cal.y).padStart(4, '0'), type: 'DATE' };
  } else if (cal.dayOffset !== undefined) {
    if (!ref) return null;
    day = addDays(ref, cal.dayOffset);
  } else if (cal.wd !== undefined) {
    if (!ref) return { value: `XXXX-WXX-${cal.wd}${timeSuffix(cal)}`, type };
    day = weekdayFrom(ref, cal.wd, env.tense);
  } else if (hasTime) {
    day = ref ?? null;
    if (!day) return null;
  }
  if (!day) return null;
  return { value: formatYmd(day) + timeSuffix(cal), type };
}

/** Shifts a day by n units (Y M W D Q DE) and formats it at the unit's granularity. */
export function shiftFormat(day: Ymd, unit: string, n: number): string {
  switch (unit) {
    case 'Y': return String(day.y + n);
    case 'DE': return String(Math.floor((day.y + 10 * n) / 10));
    case 'CE': return String(Math.floor((day.y + 100 * n) / 100));
    case 'M': { const t = addMonths(day, n); return formatYm(t.y, t.m); }
    case 'Q': { const t = addMonths(day, 3 * n); return `${t.y}-Q${Math.floor((t.m - 1) / 3) + 1}`; }
    case 'W': return formatWeek(addDays(day, 7 * n));
    case 'WE': return `${formatWeek(addDays(day, 7 * n))}-WE`;
    case 'H': case 'MIN': case 'S': return formatYmd(day);
    default: return formatYmd(addDays(day, n));
  }
}
