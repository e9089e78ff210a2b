import { describe, expect, it } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import type { Table } from '../table/column';
import { train } from '../train/train';
import { prepare } from './prepare';
import type { PrepSetup } from './setup';
import type { Floats } from '../linalg/matrix';

async function table(csv: string): Promise<Table> {
  const r = await readTable(textSource(csv));
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}

const column = (m: { rows: number; data: Floats }, j: number) => Array.from(m.data.subarray(j * m.rows, (j + 1) * m.rows));

/**
 * 20 rows: sex (categorical), stage (3 levels in the development cohort, each seen 5 times, so none is
 * pooled as rare; a 4th, IV, only in validation), age with gaps, cohort column, outcome yes/no.
 */
const CSV = `id,sex,stage,age,cohort,died
1,F,I,50,dev,no
2,M,II,60,dev,yes
3,F,III,,dev,no
4,M,I,70,dev,yes
5,F,II,40,dev,no
6,M,III,62,dev,yes
7,F,I,55,dev,no
8,M,II,66,dev,yes
9,F,III,48,dev,no
10,M,I,,dev,no
11,F,II,52,dev,yes
12,M,III,71,dev,yes
13,F,I,44,dev,no
14,M,II,58,dev,no
15,F,III,61,dev,yes
16,M,III,80,val,yes
17,F,I,,val,no
18,M,II,65,val,yes
19,F,IV,55,val,no
20,M,I,45,val,no
`;
const TRAIN_AGES = [50, 60, NaN, 70, 40, 62, 55, 66, 48, NaN, 52, 71, 44, 58, 61];

const base: PrepSetup = {
  outcome: 'died',
  positiveClass: 'yes',
  features: ['sex', 'stage', 'age'],
  missing: 'mean',
  split: { kind: 'column', column: 'cohort', trainValue: 'dev' },
};

