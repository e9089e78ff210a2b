/**
 * One entry point for every model: fit on the training matrix, score any matrix, and read the linear
 * weights where the model has them. Each is the model's own definition, found in the registry
 * (models/registry); fitted models are plain data (the model file is this object written out).
 */
import type { ColMajor } from '../linalg/matrix';
import { modelDefinition, type FittedModel, type ModelSpec } from '../models/registry';
import type { FitOptions, ModelFitResult } from '../models/registry/definition';

export type { FittedModel } from '../models/registry';
export type { FitOptions, ModelFitResult } from '../models/registry/definition';

export function fitModel(spec: ModelSpec, X: ColMajor, y: Uint8Array, o: FitOptions): Promise<ModelFitResult<FittedModel>> {
  return modelDefinition(spec.kind).fit(spec, X, y, o);
}

/** Per row: the risk (a probability) and the score that ranks rows for ROC/AUC (for the SVM its decision value). */
export function scoreRows(model: FittedModel, X: ColMajor): { risk: Float64Array; rank: Float64Array } {
  return modelDefinition(model.kind).score(model, X);
}

/** Weights on the standardized scale for models that have them (the network does not). */
export function linearWeights(model: FittedModel): { coef: Float64Array; intercept: number } | null {
  return modelDefinition(model.kind).weights(model);
}

/** The decision value per row in the model's unit (log-odds; the SVM's margin; a network's output logit). */
export function linearDecision(model: FittedModel, X: ColMajor): Float64Array {
  return modelDefinition(model.kind).decision(model, X);
}
