/**
 * Calendar periods as the API names them (YYYY-MM-DD, YYYY-Www ISO week, YYYY-MM, YYYY): the
 * next period, and a series with its empty periods filled in so a chart's x axis is time.
 */

const DAY = 86_400_000;

function isoWeek(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = ms - day * DAY + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function weekMonday(period: string): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!m) return null;
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (Number(m[2]) - 1) * 7 * DAY;
}

/** The period after `p`, or null when `p` is not a period. */
export function nextPeriod(p: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(p)) return new Date(Date.parse(`${p}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  const monday = weekMonday(p);
  if (monday !== null) return isoWeek(monday + 7 * DAY);
  let m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  m = /^(\d{4})$/.exec(p);
  return m ? String(Number(m[1]) + 1) : null;
}

/**
 * The series from its first to its last period with the missing periods as `empty(period)`;
 * left as it is when filling would take more than `max` periods or a period is unknown.
 */
export function fillPeriods<T extends { period: string }>(rows: readonly T[], empty: (period: string) => T, max = 400): T[] {
  if (rows.length < 2) return [...rows];
  const sorted = [...rows].sort((a, b) => (a.period < b.period ? -1 : 1));
  const byPeriod = new Map(sorted.map((r) => [r.period, r]));
  const last = sorted[sorted.length - 1]!.period;
  const out: T[] = [];
  for (let p: string | null = sorted[0]!.period; p !== null; p = nextPeriod(p)) {
    out.push(byPeriod.get(p) ?? empty(p));
    if (p >= last) return out;
    if (out.length > max) break;
  }
  return sorted;
}
