/**
 * Which columns hold identifiers: from the header (English and Chinese) and from the values. The
 * kinds follow the HIPAA Safe Harbor list, 45 CFR §164.514(b)(2)(i) (see safe-harbor.ts).
 */
import { type Column, type ColumnType, type Table } from '../table/column';
import { looksLikeIdName } from '../table/infer-type';
import { numericStats } from '../table/column-stats';
import { normalizeHeader, parseDate } from './dates';
import { isAddress, isEmail, isIp, isNationalId, isPersonName, isPhone, isUrl } from './value-patterns';

export { birthDateToAge, looksLikeBirthDateName, ageInYears } from './dates';

export type IdentifierKind =
  | 'name'
  | 'record-id'
  | 'national-id'
  | 'phone'
  | 'email'
  | 'address'
  | 'postal-code'
  | 'date'
  | 'ip'
  | 'url'
  | 'free-text';

export interface IdentifierDetection {
  kind: IdentifierKind;
  /** 'name': the header says so; 'values': the cells (or the column's inferred type) do. */
  reason: 'name' | 'values';
  /** For 'name': the header as normalized; for 'values': "matched/sampled" or the column type. Never a cell value. */
  evidence?: string;
}

/** Header patterns, tried in this order on the normalized header ("email address" is e-mail before it is an address). */
const NAME_RULES: { kind: IdentifierKind; re: RegExp }[] = [
  {
    kind: 'national-id',
    re: /(^| )(ssn|social security( no| number)?|national id(entity)?( no| number| card)?|id card( no| number)?|identity card( no| number)?|resident id( no| number)?|citizen id|nric)( |$)|身份证|公民身份号码|证件号/,
  },
  { kind: 'email', re: /(^| )e ?mail( address)?( |$)|邮箱|电子邮件|电邮/ },
  { kind: 'ip', re: /^ip$|(^| )ip ?addr(ess)?( |$)|ip地址/ },
  { kind: 'url', re: /(^| )(url|website|web ?site|home ?page|web ?page|web address)( |$)|网址|网站|主页/ },
  { kind: 'phone', re: /(^| )(phone|telephone|tel|mobile|cellphone|cell phone|fax|contact (no|number)|phone (no|number))( |$)|电话|手机|联系方式|传真/ },
  { kind: 'postal-code', re: /(^| )(zip|zip ?code|zipcode|post ?code|postal( code)?)( |$)|邮编|邮政编码/ },
  { kind: 'date', re: /(^| )(dob|d o b|date of birth|birth ?date|birthday)( |$)|出生日期|出生年月|生日/ },
  { kind: 'address', re: /(^| )(address|addr|street|street address|home address|residence|residential address)( |$)|住址|地址|居住地/ },
  {
    kind: 'name',
    re: /^((patient|pt|full|first|last|given|family|middle|maiden|sur|fore) ?name|name|name of patient|patient s name|pt nm)$|姓名|名字|^(患者|病人|患者名称|病人名称)$/,
  },
  {
    kind: 'record-id',
    re: /(^| )(mrn|medical record( no| number| num)?|(patient|pt|subject|case|person|participant|record|member|encounter|visit|admission|hospital|inpatient|outpatient|account|beneficiary|health plan|hadm|stay) (id|no|number|num|identifier|code)|patientid|pid|ptid|subjectid)( |$)|^id$|病历号|住院号|门诊号|就诊号|病案号|患者编号|病人编号|档案号|患者id|病人id|医保号|登记号|患者号|病人号|住院编号|门诊编号/,
  },
];

/**
 * Headers that name the patient without saying how ("Patient", "患者"): the values decide between a
 * name and a record number.
 */
const PERSON_HEADER = /^(patient|pt|subject|person|participant|患者|病人|受试者)$/;

/** Share of sampled distinct values that must match for a kind to win from the values alone. */
const VALUE_SHARE = 0.85;
/** Person names: lower, because the ~100 surnames cover about 85% of Chinese people, not all. */
const NAME_SHARE = 0.7;
const SAMPLE = 2000;

