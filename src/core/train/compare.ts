import type { Table } from '../table/column';
import { ok, type Result } from '../errors';
import { prepare } from '../prep/prepare';
import type { TrainSetup } from '../prep/setup';
import { MODEL_DEFINITIONS, modelDefinition, type AnyModelDefinition, type ModelKind, type ModelSpec } from '../models/registry';
import type { RunContext } from '../util/run-context';
import { train } from './train';
import type { ComparisonRow } from './report';
import type { Hyperparameters } from '../models/registry/definition';

/**
 * Every model on the very same split and preparation, so they compare fairly. The chosen model keeps
 * the user's hyperparameters; the others use their defaults (with the user's C where they have one).
 */
export async function compareModels(table: Table, setup: TrainSetup, ctx: RunContext, onModel?: (kind: ModelKind) => void): Promise<Result<ComparisonRow[]>> {
  const prepared = prepare(table, setup);
  if (!prepared.ok) return prepared;
  const rows: ComparisonRow[] = [];
  for (const definition of MODEL_DEFINITIONS) {
    onModel?.(definition.kind);
    const model = specFor(definition, setup.model);
    const result = await train(table, { ...setup, model, cvFolds: 0 }, { ctx, prepared: prepared.value, inference: false });
    if (!result.ok) return result;
    const r = result.value.report;
    rows.push({ model, auc: r.test.auc, aucLow: r.test.aucLow, aucHigh: r.test.aucHigh, accuracy: r.test.atThreshold.accuracy, brier: r.test.brier, warnings: r.warnings });
  }
  return ok(rows);
}

/** The chosen model as chosen; another with its defaults, and the user's C where it takes one. */
function specFor(definition: AnyModelDefinition, chosen: ModelSpec): ModelSpec {
  if (chosen.kind === definition.kind) return chosen;
  const C = modelDefinition(chosen.kind).toFields(chosen).C;
  if (C === undefined || !definition.fields.includes('C')) return definition.defaults;
  // fromFields reads only the fields the model lists: its defaults', and C
  return definition.fromFields({ ...definition.toFields(definition.defaults), C } as Hyperparameters);
}
