/**
 * Term features of a free-text column, as scikit-learn's
 * `TfidfVectorizer(analyzer=note_terms, vocabulary=terms, smooth_idf=True, norm='l2', sublinear_tf=…)`
 * computes them: `fitTextColumn` chooses the vocabulary and learns the idf weights from the training
 * rows only; `transformText` turns any rows (test rows, a fold, later one patient or a batch file)
 * into a sparse matrix with one column per term.
 *
 * The vocabulary is not scikit-learn's default (every term seen): a term must appear in the notes of
 * at least `minPatients` different patients of the training rows, as a category level must
 * (MIN_LEVEL_PATIENTS in prep/pipeline.ts), and then only the `maxTerms` most frequent are kept. A
 * name, a record number or a rare phrase written in many visits of one patient therefore never
 * reaches the model, the model file, the report or the exported script.
 *
 * A column of 10⁶ rows has up to 10⁶ distinct notes (its `levels`): each is tokenized once, its terms
 * interned to integer ids from their pieces (intern.ts: no string is built per term occurrence), and
 * everything after works on ids and counts per level, never on the rows' strings.
 */
import { compareText, type CodedColumn } from '../table/column';
import type { SparseRows } from '../linalg/matrix';
import type { PatientIndex } from '../patients/patient-key';
import { ignoredCell, looksNumeric, scanNote, scanTerms } from './tokenize';
import { NoteCounter, VocabularyIndex } from './intern';

/** The largest vocabulary of one text column by default. */
export const DEFAULT_MAX_TERMS = 200;
/** By default a term must appear for this many patients (rows, when the file has no patient key), as MIN_LEVEL_PATIENTS for category levels. */
export const DEFAULT_MIN_PATIENTS = 5;
/** A column whose non-missing training cells are more than this share numbers ("12.5", "130/80") gets a note. */
export const MOSTLY_NUMBERS_SHARE = 0.5;

/**
 * A fitted text column: plain, serializable data that gives the same features for any rows (and is
 * what the exported script's TfidfVectorizer is built from).
 */
export interface TextTransform {
  kind: 'text';
  column: string;
  /** The vocabulary, sorted by code point (as TfidfVectorizer's `get_feature_names_out()`): feature j is terms[j]. */
  terms: string[];
  /** TfidfVectorizer's `idf_`: ln((1 + n) / (1 + df)) + 1 per term, n training rows, df of them whose note holds the term. */
  idf: number[];
  /** Term frequency 1 + ln(count) instead of the count (TfidfVectorizer's `sublinear_tf`). */
  sublinearTf: boolean;
}

export interface TextFitOptions {
  /** Keep at most this many terms, the most frequent (total count over the training rows). Default DEFAULT_MAX_TERMS. */
  maxTerms?: number;
  /** A term must appear for at least this many patients of the training rows (rows without a patient index). Default DEFAULT_MIN_PATIENTS. */
  minPatients?: number;
  /** TfidfVectorizer's `sublinear_tf`. Default false. */
  sublinearTf?: boolean;
}

/**
 * What fitting noticed, in counts only: a note never holds a cell's text or a term that did not make
 * the vocabulary. Counts are of training rows.
 */
export type TextNote =
  /** Cells yielding no terms because they are longer than MAX_NOTE_LENGTH or look binary (see `ignoredCell`). */
  | { code: 'text-cells-ignored'; column: string; tooLong: number; binary: number }
  /** More than MOSTLY_NUMBERS_SHARE of the non-missing, non-ignored cells are numbers and no words: probably a numeric column. */
  | { code: 'text-mostly-numbers'; column: string; share: number }
  /** No term appears for `minPatients` patients (rows when unit is 'rows'): the column gives no features. */
  | { code: 'text-no-terms'; column: string; minPatients: number; unit: 'patients' | 'rows' }
  /** `terms` terms kept of the `eligible` that appear for at least minPatients patients (rows). */
  | { code: 'text-terms'; column: string; terms: number; eligible: number; unit: 'patients' | 'rows' };

/**
 * Chooses the vocabulary of a text column and its idf weights from the training rows.
 *
 * - A missing cell (code −1) is an empty document: it counts in n, as scikit-learn counts an empty string.
 * - Eligible terms: those whose notes belong to at least `minPatients` different patients among the
 *   training rows (a row without a key is a patient of its own; each row is one when `patients` is null).
 * - Kept terms: the `maxTerms` eligible terms with the highest total count over the training rows, ties
 *   broken by code-point order of the term; then sorted by code point, as scikit-learn orders a vocabulary.
 *
 * O(characters of the training rows' distinct notes) for tokenizing, plus O(rows × distinct terms per
 * note) to count patients when there is a patient index.
 */