const VALUE_TESTS: { kind: IdentifierKind; test: (t: string) => boolean; share: number }[] = [
  { kind: 'email', test: isEmail, share: VALUE_SHARE },
  { kind: 'national-id', test: isNationalId, share: VALUE_SHARE },
  { kind: 'phone', test: isPhone, share: VALUE_SHARE },
  { kind: 'ip', test: isIp, share: VALUE_SHARE },
  { kind: 'url', test: isUrl, share: VALUE_SHARE },
  { kind: 'date', test: (t) => parseDate(t) !== null, share: VALUE_SHARE },
  { kind: 'address', test: isAddress, share: VALUE_SHARE },
  { kind: 'name', test: isPersonName, share: NAME_SHARE },
];
/** Kinds whose value patterns also fit categories (hospital names, diagnoses): they need many distinct values. */
const NEEDS_CARDINALITY = new Set<IdentifierKind>(['name', 'address']);

/** How many distinct values a column has, and in how many units (patients with a value; rows without a patient key). */
export interface ColumnCounts {
  distinct: number;
  nonMissing: number;
  /**
   * Patients with a value in the column, when the file has a patient key; else the rows with a
   * value. Value statistics are taken per patient: a name repeated on each of a patient's 4 visits
   * is one name per patient, not "25% distinct".
   */
  units?: number;
}

/**
 * Whether a column holds identifiers, and why; null when it does not seem to. `type` is the
 * column's type as the user sees it (inferred, or overridden). `stats` may be given when the caller
 * already counted them (the profile has): saves a pass over the column.
 */
export function detectIdentifier(name: string, col: Column, type: ColumnType, stats: ColumnCounts = columnStats(col)): IdentifierDetection | null {
  if (stats.nonMissing === 0) return null;
  const units = stats.units ?? stats.nonMissing;
  // a yes/no column ("id_verified", "email_consent") identifies no one, unless the table has a handful of patients
  if (type === 'binary' && units > 4) return null;
  const header = normalizeHeader(name);
  const sample = sampleTexts(col, SAMPLE);
  // a few values shared by many patients: a flag, a visit number, or a category whose header merely
  // mentions an identifier ("联系方式": 电话/邮件). A header rule holds anyway when the values have the
  // identifier's shape (a handful of patients' phone numbers, each on several visits).
  const fewValues = stats.distinct < 10 && 2 * stats.distinct < units;
  const supports = (kind: IdentifierKind): boolean => {
    const test = VALUE_TESTS.find((v) => v.kind === kind)?.test;
    return test !== undefined && sample.some(test);
  };

  if (PERSON_HEADER.test(header) && !fewValues) {
    return { kind: integerOrCode(col) && !supports('name') ? 'record-id' : 'name', reason: 'name', evidence: header };
  }
  for (const rule of NAME_RULES) {
    if (!rule.re.test(header)) continue;
    if (rule.kind === 'date' && yearsOnly(col)) break; // "birth year": a year is allowed by Safe Harbor
    // the values contradict the header: a visit number or a count (small integers), or a few values
    // without the identifier's shape; otherwise the header holds, however few rows or values
    if (rule.kind === 'record-id' && smallIntegers(col)) break;
    if (fewValues && VALUE_TESTS.some((v) => v.kind === rule.kind) && !supports(rule.kind)) break;
    return { kind: rule.kind, reason: 'name', evidence: header };
  }

  // name and address patterns also fit categories (hospitals, diagnoses): they need about one value per patient
  const highCardinality = (stats.distinct >= 10 && stats.distinct >= 0.5 * units) || (stats.distinct >= 3 && stats.distinct >= 0.8 * units);
  let best: { kind: IdentifierKind; share: number; hits: number } | null = null;
  for (const v of VALUE_TESTS) {
    if (NEEDS_CARDINALITY.has(v.kind) && !highCardinality) continue;
    let hits = 0;
    for (const t of sample) if (v.test(t)) hits++;
    const share = hits / sample.length;
    if (share >= v.share && (!best || share > best.share)) best = { kind: v.kind, share, hits };
  }
  if (best) return { kind: best.kind, reason: 'values', evidence: `${best.hits}/${sample.length}` };

  if (type === 'date') return { kind: 'date', reason: 'values', evidence: 'date' };
  if (type === 'text') return { kind: 'free-text', reason: 'values', evidence: 'text' };
  if (type === 'identifier') return { kind: 'record-id', reason: 'values', evidence: 'identifier' };
  // an ID-named column of integers or codes with about one value per patient
  if (looksLikeIdName(name) && stats.distinct >= 2 && stats.distinct >= 0.8 * units && stats.nonMissing >= 2 && integerOrCode(col)) {
    return { kind: 'record-id', reason: 'name', evidence: header };
  }
  return null;
}

