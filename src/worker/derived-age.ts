import type { Table } from '../core/table/column';
import { birthDateToAge } from '../core/privacy/identifiers';
import { uniqueNames } from '../core/ingest/read-table';
import { fail, ok, type Result } from '../core/errors';
import type { SessionSource } from './session-store';

/**
 * Age in whole years from a birth-date column, so the model can use age instead of the date of birth
 * (an identifier under HIPAA Safe Harbor). Measured at another date column of the same row when there
 * is one (an admission or visit date), else at today's date; the new column's name says which.
 */
export function addDerivedAge(table: Table, source: SessionSource, column: string): Result<{ table: Table; source: SessionSource }> {
  const birth = table.columns.find((c) => c.name === column);
  if (!birth) return fail({ code: 'unknown-column', column });
  if (birth.type !== 'date') return fail({ code: 'bad-parameter', column, value: 'not a date column' });
  const other = table.columns.find((c) => c !== birth && c.type === 'date');
  const today = new Date();
  const reference = other ?? { y: today.getFullYear(), m: today.getMonth() + 1, d: today.getDate() };
  const values = birthDateToAge(birth, reference);
  // a plain name: one built from the birth column's name would itself look like a date of birth
  const wanted = 'derived_age';
  const name = uniqueNames([...table.columns.map((c) => c.name), wanted])[table.columns.length];
  return ok({
    table: { rowCount: table.rowCount, columns: [...table.columns, { storage: 'numeric', name, type: 'numeric', values }] },
    source: { ...source, columnNotes: [...source.columnNotes, [{ code: 'derived-age', from: birth.name, at: other?.name ?? null }]] },
  });
}
