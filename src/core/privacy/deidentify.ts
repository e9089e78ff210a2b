/**
 * De-identification of a loaded table by a per-column plan, before anything leaves the device
 * (export, shared report). Defaults follow the HIPAA Safe Harbor method, 45 CFR §164.514(b)(2).
 */
import { cellText, isMissing, type Column, type Table } from '../table/column';
import { fail, ok, type Result } from '../errors';
import { noContext, type RunContext } from '../util/run-context';
import { ageInYears, columnDayOrder, formatDate, fromDayNumber, looksLikeBirthDateName, normalizeHeader, parseDate, toDayNumber, type DateParts } from './dates';
import type { IdentifierDetection, IdentifierKind } from './identifiers';
import { newPseudonymizer, randomDayOffsets } from './pseudonym';

export { SAFE_HARBOR_IDENTIFIERS, type SafeHarborIdentifier } from './safe-harbor';

/**
 * What happens to a column. Safe Harbor's: drop, pseudonymize (record numbers), year-only (dates),
 * birth-year (a birth date or year: the year, or "90+" when the patient is 90 or older), age-cap
 * (ages over 89 → "90+"), truncate-postal (3 digits; "000" for the sparsely populated US ZIP areas).
 * 'shift-dates' keeps intervals but is NOT Safe Harbor: the result is a limited data set.
 */
export type DeidAction = 'keep' | 'drop' | 'pseudonymize' | 'year-only' | 'birth-year' | 'age-cap' | 'truncate-postal' | 'shift-dates';

export const DEID_ACTIONS: readonly DeidAction[] = ['keep', 'drop', 'pseudonymize', 'year-only', 'birth-year', 'age-cap', 'truncate-postal', 'shift-dates'];
const ACTIONS = DEID_ACTIONS;
/** Actions whose output Safe Harbor does not accept (the export is then a limited data set). */
export const NOT_SAFE_HARBOR: ReadonlySet<DeidAction> = new Set(['shift-dates', 'keep']);

export interface DeidPlan {
  /** Per column name. A column the plan does not name is dropped: nothing leaves unless the plan says so. */
  actions: Record<string, DeidAction>;
  /** The column naming the patient: all dates of a patient's rows get the same shift. Default: one shift per row. */
  patientColumn?: string;
  /**
   * A date column (the visit or admission date) at which each row's age is reckoned: a birth date or
   * year implying 90 or older at that date becomes "90+". Rows without it, or no such column: `asOf`.
   */
  referenceColumn?: string;
  /** The date ages are reckoned at when there is no reference date (default: today). */
  asOf?: DateParts;
}

export interface DeidColumnSummary {
  name: string;
  action: DeidAction;
  /** Non-missing cells whose output differs from the input (all of them for a dropped column). */
  changed: number;
  /** Cells that could not be transformed (an unreadable date, a postal code that is not digits) and were emptied. */
  suppressed: number;
}

export interface DeidResult {
  rowCount: number;
  /** Names of the output columns (dropped columns left out), in table order. */
  header: string[];
  /** Per output column, per row: the cell text ('' for missing). */
  columns: string[][];
  /** Per input column, in table order. */
  summary: DeidColumnSummary[];
}

