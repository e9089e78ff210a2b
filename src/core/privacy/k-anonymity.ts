/**
 * k-anonymity (Sweeney 2002): every combination of quasi-identifier values (age band, sex, postal
 * area, …) must be shared by at least k rows, or the rows with a rare combination can be re-identified
 * by linking to another data set. Missing values ('') count as a value like any other.
 *
 * With several rows per patient the unit is the patient, not the row: a class holds k patients, not
 * k rows (one patient's 5 visits are a class of 1). Pass each row's patient number; without it each
 * row is a patient.
 */

export interface KAnonymityResult {
  k: number;
  rowCount: number;
  /** What a class's size counts: distinct patients (given a patient per row), or rows. */
  unit: 'patients' | 'rows';
  /** Number of equivalence classes (distinct combinations). */
  classes: number;
  /** Size of the smallest class, in the unit (0 for a table without rows). */
  minClassSize: number;
  /** Per row, its class (0-based, in order of first appearance). */
  classOf: Int32Array;
  /** Per class, its size in the unit (distinct patients, or rows). */
  classSizes: Int32Array;
  /** Rows in classes smaller than k. */
  rowsAtRisk: number;
  /** Those rows, ascending. */
  atRiskRows: Int32Array;
}

/**
 * `columns`: per quasi-identifier, the value of every row as text (all of the same length).
 * `rowCount` is needed only when there are no columns (then all rows form one class).
 */
export function kAnonymity(
  columns: readonly (readonly string[])[],
  k: number,
  rowCount = columns[0]?.length ?? 0,
  patientOfRow: ArrayLike<number> | null = null,
): KAnonymityResult {
  if (patientOfRow && patientOfRow.length !== rowCount) throw new RangeError(`${patientOfRow.length} patient numbers for ${rowCount} rows`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  for (const c of columns) if (c.length !== rowCount) throw new RangeError(`every column must have ${rowCount} values, one has ${c.length}`);

  const classOf = new Int32Array(rowCount);
  const ids = new Map<string, number>();
  const sizes: number[] = [];
  for (let i = 0; i < rowCount; i++) {
    // each value prefixed by its length: "a|b" + "c" and "a" + "b|c" cannot meet, whatever the values hold
    let key = '';
    for (const c of columns) key += `${c[i].length}:${c[i]}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = sizes.length;
      ids.set(key, id);
      sizes.push(0);
    }
    sizes[id]++;
    classOf[i] = id;
  }
  const classSizes = patientOfRow ? patientsPerClass(classOf, sizes.length, patientOfRow) : Int32Array.from(sizes);
  let rowsAtRisk = 0;
  for (let i = 0; i < rowCount; i++) if (classSizes[classOf[i]] < k) rowsAtRisk++;
  const atRiskRows = new Int32Array(rowsAtRisk);
  for (let i = 0, j = 0; i < rowCount; i++) if (classSizes[classOf[i]] < k) atRiskRows[j++] = i;
  const minClassSize = classSizes.length === 0 ? 0 : classSizes.reduce((a, b) => Math.min(a, b));
  return { k, rowCount, unit: patientOfRow ? 'patients' : 'rows', classes: classSizes.length, minClassSize, classOf, classSizes, rowsAtRisk, atRiskRows };
}

/** Distinct patients per class; a negative patient number (no key) is a patient of its own. */
function patientsPerClass(classOf: Int32Array, classes: number, patientOfRow: ArrayLike<number>): Int32Array {
  const sizes = new Int32Array(classes);
  const seen = new Set<number>();
  let patients = 0;
  for (let i = 0; i < patientOfRow.length; i++) patients = Math.max(patients, patientOfRow[i] + 1);
  for (let i = 0; i < classOf.length; i++) {
    const p = patientOfRow[i];
    if (p < 0) {
      sizes[classOf[i]]++;
      continue;
    }
    const pair = classOf[i] * patients + p;
    if (seen.has(pair)) continue;
    seen.add(pair);
    sizes[classOf[i]]++;
  }
  return sizes;
}

export interface Suppression {
  /** Per row: 1 when the row is to be removed (its class is smaller than k). */
  remove: Uint8Array;
  removed: number;
  /** The rows that stay, ascending: they are k-anonymous on these columns. */
  keptRows: Int32Array;
}

/**
 * Marks for removal the rows whose combination is shared by fewer than k rows (patients, given a
 * patient per row). What stays is k-anonymous: removing whole classes leaves the others as they were.
 */
export function suppress(
  columns: readonly (readonly string[])[],
  k: number,
  rowCount = columns[0]?.length ?? 0,
  patientOfRow: ArrayLike<number> | null = null,
): Suppression {
  const result = kAnonymity(columns, k, rowCount, patientOfRow);
  const remove = new Uint8Array(rowCount);
  for (const row of result.atRiskRows) remove[row] = 1;
  const keptRows = new Int32Array(rowCount - result.rowsAtRisk);
  for (let i = 0, j = 0; i < rowCount; i++) if (!remove[i]) keptRows[j++] = i;
  return { remove, removed: result.rowsAtRisk, keptRows };
}
