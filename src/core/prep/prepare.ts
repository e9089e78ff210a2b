import type { Table, Column } from '../table/column';
import { cellText } from '../table/column';
import type { ColMajor } from '../linalg/matrix';
import { fail, ok, type AppError, type Result } from '../errors';
import { stratifiedSplit, SplitError, type Split } from './split';
import { groupedSplit } from './group-split';
import { countPatients, groupsOf, patientIndex, sharedPatients, type PatientIndex } from '../patients/patient-key';
import { encodeOutcome } from './outcome';
import { fitPipeline, isNoteColumn, transform, transformBlocks, type FittedPrep, type PipelineNote } from './pipeline';
import type { PrepSetup } from './setup';

export type { FeatureSpec, FittedPrep, ColumnTransform } from './pipeline';

export type PrepNote =
  | { code: 'rows-missing-outcome'; count: number }
  | { code: 'rows-dropped-missing'; count: number }
  | { code: 'rows-missing-split'; count: number }
  /** A split by a cohort column put some patients' rows in both cohorts: the test rows are not all new patients. */
  | { code: 'patients-in-both-cohorts'; count: number }
  | PipelineNote;

export interface PreparedData {
  fitted: FittedPrep;
  trainX: ColMajor;
  /**
   * The test rows' design matrix, built on first read and kept. train() reads it only after the model is
   * fitted, so that it and the model's work buffers are not in memory at once (56 MB of 336 at 10⁶ rows).
   * Notes about the test rows (levels unseen in training) join `notes` when it is built.
   */
  readonly testX: ColMajor;
  /**
   * Visits the test rows' standardized design a block of rows at a time (the block's matrix and the position of
   * its first row among the test rows), without building the whole matrix; or the whole matrix once, when testX
   * is already built. Scoring the test rows this way keeps 56 MB (at 10⁶ rows) out of the peak, when the table
   * and the training matrix are in memory. The test rows' notes join `notes` once, whichever builds them first.
   */
  forTestBlocks(visit: (X: ColMajor, start: number) => void): void;
  trainY: Uint8Array;
  testY: Uint8Array;
  /** Table row numbers of the training and test rows (ascending). */
  trainRows: Int32Array;
  testRows: Int32Array;
  /** The feature columns, in setup order (the outcome and the split column removed). */
  featureColumns: Column[];
  /** The patients of the table, when the setup names a patient key. */
  patients: PatientIndex | null;
  /** Distinct patients on each side, and those on both (rows, and 0 shared, without a key). */
  patientCounts: { train: number; test: number; shared: number };
  notes: PrepNote[];
}

/**
 * The teaching example's flow without its leakage: drop rows with a missing outcome; drop rows with a missing
 * feature (or impute later); split (stratified by the outcome, scikit-learn-identical for a seed,
 * or by a cohort column); fit imputation, one-hot levels and z-scores on the training rows only;
 * apply them to both sides. The outcome is never a feature and never scaled.
 */
/** Test rows per block when they are scored without their whole design matrix (forTestBlocks): 9 MB at 70 columns. */
const TEST_BLOCK_ROWS = 16384;

