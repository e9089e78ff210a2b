/**
 * Why the split must keep patients apart, in numbers (the README's table comes from this test): on a
 * visits export where the outcome belongs to the patient, a row split puts most patients on both sides,
 * and the test AUC measures how well the model recognises patients it has seen.
 */
import { describe, expect, it } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { train } from '../train/train';
import { DEFAULT_MODELS, type ModelSpec, type TrainSetup } from '../prep/setup';
import { longitudinalCohort } from '../__fixtures__/patients/longitudinal';
import { meanSd } from '../metrics/cross-validation';

const SEEDS = [42, 1, 2, 3, 4];

describe('a row split is optimistic on a visits export; the split by patient is not', () => {
  it('420 patients, 1–6 visits each: test AUC by row split vs by patient split, over 5 seeds', async () => {
    const cohort = longitudinalCohort('en', 420);
    const loaded = await readTable(textSource(cohort.csv));
    if (!loaded.ok) throw new Error(loaded.error.code);
    const table = loaded.value.table;
    const models: [string, ModelSpec][] = [['logistic regression (L2)', DEFAULT_MODELS.logreg], ['neural network (16)', DEFAULT_MODELS.mlp]];
    const lines = [`${cohort.rows} rows of ${cohort.patients} patients; test AUC, mean ± SD over seeds ${SEEDS.join(', ')}:`, '| model | split by row | split by patient |', '|---|---|---|'];
    for (const [label, model] of models) {
      const auc: Record<'row' | 'patient', number[]> = { row: [], patient: [] };
      for (const seed of SEEDS) {
        for (const by of ['row', 'patient'] as const) {
          const setup: TrainSetup = {
            outcome: 'diabetic_nephropathy', positiveClass: 'yes', features: ['age', 'sex', 'sbp', 'creatinine', 'hba1c', 'ward', 'insurance_plan'],
            missing: 'drop', split: { kind: 'random', testFraction: 0.2, seed }, patientKey: by === 'patient' ? 'pt_id' : null, model, seed, cvFolds: 0,
          };
          const r = await train(table, setup);
          if (!r.ok) throw new Error(r.error.code);
          if (by === 'patient') expect(r.value.report.counts.sharedPatients).toBe(0);
          auc[by].push(r.value.report.test.auc);
        }
      }
      const row = meanSd(auc.row);
      const patient = meanSd(auc.patient);
      lines.push(`| ${label} | ${row.mean.toFixed(3)} ± ${row.sd.toFixed(3)} | ${patient.mean.toFixed(3)} ± ${patient.sd.toFixed(3)} |`);
      // the network recognises patients it has seen: the row split overstates its AUC clearly (a linear
      // model with few parameters can hardly memorise patients: its two figures are close, and reported)
      if (model.kind === 'mlp') expect(row.mean - patient.mean).toBeGreaterThan(0.05);
    }
    console.log(lines.join('\n'));
  }, 120_000);
});
