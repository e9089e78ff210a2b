/**
 * What is wrong with a model file, in words an IT administrator or a clinician can act on: the schema's
 * findings (missing fields, wrong types, empty numbers) rephrased with the field's place in the file,
 * and the checks the schema cannot make (lengths that must agree, layers that must chain).
 */
import type { z } from 'zod';
import { featureSpecs, OTHER_LEVEL, type FeatureSpec } from '../prep/pipeline';
import type { ModelFile } from './model-file-schema';
import { modelDefinition } from '../models/registry';

/** A field's place in the file, as `model.layers[1].weights[3]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const key of path) {
    if (typeof key === 'number') s += `[${key}]`;
    else s += s === '' ? String(key) : `.${String(key)}`;
  }
  return s === '' ? 'the file' : `“${s}”`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? 'a text' : `the text “${v}”`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return typeof v === 'object' ? 'a group of fields' : typeof v;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
};

/** One zod issue in words. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = fieldPath(issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return `${where} is missing`;
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === null && (issue.expected === 'number' || issue.expected === 'int')) {
        return `${where} is empty (null) where ${expected} is required (a model with an undefined or infinite parameter cannot make predictions)`;
      }
      if (typeof value === 'number' && !Number.isFinite(value)) return `${where} is ${value}, not a finite number`;
      return `${where} should be ${expected} but is ${describeValue(value)}`;
    }
    case 'invalid_union':
      if (value === undefined) return `${where} is missing`;
      return `${where} is ${describeValue(value)}, which is not one of the known kinds`;
    case 'invalid_value':
      return `${where} is ${describeValue(value)}; allowed: ${issue.values.map((v) => `“${String(v)}”`).join(', ')}`;
    case 'unrecognized_keys':
      return `${where} holds unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `“${k}”`).join(', ')}, which a model file does not have (the file was changed or written by other software)`;
    case 'too_small':
      if (issue.origin === 'array') return `${where} is an empty list`;
      return `${where} is ${describeValue(value)}, but must be at least ${String(issue.minimum)}${issue.inclusive ? '' : ' (exclusive)'}`;
    case 'too_big':
      return `${where} is ${describeValue(value)}, but must be at most ${String(issue.maximum)}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** The agreements between parts of a (schema-valid) file, each broken one in words. */
export function consistencyProblems(f: ModelFile): string[] {
  const out: string[] = [];
  const pre = f.preprocessing;
  const p = pre.features.length;
  const names = new Set<string>();
  pre.columns.forEach((c, k) => {
    const where = `“preprocessing.columns[${k}]” (the column “${c.column}”)`;
    if (names.has(c.column)) out.push(`${where} appears twice`);
    names.add(c.column);
    if (c.kind === 'categorical') {
      if (new Set(c.levels).size !== c.levels.length) out.push(`${where} lists a category level twice`);
      const isLevel = (v: string) => c.levels.includes(v) || (c.other && v === OTHER_LEVEL);
      if (c.fill !== null && !isLevel(c.fill)) out.push(`${where}: its fill value “${c.fill}” is not one of its levels`);
      if (c.mode !== null && !isLevel(c.mode)) out.push(`${where}: its most frequent level “${c.mode}” is not one of its levels`);
    } else if (c.kind === 'numeric') {
      if (c.fill === null && pre.missing !== 'drop') out.push(`${where} has no fill value, but missing values are to be filled (“${pre.missing}”)`);
      if (c.min !== null && c.max !== null && c.min > c.max) out.push(`${where}: its training minimum is above its maximum`);
    }
  });
  // the design features are what the columns define (prep/pipeline.ts featureSpecs), in order
  const defined: FeatureSpec[] = pre.columns.flatMap((c) =>
    c.kind === 'numeric' ? featureSpecs({ ...c, min: NaN, max: NaN, median: NaN }) : featureSpecs(c),
  );
  pre.columns.forEach((c, k) => {
    if (c.kind !== 'text') return;
    if (c.idf.length !== c.terms.length) out.push(`“preprocessing.columns[${k}].idf” has ${c.idf.length} values for ${c.terms.length} terms`);
    if (pre.columns.slice(k + 1).some((d) => d.kind !== 'text')) out.push(`“preprocessing.columns[${k}]” is a note column before other columns: note columns come last`);
  });
  if (defined.length !== p) out.push(`the feature list has ${p} entries, but the columns define ${defined.length} features`);
  else {
    const k = pre.features.findIndex((s, j) => !sameFeature(s, defined[j]));
    if (k >= 0) out.push(`“preprocessing.features[${k}]” is “${pre.features[k].name}”, but the columns define “${defined[k].name}” there`);
  }
  if (pre.scaler.mean.length !== p) out.push(`“preprocessing.scaler.mean” has ${pre.scaler.mean.length} values for ${p} features`);
  if (pre.scaler.std.length !== p) out.push(`“preprocessing.scaler.std” has ${pre.scaler.std.length} values for ${p} features`);
  if (f.training.hyperparameters.kind !== f.model.kind) {
    out.push(`the model is “${f.model.kind}”, but its training settings are for “${f.training.hyperparameters.kind}”`);
  }
  out.push(...modelProblems(f.model, p));
  return out;
}

/** What the model's own definition checks (lengths of weights, layers that chain). */
function modelProblems(m: ModelFile['model'], p: number): string[] {
  return modelDefinition(m.kind).file.problems(m, p);
}

function sameFeature(a: FeatureSpec, b: FeatureSpec): boolean {
  if (a.kind !== b.kind || a.name !== b.name || a.column !== b.column) return false;
  if (a.kind === 'term') return b.kind === 'term' && a.term === b.term;
  return a.kind === 'numeric' || (b.kind === 'indicator' && a.level === b.level);
}
