/**
 * The worker's privacy tasks: a de-identified copy of the loaded file (with its k-anonymity report),
 * and the opt-in encrypted session in IndexedDB. Nothing here runs unless the user asks for it.
 */
import type { Table } from '../core/table/column';
import { deidentify, type DeidAction, type DeidPlan } from '../core/privacy/deidentify';
import { kAnonymity, suppress } from '../core/privacy/k-anonymity';
import { csvChunks } from '../core/export/csv';
import { fail, ok, type Result } from '../core/errors';
import type { RunContext } from '../core/util/run-context';
import type { PatientIndex } from '../core/patients/patient-key';
import type { DeidRequest, DeidOutcome } from './api';

/** A plan from the UI's list of [column, action] (a list: column names such as `__proto__` are never object keys). */
export function planFrom(request: DeidRequest): DeidPlan {
  const actions = Object.create(null) as Record<string, DeidAction>;
  for (const [column, action] of request.actions) actions[column] = action;
  return {
    actions,
    ...(request.patientColumn ? { patientColumn: request.patientColumn } : {}),
    ...(request.referenceColumn ? { referenceColumn: request.referenceColumn } : {}),
  };
}

/**
 * De-identifies, measures k-anonymity over the chosen quasi-identifiers (as they are after
 * de-identification), optionally suppresses rows in classes smaller than k, and writes a formula-safe
 * CSV. With a patient key (`patients`), a class's size is its number of distinct patients.
 */
export async function deidentifiedCsv(table: Table, request: DeidRequest, ctx: RunContext, patients: PatientIndex | null = null): Promise<Result<DeidOutcome>> {
  if (!(Number.isInteger(request.k) && request.k >= 1)) return fail({ code: 'bad-parameter', value: `k = ${request.k}` });
  const result = await deidentify(table, planFrom(request), ctx);
  if (!result.ok) return result;
  const d = result.value;
  const quasi = request.quasiIdentifiers.map((q) => d.header.indexOf(q)).filter((j) => j >= 0).map((j) => d.columns[j]);
  const patientOf = patients ? patients.ofRow : null;
  const before = quasi.length > 0 ? kAnonymity(quasi, request.k, d.rowCount, patientOf) : null;
  let keep: Int32Array | null = null;
  let removed = 0;
  if (before && request.suppress && before.rowsAtRisk > 0) {
    const s = suppress(quasi, request.k, d.rowCount, patientOf);
    keep = s.keptRows;
    removed = s.removed;
  }
  const rows = keep ?? Int32Array.from({ length: d.rowCount }, (_, i) => i);
  const kept = (col: ArrayLike<number> | readonly string[]) => Array.from(rows, (i) => col[i]);
  const after = quasi.length > 0 ? kAnonymity(quasi.map((col) => kept(col) as string[]), request.k, rows.length, patientOf ? (kept(patientOf) as number[]) : null) : null;
  const chunks = csvChunks(d.header, rows.length, (i, j) => d.columns[j][rows[i]], { bom: true });
  return ok({
    blob: new Blob([...chunks], { type: 'text/csv;charset=utf-8' }),
    rows: rows.length,
    removed,
    minClassSize: after ? after.minClassSize : null,
    unit: patients ? 'patients' : 'rows',
    rowsAtRisk: after ? after.rowsAtRisk : null,
    rowsAtRiskBefore: before ? before.rowsAtRisk : null,
    summary: d.summary,
  });
}
