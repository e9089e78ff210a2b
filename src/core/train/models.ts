/**
 * One entry point for the five models: fit on the training matrix, score any matrix, and read the
 * linear weights where the model has them. Fitted models are plain data (the model file of a later
 * issue is this object serialized).
 */
import type { ColMajor } from '../linalg/matrix';
import type { ModelSpec } from '../prep/setup';
import type { RunContext } from '../util/run-context';
import { fitLogisticL2, predictProba, decisionFunction } from '../models/logistic';
import { fitLogisticMle, predictMle, decisionMle, type MleFit } from '../models/logistic-mle';
import { fitLinearSvm, decisionSvm } from '../models/svm';
import { fitPlatt, applyPlatt, type PlattParams } from '../models/platt';
import { fitGradientDescent, logisticLoss } from '../models/gradient-descent';
import { fitMlp, predictMlp, type MlpFit } from '../models/mlp';
import type { LossPoint, TrainWarning } from './report';

export type FittedModel =
  | { kind: 'logreg'; coef: Float64Array; intercept: number }
  | { kind: 'logreg-mle'; fit: MleFit }
  | { kind: 'svm'; coef: Float64Array; intercept: number; platt: PlattParams }
  | { kind: 'gd'; coef: Float64Array; intercept: number }
  | { kind: 'mlp'; fit: MlpFit };

export interface ModelFitResult {
  model: FittedModel;
  iterations: number;
  converged: boolean;
  warnings: TrainWarning[];
  lossCurve?: LossPoint[];
  optimumLoss?: number;
}

export interface FitOptions {
  seed: number;
  ctx?: RunContext;
  /** Called after each epoch of an iterative model (gd, mlp) for the live loss curve. */
  onEpoch?: (point: LossPoint) => void;
  /** Design column names, to name the features a warning is about. */
  featureNames: string[];
}

export async function fitModel(spec: ModelSpec, X: ColMajor, y: Uint8Array, o: FitOptions): Promise<ModelFitResult> {
  const names = (idx: number[]) => idx.map((j) => o.featureNames[j]);
  switch (spec.kind) {
    case 'logreg': {
      const fit = await fitLogisticL2(X, y, { C: spec.C, ctx: o.ctx });
      return {
        model: { kind: 'logreg', coef: fit.coef, intercept: fit.intercept },
        iterations: fit.iterations,
        converged: fit.converged,
        warnings: fit.converged ? [] : [{ code: 'not-converged', iterations: fit.iterations }],
      };
    }
    case 'logreg-mle': {
      const fit = await fitLogisticMle(X, y, { ctx: o.ctx });
      const warnings: TrainWarning[] = [];
      for (const p of fit.problems) {
        if (p.kind === 'separation') warnings.push({ code: 'separation', features: names(p.features) });
        else if (p.kind === 'collinearity' || p.kind === 'constant') warnings.push({ code: 'collinearity', features: names(p.features) });
        else warnings.push({ code: 'not-converged', iterations: fit.iterations });
      }
      return { model: { kind: 'logreg-mle', fit }, iterations: fit.iterations, converged: fit.converged, warnings };
    }
    case 'svm': {
      const fit = await fitLinearSvm(X, y, { C: spec.C, ctx: o.ctx });
      const platt = fitPlatt(decisionSvm(fit, X), y);
      return {
        model: { kind: 'svm', coef: fit.coef, intercept: fit.intercept, platt },
        iterations: fit.iterations,
        converged: fit.converged,
        warnings: fit.converged ? [] : [{ code: 'not-converged', iterations: fit.iterations }],
      };
    }
    case 'gd': {
      const lossCurve: LossPoint[] = [];
      const fit = await fitGradientDescent(X, y, {
        C: spec.C,
        learningRate: spec.learningRate,
        epochs: spec.epochs,
        batchSize: spec.batchSize ?? undefined,
        seed: o.seed,
        ctx: o.ctx,
        onEpoch: (p) => {
          lossCurve.push(p);
          o.onEpoch?.(p);
        },
      });
      // the exact optimum of the same objective, for the reference line of the loss curve
      const exact = await fitLogisticL2(X, y, { C: spec.C, ctx: o.ctx });
      const warnings: TrainWarning[] = [];
      if (fit.diverged) warnings.push({ code: 'divergence', epoch: fit.epochs + 1 });
      else if (!fit.converged) warnings.push({ code: 'not-converged', iterations: fit.epochs });
      return {
        model: { kind: 'gd', coef: fit.coef, intercept: fit.intercept },
        iterations: fit.epochs,
        converged: fit.converged,
        warnings,
        lossCurve,
        optimumLoss: logisticLoss(X, y, exact.coef, exact.intercept, spec.C),
      };
    }
    case 'mlp': {
      const lossCurve: LossPoint[] = [];
      const fit = await fitMlp(X, y, {
        hidden: spec.hidden,
        alpha: spec.alpha,
        learningRate: spec.learningRate,
        maxEpochs: spec.maxEpochs,
        validationFraction: earlyStoppingShare(y),
        seed: o.seed,
        ctx: o.ctx,
        onEpoch: (p) => {
          const point = { epoch: p.epoch, loss: p.loss, validationLoss: Number.isNaN(p.validationLoss) ? undefined : p.validationLoss };
          lossCurve.push(point);
          o.onEpoch?.(point);
        },
      });
      const converged = fit.stoppedEarly || fit.epochs < spec.maxEpochs;
      return {
        model: { kind: 'mlp', fit },
        iterations: fit.epochs,
        converged,
        warnings: converged ? [] : [{ code: 'not-converged', iterations: fit.epochs }],
        lossCurve,
      };
    }
  }
}

