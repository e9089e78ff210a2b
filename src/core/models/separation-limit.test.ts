import { describe, expect, it } from 'vitest';
import { fitLogisticMle } from './logistic-mle';
import { unaffectedFit } from './separation-limit';
import type { ColMajor } from '../linalg/matrix';

// Made in R 4.2 (set.seed(3); see the values): g = 1 only with events (quasi-complete separation by g).
// glm(y ~ x + g) warns and reports x = 0.01535181 (se 0.02796591); glm(y ~ x, subset = g == 0) gives the limit:
const x = [40.4, 47.1, 52.6, 38.5, 52, 50.3, 50.9, 61.2, 37.8, 62.7, 42.6, 38.7, 42.8, 52.5, 51.5, 46.9, 40.5, 43.5, 62.2, 52, 44.2, 40.6, 48, 33.3, 45.2, 42.6, 61.6, 60.1, 49.3, 38.6, 59, 58.5, 57.3, 57.4, 46.5, 57.1, 63, 50.4, 40.2, 57.9, 57.9, 46.9, 67, 42.1, 53.5, 27.3, 48.4, 61.3, 45.4, 41, 57.3, 41.9, 52.7, 32.6, 35.9, 45.5, 39.6, 63.6, 59.2, 42.1, 55.7, 59.2, 52.6, 53.5, 61.7, 45.2, 45.8, 59.6, 37.1, 51.9, 49.7, 54.7, 60.2, 52.7, 52.3, 57.5, 62.2, 53.8, 40.1, 48.4];
const g = [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0];
const y = Uint8Array.from([1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1]);
const R_SUBSET = { intercept: -0.854059487685301, interceptSe: 1.4105840981497366, x: 0.01535180646766, xSe: 0.0279655664073062 };

const X: ColMajor = { rows: x.length, cols: 2, data: Float64Array.from([...x, ...g]) };

describe('the MLE under quasi-complete separation keeps the unaffected predictors', () => {
  it('names g as separating, and the limit fit equals glm on the rows g does not decide', async () => {
    const full = await fitLogisticMle(X, y);
    expect(full.converged).toBe(false);
    expect(full.problems).toContainEqual({ kind: 'separation', complete: false, features: [1] });
    const limit = await unaffectedFit(X, y, [1]);
    if (!limit) throw new Error('no limit fit');
    // glm stops at a relative deviance change of 1e-8: its estimates are that close to the optimum
    expect(Math.abs(limit.coef[0] - R_SUBSET.x)).toBeLessThan(1e-7);
    // glm's standard errors use the weights of its last-but-one IRLS iterate: 3e-7 apart here
    expect(Math.abs(limit.se[0] - R_SUBSET.xSe)).toBeLessThan(1e-6);
    expect(Math.abs(limit.intercept - R_SUBSET.intercept)).toBeLessThan(1e-7);
    expect(Number.isNaN(limit.coef[1])).toBe(true);
  });

  it('gives nothing when the separated predictor leaves no overlap (complete) or is not a single separator', async () => {
    const yComplete = Uint8Array.from(x, (v) => (v > 50 ? 1 : 0));
    expect(await unaffectedFit({ rows: x.length, cols: 1, data: Float64Array.from(x) }, yComplete, [0])).toBeNull();
    // x does not separate on its own: its classes' ranges overlap over an interval
    expect(await unaffectedFit(X, y, [0])).toBeNull();
    expect(await unaffectedFit(X, y, [])).toBeNull();
  });
});
