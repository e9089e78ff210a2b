import { describe, expect, it } from 'vitest';
import type { CodedColumn } from '../table/column';
import { subgroupPerformance } from './subgroups';
import { performance } from './bootstrap';

function coded(values: (string | null)[]): CodedColumn {
  const levels: string[] = [];
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : levels.includes(v) ? levels.indexOf(v) : levels.push(v) - 1));
  return { storage: 'coded', name: 'sex', type: 'categorical', codes, levels };
}

describe('subgroupPerformance', () => {
  const n = 120;
  const values = Array.from({ length: n }, (_, i) => (i < 3 ? 'X' : i < 6 ? null : i % 2 ? 'F' : 'M'));
  const column = coded(values);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const y = Uint8Array.from({ length: n }, (_, i) => ((i * 37) % 100 < 40 ? 1 : 0));
  const risk = Float64Array.from({ length: n }, (_, i) => Math.min(0.95, Math.max(0.05, 0.2 + 0.5 * y[i] + ((i * 13) % 10) / 40 - 0.1)));

  it('per level, the figures of its rows; rare levels pooled; missing kept apart', () => {
    const groups = subgroupPerformance(column, rows, y, risk, risk, null);
    if (!groups) throw new Error('no groups');
    expect(groups.map((g) => g.level)).toEqual(['(missing)', 'F', 'M', '(other)']);
    const f = groups[1];
    const fRows = Array.from(rows).filter((i) => values[i] === 'F');
    const want = performance(Uint8Array.from(fRows, (i) => y[i]), Float64Array.from(fRows, (i) => risk[i]), Float64Array.from(fRows, (i) => risk[i]));
    expect(f.rows).toBe(fRows.length);
    expect(f.auc).toBe(want.auc);
    expect(f.calibrationSlope).toBe(want['calibration-slope']);
    expect(f.calibrationIntercept).toBe(want['calibration-intercept']);
    expect(groups[3]).toMatchObject({ rows: 3, tooFew: true }); // X: 3 patients, pooled and flagged
    expect(groups[0].tooFew).toBe(true);
    expect(groups.reduce((s, g) => s + g.rows, 0)).toBe(n);
  });

  it('a column with too many levels is not a subgroup column', () => {
    const many = coded(Array.from({ length: n }, (_, i) => `L${i}`));
    expect(subgroupPerformance(many, rows, y, risk, risk, null)).toBeNull();
  });
});
