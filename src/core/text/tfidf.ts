// TEMPORARY STUB until the text-core branch lands (replaced by its file at the merge)
import type { CodedColumn } from '../table/column';
import type { SparseRows } from '../linalg/matrix';
import type { PatientIndex } from '../patients/patient-key';

export interface TextTransform { kind: 'text'; column: string; terms: string[]; idf: number[]; sublinearTf: boolean }
export type TextNote =
  | { code: 'text-cells-ignored'; column: string; tooLong: number; binary: number }
  | { code: 'text-mostly-numbers'; column: string; share: number }
  | { code: 'text-no-terms'; column: string; minPatients: number }
  | { code: 'text-terms'; column: string; terms: number; eligible: number };

const words = (s: string): string[] => s.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 1);

export function fitTextColumn(c: CodedColumn, rows: Int32Array, patients: PatientIndex | null, o: { maxTerms?: number; minPatients?: number; sublinearTf?: boolean }): { transform: TextTransform; notes: TextNote[] } {
  const units = new Map<string, Set<number>>();
  const df = new Map<string, number>();
  for (const i of rows) {
    if (c.codes[i] < 0) continue;
    const ts = new Set(words(c.levels[c.codes[i]]));
    for (const t of ts) {
      df.set(t, (df.get(t) ?? 0) + 1);
      if (!units.has(t)) units.set(t, new Set());
      (units.get(t) as Set<number>).add(patients ? patients.ofRow[i] : i);
    }
  }
  const eligible = [...units.keys()].filter((t) => (units.get(t) as Set<number>).size >= (o.minPatients ?? 5));
  const terms = eligible.sort((a, b) => (df.get(b) as number) - (df.get(a) as number) || (a < b ? -1 : 1)).slice(0, o.maxTerms ?? 200).sort();
  const n = rows.length;
  const idf = terms.map((t) => Math.log((1 + n) / (1 + (df.get(t) as number))) + 1);
  return { transform: { kind: 'text', column: c.name, terms, idf, sublinearTf: !!o.sublinearTf }, notes: [{ code: 'text-terms', column: c.name, terms: terms.length, eligible: eligible.length }] };
}

export function transformText(c: CodedColumn, t: TextTransform, rows: Int32Array): SparseRows {
  const index = new Map(t.terms.map((x, k) => [x, k]));
  const rowStart = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  rows.forEach((i, r) => {
    const counts = new Map<number, number>();
    if (c.codes[i] >= 0) for (const w of words(c.levels[c.codes[i]])) { const k = index.get(w); if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1); }
    const ks = [...counts.keys()].sort((a, b) => a - b);
    const v = ks.map((k) => (t.sublinearTf ? 1 + Math.log(counts.get(k) as number) : (counts.get(k) as number)) * t.idf[k]);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    ks.forEach((k, q) => { cols.push(k); vals.push(v[q] / norm); });
    rowStart[r + 1] = cols.length;
  });
  return { cols: t.terms.length, rowStart, colIndex: Int32Array.from(cols), values: Float64Array.from(vals) };
}