/** The identifier kind a header names ("MRN" → record-id), whatever the values; null when none. */
export function headerKind(name: string): IdentifierKind | null {
  const header = normalizeHeader(name);
  if (PERSON_HEADER.test(header)) return 'name';
  return NAME_RULES.find((rule) => rule.re.test(header))?.kind ?? null;
}

/** `detectIdentifier` for every column of a table, with its inferred type. */
export function detectIdentifiers(table: Table): (IdentifierDetection | null)[] {
  return table.columns.map((c) => detectIdentifier(c.name, c, c.type));
}

/** Rows of a numeric column searched for distinct values to sample: a sample, not a pass over a million rows. */
const SAMPLE_ROWS = 200_000;

/**
 * Distinct non-missing texts, up to `limit`, in order of first appearance; a numeric column's from its
 * first SAMPLE_ROWS rows. Numbers are told apart as numbers and written once each (String(v), as the
 * column shows them; −0 and 0 are one value and one text).
 */
export function sampleTexts(col: Column, limit: number): string[] {
  if (col.storage === 'coded') return col.levels.slice(0, limit);
  // a low-cardinality numeric column knows its values: no pass over a million rows
  if (col.levels) return col.levels.labels.slice(0, limit);
  const seen = new Set<number>();
  const v = col.values;
  for (let i = 0, end = Math.min(v.length, SAMPLE_ROWS); i < end && seen.size < limit; i++) {
    if (v[i] === v[i]) seen.add(v[i]);
  }
  return Array.from(seen, String);
}

/** Distinct non-missing values and non-missing cells of a column (one pass). */
export function columnStats(col: Column): { distinct: number; nonMissing: number } {
  let nonMissing = 0;
  if (col.storage === 'coded') {
    const used = new Uint8Array(col.levels.length);
    let distinct = 0;
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c < 0) continue;
      nonMissing++;
      if (!used[c]) {
        used[c] = 1;
        distinct++;
      }
    }
    return { distinct, nonMissing };
  }
  const stats = numericStats(col.values);
  return { distinct: stats.distinct, nonMissing: col.values.length - stats.missing };
}

/** Integers from 0 to 99 only: a visit number, a sequence or a count, not a record number. */
function smallIntegers(col: Column): boolean {
  if (col.storage !== 'numeric') return false;
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (v === v && !(Number.isInteger(v) && v >= 0 && v < 100)) return false;
  }
  return true;
}

/** A numeric column of plausible calendar years only (1800–2100): a birth year, not a birth date. */
function yearsOnly(col: Column): boolean {
  if (col.storage !== 'numeric') return false;
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (v === v && !(Number.isInteger(v) && v >= 1800 && v <= 2100)) return false;
  }
  return true;
}

/** Integers or short codes without spaces: what a record number looks like (not a measurement with decimals). */
function integerOrCode(col: Column): boolean {
  if (col.storage === 'numeric') {
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (v === v && !Number.isInteger(v)) return false;
    }
    return true;
  }
  return col.levels.every((t) => t.length <= 40 && !/\s/.test(t));
}