/** The MLP's default share of training rows held out for early stopping (scikit-learn's validation_fraction). */
const MLP_VALIDATION = 0.1;

/**
 * MLP_VALIDATION, or 0 (no early stopping: the training loss is watched) when the training rows are too few
 * for the network's stratified hold-out, which needs ≥ 2 rows of each class and ≥ 2 rows on each side
 * (prep/split.ts would throw instead of training on a small but valid file).
 */
function earlyStoppingShare(y: Uint8Array): number {
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const held = Math.ceil(MLP_VALIDATION * n);
  return Math.min(events, n - events) >= 2 && held >= 2 && n - held >= 2 ? MLP_VALIDATION : 0;
}

/** Per row: the risk (a probability) and the score that ranks rows for ROC/AUC (for the SVM its decision value). */
export function scoreRows(model: FittedModel, X: ColMajor): { risk: Float64Array; rank: Float64Array } {
  switch (model.kind) {
    case 'logreg':
    case 'gd': {
      const risk = predictProba(X, model.coef, model.intercept);
      return { risk, rank: risk };
    }
    case 'logreg-mle': {
      const risk = predictMle(model.fit, X);
      return { risk, rank: risk };
    }
    case 'svm': {
      const rank = decisionSvm(model, X);
      return { risk: applyPlatt(model.platt, rank), rank };
    }
    case 'mlp': {
      const risk = predictMlp(model.fit, X);
      return { risk, rank: risk };
    }
  }
}

/** Weights on the standardized scale for models that have them (the network does not). */
export function linearWeights(model: FittedModel): { coef: Float64Array; intercept: number } | null {
  switch (model.kind) {
    case 'logreg':
    case 'gd':
    case 'svm':
      return { coef: model.coef, intercept: model.intercept };
    case 'logreg-mle':
      return { coef: model.fit.coef, intercept: model.fit.intercept };
    case 'mlp':
      return null;
  }
}

/** Log-odds (or margin) per row, for linear models; exported for tests. */
export function linearDecision(model: FittedModel, X: ColMajor): Float64Array | null {
  if (model.kind === 'logreg-mle') return decisionMle(model.fit, X);
  const w = linearWeights(model);
  return w ? decisionFunction(X, w.coef, w.intercept) : null;
}
