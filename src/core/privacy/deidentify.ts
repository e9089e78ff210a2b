/**
 * De-identification of a loaded table by a per-column plan, before anything leaves the device
 * (export, shared report). Defaults follow the HIPAA Safe Harbor method, 45 CFR §164.514(b)(2).
 */
import { cellText, isMissing, type Column, type Table } from '../table/column';
import { fail, ok, type Result } from '../errors';
import { noContext, type RunContext } from '../util/run-context';
import { columnDayOrder, formatDate, fromDayNumber, normalizeHeader, parseDate, toDayNumber } from './dates';
import type { IdentifierDetection, IdentifierKind } from './identifiers';
import { newPseudonymizer, randomDayOffsets } from './pseudonym';

export { SAFE_HARBOR_IDENTIFIERS, type SafeHarborIdentifier } from './safe-harbor';

export type DeidAction = 'keep' | 'drop' | 'pseudonymize' | 'shift-dates' | 'year-only' | 'age-cap' | 'truncate-postal';

const ACTIONS: readonly DeidAction[] = ['keep', 'drop', 'pseudonymize', 'shift-dates', 'year-only', 'age-cap', 'truncate-postal'];

export interface DeidPlan {
  /** Per column name. A column the plan does not name is dropped: nothing leaves unless the plan says so. */
  actions: Record<string, DeidAction>;
  /** The column naming the patient: all dates of a patient's rows get the same shift. Default: one shift per row. */
  patientColumn?: string;
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
    const transform = cellTransform(col, action, pseudonyms, offsets);
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

function cellTransform(col: Column, action: DeidAction, pseudonyms: Map<string, string>, offsets: Int32Array | null): Transform {
  switch (action) {
    case 'pseudonymize':
      return (t) => pseudonyms.get(t) ?? null;
    case 'shift-dates': {
      const order = columnDayOrder(col);
      const shifts = offsets as Int32Array;
      return (t, row) => {
        const p = parseDate(t, order);
        return p ? formatDate(fromDayNumber(toDayNumber(p.date) + shifts[row])) + p.time : null;
      };
    }
    case 'year-only': {
      const order = columnDayOrder(col);
      return (t) => {
        const p = parseDate(t, order);
        return p ? String(p.date.y) : null;
      };
    }
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

// HIPAA §164.514(b)(2)(i)(B): keep the first 3 digits of a ZIP code. The rule's "000 when the 3-digit
// area has ≤ 20,000 people" needs census tables and is NOT applied here.
/**
 * The first 3 digits of a 5- or 6-digit postal code (US ZIP, ZIP+4, PRC 邮编), or null when the
 * text is not one. `width`: the column's digit count (see digitWidth), to pad shorter digit strings to.
 */
export function truncatePostal(text: string, width = 0): string | null {
  let t = text.trim().replace(/\s+/g, '');
  if (/^\d+$/.test(t) && t.length < width) t = t.padStart(width, '0');
  const match = /^(\d{3})\d{2,3}(?:-\d{4})?$/.exec(t);
  return match ? match[1] : null;
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

const DROP: ReadonlySet<IdentifierKind> = new Set(['name', 'phone', 'email', 'address', 'national-id', 'ip', 'url', 'free-text']);
const AGE_NAME = /(^| )age( |$)|年龄|岁/;

/**
 * The Safe Harbor default for a table and its detections (by column index): direct identifiers
 * and free text dropped, record ids pseudonymized, dates shifted, postal codes truncated, numeric
 * columns named as ages capped at 90+, everything else kept. The first record-id column names the patient.
 */
export function defaultPlan(table: Table, detections: readonly (IdentifierDetection | null)[]): DeidPlan {
  // no prototype: a column named "__proto__" or "constructor" is a plain key
  const actions = Object.create(null) as Record<string, DeidAction>;
  let patientColumn: string | undefined;
  table.columns.forEach((col, k) => {
    const kind = detections[k]?.kind;
    if (kind === undefined) actions[col.name] = col.storage === 'numeric' && AGE_NAME.test(normalizeHeader(col.name)) ? 'age-cap' : 'keep';
    else if (DROP.has(kind)) actions[col.name] = 'drop';
    else if (kind === 'record-id') {
      actions[col.name] = 'pseudonymize';
      patientColumn ??= col.name;
    } else if (kind === 'date') actions[col.name] = 'shift-dates';
    else if (kind === 'postal-code') actions[col.name] = 'truncate-postal';
    else actions[col.name] = 'drop';
  });
  return patientColumn === undefined ? { actions } : { actions, patientColumn };
}