/** Applies `plan` to every column. Pseudonym key and date offsets are fresh and random for every call. */
export async function deidentify(table: Table, plan: DeidPlan, ctx: RunContext = noContext): Promise<Result<DeidResult>> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  for (const [name, action] of Object.entries(plan.actions)) {
    if (!byName.has(name)) return fail({ code: 'unknown-column', column: name });
    if (!ACTIONS.includes(action)) return fail({ code: 'bad-parameter', column: name, value: String(action) });
  }
  if (plan.patientColumn !== undefined && !byName.has(plan.patientColumn)) return fail({ code: 'unknown-column', column: plan.patientColumn });
  if (plan.referenceColumn !== undefined && !byName.has(plan.referenceColumn)) return fail({ code: 'unknown-column', column: plan.referenceColumn });
  const reference = referenceDates(table.rowCount, plan.referenceColumn === undefined ? null : (byName.get(plan.referenceColumn) as Column), plan.asOf ?? today());
  const actionOf = (c: Column): DeidAction => (Object.hasOwn(plan.actions, c.name) ? plan.actions[c.name] : 'drop');
  const n = table.rowCount;

  // one pseudonymizer for the whole call: the same value gets the same pseudonym in every column
  let pseudonyms = new Map<string, string>();
  const toPseudonymize = table.columns.filter((c) => actionOf(c) === 'pseudonymize');
  if (toPseudonymize.length > 0) {
    const distinct = new Set<string>();
    for (const c of toPseudonymize) for (let i = 0; i < n; i++) if (!isMissing(c, i)) distinct.add(cellText(c, i));
    pseudonyms = await (await newPseudonymizer())([...distinct], ctx);
  }
  const offsets = table.columns.some((c) => actionOf(c) === 'shift-dates')
    ? rowOffsets(n, plan.patientColumn === undefined ? null : (byName.get(plan.patientColumn) as Column))
    : null;

  const header: string[] = [];
  const columns: string[][] = [];
  const summary: DeidColumnSummary[] = [];
  for (let k = 0; k < table.columns.length; k++) {
    const col = table.columns[k];
    const action = actionOf(col);
    const entry: DeidColumnSummary = { name: col.name, action, changed: 0, suppressed: 0 };
    summary.push(entry);
    if (action === 'drop') {
      for (let i = 0; i < n; i++) if (!isMissing(col, i)) entry.changed++;
      continue;
    }
    const transform = cellTransform(col, action, pseudonyms, offsets, isBirthColumn(col.name) ? reference : null);
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      if (isMissing(col, i)) {
        out[i] = '';
        continue;
      }
      const before = cellText(col, i);
      const after = transform(before, i);
      out[i] = after ?? '';
      if (after === null) entry.suppressed++;
      if (out[i] !== before) entry.changed++;
    }
    header.push(col.name);
    columns.push(out);
    await ctx.checkpoint((k + 1) / table.columns.length, 'deidentify');
  }
  return ok({ rowCount: n, header, columns, summary });
}

/** Per cell: the new text, or null to empty the cell (it could not be transformed safely). */
type Transform = (text: string, row: number) => string | null;

/**
 * `birthAt`: for a birth date or year column, each row's reference date: a birth implying an age of
 * 90 or more there is written "90+" whatever the action (a shifted or year-only birth date of a
 * 95-year-old still tells the age).
 */
function cellTransform(col: Column, action: DeidAction, pseudonyms: Map<string, string>, offsets: Int32Array | null, birthAt: (DateParts | null)[] | null): Transform {
  const order = columnDayOrder(col);
  const over89 = (birth: DateParts | null, row: number): boolean => birthAt !== null && birth !== null && impliedAge(birth, birthAt[row]) >= 90;
  switch (action) {
    case 'pseudonymize':
      return (t) => pseudonyms.get(t) ?? null;
    case 'shift-dates': {
      const shifts = offsets as Int32Array;
      return (t, row) => {
        const p = parseDate(t, order);
        if (!p) return null;
        return over89(p.date, row) ? '90+' : formatDate(fromDayNumber(toDayNumber(p.date) + shifts[row])) + p.time;
      };
    }
    case 'year-only':
    case 'birth-year':
      return (t, row) => {
        const birth = parseDate(t, order)?.date ?? bareYear(t);
        if (!birth) return null;
        return over89(birth, row) || (action === 'birth-year' && birthAt === null && over89Default(birth)) ? '90+' : String(birth.y);
      };
    case 'age-cap':
      return capAge;
    case 'truncate-postal': {
      const width = digitWidth(col);
      return (t) => truncatePostal(t, width);
    }
    default:
      return (t) => t;
  }
}

/**
 * One random day offset per row, shared by the rows of the same patient (same text in
 * `patientColumn`); a row without a patient id gets its own offset.
 */
