import type { Column, ColumnType } from './column';
import type { ColumnNote } from './infer-type';
import { numericStats } from './column-stats';

/** What the profile table shows for one column: small, serializable, safe to send to the UI. */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  missing: number;
  distinct: number;
  /** Numeric columns only. */
  min?: number;
  mean?: number;
  max?: number;
  /** Most frequent values (text as in the file) with their counts, most frequent first. */
  top?: { value: string; count: number }[];
  notes: ColumnNote[];
}

const TOP = 5;

export function profileColumn(col: Column, notes: ColumnNote[]): ColumnProfile {
  if (col.storage === 'numeric') {
    const v = col.values;
    // taken while the column was typed (column-stats.ts): the profile does not read the column again
    const { missing, min, max, sum, distinct } = numericStats(v);
    const present = v.length - missing;
    const profile: ColumnProfile = { name: col.name, type: col.type, missing, distinct, notes };
    if (present > 0) {
      profile.min = min;
      profile.max = max;
      profile.mean = Number.isFinite(sum) ? sum / present : meanScaled(v, Math.max(Math.abs(min), Math.abs(max)));
    }
    if (col.levels) profile.top = topLevels(levelCounts(v, col.levels.values), col.levels.labels);
    return profile;
  }
  const counts = new Float64Array(col.levels.length);
  let missing = 0;
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i];
    if (c < 0) missing++;
    else counts[c]++;
  }
  return { name: col.name, type: col.type, missing, distinct: col.levels.length, top: topLevels(counts, col.levels), notes };
}

/** The mean of values so large that their sum overflows (1e308 + 1e308): sum them scaled down. */
function meanScaled(v: Float64Array, scale: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === v[i]) {
      sum += v[i] / scale;
      n++;
    }
  }
  return (sum / n) * scale;
}

function levelCounts(v: Float64Array, levels: Float64Array): Float64Array {
  const counts = new Float64Array(levels.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) continue;
    for (let k = 0; k < levels.length; k++) {
      if (levels[k] === x) {
        counts[k]++;
        break;
      }
    }
  }
  return counts;
}

function topLevels(counts: Float64Array, labels: readonly string[]): { value: string; count: number }[] {
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  return order.slice(0, TOP).map((k) => ({ value: labels[k], count: counts[k] }));
}
