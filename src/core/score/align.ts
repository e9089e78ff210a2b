/**
 * Makes a new file's columns fit a fitted pipeline (prep/pipeline.ts), before scoring it.
 *
 * Columns are matched by NAME (exactly, as written in the header after trimming), so their order in
 * the new file does not matter, and extra columns (the outcome, identifiers, notes) are ignored here:
 * the caller shows them beside the risks. A column the model needs and the file lacks is an error
 * that names every missing column. A column may come in with another storage than in training:
 * - numeric in training, text in the new file (a few "<0.1" or "1,5" cells made it a coded column):
 *   each distinct text is parsed once as a number (decimal point or comma); text that is no number
 *   becomes a missing value and its rows are flagged `not-a-number`;
 * - categorical in training, numbers in the new file (only "1", "2", "3" this time): the cells' text
 *   is matched against the training levels.
 * Per row, flags say what scoring will do about the row (in bitsets, so 100,000 rows cost a few
 * hundred kilobytes, not 100,000 objects):
 * - `missing-imputed`: a missing value (or a non-number) will be filled with the training fill value;
 * - `not-scored`: training dropped rows with missing values (`drop`), so such a row gets no risk;
 * - `unseen-level`: a category training never saw: treated as the reference level (all indicators 0),
 *   exactly what the pipeline does with an unseen level in the test rows.
 */
import type { CodedColumn, Column, NumericColumn, Table } from '../table/column';
import { cellText, numbersAsText } from '../table/column';
import type { ColumnTransform, FittedPrep } from '../prep/pipeline';
import { parseDecimal } from '../ingest/number';
import { MISSING_TOKENS } from '../ingest/missing';
import { fail, ok, type Result } from '../errors';

/** Bits of `RowFlags.status`. */
export const FLAG_IMPUTED = 1;
export const FLAG_NOT_SCORED = 2;
export const FLAG_UNSEEN = 4;
export const FLAG_NOT_A_NUMBER = 8;

/**
 * Flags of every row. The bitsets hold one run of `words` 32-bit words per pipeline column:
 * bit `row & 31` of word `k·words + (row >>> 5)` is about row `row` and column `columns[k]`.
 */
export interface RowFlags {
  rowCount: number;
  /** The pipeline's columns, in `fitted.transforms` order. */
  columns: string[];
  /** Per row, FLAG_* bits or-ed together (0: nothing to say). */
  status: Uint8Array;
  words: number;
  /** The cell is missing or not a number: imputed, or (drop) the reason the row is not scored. */
  missing: Uint32Array;
  /** A category level training never saw. */
  unseen: Uint32Array;
  /** Text that is not a number in a numeric column (also set in `missing`). */
  notANumber: Uint32Array;
  /** Per column: how many rows have each flag; and the rows not scored, and the rows with any flag. */
  counts: { missing: Int32Array; unseen: Int32Array; notANumber: Int32Array; notScored: number; flagged: number };
  /** The columns as they came in (references, not copies): the summary quotes their original text. */
  sources: Column[];
}

/** What one row's flags say, for a preview table. */
export type RowFlag =
  | { code: 'missing-imputed'; columns: string[] }
  | { code: 'not-scored'; columns: string[] }
  | { code: 'unseen-level'; cells: { column: string; value: string }[] }
  | { code: 'not-a-number'; cells: { column: string; value: string }[] };

/** The pipeline's columns the table lacks, by name, in pipeline order. */
export function missingColumns(table: Table, fitted: FittedPrep): string[] {
  const names = new Set(table.columns.map((c) => c.name));
  return fitted.transforms.filter((t) => !names.has(t.column)).map((t) => t.column);
}

/**
 * One column per pipeline column, in `fitted.transforms` order, with the storage `transform()` needs
 * (numeric → NumericColumn, categorical → CodedColumn), and the flags of every row.
 */
export function alignTable(table: Table, fitted: FittedPrep): Result<{ table: Table; rowFlags: RowFlags }> {
  const absent = missingColumns(table, fitted);
  if (absent.length > 0) {
    return fail({ code: 'missing-columns', column: absent[0], count: absent.length, detail: absent.map((n) => JSON.stringify(n)).join(', ') });
  }
  const byName = new Map<string, Column>();
  for (const c of table.columns) if (!byName.has(c.name)) byName.set(c.name, c);
  const n = table.rowCount;
  const K = fitted.transforms.length;
  const words = (n + 31) >>> 5;
  const flags: RowFlags = {
    rowCount: n,
    columns: fitted.transforms.map((t) => t.column),
    status: new Uint8Array(n),
    words,
    missing: new Uint32Array(K * words),
    unseen: new Uint32Array(K * words),
    notANumber: new Uint32Array(K * words),
    counts: { missing: new Int32Array(K), unseen: new Int32Array(K), notANumber: new Int32Array(K), notScored: 0, flagged: 0 },
    sources: [],
  };
  const missingBit = fitted.setup.missing === 'drop' ? FLAG_NOT_SCORED : FLAG_IMPUTED;
  const columns = fitted.transforms.map((t, k) => {
    const src = byName.get(t.column) as Column;
    flags.sources.push(src);
    if (t.kind === 'text') return src.storage === 'coded' ? src : numbersAsText(src, t.column, 'text'); // an empty note is no gap: it has no terms
    return t.kind === 'numeric' ? alignNumeric(t, src, k, flags, missingBit) : alignCategorical(t, src, k, flags, missingBit);
  });
  for (let i = 0; i < n; i++) {
    const s = flags.status[i];
    if (s & FLAG_NOT_SCORED) flags.counts.notScored++;
    if (s !== 0) flags.counts.flagged++;
  }
  return ok({ table: { rowCount: n, columns }, rowFlags: flags });
}