function rowOffsets(n: number, patientColumn: Column | null): Int32Array {
  const keyOf = new Int32Array(n);
  let keys = n;
  if (patientColumn) {
    const ids = new Map<string, number>();
    keys = 0;
    for (let i = 0; i < n; i++) {
      const id = isMissing(patientColumn, i) ? null : cellText(patientColumn, i);
      let key = id === null ? undefined : ids.get(id);
      if (key === undefined) {
        key = keys++;
        if (id !== null) ids.set(id, key);
      }
      keyOf[i] = key;
    }
  } else for (let i = 0; i < n; i++) keyOf[i] = i;
  const perKey = randomDayOffsets(keys);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = perKey[keyOf[i]];
  return out;
}

// HIPAA §164.514(b)(2)(i)(C): ages over 89 are aggregated into one category, "90 or older".
/** "93" → "90+"; text with a number over 89 in it ("90-94", "≥90 years") → "90+"; anything else as is. */
export function capAge(text: string): string {
  const v = Number(text);
  if (text.trim() !== '' && Number.isFinite(v)) return v > 89 ? '90+' : text;
  const numbers = text.match(/\d+(\.\d+)?/g) ?? [];
  return numbers.some((x) => Number(x) > 89) ? '90+' : text;
}

/**
 * HIPAA §164.514(b)(2)(i)(B): the first 3 digits of a ZIP code may stay only where the area they
 * cover has more than 20,000 people; these are the 3-digit ZIP areas with 20,000 people or fewer
 * (HHS, "Guidance Regarding Methods for De-identification of PHI", 2012, §3.4, from the 2000
 * Census), which become "000".
 */
export const SPARSE_ZIP3: ReadonlySet<string> = new Set(['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893']);

/**
 * The first 3 digits of a 5- or 6-digit postal code (US ZIP, ZIP+4, PRC 邮编), or null when the
 * text is not one; a US ZIP of a sparsely populated area (SPARSE_ZIP3) gives "000". `width`: the
 * column's digit count (see digitWidth), to pad shorter digit strings to.
 */
export function truncatePostal(text: string, width = 0): string | null {
  let t = text.trim().replace(/\s+/g, '');
  if (/^\d+$/.test(t) && t.length < width) t = t.padStart(width, '0');
  const match = /^(\d{3})(\d{2,3})(?:-\d{4})?$/.exec(t);
  if (!match) return null;
  const us = match[2].length === 2;
  return us && SPARSE_ZIP3.has(match[1]) ? '000' : match[1];
}

/**
 * The digit count of the column's postal codes when that is 5 or 6: the parser reads digit-only
 * cells as numbers (also in a column with some text), dropping leading zeros, so they are padded back.
 */
function digitWidth(col: Column): number {
  let max = 0;
  if (col.storage === 'numeric') {
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (v === v && Number.isInteger(v) && v >= 0 && v < 1e7) max = Math.max(max, String(v).length);
    }
  } else for (const t of col.levels) if (/^\d{1,7}$/.test(t)) max = Math.max(max, t.length);
  return max === 5 || max === 6 ? max : 0;
}

const AGE_NAME = /(^| )age( |$)|年龄|岁/;
const BIRTH_YEAR_NAME = /(^| )(birth ?year|year of birth|yob|dob year|birth yr)( |$)|出生年份|出生年/;
const SEX_NAME = /(^| )(sex|gender|ethnicity|ethnic group|race)( |$)|性别|民族/;

/** A header naming an age ("age", "PatientAge", "AgeYears", "年龄", "岁数"). */
export function isAgeName(name: string): boolean {
  return AGE_NAME.test(normalizeHeader(name));
}

/** A birth date or birth year column: its dates or years tell a patient's age. */
export function isBirthColumn(name: string): boolean {
  return looksLikeBirthDateName(name) || BIRTH_YEAR_NAME.test(normalizeHeader(name));
}

/** What the de-identification plan needs to know of a column: its name, whether it holds numbers, what was detected. */
export interface DeidColumnInfo {
  name: string;
  numeric: boolean;
  kind: IdentifierKind | null;
}

