/**
 * Performance by subgroup (TRIPOD+AI item 23: does the model work as well for women, for the
 * elderly, at each site?): per level of a column, on the test rows, the rows and events, the AUC,
 * calibration-in-the-large and the calibration slope. A level seen for fewer than MIN_LEVEL_PATIENTS
 * patients is pooled into "(other)", as in the models (it is not named anywhere: report, model file);
 * a level with fewer than MIN_SUBGROUP_EVENTS events or non-events is flagged as too small to judge.
 */
import { cellText, compareText, isMissing, type Column } from '../table/column';
import { MIN_LEVEL_PATIENTS, OTHER_LABEL } from '../prep/pipeline';
import { countPatients, type PatientIndex } from '../patients/patient-key';
import { performance } from './bootstrap';

/** Fewer events (or non-events) than this in a level: its figures are too uncertain to say anything. */
export const MIN_SUBGROUP_EVENTS = 10;
/** A column with more levels than this is not a subgroup column. */
export const MAX_SUBGROUP_LEVELS = 50;
export const MISSING_LABEL = '(missing)';

export interface SubgroupRow {
  /** The level as written in the file, "(missing)", or "(other)" for the pooled rare levels. */
  level: string;
  rows: number;
  events: number;
  auc: number;
  calibrationIntercept: number;
  calibrationSlope: number;
  /** Fewer than MIN_SUBGROUP_EVENTS events or non-events. */
  tooFew: boolean;
}

/** Per level of `column` among the test rows (table row numbers), with their outcomes and scores. */
export function subgroupPerformance(
  column: Column,
  rows: Int32Array,
  y: Uint8Array,
  risk: Float64Array,
  rank: Float64Array,
  patients: PatientIndex | null,
): SubgroupRow[] | null {
  const byLevel = new Map<string, number[]>();
  for (let k = 0; k < rows.length; k++) {
    const level = isMissing(column, rows[k]) ? MISSING_LABEL : cellText(column, rows[k]);
    let list = byLevel.get(level);
    if (!list) byLevel.set(level, (list = []));
    list.push(k);
  }
  if (byLevel.size > MAX_SUBGROUP_LEVELS) return null;
  const pooled: number[] = [];
  const kept: [string, number[]][] = [];
  for (const [level, list] of byLevel) {
    const n = countPatients(patients, Int32Array.from(list, (k) => rows[k]));
    if (n < MIN_LEVEL_PATIENTS && level !== MISSING_LABEL) pooled.push(...list);
    else kept.push([level, list]);
  }
  kept.sort((a, b) => compareText(a[0], b[0]));
  if (pooled.length > 0) kept.push([OTHER_LABEL, pooled.sort((a, b) => a - b)]);
  return kept.map(([level, list]) => {
    const yy = Uint8Array.from(list, (k) => y[k]);
    const p = performance(yy, Float64Array.from(list, (k) => risk[k]), Float64Array.from(list, (k) => rank[k]));
    const events = yy.reduce((s, v) => s + v, 0);
    return {
      level,
      rows: list.length,
      events,
      auc: p.auc,
      calibrationIntercept: p['calibration-intercept'],
      calibrationSlope: p['calibration-slope'],
      tooFew: Math.min(events, list.length - events) < MIN_SUBGROUP_EVENTS,
    };
  });
}
