/**
 * Batch scoring of a new file with a trained model: align its columns to the fitted pipeline
 * (align.ts), then transform and score the rows block by block, so a 100,000-row file reports its
 * progress and can be cancelled between blocks. A row's risk is exactly what `scoreRows` gives the
 * same row during training and evaluation (the same transform, the same model code).
 */
import type { Table } from '../table/column';
import type { FittedPrep, NoteSink } from '../prep/pipeline';
import { transform } from '../prep/pipeline';
import { scoreRows, type FittedModel } from '../train/models';
import { fail, ok, type Result } from '../errors';
import { noContext, type RunContext } from '../util/run-context';
import { alignTable, FLAG_NOT_SCORED, type RowFlags } from './align';
import { recalibrated, type Recalibration } from '../validation/external';

/** Rows transformed and scored at a time: 8,192 rows × 30 features is a 2 MB design block. */
export const SCORE_BLOCK = 8192;

export interface BatchScores {
  /** Per row: the predicted risk, NaN when the row is not scored (see `flags`). */
  risk: Float64Array;
  /** Per row: 1 when risk ≥ threshold, 0 below, −1 when not scored. */
  predictedClass: Int8Array;
  threshold: number;
  flags: RowFlags;
  /** The pipeline's columns as aligned (for a preview: the values the model saw, before imputation). */
  aligned: Table;
  scored: number;
  predictedEvents: number;
}

const ignoreNotes: NoteSink = { push: () => 0 };

/** Scores every row of `table` (see the file comment); `missing-columns` when the model's columns are absent. */
export async function scoreTable(
  table: Table,
  fitted: FittedPrep,
  model: FittedModel,
  threshold: number,
  ctx: RunContext = noContext,
  recalibration: Pick<Recalibration, 'intercept' | 'slope'> | null = null,
): Promise<Result<BatchScores>> {
  if (!(threshold >= 0 && threshold <= 1)) return fail({ code: 'bad-parameter', value: `threshold = ${threshold}` });
  const aligned = alignTable(table, fitted);
  if (!aligned.ok) return aligned;
  const { table: at, rowFlags: flags } = aligned.value;
  const n = table.rowCount;
  const risk = new Float64Array(n).fill(NaN);
  const predictedClass = new Int8Array(n).fill(-1);
  const rows = new Int32Array(Math.min(SCORE_BLOCK, n));
  let scored = 0;
  let predictedEvents = 0;
  await ctx.checkpoint(0, 'score');
  for (let start = 0; start < n; start += SCORE_BLOCK) {
    const end = Math.min(n, start + SCORE_BLOCK);
    let m = 0;
    for (let i = start; i < end; i++) if ((flags.status[i] & FLAG_NOT_SCORED) === 0) rows[m++] = i;
    if (m > 0) {
      const block = rows.subarray(0, m);
      const r = recalibrated(scoreRows(model, transform(at, fitted, block, ignoreNotes)).risk, recalibration);
      for (let k = 0; k < m; k++) {
        const v = r[k];
        const i = block[k];
        risk[i] = v;
        if (v === v) {
          scored++;
          const cls = v >= threshold ? 1 : 0;
          predictedClass[i] = cls;
          predictedEvents += cls;
        }
      }
    }
    await ctx.checkpoint(end / n, 'score');
  }
  return ok({ risk, predictedClass, threshold, flags, aligned: at, scored, predictedEvents });
}
