import { describe, expect, it } from 'vitest';
import { fillPeriods, nextPeriod } from './periods.js';

describe('periods', () => {
  it('steps days, ISO weeks, months and years across their boundaries', () => {
    expect(nextPeriod('2024-02-28')).toBe('2024-02-29');
    expect(nextPeriod('2023-12-31')).toBe('2024-01-01');
    expect(nextPeriod('2020-W53')).toBe('2021-W01');
    expect(nextPeriod('2024-W01')).toBe('2024-W02');
    expect(nextPeriod('2023-12')).toBe('2024-01');
    expect(nextPeriod('2023')).toBe('2024');
    expect(nextPeriod('soon')).toBeNull();
  });

  it('fills the gaps of a series and keeps its rows', () => {
    const rows = [{ period: '2023-03-14', n: 2 }, { period: '2023-03-11', n: 1 }];
    const filled = fillPeriods(rows, (period) => ({ period, n: 0 }));
    expect(filled.map((r) => r.period)).toEqual(['2023-03-11', '2023-03-12', '2023-03-13', '2023-03-14']);
    expect(filled.map((r) => r.n)).toEqual([1, 0, 0, 2]);
  });

  it('gives up filling past the cap', () => {
    const rows = [{ period: '2000-01-01' }, { period: '2023-01-01' }];
    expect(fillPeriods(rows, (period) => ({ period }), 50)).toEqual(rows);
  });
});
