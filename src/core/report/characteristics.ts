/**
 * What a prediction-model report says about its participants (TRIPOD+AI items 20a, 20b, 10, 11): the
 * flow of rows from the file to the training and test sets with the events at each step, the
 * characteristics of the training and test rows side by side (mean (SD) of a number, n (%) of each level,
 * missing values), and the sample size as events per candidate parameter. Only summaries: category
 * levels are those of the model (rare levels pooled into "(other)", as everywhere), so no count here
 * belongs to one or a few patients.
 */
import type { Table } from '../table/column';
import type { PreparedData } from '../prep/prepare';
import { OTHER_LABEL, type ColumnTransform } from '../prep/pipeline';

export interface ParticipantFlow {
  rowsRead: number;
  /** Rows left out: no outcome; no value in the split column (a split by column); a missing feature ("drop"). */
  missingOutcome: number;
  missingSplit: number;
  droppedMissing: number;
  /** Rows used with at least one missing feature value, filled by the imputation (0 with "drop"). */
  imputedRows: number;
  train: { rows: number; events: number; patients: number };
  test: { rows: number; events: number; patients: number };
}

interface Side {
  n: number;
  missing: number;
}
export type CharacteristicRow =
  | { kind: 'numeric'; column: string; train: Side & { mean: number; sd: number }; test: Side & { mean: number; sd: number } }
  | { kind: 'categorical'; column: string; train: Side; test: Side; levels: { level: string; train: number; test: number }[] };

export interface SampleSize {
  /** Parameters the model estimates besides the intercept: its design columns. */
  parameters: number;
  events: number;
  nonEvents: number;
  /** The smaller class over the parameters (Peduzzi's events per variable). */
  perParameter: number;
}

export interface Characteristics {
  flow: ParticipantFlow;
  rows: CharacteristicRow[];
  sampleSize: SampleSize;
}

function countNote(d: PreparedData, code: string): number {
  let s = 0;
  for (const n of d.notes) if (n.code === code && 'count' in n && typeof n.count === 'number') s += n.count;
  return s;
}

/** Mean and SD (n − 1) of the present values of `col` over `rows`, and how many are missing. */
function numericSide(values: Float64Array, rows: Int32Array): Side & { mean: number; sd: number } {
  // one pass over the shifted values v − K (K the first present value: near the mean, so Σ(v − K)² does not
  // cancel), without the division that Welford's update puts in every row's dependency chain
  let n = 0;
  let shift = NaN;
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k]];
    if (v !== v) continue;
    if (n === 0) shift = v;
    const d = v - shift;
    s1 += d;
    s2 += d * d;
    n++;
  }
  const mean = n > 0 ? shift + s1 / n : NaN;
  const m2 = Math.max(0, s2 - (s1 * s1) / n);
  // values near ±1.8e308 overflow the sums: no number rather than Infinity
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  return { n: rows.length, missing: rows.length - n, mean: n > 0 && Number.isFinite(mean) ? mean : NaN, sd: Number.isFinite(sd) ? sd : NaN };
}

/** The flow, the characteristics of the model's columns on both sides, and the sample size (see the file comment). */
export function characteristics(table: Table, d: PreparedData): Characteristics {
  const events = (y: Uint8Array) => y.reduce((s, v) => s + v, 0);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  let imputedRows = 0;
  const used = d.fitted.transforms.filter((t) => t.kind !== 'text').map((t) => byName.get(t.column)); // an empty note is no gap
  const gap = new Uint8Array(table.rowCount); // 1 where a row lacks a value in a model column
  for (const c of used) {
    if (!c) continue;
    if (c.storage === 'numeric') for (let i = 0; i < gap.length; i++) gap[i] |= c.values[i] !== c.values[i] ? 1 : 0;
    else for (let i = 0; i < gap.length; i++) gap[i] |= c.codes[i] < 0 ? 1 : 0;
  }
  for (const rows of [d.trainRows, d.testRows]) for (let k = 0; k < rows.length; k++) imputedRows += gap[rows[k]];
  const flow: ParticipantFlow = {
    rowsRead: table.rowCount,
    missingOutcome: countNote(d, 'rows-missing-outcome'),
    missingSplit: countNote(d, 'rows-missing-split'),
    droppedMissing: countNote(d, 'rows-dropped-missing'),
    imputedRows,
    train: { rows: d.trainRows.length, events: events(d.trainY), patients: d.patientCounts.train },
    test: { rows: d.testRows.length, events: events(d.testY), patients: d.patientCounts.test },
  };
  const rows = d.fitted.transforms.flatMap((t: ColumnTransform): CharacteristicRow[] => {
    const c = byName.get(t.column);
    if (!c) return [];
    if (t.kind === 'numeric' && c.storage === 'numeric') {
      return [{ kind: 'numeric', column: t.column, train: numericSide(c.values, d.trainRows), test: numericSide(c.values, d.testRows) }];
    }
    if (t.kind !== 'categorical' || c.storage !== 'coded') return [];
    // each code's row in the table: a named level, or "(other)"
    const slot = new Int32Array(c.levels.length).fill(t.levels.length);
    const index = new Map(t.levels.map((l, r) => [l, r]));
    c.levels.forEach((l, code) => (slot[code] = index.get(l) ?? t.levels.length));
    const side = (rows: Int32Array) => {
      const counts = new Float64Array(t.levels.length + 1);
      let missing = 0;
      for (let k = 0; k < rows.length; k++) {
        const code = c.codes[rows[k]];
        if (code < 0) missing++;
        else counts[slot[code]]++;
      }
      return { counts, missing, n: rows.length };
    };
    const a = side(d.trainRows);
    const b = side(d.testRows);
    const levels = t.levels.map((level, r) => ({ level, train: a.counts[r], test: b.counts[r] }));
    const other = t.levels.length;
    if (a.counts[other] > 0 || b.counts[other] > 0) levels.push({ level: OTHER_LABEL, train: a.counts[other], test: b.counts[other] });
    return [{ kind: 'categorical', column: t.column, train: { n: a.n, missing: a.missing }, test: { n: b.n, missing: b.missing }, levels }];
  });
  const e = flow.train.events;
  const parameters = d.fitted.features.length;
  const sampleSize = { parameters, events: e, nonEvents: flow.train.rows - e, perParameter: parameters > 0 ? Math.min(e, flow.train.rows - e) / parameters : NaN };
  return { flow, rows, sampleSize };
}
