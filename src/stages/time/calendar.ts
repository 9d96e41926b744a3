/**
 * Calendar arithmetic on plain year/month/day triples (UTC, proleptic Gregorian): weekdays, ISO
 * weeks, shifting by units, and formatting as TIMEX3 values. No Date objects leak out.
 */

export interface Ymd { y: number; m: number; d: number }

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function toEpochDay(t: Ymd): number {
  return Math.floor(Date.UTC(t.y, t.m - 1, t.d) / 86_400_000);
}

export function fromEpochDay(n: number): Ymd {
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** 1 = Monday … 7 = Sunday, as in ISO 8601 and TIMEX3 (XXXX-WXX-1 is Monday). */
export function isoWeekday(t: Ymd): number {
  const w = new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function addDays(t: Ymd, n: number): Ymd {
  return fromEpochDay(toEpochDay(t) + n);
}

/** Adds months, clamping the day to the target month's length. */
export function addMonths(t: Ymd, n: number): Ymd {
  const idx = t.y * 12 + (t.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = (idx % 12 + 12) % 12 + 1;
  return { y, m, d: Math.min(t.d, daysInMonth(y, m)) };
}

/** ISO week-numbering year and week of a day. */
export function isoWeek(t: Ymd): { year: number; week: number } {
  const wd = isoWeekday(t);
  const thursday = addDays(t, 4 - wd);
  const jan1 = toEpochDay({ y: thursday.y, m: 1, d: 1 });
  return { year: thursday.y, week: Math.floor((toEpochDay(thursday) - jan1) / 7) + 1 };
}

export function formatYmd(t: Ymd): string {
  return `${pad(t.y, 4)}-${pad(t.m)}-${pad(t.d)}`;
}
export function formatYm(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}
export function formatWeek(t: Ymd): string {
  const { year, week } = isoWeek(t);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Parses the date part of an ISO-like string (YYYY-MM-DD…); null when it is not one. */
export function parseYmd(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (!m) return null;
  const t = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidYmd(t.y, t.m, t.d) ? t : null;
}

/** The n-th (1-based) given ISO weekday of a month; n = -1 for the last one. */
export function nthWeekday(y: number, m: number, weekday: number, n: number): Ymd {
  if (n > 0) {
    const first = isoWeekday({ y, m, d: 1 });
    return { y, m, d: 1 + ((weekday - first + 7) % 7) + (n - 1) * 7 };
  }
  const lastDay = daysInMonth(y, m);
  const last = isoWeekday({ y, m, d: lastDay });
  return { y, m, d: lastDay - ((last - weekday + 7) % 7) };
}

/** Easter Sunday of a year (Gregorian computus, the anonymous algorithm of Meeus). */
export function easterSunday(y: number): Ymd {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}
