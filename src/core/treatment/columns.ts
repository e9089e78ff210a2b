/**
 * Which columns can be a treatment, and its options: a feature of the model that the clinician can set
 * (a drug, a procedure, a dose band), as the model sees it.
 * - A categorical feature with 2 to MAX_TREATMENT_LEVELS levels as the model sees them (the pooled
 *   "(other)" level counts as one). Its options are the frequent training levels, as written in the file;
 *   "(other)" is not an option: it is several rare values pooled, nothing one could prescribe.
 * - A numeric feature whose present training values are all 0 or 1, both seen: options "0" and "1"
 *   (as written in the file). This needs the training rows; a model opened from a file offers only its
 *   categorical features.
 * Which column acts as a treatment is the user's choice: the app cannot tell a drug from a diagnosis.
 */
import type { FittedPrep } from '../prep/pipeline';
import type { Column, Table } from '../table/column';
import { cellText } from '../table/column';
import { parseNumberText } from '../score/align';
import type { PatientValue } from '../score/patient';

/** At most this many levels (with "(other)") for a categorical treatment. */
export const MAX_TREATMENT_LEVELS = 10;

export interface TreatmentColumn {
  column: string;
  /** Its index in `fitted.transforms` (the patient form's fields). */
  field: number;
  kind: 'categorical' | 'binary';
  /** The options as written in the file, in the model's level order (binary: 0 then 1). */
  options: string[];
}

/** The eligible columns (see the file comment), in the model's column order. */
export function treatmentColumns(fitted: FittedPrep, table?: Table, trainRows?: Int32Array): TreatmentColumn[] {
  const out: TreatmentColumn[] = [];
  fitted.transforms.forEach((t, field) => {
    if (t.kind === 'categorical') {
      const levels = t.levels.length + (t.other ? 1 : 0);
      if (t.levels.length >= 2 && levels <= MAX_TREATMENT_LEVELS) out.push({ column: t.column, field, kind: 'categorical', options: t.levels.slice() });
      return;
    }
    if (!table || !trainRows) return;
    const c = table.columns.find((x) => x.name === t.column);
    if (!c || c.storage !== 'numeric') return;
    const first = [-1, -1];
    for (let k = 0; k < trainRows.length; k++) {
      const v = c.values[trainRows[k]];
      if (v !== v) continue;
      if (v !== 0 && v !== 1) return;
      if (first[v] < 0) first[v] = trainRows[k];
    }
    if (first[0] >= 0 && first[1] >= 0) out.push({ column: t.column, field, kind: 'binary', options: [cellText(c, first[0]), cellText(c, first[1])] });
  });
  return out;
}

/** Option k as the model reads it: the level's text, or the number 0 or 1. */
export function optionValue(tc: TreatmentColumn, k: number): string | number {
  return tc.kind === 'binary' ? k : tc.options[k];
}

/** Which option a patient's value is (the form's text or a number), or null: missing, pooled, unseen, not 0/1. */
export function optionOfValue(tc: TreatmentColumn, value: PatientValue): number | null {
  if (value === null || value === undefined) return null;
  if (tc.kind === 'binary') {
    const v = typeof value === 'number' ? value : parseNumberText(String(value));
    return v === 0 ? 0 : v === 1 ? 1 : null;
  }
  const k = tc.options.indexOf(String(value).trim());
  return k < 0 ? null : k;
}

/** Per row of the table: the option the row has (≥ 0), −1 for another present value (a pooled or unseen level), −2 when missing. */
export function optionOfRows(tc: TreatmentColumn, c: Column): Int32Array {
  if (c.storage === 'numeric') {
    return Int32Array.from(c.values, (v) => (v !== v ? -2 : tc.kind === 'binary' && (v === 0 || v === 1) ? v : -1));
  }
  const byLevel = Int32Array.from(c.levels, (l) => tc.options.indexOf(l));
  return Int32Array.from(c.codes, (code) => (code < 0 ? -2 : byLevel[code]));
}
