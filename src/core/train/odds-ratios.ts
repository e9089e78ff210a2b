import { oddsRatios, type MleFit } from '../models/logistic-mle';
import type { PreparedData } from '../prep/prepare';
import type { OddsRatioRow } from './report';

/** The odds-ratio table of an unpenalized fit: per original unit (what clinicians read) and per SD. */
export function oddsRatiosFor(fit: MleFit, d: PreparedData): OddsRatioRow[] {
  const { perSd, perUnit } = oddsRatios(fit, d.fitted.scaler.std);
  return d.fitted.features.map((f, j) => ({
    feature: f.name,
    coef: fit.coef[j] / d.fitted.scaler.std[j],
    se: fit.se[j] / d.fitted.scaler.std[j],
    z: fit.z[j],
    p: fit.p[j],
    perUnit: perUnit[j],
    perSd: perSd[j],
  }));
}