describe('prepare', () => {
  it('one-hot encodes categories with the first sorted training level as reference, named column=level', async () => {
    const r = prepare(await table(CSV), base);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.fitted.features.map((f) => f.name)).toEqual(['sex=M', 'stage=II', 'stage=III', 'age']);
    // training rows (cohort=dev) are ids 1–15 → table rows 0..14
    expect(Array.from(r.value.trainRows)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(Array.from(r.value.testRows)).toEqual([15, 16, 17, 18, 19]);
    expect(Array.from(r.value.trainY)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('fits imputation and z-scores on the training rows only, never on test rows or the outcome', async () => {
    const r = prepare(await table(CSV), base);
    if (!r.ok) throw new Error(r.error.code);
    const { fitted, trainX, testX } = r.value;
    // the 13 training ages have mean 737/13; the two missing ones are filled with it
    const present = TRAIN_AGES.filter((a) => a === a).sort((a, b) => a - b);
    const fill = present.reduce((a, b) => a + b) / present.length;
    expect(fill).toBeCloseTo(737 / 13, 12);
    const ageT = fitted.transforms.find((t) => t.column === 'age');
    // range: the 1st and 99th percentiles of 40 … 71 (numpy's linear rule), not a single patient's extremes
    expect(ageT).toMatchObject({ kind: 'numeric', column: 'age', median: 58 });
    if (ageT?.kind !== 'numeric') throw new Error('age is numeric');
    expect(ageT.fill).toBeCloseTo(fill, 12);
    expect(ageT.min).toBeCloseTo(40 + 0.12 * 4, 12);
    expect(ageT.max).toBeCloseTo(70 + 0.88 * 1, 12);
    const ages = TRAIN_AGES.map((a) => (a === a ? a : fill));
    const mu = ages.reduce((a, b) => a + b) / ages.length;
    const sd = Math.sqrt(ages.reduce((a, b) => a + (b - mu) ** 2, 0) / ages.length);
    expect(fitted.scaler.mean[3]).toBeCloseTo(mu, 12);
    expect(fitted.scaler.std[3]).toBeCloseTo(sd, 12);
    column(trainX, 3).forEach((z, k) => expect(z).toBeCloseTo((ages[k] - mu) / sd, 12));
    // test ages 80, missing → the training mean, 65, 55, 45 use the training μ and σ
    column(testX, 3).forEach((z, k) => expect(z).toBeCloseTo(([80, fill, 65, 55, 45][k] - mu) / sd, 12));
    // standardized training columns have mean 0 and population SD 1
    for (let j = 0; j < 4; j++) {
      const c = column(trainX, j);
      const m = c.reduce((a, b) => a + b) / c.length;
      expect(m).toBeCloseTo(0, 12);
      expect(Math.sqrt(c.reduce((a, b) => a + (b - m) ** 2, 0) / c.length)).toBeCloseTo(1, 12);
    }
  });

  it('treats a level unseen in training as the reference category and says so', async () => {
    const r = prepare(await table(CSV), base);
    if (!r.ok) throw new Error(r.error.code);
    // stage IV appears only in the validation cohort (id 19 = test row 3); the test matrix is built on first read
    expect(r.value.notes.some((n) => n.code === 'unseen-levels')).toBe(false);
    const { mean, std } = r.value.fitted.scaler;
    for (const j of [1, 2]) expect(r.value.testX.data[j * 5 + 3]).toBeCloseTo((0 - mean[j]) / std[j], 12);
    expect(r.value.notes).toContainEqual({ code: 'unseen-levels', column: 'stage', count: 1, examples: ['IV'] });
    // built once: reading it again neither rebuilds it nor repeats the note
    expect(r.value.testX).toBe(r.value.testX);
    expect(r.value.notes.filter((n) => n.code === 'unseen-levels')).toHaveLength(1);
  });

  it("puts the test rows' notes in the training report, after the test matrix is built", async () => {
    const r = await train(await table(CSV), { ...base, model: { kind: 'logreg', C: 1 }, seed: 42, cvFolds: 0 });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.report.prepNotes).toContainEqual({ code: 'unseen-levels', column: 'stage', count: 1, examples: ['IV'] });
  });

  it('drops rows with a missing chosen feature under "drop" and reports how many', async () => {
    const r = prepare(await table(CSV), { ...base, missing: 'drop' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.trainRows.length + r.value.testRows.length).toBe(17);
    expect(r.value.notes).toContainEqual({ code: 'rows-dropped-missing', count: 3 });
    // without age no row is dropped
    const r2 = prepare(await table(CSV), { ...base, missing: 'drop', features: ['sex'] });
    if (!r2.ok) throw new Error(r2.error.code);
    expect(r2.value.trainRows.length + r2.value.testRows.length).toBe(20);
  });

  it('imputes the median and the most frequent value', async () => {
    const median = prepare(await table(CSV), { ...base, missing: 'median' });
    const mode = prepare(await table(CSV), { ...base, missing: 'mode' });
    if (!median.ok || !mode.ok) throw new Error('prepare failed');
    expect(median.value.fitted.transforms.find((t) => t.column === 'age')).toMatchObject({ fill: 58 }); // 40 44 … 58 … 70 71
    expect(mode.value.fitted.transforms.find((t) => t.column === 'age')).toMatchObject({ fill: 40 }); // all once: smallest
  });

  it('never uses the outcome or the split column as a feature, even when asked', async () => {
    const r = prepare(await table(CSV), { ...base, features: ['age', 'died', 'cohort'] });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.fitted.features.map((f) => f.name)).toEqual(['age']);
  });

  it('returns clear errors instead of throwing', async () => {
    const t = await table(CSV);
    const code = (s: PrepSetup) => {
      const r = prepare(t, s);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code({ ...base, outcome: 'nope' })).toBe('unknown-column');
    expect(code({ ...base, features: [] })).toBe('no-features');
    expect(code({ ...base, positiveClass: 'maybe' })).toBe('positive-class-missing');
    expect(code({ ...base, outcome: 'stage', positiveClass: 'II' })).toBe('ok'); // 4 values: one value vs the rest
    const many = await table(`x,y\n${Array.from({ length: 30 }, (_, i) => `${i},${i * 1.5}`).join('\n')}\n`);
    const r0 = prepare(many, { ...base, outcome: 'y', positiveClass: '3', features: ['x'], split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    expect(r0.ok ? 'ok' : r0.error.code).toBe('outcome-not-binary');
    expect(code({ ...base, split: { kind: 'column', column: 'cohort', trainValue: 'nowhere' } })).toBe('split-one-side');
    expect(code({ ...base, split: { kind: 'random', testFraction: 1.5, seed: 1 } })).toBe('bad-fraction');
    const oneClass = await table('x,y\n1,a\n2,a\n3,a\n');
    const r = prepare(oneClass, { ...base, outcome: 'y', positiveClass: 'a', features: ['x'], split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    expect(r.ok ? 'ok' : r.error.code).toBe('outcome-one-class');
  });

  it('the same seed gives the same random split, another seed another', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 3 === 0 ? 'yes' : 'no'}`).join('\n');
    const t = await table(`x,y\n${rows}\n`);
    const s = (seed: number): PrepSetup => ({ outcome: 'y', positiveClass: 'yes', features: ['x'], missing: 'drop', split: { kind: 'random', testFraction: 0.25, seed } });
    const a = prepare(t, s(7));
    const b = prepare(t, s(7));
    const c = prepare(t, s(8));
    if (!a.ok || !b.ok || !c.ok) throw new Error('prepare failed');
    expect(Array.from(a.value.testRows)).toEqual(Array.from(b.value.testRows));
    expect(Array.from(a.value.testRows)).not.toEqual(Array.from(c.value.testRows));
    expect(a.value.testRows.length).toBe(15);
    expect(Array.from(a.value.testY).filter((v) => v === 1).length).toBe(5); // stratified: 20 events × 0.25
  });
});
