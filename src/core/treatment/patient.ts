/**
 * One patient's risk under each option of a treatment: the patient's values with only the treatment
 * changed, scored by the model in use (its recalibration applied), ranked from the lowest risk, and each
 * compared with the risk under the patient's own option. These are the model's predictions for a patient
 * like this one with that value, not what the treatment would do (see cohort.ts on confounding).
 */
import type { FittedModel } from '../models/registry';
import type { FittedPrep } from '../prep/pipeline';
import { patientRisks, type PatientValue } from '../score/patient';
import { recalibrated, type Recalibration } from '../validation/external';
import { fail, ok, type Result } from '../errors';
import { optionOfValue, optionValue, type TreatmentColumn } from './columns';

export interface PatientTreatment {
  column: string;
  /** The patient's own option (an index into the options), or null: missing, "(other)" or another value. */
  actual: number | null;
  /** Per option, in option order: the risk with the treatment set to it. */
  risks: number[];
  /** Option indices from the lowest risk to the highest (ties in option order). */
  ranking: number[];
  /** Per option: its risk minus the risk under the patient's own option; null without one. */
  differences: (number | null)[];
}

export function patientTreatment(
  fitted: FittedPrep,
  model: FittedModel,
  recalibration: Pick<Recalibration, 'intercept' | 'slope'> | null,
  values: readonly PatientValue[],
  tc: TreatmentColumn,
): Result<PatientTreatment> {
  if (!Array.isArray(values) || values.length !== fitted.transforms.length) return fail({ code: 'bad-parameter', value: 'patient' });
  const patients = tc.options.map((_, k) => values.map((v, j) => (j === tc.field ? optionValue(tc, k) : v)));
  const scored = patientRisks(fitted, model, patients);
  if (!scored.ok) return scored;
  const risks = Array.from(recalibrated(scored.value, recalibration));
  const actual = optionOfValue(tc, values[tc.field]);
  const ranking = risks.map((_, k) => k).sort((a, b) => risks[a] - risks[b] || a - b);
  return ok({ column: tc.column, actual, risks, ranking, differences: risks.map((r) => (actual === null ? null : r - risks[actual])) });
}
