import type { ColumnSummary, DatasetSummary } from './api';
import type { LoadedTable } from '../core/ingest/read-table';
import { profileColumn } from '../core/table/profile';
import { columnLevels } from '../core/table/column';
import { compareText } from '../core/prep/prepare';
import { suggestPositiveClass } from '../core/prep/outcome';
import { detectIdentifier, looksLikeBirthDateName } from '../core/privacy/identifiers';

const MAX_LISTED_LEVELS = 50;
const OUTCOME_NAME =
  /outcome|diagnos|target|label|class|death|died|dead|mortal|status|event|result|readmi|diabet|disease|survive|结局|诊断|死亡|标签|结果|转归|复发/i;

/** The loaded table as the UI sees it: one profile per column, and a suggested setup. */
export function summarize(loaded: LoadedTable, fileName: string, fileBytes: number): DatasetSummary {
  const { table } = loaded;
  const columns: ColumnSummary[] = table.columns.map((col, k) => {
    const profile: ColumnSummary = profileColumn(col, loaded.columnNotes[k]);
    const phi = detectIdentifier(col.name, col, col.type, { distinct: profile.distinct, nonMissing: table.rowCount - profile.missing });
    if (phi) profile.phi = phi;
    if (col.type === 'date' && looksLikeBirthDateName(col.name)) profile.birthDate = true;
    const levels = columnLevels(col);
    if (levels && levels.length <= MAX_LISTED_LEVELS) {
      profile.levels = col.storage === 'coded' ? levels.slice().sort(compareText) : levels.slice();
    }
    return profile;
  });
  const outcome = suggestOutcome(columns.filter((c) => !c.phi));
  let positiveClass: string | null = null;
  if (outcome) {
    const top = outcome.top ?? [];
    positiveClass = suggestPositiveClass(top.map((t) => t.value), top.map((t) => t.count)) ?? null;
  }
  const features = columns.filter((c) => c !== outcome && isDefaultFeature(c)).map((c) => c.name);
  return {
    fileName,
    fileBytes,
    rows: table.rowCount,
    cols: table.columns.length,
    encoding: loaded.encoding,
    delimiter: loaded.dialect.delimiter,
    decimalComma: loaded.dialect.decimalComma,
    columns,
    fileNotes: loaded.fileNotes,
    suggestion: { outcome: outcome?.name ?? null, positiveClass, features },
  };
}

function suggestOutcome(columns: ColumnSummary[]): ColumnSummary | undefined {
  const binary = columns.filter((c) => c.type === 'binary');
  return binary.find((c) => OUTCOME_NAME.test(c.name)) ?? binary[binary.length - 1];
}

/** Identifiers (by type or by their name and values), free text, dates, empty and constant columns are not features unless the user asks. */
export function isDefaultFeature(c: ColumnSummary): boolean {
  if (c.type === 'identifier' || c.type === 'text' || c.type === 'date' || c.phi) return false;
  return !c.notes.some((n) => n.code === 'all-missing' || n.code === 'constant');
}
