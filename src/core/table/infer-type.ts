import type { Column, ColumnType, NumericLevels } from './column';
import { countDistinct, rememberStats } from './column-stats';

export { countDistinct } from './column-stats';

/** One column as collected while streaming (see ingest/column-builder.ts). */
export interface RawColumn {
  name: string;
  numbers: Float64Array;
  /** ≥ 0: dictionary code; −1 missing; −2 the value is in `numbers`. Null when every cell was a number or missing. */
  codes: Int32Array | null;
  levels: string[];
  count: number;
  missing: number;
  numeric: number;
  text: number;
}

/** Something the user should know about a column, found while typing it. */
export type ColumnNote =
  | { code: 'all-missing' }
  | { code: 'constant' }
  | { code: 'non-numeric-as-missing'; count: number; examples: string[] }
  | { code: 'many-categories'; count: number }
  /** Added by the user: age in whole years from a birth-date column, at another date column or today. */
  | { code: 'derived-age'; from: string; at: string | null };

export interface TypedColumn {
  column: Column;
  notes: ColumnNote[];
}

/** Up to this many distinct numbers, a numeric column keeps its values as levels (0/1, 1–5 scores). */
const MAX_NUMERIC_LEVELS = 20;
/**
 * A measurement column may hold a little stray text ("<0.1", "haemolysed", "see note"): at most this
 * many distinct texts in at most this share of its cells, beside more than MAX_NUMERIC_LEVELS
 * distinct numbers. They are treated as missing, and said so. Fewer distinct numbers make it a
 * coded column instead (stages 1, 2, 3, "3a" are categories, not a measurement).
 */
const STRAY_TEXT_SHARE = 0.05;
const STRAY_TEXT_DISTINCT = 5;
/** Numbers beyond the double range ("1e400", "Infinity", "-inf") are not text: in a numeric column they are missing values. */
const NON_FINITE = /^[+-]?(inf|infinity|∞|\d+(\.\d*)?e\+?\d{3,})$/i;

const ID_NAME =
  /(^|[^a-z])(id|ids|mrn|uid|uuid|guid|key|record|no|nr|number|num)([^a-z]|$)|patientid|recordid|编号|病历号|住院号|门诊号|序号|身份证|卡号/i;