export function fitTextColumn(
  column: CodedColumn,
  trainRows: Int32Array,
  patients: PatientIndex | null = null,
  options: TextFitOptions = {},
): { transform: TextTransform; notes: TextNote[] } {
  const given = (x: number | undefined, fallback: number): number => (x === undefined || Number.isNaN(x) ? fallback : x);
  const maxTerms = Math.max(0, Math.floor(given(options.maxTerms, DEFAULT_MAX_TERMS)));
  const minPatients = Math.max(1, Math.ceil(given(options.minPatients, DEFAULT_MIN_PATIENTS)));
  const sublinearTf = options.sublinearTf ?? false;
  const { codes, levels } = column;
  const L = levels.length;
  const n = trainRows.length;

  const rowsOfLevel = new Int32Array(L);
  for (let k = 0; k < n; k++) {
    const code = codes[trainRows[k]];
    if (code >= 0) rowsOfLevel[code]++;
  }

  // Each training level tokenized once: its distinct term ids and their counts, pooled; level l's are
  // entries levelStart[l] … levelStart[l + 1].
  const counter = new NoteCounter();
  const levelStart = new Int32Array(L + 1);
  let termOf: Int32Array = new Int32Array(1024);
  let countOf: Int32Array = new Int32Array(1024);
  let used = 0;
  let tooLong = 0, binary = 0, present = 0, numeric = 0;
  for (let l = 0; l < L; l++) {
    levelStart[l] = used;
    const r = rowsOfLevel[l];
    if (r === 0) continue;
    const text = levels[l];
    const why = ignoredCell(text);
    if (why !== null) {
      if (why === 'too-long') tooLong += r;
      else binary += r;
      continue;
    }
    present += r;
    if (looksNumeric(text)) numeric += r;
    scanTerms(text, counter);
    const touched = counter.touched;
    if (used + touched.length > termOf.length) {
      const size = Math.max(2 * termOf.length, used + touched.length);
      termOf = growInt(termOf, size);
      countOf = growInt(countOf, size);
    }
    for (const id of touched) {
      termOf[used] = id;
      countOf[used++] = counter.inNote[id];
    }
    counter.clear();
  }
  levelStart[L] = used;

  const T = counter.terms;
  const total = new Float64Array(T);
  const df = new Float64Array(T);
  for (let l = 0; l < L; l++) {
    const r = rowsOfLevel[l];
    for (let e = levelStart[l]; e < levelStart[l + 1]; e++) {
      total[termOf[e]] += r * countOf[e];
      df[termOf[e]] += r;
    }
  }
  const reach = patients ? patientsPerTerm(patients, codes, trainRows, levelStart, termOf, T) : df;

  const eligible: number[] = [];
  for (let t = 0; t < T; t++) if (reach[t] >= minPatients) eligible.push(t);
  const termText = new Map<number, string>();
  for (const t of eligible) termText.set(t, counter.text(t));
  const byText = (a: number, b: number): number => compareText(termText.get(a)!, termText.get(b)!);
  eligible.sort((a, b) => total[b] - total[a] || byText(a, b));
  const kept = eligible.slice(0, maxTerms).sort(byText);
  const transform: TextTransform = {
    kind: 'text',
    column: column.name,
    terms: kept.map((t) => termText.get(t)!),
    idf: kept.map((t) => Math.log((n + 1) / (df[t] + 1)) + 1),
    sublinearTf,
  };

  const notes: TextNote[] = [];
  const unit = patients ? 'patients' : 'rows';
  if (tooLong + binary > 0) notes.push({ code: 'text-cells-ignored', column: column.name, tooLong, binary });
  if (present > 0 && numeric > MOSTLY_NUMBERS_SHARE * present) notes.push({ code: 'text-mostly-numbers', column: column.name, share: numeric / present });
  if (eligible.length === 0) notes.push({ code: 'text-no-terms', column: column.name, minPatients, unit });
  else notes.push({ code: 'text-terms', column: column.name, terms: kept.length, eligible: eligible.length, unit });
  return { transform, notes };
}

/**
 * Per term id: the distinct patients among the training rows whose note holds it. The keyed rows are
 * grouped by patient (a counting sort), so that "seen for this patient already" is one comparison
 * with the last patient that counted the term; a row without a key counts as a patient of its own.
 */
