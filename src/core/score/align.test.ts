import { describe, expect, it } from 'vitest';
import type { CodedColumn, NumericColumn, Table } from '../table/column';
import { alignTable, FLAG_IMPUTED, FLAG_NOT_A_NUMBER, FLAG_NOT_SCORED, FLAG_UNSEEN, missingColumns, parseNumberText, rowFlagSummary } from './align';
import { scoreTable } from './score-table';
import { clinicCsv, clinicSetup, FEATURES, shuffledWithExtra, tableOf, tile, trained } from './__fixtures__/clinic';

const HEADER = 'id,age,sex,stage,lactate,smoker,__proto__,died';

describe('alignTable', () => {
  it('names every missing column, __proto__ included', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('logreg'));
    const other = await tableOf('id,sex,lactate,smoker\nA,F,2,no\n');
    const r = alignTable(other, run.prepared.fitted);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ code: 'missing-columns', column: 'age', count: 3, detail: '"age", "stage", "__proto__"' });
    expect(missingColumns(other, run.prepared.fitted)).toEqual(['age', 'stage', '__proto__']);
  });

  it('ignores extra columns and the column order', async () => {
    const table = await tableOf(clinicCsv());
    const { run } = await trained(table, clinicSetup('logreg'));
    const a = await scoreTable(table, run.prepared.fitted, run.model, 0.5);
    const b = await scoreTable(shuffledWithExtra(table), run.prepared.fitted, run.model, 0.5);
    if (!a.ok || !b.ok) throw new Error('scoring failed');
    expect(Array.from(b.value.risk)).toEqual(Array.from(a.value.risk));
    const aligned = alignTable(shuffledWithExtra(table), run.prepared.fitted);
    if (!aligned.ok) throw new Error('alignment failed');
    expect(aligned.value.table.columns.map((c) => c.name)).toEqual(FEATURES);
  });

  it('reads a numeric column that came in as text: decimal comma, non-numbers missing and flagged', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('logreg'));
    const csv = `${HEADER}\nA,50,F,I,"2,5",no,1,no\nB,60,M,II,high,yes,2,no\nC,70,F,III,3.1,no,0,yes\nD,80,M,IV,,no,3,no\n`;
    const table = await tableOf(csv);
    expect(table.columns[4].storage).toBe('coded');
    const r = alignTable(table, run.prepared.fitted);
    if (!r.ok) throw new Error(r.error.code);
    const lactate = r.value.table.columns[3] as NumericColumn;
    expect(lactate.storage).toBe('numeric');
    expect(Array.from(lactate.values)).toEqual([2.5, NaN, 3.1, NaN]);
    const f = r.value.rowFlags;
    expect(Array.from(f.status)).toEqual([0, FLAG_IMPUTED | FLAG_NOT_A_NUMBER, 0, FLAG_IMPUTED]);
    expect(rowFlagSummary(f, 1)).toEqual([
      { code: 'missing-imputed', columns: ['lactate'] },
      { code: 'not-a-number', cells: [{ column: 'lactate', value: 'high' }] },
    ]);
    expect(rowFlagSummary(f, 3)).toEqual([{ code: 'missing-imputed', columns: ['lactate'] }]);
    expect(rowFlagSummary(f, 0)).toEqual([]);
    expect(Array.from(f.counts.notANumber)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(f.counts.flagged).toBe(2);
  });

  it('flags unseen levels and scores them as the reference level', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('logreg'));
    const table = await tableOf(`${HEADER}\nA,50,F,V,2,no,1,no\nB,50,F,I,2,no,1,no\nC,50,X,I,2,no,1,no\n`);
    const r = await scoreTable(table, run.prepared.fitted, run.model, 0.5);
    if (!r.ok) throw new Error(r.error.code);
    const f = r.value.flags;
    expect(Array.from(f.status)).toEqual([FLAG_UNSEEN, 0, FLAG_UNSEEN]);
    expect(rowFlagSummary(f, 0)).toEqual([{ code: 'unseen-level', cells: [{ column: 'stage', value: 'V' }] }]);
    expect(rowFlagSummary(f, 2)).toEqual([{ code: 'unseen-level', cells: [{ column: 'sex', value: 'X' }] }]);
    // stage I and sex F are the reference levels (first in sorted order)
    expect(r.value.risk[0]).toBe(r.value.risk[1]);
    expect(r.value.risk[2]).toBe(r.value.risk[1]);
  });

  it('does not score rows with a missing value when training dropped such rows', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('logreg', 'drop'));
    const table = await tableOf(`${HEADER}\nA,50,F,I,,no,1,no\nB,50,F,I,2,,1,no\nC,50,F,I,2,no,1,no\n`);
    const r = await scoreTable(table, run.prepared.fitted, run.model, 0.5);
    if (!r.ok) throw new Error(r.error.code);
    const { flags, risk, predictedClass } = r.value;
    expect(Array.from(flags.status)).toEqual([FLAG_NOT_SCORED, FLAG_NOT_SCORED, 0]);
    expect(rowFlagSummary(flags, 0)).toEqual([{ code: 'not-scored', columns: ['lactate'] }]);
    expect(rowFlagSummary(flags, 1)).toEqual([{ code: 'not-scored', columns: ['smoker'] }]);
    expect(Number.isNaN(risk[0]) && Number.isNaN(risk[1])).toBe(true);
    expect(risk[2]).toBeGreaterThan(0);
    expect(Array.from(predictedClass.subarray(0, 2))).toEqual([-1, -1]);
    expect(r.value.scored).toBe(1);
    expect(flags.counts.notScored).toBe(2);
  });

  it('reads a categorical column that came in as numbers by its text', async () => {
    const rows = (grades: string[]) => grades.map((g, i) => `${40 + (i % 37)},${g},${i % 3 === 0 ? 'yes' : 'no'}`).join('\n');
    const train = Array.from({ length: 120 }, (_, i) => ['1', '2', '3b'][i % 3]);
    const table = await tableOf(`age,grade,died\n${rows(train)}\n`);
    expect(table.columns[1].storage).toBe('coded');
    const { run } = await trained(table, clinicSetup('logreg', 'mean', ['age', 'grade']));
    const other = await tableOf('age,grade\n40,1\n41,2\n42,4\n43,\n');
    expect(other.columns[1].storage).toBe('numeric');
    const r = alignTable(other, run.prepared.fitted);
    if (!r.ok) throw new Error(r.error.code);
    const grade = r.value.table.columns[1] as CodedColumn;
    expect(grade.storage).toBe('coded');
    expect([0, 1, 2, 3].map((i) => (grade.codes[i] < 0 ? null : grade.levels[grade.codes[i]]))).toEqual(['1', '2', '4', null]);
    expect(Array.from(r.value.rowFlags.status)).toEqual([0, 0, FLAG_UNSEEN, FLAG_IMPUTED]);
    const s = await scoreTable(other, run.prepared.fitted, run.model, 0.5);
    const t = await scoreTable(table, run.prepared.fitted, run.model, 0.5);
    if (!s.ok || !t.ok) throw new Error('scoring failed');
    expect(s.value.risk[0]).toBe(t.value.risk[0]); // age 40, grade 1: row 0 of the training file
  });

  it('handles a column literally called __proto__ as any other', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('logreg'));
    const table: Table = await tableOf(`${HEADER}\nA,50,F,I,2,no,,no\n`);
    const r = alignTable(table, run.prepared.fitted);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.table.columns[5].name).toBe('__proto__');
    expect(rowFlagSummary(r.value.rowFlags, 0)).toEqual([{ code: 'missing-imputed', columns: ['__proto__'] }]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('keeps 100,000 rows cheap: flags are bitsets', async () => {
    const { run } = await trained(await tableOf(clinicCsv()), clinicSetup('logreg'));
    const base = await tableOf(clinicCsv(1000, 9));
    const big = tile(base, 100);
    const r = alignTable(big, run.prepared.fitted);
    if (!r.ok) throw new Error(r.error.code);
    const f = r.value.rowFlags;
    expect(f.missing.length).toBe(6 * Math.ceil(100_000 / 32));
    expect(f.counts.missing[3]).toBe(100 * countMissing(base, 'lactate'));
  });
});

describe('parseNumberText', () => {
  it('reads decimal points and commas; words, tokens and huge numbers are NaN', () => {
    expect(parseNumberText(' 2,5 ')).toBe(2.5);
    expect(parseNumberText('-1.25e2')).toBe(-125);
    for (const s of ['NA', '', 'high', '1,234.5', '1e400', 'Infinity']) expect(parseNumberText(s)).toBeNaN();
  });
});

function countMissing(t: Table, name: string): number {
  const c = t.columns.find((x) => x.name === name) as NumericColumn;
  return c.values.reduce((s, v) => s + (v !== v ? 1 : 0), 0);
}
