import type { ColumnSummary, DatasetSummary } from './api';
import type { LoadedTable } from '../core/ingest/read-table';
import { profileColumn } from '../core/table/profile';
import { columnLevels } from '../core/table/column';
import { compareText } from '../core/table/column';
import { suggestPositiveClass } from '../core/prep/outcome';
import { detectIdentifier, looksLikeBirthDateName } from '../core/privacy/identifiers';
import { patientIndex, patientsWithValue, totalPatients } from '../core/patients/patient-key';
import { suggestPatientKey } from '../core/patients/suggest-key';

const MAX_LISTED_LEVELS = 50;
const OUTCOME_NAME =
  /outcome|diagnos|target|label|class|death|died|dead|mortal|status|event|result|readmi|diabet|disease|survive|结局|诊断|死亡|标签|结果|转归|复发/i;

/**
 * The loaded table as the UI sees it: one profile per column, the patient key, and a suggested setup.
 * `patientKey`: the column naming the patient, null for none (each row a patient), or undefined to
 * find it (a record number whose values repeat). With a key, identifiers are detected on per-patient
 * statistics: a name written on each of a patient's visits is one name per patient.
 */
export function summarize(
  loaded: LoadedTable,
  fileName: string,
  fileBytes: number,
  patientKey?: string | null,
  notIdentifiers: ReadonlySet<string> = new Set(),
): DatasetSummary {
  const { table } = loaded;
  const profiles = table.columns.map((col, k) => profileColumn(col, loaded.columnNotes[k]));
  const counts = (k: number) => ({ distinct: profiles[k].distinct, nonMissing: table.rowCount - profiles[k].missing });
  // first per row; then, once the key is known, per patient
  let detections = table.columns.map((col, k) => detectIdentifier(col.name, col, col.type, counts(k)));
  const key = patientKey === undefined
    ? suggestPatientKey(table.columns.map((c, k) => ({ name: c.name, detection: detections[k], ...counts(k) })))
    : patientKey;
  const keyColumn = key === null ? undefined : table.columns.find((c) => c.name === key);
  const index = keyColumn ? patientIndex(keyColumn) : null;
  if (index) {
    detections = table.columns.map((col, k) =>
      col === keyColumn
        ? (detections[k] ?? { kind: 'record-id', reason: 'name', evidence: 'patient key' })
        : detectIdentifier(col.name, col, col.type, { ...counts(k), units: patientsWithValue(index, col) }),
    );
  }
  const patients = index ? totalPatients(index) : table.rowCount;
  const columns: ColumnSummary[] = table.columns.map((col, k) => {
    const profile: ColumnSummary = profiles[k];
    const phi = detections[k];
    // the user said this column is not an identifier (a visit number the header rules took for a record number)
    if (phi && notIdentifiers.has(col.name) && col !== keyColumn) profile.notIdentifier = true;
    else if (phi) profile.phi = phi;
    if (col.type === 'date' && looksLikeBirthDateName(col.name)) profile.birthDate = true;
    const levels = columnLevels(col);
    if (levels && levels.length <= MAX_LISTED_LEVELS) {
      profile.levels = col.storage === 'coded' ? levels.slice().sort(compareText) : levels.slice();
    }
    return profile;
  });
  const outcome = suggestOutcome(columns.filter((c) => !c.phi));
  let positiveClass: string | null = null;
  if (outcome) {
    const top = outcome.top ?? [];
    positiveClass = suggestPositiveClass(top.map((t) => t.value), top.map((t) => t.count)) ?? null;
  }
  const features = columns.filter((c) => c !== outcome && c.name !== keyColumn?.name && isDefaultFeature(c, patients)).map((c) => c.name);
  return {
    fileName,
    fileBytes,
    rows: table.rowCount,
    cols: table.columns.length,
    encoding: loaded.encoding,
    delimiter: loaded.dialect.delimiter,
    decimalComma: loaded.dialect.decimalComma,
    columns,
    patientKey: keyColumn?.name ?? null,
    patients,
    fileNotes: loaded.fileNotes,
    suggestion: { outcome: outcome?.name ?? null, positiveClass, features },
  };
}

function suggestOutcome(columns: ColumnSummary[]): ColumnSummary | undefined {
  const binary = columns.filter((c) => c.type === 'binary');
  return binary.find((c) => OUTCOME_NAME.test(c.name)) ?? binary[binary.length - 1];
}

/**
 * Identifiers (by type or by their name and values), free text, dates, empty and constant columns are
 * not features unless the user asks; nor is a text column with about one level per patient (a level
 * for every other patient or more, flagged or not: a name the rules missed, a bed number).
 */
export function isDefaultFeature(c: ColumnSummary, patients: number): boolean {
  if (c.type === 'identifier' || c.type === 'text' || c.type === 'date' || c.phi) return false;
  if (c.min === undefined && c.type !== 'binary' && c.distinct >= 3 && c.distinct >= 0.5 * patients) return false;
  return !c.notes.some((n) => n.code === 'all-missing' || n.code === 'constant');
}