export function prepare(table: Table, setup: PrepSetup): Result<PreparedData> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const get = (name: string): Column | undefined => byName.get(name);
  const outcomeCol = get(setup.outcome);
  if (!outcomeCol) return fail({ code: 'unknown-column', column: setup.outcome });
  const features: Column[] = [];
  for (const name of setup.features) {
    const c = get(name);
    if (!c) return fail({ code: 'unknown-column', column: name });
    if (name !== setup.outcome && name !== setup.patientKey && !(setup.split.kind === 'column' && name === setup.split.column)) features.push(c);
  }
  if (features.length === 0) return fail({ code: 'no-features' });
  let patients: PatientIndex | null = null;
  if (setup.patientKey) {
    const keyCol = get(setup.patientKey);
    if (!keyCol) return fail({ code: 'unknown-column', column: setup.patientKey });
    patients = patientIndex(keyCol);
  }
  const yAll = encodeOutcome(outcomeCol, setup.positiveClass);
  if (!yAll.ok) return yAll;
  const notes: PrepNote[] = [];

  let splitCol: Column | undefined;
  if (setup.split.kind === 'column') {
    splitCol = get(setup.split.column);
    if (!splitCol) return fail({ code: 'unknown-column', column: setup.split.column });
  }

  // Rows to use: outcome present, split value present, and (for 'drop') every feature present. An empty note
  // is no missing value: nothing was written, and it gives no terms.
  const dropFeatures = features.filter((c) => !isNoteColumn(c));
  const usedRows = new Int32Array(table.rowCount); // the rows kept, ascending: the first `kept` entries
  let kept = 0;
  let missingOutcome = 0;
  let missingSplit = 0;
  let droppedMissing = 0;
  for (let i = 0; i < table.rowCount; i++) {
    if (yAll.value[i] < 0) {
      missingOutcome++;
      continue;
    }
    if (splitCol && cellText(splitCol, i) === '') {
      missingSplit++;
      continue;
    }
    if (setup.missing === 'drop' && dropFeatures.some((c) => isMissingCell(c, i))) {
      droppedMissing++;
      continue;
    }
    usedRows[kept++] = i;
  }
  if (missingOutcome > 0) notes.push({ code: 'rows-missing-outcome', count: missingOutcome });
  if (missingSplit > 0) notes.push({ code: 'rows-missing-split', count: missingSplit });
  if (droppedMissing > 0) notes.push({ code: 'rows-dropped-missing', count: droppedMissing });
  if (kept === 0) return fail({ code: 'no-rows-left', count: droppedMissing });
  const used = usedRows.subarray(0, kept);

  const y = new Uint8Array(used.length);
  for (let k = 0; k < used.length; k++) y[k] = yAll.value[used[k]];
  const events = y.reduce((s, v) => s + v, 0);
  if (events === 0 || events === y.length) {
    return fail({ code: 'outcome-one-class', column: setup.outcome, value: events === 0 ? setup.positiveClass : undefined, count: y.length });
  }

  const split = splitRows(y, used, setup, splitCol, patients);
  if (!split.ok) return split;
  const [trainRows, trainY] = pick(split.value.train, used, y);
  const [testRows, testY] = pick(split.value.test, used, y);
  if (trainY.every((v) => v === trainY[0])) return fail({ code: 'outcome-one-class', column: setup.outcome, count: trainY.length });

  const patientCounts = { train: countPatients(patients, trainRows), test: countPatients(patients, testRows), shared: sharedPatients(patients, trainRows, testRows) };
  if (patientCounts.shared > 0) notes.push({ code: 'patients-in-both-cohorts', count: patientCounts.shared });

  const { fitted, trainX } = fitPipeline(table, setup, features, trainRows, notes, patients);
  let testX: ColMajor | null = null;
  let testNoted = false; // the test rows' notes are in `notes`
  return ok({
    fitted,
    trainX,
    get testX(): ColMajor {
      if (!testX) {
        testX = transform(table, fitted, testRows, testNoted ? [] : notes);
        testNoted = true;
      }
      return testX;
    },
    forTestBlocks(visit: (X: ColMajor, start: number) => void): void {
      if (testX) return visit(testX, 0);
      transformBlocks(table, fitted, testRows, testNoted ? [] : notes, TEST_BLOCK_ROWS, visit);
      testNoted = true;
    },
    trainY,
    testY,
    trainRows,
    testRows,
    featureColumns: features,
    patients,
    patientCounts,
    notes,
  });
}

// the table rows and labels at positions `at` of the used rows
function pick(at: Int32Array, used: Int32Array, y: Uint8Array): [Int32Array, Uint8Array] {
  const rows = new Int32Array(at.length);
  const labels = new Uint8Array(at.length);
  for (let k = 0; k < at.length; k++) {
    rows[k] = used[at[k]];
    labels[k] = y[at[k]];
  }
  return [rows, labels];
}

function isMissingCell(c: Column, i: number): boolean {
  return c.storage === 'numeric' ? c.values[i] !== c.values[i] : c.codes[i] < 0;
}

function splitRows(y: Uint8Array, used: Int32Array, setup: PrepSetup, splitCol: Column | undefined, patients: PatientIndex | null): Result<Split> {
  const spec = setup.split;
  if (spec.kind === 'random') {
    try {
      // with a patient key, each patient's rows stay on one side (StratifiedGroupKFold's first fold)
      return ok(patients ? groupedSplit(y, groupsOf(patients, used), spec.testFraction, spec.seed) : stratifiedSplit(y, spec.testFraction, spec.seed));
    } catch (e) {
      if (e instanceof SplitError) return fail({ code: e.code, count: y.length });
      throw e;
    }
  }
  const col = splitCol as Column;
  const train: number[] = [];
  const test: number[] = [];
  used.forEach((row, k) => (cellText(col, row) === spec.trainValue ? train : test).push(k));
  if (train.length === 0 || test.length === 0) {
    const error: AppError = { code: 'split-one-side', column: spec.column, value: spec.trainValue, count: train.length };
    return fail(error);
  }
  return ok({ train: Int32Array.from(train), test: Int32Array.from(test) });
}