function alignNumeric(t: Extract<ColumnTransform, { kind: 'numeric' }>, src: Column, k: number, f: RowFlags, missingBit: number): NumericColumn {
  const n = f.rowCount;
  const base = k * f.words;
  let values: Float64Array;
  if (src.storage === 'numeric') values = src.values;
  else {
    // each distinct text parsed once; −1: missing token, 0: a number, 1: not a number
    const parsed = new Float64Array(src.levels.length);
    const kind = new Int8Array(src.levels.length);
    src.levels.forEach((text, c) => {
      const v = parseNumberText(text);
      parsed[c] = v;
      kind[c] = v === v ? 0 : isMissingText(text) ? -1 : 1;
    });
    values = new Float64Array(n);
    const codes = src.codes;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      values[i] = c < 0 ? NaN : parsed[c];
      if (c >= 0 && kind[c] === 1) {
        f.notANumber[base + (i >>> 5)] |= 1 << (i & 31);
        f.counts.notANumber[k]++;
        f.status[i] |= FLAG_NOT_A_NUMBER;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (values[i] === values[i]) continue;
    f.missing[base + (i >>> 5)] |= 1 << (i & 31);
    f.counts.missing[k]++;
    f.status[i] |= missingBit;
  }
  return { storage: 'numeric', name: t.column, type: 'numeric', values };
}

function alignCategorical(t: Extract<ColumnTransform, { kind: 'categorical' }>, src: Column, k: number, f: RowFlags, missingBit: number): CodedColumn {
  const n = f.rowCount;
  const base = k * f.words;
  const coded = src.storage === 'coded' ? src : numbersAsText(src, t.column, 'categorical');
  const training = new Set(t.levels);
  const known = Uint8Array.from(coded.levels, (l) => (training.has(l) ? 1 : 0));
  const codes = coded.codes;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const bit = 1 << (i & 31);
    if (c < 0) {
      f.missing[base + (i >>> 5)] |= bit;
      f.counts.missing[k]++;
      f.status[i] |= missingBit;
    } else if (known[c] === 0) {
      f.unseen[base + (i >>> 5)] |= bit;
      f.counts.unseen[k]++;
      f.status[i] |= FLAG_UNSEEN;
    }
  }
  return coded;
}

const encoder = new TextEncoder();

/** Whether text means "no value" (empty, NA, NULL, ?, …), as when the file was read. */
export function isMissingText(text: string): boolean {
  return MISSING_TOKENS.has(text.trim());
}

/**
 * Text as a finite number, with a decimal point or a decimal comma ("1,5" = 1.5), as the CSV reader
 * parses cells; NaN for missing-value tokens, words, thousands separators and numbers beyond the
 * double range.
 */
export function parseNumberText(text: string): number {
  const s = text.trim();
  if (MISSING_TOKENS.has(s)) return NaN;
  const bytes = encoder.encode(s);
  const v = parseDecimal(bytes, 0, bytes.length, true);
  return Number.isFinite(v) ? v : NaN;
}

function has(bits: Uint32Array, f: RowFlags, k: number, row: number): boolean {
  return (bits[k * f.words + (row >>> 5)] & (1 << (row & 31))) !== 0;
}

/** What the flags of one row say (at most four entries; none for a clean row). */
export function rowFlagSummary(f: RowFlags, row: number): RowFlag[] {
  const status = f.status[row];
  if (status === 0) return [];
  const out: RowFlag[] = [];
  const missing: string[] = [];
  const unseen: { column: string; value: string }[] = [];
  const text: { column: string; value: string }[] = [];
  for (let k = 0; k < f.columns.length; k++) {
    if (has(f.missing, f, k, row)) missing.push(f.columns[k]);
    if (has(f.unseen, f, k, row)) unseen.push({ column: f.columns[k], value: cellText(f.sources[k], row) });
    if (has(f.notANumber, f, k, row)) text.push({ column: f.columns[k], value: cellText(f.sources[k], row) });
  }
  if (status & FLAG_NOT_SCORED) out.push({ code: 'not-scored', columns: missing });
  else if (status & FLAG_IMPUTED) out.push({ code: 'missing-imputed', columns: missing });
  if (text.length > 0) out.push({ code: 'not-a-number', cells: text });
  if (unseen.length > 0) out.push({ code: 'unseen-level', cells: unseen });
  return out;
}
