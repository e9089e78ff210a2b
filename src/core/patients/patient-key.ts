/**
 * The patient as the unit. Hospital exports hold one row per visit, admission or lab draw, so a
 * file has several rows per patient; the column that names the patient (a record number, a patient
 * ID) is the patient key. Everything that must count or keep apart patients, not rows (the split,
 * cross-validation, k-anonymity, rare-level pooling, identifier statistics), reads it through a
 * PatientIndex. Without a key, each row is its own patient.
 */
import { compareText, type Column } from '../table/column';

export interface PatientIndex {
  /** The key column's name. */
  column: string;
  /**
   * Per table row: the patient's number, 0…keyed−1 in the key's sorted order (numbers numerically,
   * text in code-point order, as np.unique sorts them), or −1 where the key is missing.
   */
  ofRow: Int32Array;
  /** Distinct patients with a key value. */
  keyed: number;
  /** Rows without a key value: each is counted as a patient of its own. */
  unkeyed: number;
}

/** The patients of a key column. O(n log n) for a numeric key (its distinct values sorted), O(n + L log L) for text. */
export function patientIndex(col: Column): PatientIndex {
  const n = col.storage === 'numeric' ? col.values.length : col.codes.length;
  const ofRow = new Int32Array(n).fill(-1);
  let keyed: number;
  if (col.storage === 'coded') {
    const used = new Uint8Array(col.levels.length);
    for (let i = 0; i < n; i++) if (col.codes[i] >= 0) used[col.codes[i]] = 1;
    const order = Array.from(col.levels.keys()).filter((k) => used[k]).sort((a, b) => compareText(col.levels[a], col.levels[b]));
    const rank = new Int32Array(col.levels.length).fill(-1);
    order.forEach((code, r) => (rank[code] = r));
    keyed = order.length;
    for (let i = 0; i < n; i++) if (col.codes[i] >= 0) ofRow[i] = rank[col.codes[i]];
  } else {
    const values = col.values;
    const present: number[] = [];
    for (let i = 0; i < n; i++) if (values[i] === values[i]) present.push(values[i]);
    const sorted = Float64Array.from(present).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
    keyed = distinct;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === v) ofRow[i] = search(sorted, distinct, v);
    }
  }
  let unkeyed = 0;
  for (let i = 0; i < n; i++) if (ofRow[i] < 0) unkeyed++;
  return { column: col.name, ofRow, keyed, unkeyed };
}

function search(sorted: Float64Array, length: number, v: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else if (sorted[mid] > v) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Every patient of the table: keyed patients plus rows without a key. */
export function totalPatients(index: PatientIndex): number {
  return index.keyed + index.unkeyed;
}

/**
 * Per listed row, its patient's group number over these rows only: keyed patients numbered 0…G−1
 * in key order (np.unique of the rows' keys), then each unkeyed row a group of its own, in row order.
 * What StratifiedGroupKFold's `groups` becomes (see prep/group-split.ts).
 */
export function groupsOf(index: PatientIndex, rows: ArrayLike<number>): Int32Array {
  const n = rows.length;
  const present = new Uint8Array(index.keyed);
  for (let k = 0; k < n; k++) {
    const p = index.ofRow[rows[k]];
    if (p >= 0) present[p] = 1;
  }
  const compact = new Int32Array(index.keyed);
  let g = 0;
  for (let p = 0; p < index.keyed; p++) compact[p] = present[p] ? g++ : -1;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const p = index.ofRow[rows[k]];
    out[k] = p >= 0 ? compact[p] : g++;
  }
  return out;
}

/** Distinct patients among the rows (an unkeyed row counts as one). */
export function countPatients(index: PatientIndex | null, rows: ArrayLike<number>): number {
  if (!index) return rows.length;
  const seen = new Uint8Array(index.keyed);
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const p = index.ofRow[rows[k]];
    if (p < 0) count++;
    else if (!seen[p]) {
      seen[p] = 1;
      count++;
    }
  }
  return count;
}

/** Patients with rows on both sides (0 without a key: a row is on one side only). */
export function sharedPatients(index: PatientIndex | null, a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (!index) return 0;
  const inA = new Uint8Array(index.keyed);
  for (let k = 0; k < a.length; k++) {
    const p = index.ofRow[a[k]];
    if (p >= 0) inA[p] = 1;
  }
  let shared = 0;
  for (let k = 0; k < b.length; k++) {
    const p = index.ofRow[b[k]];
    if (p >= 0 && inA[p] === 1) {
      inA[p] = 2;
      shared++;
    }
  }
  return shared;
}

/** Patients with a value in the column (an unkeyed row with a value counts as one). One pass. */
export function patientsWithValue(index: PatientIndex, col: Column): number {
  const seen = new Uint8Array(index.keyed);
  let count = 0;
  const n = index.ofRow.length;
  for (let i = 0; i < n; i++) {
    const missing = col.storage === 'numeric' ? col.values[i] !== col.values[i] : col.codes[i] < 0;
    if (missing) continue;
    const p = index.ofRow[i];
    if (p < 0) count++;
    else if (!seen[p]) {
      seen[p] = 1;
      count++;
    }
  }
  return count;
}
