/**
 * The model registry: every model kind, declared once (its folder under ../kinds), and what the rest of
 * the app reads from it. The setup form, training, scoring, the patient panel, the model file, the code
 * export, the benchmark and the tests enumerate MODEL_REGISTRY; nothing else lists the kinds. To add a
 * model: a folder under ../kinds with its definition, one line below, and its words in src/i18n.
 */
import { z } from 'zod';
import type { ModelDefinition } from './definition';
import { logreg } from '../kinds/logreg';
import { logregMle } from '../kinds/logreg-mle';
import { logregFirth } from '../kinds/logreg-firth';
import { svm } from '../kinds/svm';
import { gd } from '../kinds/gd';
import { mlp } from '../kinds/mlp';

/** In the order the setup form lists them. */
export const MODEL_REGISTRY = [logreg, logregMle, logregFirth, svm, gd, mlp] as const;

type Registered = (typeof MODEL_REGISTRY)[number];
type SpecOf<D> = D extends { defaults: infer S } ? S : never;
type FittedOf<D> = D extends { weights(model: infer F): unknown } ? F : never;
type FileOf<D> = D extends { file: { write(model: never): infer P } } ? P : never;

/** A model's hyperparameters (what the user chose), one union member per registered kind. */
export type ModelSpec = SpecOf<Registered>;
export type ModelKind = ModelSpec['kind'];
/** A fitted model: plain data (what the model file holds, read back). */
export type FittedModel = FittedOf<Registered>;
/** A fitted model's parameters as the model file writes them. */
export type ModelFileParameters = FileOf<Registered>;

/** Any registered definition, seen through the widest types (for code that handles every kind alike). */
export type AnyModelDefinition = ModelDefinition<ModelSpec, FittedModel, ModelFileParameters>;

export const MODEL_KINDS: readonly ModelKind[] = MODEL_REGISTRY.map((d) => d.kind);
/** The registry seen through the widest types: for code that handles every kind alike. */
export const MODEL_DEFINITIONS = MODEL_REGISTRY as unknown as readonly AnyModelDefinition[];

const byKind = new Map<string, AnyModelDefinition>(MODEL_REGISTRY.map((d) => [d.kind, d as unknown as AnyModelDefinition]));

/** The definition of a kind; throws for a kind the registry does not know (a bug: specs are checked at the boundary). */
export function modelDefinition(kind: ModelKind): AnyModelDefinition {
  const d = byKind.get(kind);
  if (!d) throw new Error(`unknown model kind ${JSON.stringify(kind)}`);
  return d;
}

/** Whether a text names a registered kind. */
export function isModelKind(kind: unknown): kind is ModelKind {
  return typeof kind === 'string' && byKind.has(kind);
}

/** The defaults of every kind, by kind. */
export const DEFAULT_MODELS = Object.fromEntries(MODEL_REGISTRY.map((d) => [d.kind, d.defaults])) as { [K in ModelKind]: Extract<ModelSpec, { kind: K }> };

/** Objects told apart by their `kind` (each definition's schemas are strict objects with a literal kind). */
type KindedObjects = [z.ZodObject, ...z.ZodObject[]];

/** Every kind's hyperparameters, told apart by `kind` (the model file's training settings). */
export const modelSpecSchema = z.discriminatedUnion('kind', MODEL_REGISTRY.map((d) => d.spec) as unknown as KindedObjects) as unknown as z.ZodType<ModelSpec>;

/** Every kind's parameters in the model file, told apart by `kind` (so a problem is reported at its field). */
export const modelFileParametersSchema = z.discriminatedUnion('kind', MODEL_REGISTRY.map((d) => d.file.schema) as unknown as KindedObjects) as unknown as z.ZodType<ModelFileParameters>;

/** A model's hyperparameters checked: null when they are valid, else what is wrong, in words. */
export function modelSpecProblem(spec: unknown): string | null {
  const kind = (spec as { kind?: unknown } | null)?.kind;
  if (!isModelKind(kind)) return `model = ${JSON.stringify(kind) ?? 'none'}`;
  const parsed = modelDefinition(kind).spec.safeParse(spec);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.');
  const value = issue.path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k as string], spec);
  return `${field} = ${Array.isArray(value) ? value.join(',') : String(value)}`;
}
