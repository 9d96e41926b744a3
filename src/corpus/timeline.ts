/**
 * Timelines: an actor's event clusters by day, drawn as month calendars (the number of events
 * on each day) followed by the day-by-day list, for reading an escalation at a glance.
 */
import type { EventCluster } from '../storage/store.js';

export interface TimelineDay { date: string; events: EventCluster[]; goldsteinSum: number }

export function timelineDays(clusters: readonly EventCluster[]): TimelineDay[] {
  const byDay = new Map<string, EventCluster[]>();
  for (const c of clusters) {
    if (!c.dateStart) continue;
    const list = byDay.get(c.dateStart) ?? [];
    list.push(c);
    byDay.set(c.dateStart, list);
  }
  return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, events]) => ({ date, events, goldsteinSum: Math.round(events.reduce((s, e) => s + e.goldstein, 0) * 100) / 100 }));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A month grid, Monday first; a day with events shows its count in brackets. */
export function monthCalendar(year: number, month: number, counts: ReadonlyMap<string, number>): string {
  const first = Date.UTC(year, month - 1, 1);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (new Date(first).getUTCDay() + 6) % 7;
  const out = [`${MONTHS[month - 1]} ${year}`, ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => d.padEnd(5)).join(' ').trimEnd()];
  let row = '      '.repeat(offset);
  for (let d = 1; d <= days; d++) {
    const key = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const n = counts.get(key);
    row += String(d).padStart(2) + (n ? `[${n > 9 ? '+' : n}]` : '   ') + ' ';
    if ((offset + d) % 7 === 0 || d === days) {
      out.push(row.trimEnd());
      row = '';
    }
  }
  return out.join('\n') + '\n';
}

export function formatTimeline(days: readonly TimelineDay[]): string {
  if (days.length === 0) return 'No dated events.\n';
  const counts = new Map(days.map((d) => [d.date, d.events.length]));
  const months = [...new Set(days.map((d) => d.date.slice(0, 7)))];
  let out = months.map((m) => monthCalendar(Number(m.slice(0, 4)), Number(m.slice(5, 7)), counts)).join('\n') + '\n';
  for (const d of days) {
    const weekday = new Date(`${d.date}T00:00:00Z`).toUTCString().slice(0, 3);
    out += `${d.date} ${weekday}  ${d.events.length} event${d.events.length === 1 ? '' : 's'}, Goldstein ${d.goldsteinSum.toFixed(1)}\n`;
    for (const e of d.events) {
      out += `    ${e.sourceCode}→${e.targetCode}  ${e.code} ${e.label}  (${e.reports} report${e.reports === 1 ? '' : 's'})\n`;
    }
  }
  return out;
}
