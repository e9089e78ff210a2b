/**
 * Calendar dates as written in clinical exports: parsing (the shapes infer-type accepts as dates),
 * day arithmetic for date shifting, and age in whole years from a birth date.
 */
import { cellText, isMissing, type Column } from '../table/column';
import { validYmd } from './value-patterns';

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

/** How an all-numeric d/m/y or m/d/y date is read when both parts are ≤ 12. */
export type DayOrder = 'dmy' | 'mdy';

export interface ParsedDate {
  date: DateParts;
  /** The time of day after the date, as written (" 13:45", "T08:00:00Z"), or ''. */
  time: string;
}

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/;
const YMD_CJK = /^(\d{4})年(\d{1,2})月(\d{1,2})日(.*)$/;
const NUMERIC_DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(.*)$/;
const DAY_MONTH_NAME = /^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{4}|\d{2})(.*)$/;
const TIME = /^(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Two-digit years as spreadsheets read them (Excel's default window): 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

/** A full calendar date (year, month and day; an optional time after it), or null. */
export function parseDate(text: string, order: DayOrder = 'mdy'): ParsedDate | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  let rest: string;
  let match = YMD.exec(t) ?? YMD_CJK.exec(t);
  if (match) {
    [y, m, d, rest] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4]];
  } else if ((match = NUMERIC_DMY.exec(t))) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    [d, m] = order === 'dmy' || a > 12 ? [a, b] : [b, a];
    [y, rest] = [fullYear(match[3]), match[4]];
  } else if ((match = DAY_MONTH_NAME.exec(t))) {
    const name = match[2].toLowerCase();
    m = name === 'sept' ? 9 : MONTHS.findIndex((full) => full.startsWith(name)) + 1;
    if (m === 0) return null;
    [d, y, rest] = [Number(match[1]), fullYear(match[3]), match[4]];
  } else return null;
  if (!validYmd(y, m, d) || !TIME.test(rest)) return null;
  return { date: { y, m, d }, time: rest };
}

/** 'dmy' when some numeric date has a first part above 12 (31/01/2020), else 'mdy' (US exports). */
export function dayOrderOf(texts: Iterable<string>): DayOrder {
  let dmy = 0;
  let mdy = 0;
  for (const text of texts) {
    const match = NUMERIC_DMY.exec(text.trim());
    if (!match) continue;
    if (Number(match[1]) > 12) dmy++;
    else if (Number(match[2]) > 12) mdy++;
  }
  return dmy > mdy ? 'dmy' : 'mdy';
}

/** The day order of a date column, from its distinct texts. */
export function columnDayOrder(col: Column): DayOrder {
  if (col.storage === 'coded') return dayOrderOf(col.levels);
  return 'mdy';
}

/** Days since 1970-01-01 (proleptic Gregorian, UTC: no time zone or DST involved); years ≥ 100. */
export function toDayNumber(p: DateParts): number {
  return Math.round(Date.UTC(p.y, p.m - 1, p.d) / 86_400_000);
}

export function fromDayNumber(n: number): DateParts {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** ISO 8601 calendar date, yyyy-mm-dd. */
export function formatDate(p: DateParts): string {
  return `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}`;
}

/** Completed years from `birth` to `at` (a 29 February birthday is reached on 1 March in common years); NaN before birth. */
export function ageInYears(birth: DateParts, at: DateParts): number {
  let age = at.y - birth.y;
  if (at.m < birth.m || (at.m === birth.m && at.d < birth.d)) age--;
  return age < 0 ? NaN : age;
}

const BIRTH_NAME = /(^| )(dob|d o b|date of birth|birth ?date|birthday|born( on)?)( |$)|出生日期|出生年月|生日/;

/** Whether a header names a birth date ("DOB", "date_of_birth", "出生日期"). */
export function looksLikeBirthDateName(name: string): boolean {
  return BIRTH_NAME.test(normalizeHeader(name));
}

/** "PatientID" → "patient id", "date_of-birth" → "date of birth": lower case, words separated by one space. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_\-./()#:,'’]+/g, ' ')
    .trim();
}

/**
 * Age in whole years at a reference date, per row, for a birth-date column (the UI offers "use age
 * instead" of a date of birth). `reference`: one date for every row (e.g. the data extract date),
 * or a date column (e.g. admission date). NaN where either date is missing, unreadable, or the
 * reference is before the birth.
 */
export function birthDateToAge(birth: Column, reference: DateParts | Column): Float64Array {
  const n = birth.storage === 'numeric' ? birth.values.length : birth.codes.length;
  const out = new Float64Array(n).fill(NaN);
  const order = columnDayOrder(birth);
  const refColumn = 'storage' in reference ? reference : null;
  const refOrder = refColumn ? columnDayOrder(refColumn) : order;
  for (let i = 0; i < n; i++) {
    if (isMissing(birth, i)) continue;
    const b = parseDate(cellText(birth, i), order);
    if (!b) continue;
    let at: DateParts | undefined;
    if (!refColumn) at = reference as DateParts;
    else if (!isMissing(refColumn, i)) at = parseDate(cellText(refColumn, i), refOrder)?.date;
    if (at) out[i] = ageInYears(b.date, at);
  }
  return out;
}