function patientsPerTerm(
  patients: PatientIndex,
  codes: Int32Array,
  trainRows: Int32Array,
  levelStart: Int32Array,
  termOf: Int32Array,
  T: number,
): Float64Array {
  const P = patients.keyed;
  const ofRow = patients.ofRow;
  const start = new Int32Array(P + 1);
  for (let k = 0; k < trainRows.length; k++) {
    const p = ofRow[trainRows[k]];
    if (p >= 0) start[p + 1]++;
  }
  for (let p = 0; p < P; p++) start[p + 1] += start[p];
  const byPatient = new Int32Array(start[P]);
  const fill = start.slice(0, P);
  const reach = new Float64Array(T);
  for (let k = 0; k < trainRows.length; k++) {
    const row = trainRows[k];
    const p = ofRow[row];
    if (p >= 0) byPatient[fill[p]++] = row;
    else {
      const code = codes[row];
      if (code >= 0) for (let e = levelStart[code]; e < levelStart[code + 1]; e++) reach[termOf[e]]++;
    }
  }
  const last = new Int32Array(T).fill(-1);
  for (let p = 0; p < P; p++) {
    for (let k = start[p]; k < start[p + 1]; k++) {
      const code = codes[byPatient[k]];
      if (code < 0) continue;
      for (let e = levelStart[code]; e < levelStart[code + 1]; e++) {
        const t = termOf[e];
        if (last[t] !== p) {
          last[t] = p;
          reach[t]++;
        }
      }
    }
  }
  return reach;
}

/** Sorts a short list of numbers ascending in place (insertion sort: a note has tens of terms, and no comparator calls). */
function sortSmall(a: number[]): void {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

function growInt(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/**
 * The TF-IDF matrix of the rows (row k of the result is table row rows[k]), with `t.terms.length`
 * columns: the count of each vocabulary term in the row's note (1 + ln count when `sublinearTf`) times
 * its idf, each row scaled to unit Euclidean length (a row without vocabulary terms, a missing cell and
 * an ignored cell stay all zeros). Column indices ascend within each row. Each distinct note is
 * tokenized and weighted once and its vector copied to the rows that share it.
 */
export function transformText(column: CodedColumn, t: TextTransform, rows: Int32Array): SparseRows {
  const cols = t.terms.length;
  const { codes, levels } = column;
  const m = rows.length;
  const rowStart = new Int32Array(m + 1);
  if (cols === 0) return { cols, rowStart, colIndex: new Int32Array(0), values: new Float64Array(0) };

  const index = new VocabularyIndex(t.terms);
  const { tf, touched } = index;
  const idf = Float64Array.from(t.idf);

  // each level's normalized vector, pooled: level l's are levelOff[l] … levelOff[l] + levelLen[l] (−1: not made yet)
  const levelOff = new Int32Array(levels.length).fill(-1);
  const levelLen = new Int32Array(levels.length);
  let poolCol: Int32Array = new Int32Array(1024);
  let poolVal: Float64Array = new Float64Array(1024);
  let used = 0;
  let nnz = 0;
  for (let k = 0; k < m; k++) {
    const l = codes[rows[k]];
    if (l < 0) continue;
    if (levelOff[l] < 0) {
      scanNote(levels[l], index);
      sortSmall(touched);
      if (used + touched.length > poolCol.length) {
        const size = Math.max(2 * poolCol.length, used + touched.length);
        poolCol = growInt(poolCol, size);
        poolVal = growFloat(poolVal, size);
      }
      let squares = 0;
      for (let e = 0; e < touched.length; e++) {
        const j = touched[e];
        const v = (t.sublinearTf ? 1 + Math.log(tf[j]) : tf[j]) * idf[j];
        poolCol[used + e] = j;
        poolVal[used + e] = v;
        squares += v * v;
      }
      const norm = Math.sqrt(squares);
      for (let e = 0; e < touched.length; e++) poolVal[used + e] /= norm;
      levelOff[l] = used;
      levelLen[l] = touched.length;
      used += touched.length;
      index.clear();
    }
    nnz += levelLen[l];
  }

  const colIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (let k = 0; k < m; k++) {
    const l = codes[rows[k]];
    if (l >= 0) {
      const end = levelOff[l] + levelLen[l];
      for (let e = levelOff[l]; e < end; e++, at++) {
        colIndex[at] = poolCol[e];
        values[at] = poolVal[e];
      }
    }
    rowStart[k + 1] = at;
  }
  return { cols, rowStart, colIndex, values };
}
