/**
 * What the MLE still estimates under quasi-complete separation. When a predictor separates the classes
 * on part of the rows (a level seen only with events, a lab value beyond which every patient had the
 * event) its coefficient runs to infinity, but the likelihood's supremum is approached with the other
 * coefficients converging: to the MLE on the rows the separated predictors do not decide (the overlap
 * of the two classes' ranges, where those predictors are constant), as Clarkson & Jennrich (1991)
 * describe. That limit fit gives the unaffected predictors' estimates and Wald intervals; the separated
 * ones have none (Firth's model gives all of them finite estimates).
 *
 * Only the case where each separated predictor separates on its own is handled (what the MLE names
 * first); when the separating direction mixes predictors, or no overlap row is left, there is no limit
 * fit and every row of the table says why.
 */
import { readColumn, selectRows, type ColMajor } from '../linalg/matrix';
import type { RunContext } from '../util/run-context';
import { fitLogisticMle, type MleFit } from './logistic-mle';

/** The MLE on the overlap rows, or null (see the file comment). Columns keep their positions; the separated ones come out NaN. */
export async function unaffectedFit(X: ColMajor, y: Uint8Array, separated: number[], ctx?: RunContext): Promise<MleFit | null> {
  const n = X.rows;
  if (separated.length === 0) return null;
  const keep = new Uint8Array(n).fill(1);
  const x = new Float64Array(n); // the separated column (a sparse one read into it)
  for (const j of separated) {
    readColumn(X, j, x);
    const min = [Infinity, Infinity];
    const max = [-Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      const v = x[i];
      min[y[i]] = Math.min(min[y[i]], v);
      max[y[i]] = Math.max(max[y[i]], v);
    }
    const lo = Math.max(min[0], min[1]);
    const hi = Math.min(max[0], max[1]);
    // a single separator with ties: the classes' ranges meet at one value (quasi-complete), else no limit fit here
    if (!(lo <= hi) || hi - lo > 1e-12 * Math.max(1, Math.abs(lo))) return null;
    for (let i = 0; i < n; i++) if (Math.abs(x[i] - lo) > 1e-12 * Math.max(1, Math.abs(lo))) keep[i] = 0;
  }
  const rows: number[] = [];
  let events = 0;
  for (let i = 0; i < n; i++) if (keep[i]) {
    rows.push(i);
    events += y[i];
  }
  if (events === 0 || events === rows.length || rows.length <= X.cols + 1) return null;
  const sub = selectRows(X, rows); // sparse columns stay sparse
  // the separated columns are constant on these rows: the fit drops them (NaN), as it drops any constant column
  const fit = await fitLogisticMle(sub, Uint8Array.from(rows, (i) => y[i]), { ctx });
  return fit.converged ? fit : null;
}
