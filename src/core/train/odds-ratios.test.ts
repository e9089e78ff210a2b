import { describe, expect, it } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { prepare } from '../prep/prepare';
import type { TrainSetup } from '../prep/setup';
import { DEFAULT_MODELS } from '../prep/setup';
import { penalizedOddsRatios } from './odds-ratios';

// a 0/1 measurement (smoker) whose mean is far from ½, so its z-scores are not short binary fractions in Float32
const csv = ['age,smoker,sex,y', ...Array.from({ length: 300 }, (_, i) => `${40 + ((i * 37) % 41)},${i % 7 === 0 ? 1 : 0},${i % 3 ? 'F' : 'M'},${(i * 11) % 5 < 2 ? 1 : 0}`)].join('\n');
const setup: TrainSetup = {
  outcome: 'y', positiveClass: '1', features: ['age', 'smoker', 'sex'], missing: 'mean',
  split: { kind: 'random', testFraction: 0.2, seed: 1 }, model: DEFAULT_MODELS.logreg, seed: 1, cvFolds: 0,
};

describe('the odds-ratio rows: which numeric columns are 0/1', () => {
  it('finds a 0/1 column binary and a measurement continuous, in a Float64 or a Float32 design', async () => {
    const read = await readTable(textSource(csv));
    if (!read.ok) throw new Error(read.error.code);
    const d = prepare(read.value.table, setup);
    if (!d.ok) throw new Error(d.error.code);
    const narrow = { ...d.value, trainX: { ...d.value.trainX, data: Float32Array.from(d.value.trainX.data) } };
    const j = d.value.fitted.features.findIndex((f) => f.name === 'smoker');
    const z = d.value.trainX.data[j * d.value.trainX.rows];
    expect(Math.fround(z)).not.toBe(z); // the Float32 design holds other numbers than the Float64 one
    const coef = new Float64Array(d.value.fitted.features.length).fill(0.1);
    for (const prepared of [d.value, narrow]) {
      const rows = penalizedOddsRatios(coef, prepared);
      expect(rows.map((r) => [r.feature, r.kind])).toEqual([['age', 'continuous'], ['smoker', 'binary'], ['sex=M', 'level']]);
    }
  });
});
