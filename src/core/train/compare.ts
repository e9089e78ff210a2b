import type { Table } from '../table/column';
import { ok, type Result } from '../errors';
import { prepare } from '../prep/prepare';
import { DEFAULT_MODELS, MODEL_KINDS, type ModelKind, type ModelSpec, type TrainSetup } from '../prep/setup';
import type { RunContext } from '../util/run-context';
import { train } from './train';
import type { ComparisonRow } from './report';

/**
 * Every model on the very same split and preparation, so they compare fairly. The chosen model keeps
 * the user's hyperparameters; the others use their defaults (with the user's C where they have one).
 */
export async function compareModels(table: Table, setup: TrainSetup, ctx: RunContext, onModel?: (kind: ModelKind) => void): Promise<Result<ComparisonRow[]>> {
  const prepared = prepare(table, setup);
  if (!prepared.ok) return prepared;
  const rows: ComparisonRow[] = [];
  for (const kind of MODEL_KINDS) {
    onModel?.(kind);
    const model = specFor(kind, setup.model);
    const result = await train(table, { ...setup, model, cvFolds: 0 }, { ctx, prepared: prepared.value });
    if (!result.ok) return result;
    const r = result.value.report;
    rows.push({ model, auc: r.test.auc, aucLow: r.test.aucLow, aucHigh: r.test.aucHigh, accuracy: r.test.atThreshold.accuracy, brier: r.test.brier, warnings: r.warnings });
  }
  return ok(rows);
}

function specFor(kind: ModelKind, chosen: ModelSpec): ModelSpec {
  if (chosen.kind === kind) return chosen;
  const C = 'C' in chosen ? chosen.C : undefined;
  const spec = DEFAULT_MODELS[kind];
  return C !== undefined && 'C' in spec ? { ...spec, C } : spec;
}