/**
 * The Safe Harbor action for a column: direct identifiers and free text dropped, record numbers
 * pseudonymized, dates reduced to the year (birth dates and years: "90+" from age 90), postal codes
 * cut to 3 digits, ages over 89 capped, everything else kept. One rule list, used by the worker's
 * plan and by the panel that shows it.
 */
export function safeHarborAction(c: DeidColumnInfo): DeidAction {
  switch (c.kind) {
    case null:
      if (c.numeric && isAgeName(c.name)) return 'age-cap';
      if (isBirthColumn(c.name)) return 'birth-year';
      return 'keep';
    case 'record-id':
      return 'pseudonymize';
    case 'date':
      return isBirthColumn(c.name) ? 'birth-year' : 'year-only';
    case 'postal-code':
      return 'truncate-postal';
    default:
      // names, phones, e-mails, addresses, ID numbers, IPs, URLs, free text (DROP), and any kind added later
      return 'drop';
  }
}

/** Whether a column is a quasi-identifier by default: generalized ages, birth years, postal areas, dates, sex and ethnicity. */
export function isDefaultQuasiIdentifier(c: DeidColumnInfo, action: DeidAction): boolean {
  if (action === 'drop' || action === 'pseudonymize') return false;
  if (action === 'age-cap' || action === 'birth-year' || action === 'truncate-postal' || action === 'year-only' || action === 'shift-dates') return true;
  return c.kind === null && SEX_NAME.test(normalizeHeader(c.name));
}

/**
 * The Safe Harbor plan for a table and its detections (by column index). The patient column is the
 * given patient key, else the first record number; the reference date for ages is the first date
 * column that is not a birth date (a visit or admission date).
 */
export function defaultPlan(table: Table, detections: readonly (IdentifierDetection | null)[], patientKey: string | null = null): DeidPlan {
  // no prototype: a column named "__proto__" or "constructor" is a plain key
  const actions = Object.create(null) as Record<string, DeidAction>;
  let patientColumn: string | undefined = patientKey ?? undefined;
  let referenceColumn: string | undefined;
  table.columns.forEach((col, k) => {
    const info: DeidColumnInfo = { name: col.name, numeric: col.storage === 'numeric', kind: detections[k]?.kind ?? null };
    const action = safeHarborAction(info);
    actions[col.name] = action;
    if (action === 'pseudonymize') patientColumn ??= col.name;
    if (info.kind === 'date' && action === 'year-only') referenceColumn ??= col.name;
  });
  return { actions, ...(patientColumn === undefined ? {} : { patientColumn }), ...(referenceColumn === undefined ? {} : { referenceColumn }) };
}

/** Each row's reference date: its cell in the reference column, or `asOf` where that is empty or unreadable. */
function referenceDates(n: number, column: Column | null, asOf: DateParts): DateParts[] {
  const out = new Array<DateParts>(n).fill(asOf);
  if (!column) return out;
  const order = columnDayOrder(column);
  for (let i = 0; i < n; i++) {
    if (isMissing(column, i)) continue;
    const p = parseDate(cellText(column, i), order);
    if (p) out[i] = p.date;
  }
  return out;
}

/** Age in completed years at `at`; a bare birth year (month 0) counts the years only, erring towards the older age. */
function impliedAge(birth: DateParts, at: DateParts | null): number {
  if (!at) return NaN;
  if (birth.m === 0) return at.y - birth.y;
  return ageInYears(birth, at);
}

/** A birth year with no reference date at all: 90+ when it is 90 years or more before this year. */
function over89Default(birth: DateParts): boolean {
  return impliedAge(birth, today()) >= 90;
}

/** A cell holding a year only (1920, "1920.0"): as a date with month 0. */
function bareYear(text: string): DateParts | null {
  const v = Number(text.trim());
  return Number.isInteger(v) && v >= 1800 && v <= 2100 ? { y: v, m: 0, d: 0 } : null;
}

function today(): DateParts {
  const d = new Date();
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