const DATE_TEXT =
  /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}[- ](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[- ]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/i;

export function looksLikeIdName(name: string): boolean {
  return ID_NAME.test(name.trim());
}

export function inferColumn(input: RawColumn): TypedColumn {
  let raw = input;
  const nonMissing = raw.numeric + raw.text;
  if (nonMissing === 0) {
    return { column: { storage: 'numeric', name: raw.name, type: 'numeric', values: valuesOf(raw) }, notes: [{ code: 'all-missing' }] };
  }
  if (raw.text === 0) return numericColumn(raw, valuesOf(raw), []);
  raw = restoreDigitCodes(raw);
  if (raw.text === 0) return numericColumn(raw, valuesOf(raw), []);
  if (raw.numeric > 0 && isStrayText(raw)) {
    const values = valuesOf(raw); // text cells are already NaN there
    return numericColumn(raw, values, [{ code: 'non-numeric-as-missing', count: raw.text, examples: raw.levels.slice(0, 3) }]);
  }
  return codedColumn(raw);
}

/**
 * The column's values: the builder's array itself when it has little spare room (readTable reserves about the
 * rows the file holds), a view of its first `count` cells, instead of a copy of every column after reading.
 */
function valuesOf(raw: RawColumn): Float64Array {
  const spare = raw.numbers.length - raw.count;
  return spare <= raw.count / 16 ? raw.numbers.subarray(0, raw.count) : raw.numbers.slice(0, raw.count);
}

const DIGITS = /^\d+$/;

/**
 * Digit strings kept as text by the parser (a leading zero, or beyond 2^53; see column-builder.ts) are
 * codes when they are at least half the cells (postal codes, record and identity numbers): the column
 * stays text. When they are a minority among plain numbers ("05" in a lab column), they are numbers
 * after all and go back into the numeric values.
 */
function restoreDigitCodes(raw: RawColumn): RawColumn {
  const digitCodes = new Set<number>();
  raw.levels.forEach((t, k) => {
    if (DIGITS.test(t)) digitCodes.add(k);
  });
  if (digitCodes.size === 0) return raw;
  const codes = raw.codes as Int32Array;
  let digitCells = 0;
  for (let i = 0; i < raw.count; i++) if (digitCodes.has(codes[i])) digitCells++;
  if (digitCells * 2 >= raw.numeric + raw.text) return raw;
  const numbers = raw.numbers.slice(0, raw.count); // changed below: a copy
  const restored = codes.slice(0, raw.count);
  const levels: string[] = [];
  const remap = raw.levels.map((t, k) => (digitCodes.has(k) ? -2 : levels.push(t) - 1));
  for (let i = 0; i < raw.count; i++) {
    const c = restored[i];
    if (c < 0) continue;
    if (digitCodes.has(c)) numbers[i] = Number(raw.levels[c]);
    restored[i] = remap[c];
  }
  return { ...raw, numbers, codes: restored, levels, numeric: raw.numeric + digitCells, text: raw.text - digitCells };
}

/** Whether a column's text cells are strays in a measurement column (see STRAY_TEXT_SHARE). */
function isStrayText(raw: RawColumn): boolean {
  const words = raw.levels.filter((t) => !NON_FINITE.test(t));
  if (words.length === 0) return true;
  if (words.length > STRAY_TEXT_DISTINCT) return false;
  const wordCodes = new Set(words.map((w) => raw.levels.indexOf(w)));
  let wordCells = 0;
  const codes = raw.codes as Int32Array;
  for (let i = 0; i < raw.count; i++) if (wordCodes.has(codes[i])) wordCells++;
  if (wordCells > STRAY_TEXT_SHARE * (raw.numeric + raw.text)) return false;
  const numbers = new Set<number>();
  for (let i = 0; i < raw.count && numbers.size <= MAX_NUMERIC_LEVELS; i++) {
    const v = raw.numbers[i];
    if (v === v) numbers.add(v);
  }
  return numbers.size > MAX_NUMERIC_LEVELS;
}

function numericColumn(raw: RawColumn, values: Float64Array, notes: ColumnNote[]): TypedColumn {
  const n = values.length;
  const seen = new Set<number>();
  let missing = 0;
  let integers = true;
  let consecutive = true; // 1, 2, 3, … (or 0, 1, 2, …): a row counter
  let first = NaN;
  let prev = NaN;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  // the first MAX_NUMERIC_LEVELS + 1 distinct values (a measurement column has them within a few rows)
  for (let i = 0; i < n && seen.size <= MAX_NUMERIC_LEVELS; i++) {
    const v = values[i];
    if (v === v) seen.add(v);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (integers && !Number.isInteger(v)) integers = false;
    if (consecutive) {
      if (first !== first) first = v;
      else if (v !== prev + 1) consecutive = false;
      prev = v;
    }
  }
  let levels: NumericLevels | undefined;
  // known from `seen` up to MAX_NUMERIC_LEVELS; beyond, counted by hashing (the profile shows it)
  let distinct: number;
  if (seen.size <= MAX_NUMERIC_LEVELS) {
    const sorted = Float64Array.from(seen).sort();
    levels = { values: sorted, labels: Array.from(sorted, (v) => String(v)) };
    distinct = sorted.length;
  } else distinct = countDistinct(values, min, max);
  // the profile's statistics come from this pass: the column is not read again to show it
  rememberStats(values, { missing, min, max, sum, distinct });
  const nonMissing = n - missing;
  let type: ColumnType = 'numeric';
  if (distinct === 2) type = 'binary';
  else if (integers && missing === 0 && nonMissing >= 2) {
    const named = looksLikeIdName(raw.name);
    if (named || (nonMissing >= 20 && ((consecutive && (first === 0 || first === 1)) || min >= 10000))) {
      // an ID-named column may repeat a few values (sample numbers of a re-examined specimen): mostly distinct is enough
      if (distinct === nonMissing || (named && distinct > MAX_NUMERIC_LEVELS && distinct >= 0.8 * nonMissing)) type = 'identifier';
    }
  }
  if (distinct === 1) notes.push({ code: 'constant' });
  return { column: { storage: 'numeric', name: raw.name, type, values, levels }, notes };
}

function codedColumn(raw: RawColumn): TypedColumn {
  const n = raw.count;
  const source = raw.codes as Int32Array;
  const levels = raw.levels.slice();
  const dictionary = new Map<string, number>();
  levels.forEach((text, k) => dictionary.set(text, k));
  const codes = new Int32Array(n);
  const counts: number[] = new Array<number>(levels.length).fill(0);
  for (let i = 0; i < n; i++) {
    let c = source[i];
    if (c === -2) {
      const text = String(raw.numbers[i]);
      let k = dictionary.get(text);
      if (k === undefined) {
        k = levels.length;
        levels.push(text);
        dictionary.set(text, k);
        counts.push(0);
      }
      c = k;
    }
    codes[i] = c;
    if (c >= 0) counts[c]++;
  }
  const nonMissing = raw.numeric + raw.text;
  const distinct = levels.length;
  const notes: ColumnNote[] = [];
  let type: ColumnType;
  const { meanLength, meanWords, dateShare } = textShape(levels, counts);
  if (distinct === 2) type = 'binary';
  else if (dateShare >= 0.95) type = 'date';
  else if (distinct === nonMissing && nonMissing >= 2 && looksLikeIdName(raw.name) && meanWords < 2) type = 'identifier';
  else if ((meanLength >= 30 || meanWords >= 4) && distinct > 0.5 * nonMissing) type = 'text';
  else if (distinct > 0.9 * nonMissing && nonMissing >= 20) type = meanWords < 2 && meanLength < SHORT_PHRASE ? 'identifier' : 'text';
  // short notes ("胸痛3天", "chest pain 2 days"): many phrases, repeated a little, are free text, not hundreds of categories
  else if (distinct > MANY_PHRASES && distinct > 0.2 * nonMissing && (meanWords >= 2 || meanLength >= SHORT_PHRASE)) type = 'text';
  else type = 'categorical';
  if (distinct === 1) notes.push({ code: 'constant' });
  if (type === 'categorical' && distinct > 50) notes.push({ code: 'many-categories', count: distinct });
  return { column: { storage: 'coded', name: raw.name, type, codes, levels }, notes };
}

/** A cell at least this long (CJK characters counting three) reads as a phrase, not a code or a name: five hanzi, fifteen letters. */
const SHORT_PHRASE = 15;
/** More distinct phrases than this (and a fifth of the cells or more) make a column free text rather than categories. */
const MANY_PHRASES = 50;

/** Average length and word count of the cells, and the share of cells that look like dates (from up to 2,000 levels). */
function textShape(levels: string[], counts: number[]): { meanLength: number; meanWords: number; dateShare: number } {
  let cells = 0;
  let length = 0;
  let words = 0;
  let dates = 0;
  const limit = Math.min(levels.length, 2000);
  for (let k = 0; k < limit; k++) {
    const t = levels[k];
    const w = counts[k];
    cells += w;
    length += w * visualLength(t);
    words += w * (t.trim().split(/\s+/).length);
    if (DATE_TEXT.test(t)) dates += w;
  }
  return cells === 0
    ? { meanLength: 0, meanWords: 0, dateShare: 0 }
    : { meanLength: length / cells, meanWords: words / cells, dateShare: dates / cells };
}

/** Length with each CJK character counted as three letters: ten hanzi carry about as much as a 30-letter phrase. */
function visualLength(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) n += t.charCodeAt(i) >= 0x2e80 ? 3 : 1;
  return n;
}
