import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CodedColumn, Table } from '../table/column';
import { fitPipeline, MIN_LEVEL_PATIENTS, OTHER_LEVEL, unscaledDesign } from './pipeline';
import { patientIndex } from '../patients/patient-key';
import type { PrepSetup } from './setup';
import type { Floats } from '../linalg/matrix';

interface Case { name: string; train: string[][]; test: string[][]; names: string[]; trainX: number[][]; testX: number[][] }
// Made by ../__fixtures__/patients/make-onehot-cases.py (scikit-learn 1.2.1).
const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/patients/onehot-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

function coded(name: string, values: string[]): CodedColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    let c = index.get(v);
    if (c === undefined) {
      c = levels.push(v) - 1;
      index.set(v, c);
    }
    return c;
  });
  return { storage: 'coded', name, type: 'categorical', codes, levels };
}

const setup = (features: string[]): PrepSetup => ({ outcome: 'y', positiveClass: '1', features, missing: 'drop', split: { kind: 'random', testFraction: 0.2, seed: 0 } });
const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const rowsOf = (m: { rows: number; cols: number; data: Floats }): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => m.data[j * m.rows + i]));

describe("rare levels pooled as scikit-learn's OneHotEncoder(drop='first', min_frequency=5, handle_unknown='infrequent_if_exist')", () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const nTrain = c.train[0].length;
    const nTest = c.test[0].length;
    const names = c.train.map((_, j) => `c${j}`);
    const table: Table = { rowCount: nTrain + nTest, columns: names.map((name, j) => coded(name, [...c.train[j], ...c.test[j]])) };
    const { fitted } = fitPipeline(table, setup(names), table.columns, range(0, nTrain), []);
    // scikit-learn names the pooled level "<column>_infrequent_sklearn"; we name it "<column>=(other)"
    expect(fitted.features.map((f) => f.name)).toEqual(c.names.map((n) => n.replace('_infrequent_sklearn', '=(other)').replace(/^(c\d+)_/, '$1=')));
    expect(rowsOf(unscaledDesign(table, fitted, range(0, nTrain)))).toEqual(c.trainX);
    expect(rowsOf(unscaledDesign(table, fitted, range(nTrain, nTrain + nTest)))).toEqual(c.testX);
  });

  it('never keeps the name of a rare level in the fitted pipeline', () => {
    const values = [...Array(20).fill('common'), 'Zhang San', 'Li Si', 'Li Si'];
    const table: Table = { rowCount: values.length, columns: [coded('who', values)] };
    const notes: unknown[] = [];
    const { fitted } = fitPipeline(table, { ...setup(['who']), missing: 'mode' }, table.columns, range(0, values.length), notes);
    const text = JSON.stringify(fitted);
    expect(text).not.toMatch(/Zhang|Li Si/);
    expect(fitted.transforms[0]).toEqual({ kind: 'categorical', column: 'who', levels: ['common'], other: true, fill: 'common', mode: 'common' });
    expect(notes).toContainEqual({ code: 'rare-levels-pooled', column: 'who', levels: 2, rows: 3, unit: 'rows' });
  });

  it('fills with "(other)" when the most frequent value is a rare level', () => {
    // "rare" has the most rows but only 2 patients; "a" and "b" have 5 patients each
    const who = ['p1', 'p1', 'p1', 'p1', 'p1', 'p2', 'p2', 'p2', 'p2', 'p2', 'p2', ...['q1', 'q2', 'q3', 'q4', 'q5'], ...['r1', 'r2', 'r3', 'r4', 'r5']];
    const level = [...Array(11).fill('rare'), ...Array(5).fill('a'), ...Array(5).fill('b')];
    const table: Table = { rowCount: who.length, columns: [coded('who', who), coded('level', level)] };
    const key = patientIndex(table.columns[0]);
    const { fitted } = fitPipeline(table, { ...setup(['level']), missing: 'mode', patientKey: 'who' }, [table.columns[1]], range(0, who.length), [], key);
    expect(fitted.transforms[0]).toMatchObject({ levels: ['a', 'b'], other: true, fill: OTHER_LEVEL, mode: OTHER_LEVEL });
  });
});

describe('levels are counted in patients when there is a patient key', () => {
  it(`pools a level seen on many rows of fewer than ${MIN_LEVEL_PATIENTS} patients`, () => {
    // one patient with 8 visits, all "rare-drug"; 6 patients on "common"
    const who = [...Array(8).fill('P1'), 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
    const drug = [...Array(8).fill('rare-drug'), ...Array(6).fill('common')];
    const table: Table = { rowCount: who.length, columns: [coded('who', who), coded('drug', drug)] };
    const rows = range(0, who.length);
    const byRows = fitPipeline(table, setup(['drug']), [table.columns[1]], rows, []);
    expect(byRows.fitted.transforms[0]).toMatchObject({ levels: ['common', 'rare-drug'], other: false });
    const notes: unknown[] = [];
    const byPatients = fitPipeline(table, { ...setup(['drug']), patientKey: 'who' }, [table.columns[1]], rows, notes, patientIndex(table.columns[0]));
    expect(byPatients.fitted.transforms[0]).toMatchObject({ levels: ['common'], other: true });
    expect(notes).toContainEqual({ code: 'rare-levels-pooled', column: 'drug', levels: 1, rows: 8, unit: 'patients' });
  });
});
