import { describe, expect, it } from 'vitest';
import { MODEL_KINDS, type ModelKind, type TrainSetup } from '../prep/setup';
import type { Table } from '../table/column';
import { loadSampleTable } from '../__fixtures__/reference/load';
import { scoreTable } from '../score/score-table';
import { referencePatient, scorePatient, whatIfCurve, type PatientValue } from '../score/patient';
import { clinicCsv, clinicSetup, FEATURES, tableOf, trained } from '../score/__fixtures__/clinic';
import { MODEL_FILE_FORMAT, parseModelFile, parseModelFileText, toModelFile, type ModelFile } from './model-file';

const PIMA = ['pregnant', 'glucose', 'pressure', 'triceps', 'insulin', 'mass', 'pedigree', 'age'];
const pimaSetup = (kind: ModelKind): TrainSetup => ({ ...clinicSetup(kind, 'mean', PIMA), outcome: 'diabetes', positiveClass: 'pos' });

async function fileFor(table: Table, setup: TrainSetup) {
  const { report, run } = await trained(table, setup);
  const file = toModelFile({ fitted: run.prepared.fitted, model: run.model, report, threshold: 0.35, appVersion: '0.1.0', createdAt: '2025-03-01T12:00:00.000Z' });
  return { file, fitted: run.prepared.fitted, model: run.model };
}

function imported(file: unknown) {
  const r = parseModelFileText(JSON.stringify(file));
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  return r.value;
}

/** Every array in a JSON value, with its path. */
function arrays(v: unknown, path = '', out: [string, number][] = []): [string, number][] {
  if (Array.isArray(v)) {
    out.push([path, v.length]);
    v.forEach((x, i) => arrays(x, `${path}[${i}]`, out));
  } else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) arrays(x, `${path}.${k}`, out);
  return out;
}

describe.each(MODEL_KINDS)('a %s model file', (kind) => {
  it.each([['clinic', false], ['pima', true]] as const)('on %s: the imported model scores patients and batches exactly as the original', async (_name, pima) => {
    const table = pima ? await loadSampleTable('pima_diabetes.csv') : await tableOf(clinicCsv());
    const original = await fileFor(table, pima ? pimaSetup(kind) : clinicSetup(kind));
    const back = imported(original.file);
    expect(back.threshold).toBe(0.35);
    const a = await scoreTable(table, original.fitted, original.model, 0.35);
    const b = await scoreTable(table, back.fitted, back.model, back.threshold);
    if (!a.ok || !b.ok) throw new Error('scoring failed');
    expect(Array.from(b.value.risk)).toEqual(Array.from(a.value.risk));
    expect(Array.from(b.value.predictedClass)).toEqual(Array.from(a.value.predictedClass));
    const patient: PatientValue[] = pima ? [2, 160, 70, 30, 120, 36, 0.5, 44] : [77, 'M', 'III', '3,2', null, 2];
    for (const values of [patient, referencePatient(original.fitted)]) {
      const p = scorePatient(original.fitted, original.model, values);
      const q = scorePatient(back.fitted, back.model, values);
      expect(q).toEqual(p);
    }
    expect(whatIfCurve(back.fitted, back.model, patient, 1)).toEqual(whatIfCurve(original.fitted, original.model, patient, 1));
    // the file holds no patient row: every list is about features, levels or calibration bins, not rows
    const p = original.fitted.features.length;
    const weights = original.model.kind === 'mlp' ? Math.max(...original.model.fit.layers.map((l) => l.weights.length)) : 0;
    for (const [path, length] of arrays(original.file)) expect(length, path).toBeLessThanOrEqual(Math.max(20, (p + 1) * (p + 1), weights));
    expect(JSON.stringify(original.file)).not.toMatch(/P1\d\d\d/); // the clinic ids
    expect(back.meta.training.rows.train + back.meta.training.rows.test).toBe(pima ? 768 : 400);
    expect(back.meta.outcome.event).toBe(pima ? 'pos' : 'yes');
  });
});

describe('the model file content', () => {
  it('names its format and version, and describes the training', async () => {
    const { file } = await fileFor(await tableOf(clinicCsv()), clinicSetup('logreg'));
    expect(file.format).toBe(MODEL_FILE_FORMAT);
    expect(file.version).toBe(2);
    expect(file.training.split).toBe('random, 25% test rows, stratified by the outcome, seed 3');
    expect(file.preprocessing.columns.map((c) => c.column)).toEqual(FEATURES);
    expect(file.preprocessing.columns[2]).toMatchObject({ kind: 'categorical', levels: ['I', 'II', 'III', 'IV'] });
    expect(file.training.test.auc).toBeGreaterThan(0.6);
    expect(file.training.prevalence.train).toBeCloseTo(file.training.rows.trainEvents / file.training.rows.train, 15);
  });

  it('keeps dropped collinear MLE coefficients as null, and only those', async () => {
    const table = await tableOf(clinicCsv());
    const age = table.columns.find((c) => c.name === 'age');
    if (!age) throw new Error('no age');
    const withCopy: Table = { rowCount: table.rowCount, columns: [...table.columns, { ...age, name: 'age again' }] };
    const { file, fitted, model } = await fileFor(withCopy, clinicSetup('logreg-mle', 'mean', [...FEATURES, 'age again']));
    if (file.model.kind !== 'logreg-mle') throw new Error('not mle');
    const nulls = file.model.coef.flatMap((c, j) => (c === null ? [j] : []));
    expect(nulls).toEqual([8]);
    const back = imported(file);
    const values: PatientValue[] = [61, 'F', 'II', 2.2, 'no', 1, 61];
    expect(scorePatient(back.fitted, back.model, values)).toEqual(scorePatient(fitted, model, values));
    const tampered = structuredClone(file) as ModelFile;
    if (tampered.model.kind !== 'logreg-mle') throw new Error('not mle');
    tampered.model.coef[0] = null;
    expectRefused(tampered, '“model.coef[0]” is empty (null), but that feature is not listed as dropped');
  });
});

type Edit = (f: Record<string, unknown>) => void;
const DELETE = Symbol('delete');

/** Sets (or deletes) the value at a path of a JSON copy of the file. */
function edit(path: (string | number)[], value: unknown): Edit {
  return (root) => {
    let v: Record<string | number, unknown> = root;
    for (const key of path.slice(0, -1)) v = v[key] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (value === DELETE) delete v[last];
    else v[last] = value;
  };
}

function expectRefused(file: unknown, message: string | RegExp): void {
  const r = parseModelFile(file);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('bad-model-file');
  expect(r.error.detail).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
}

describe('a Firth model file', () => {
  it('holds the profile bounds and likelihood-ratio p-values of the report, and gives them back', async () => {
    const { file, model } = await fileFor(await tableOf(clinicCsv()), clinicSetup('logreg-firth'));
    if (file.model.kind !== 'logreg-firth' || model.kind !== 'logreg-firth') throw new Error('not firth');
    const profile = model.fit.profile;
    if (!profile || !file.model.profile) throw new Error('no profile');
    expect(file.model.profileSkipped).toBeNull();
    expect(file.model.profile.low).toEqual(Array.from(profile.low));
    expect(file.model.profile.p).toEqual(Array.from(profile.p));
    const back = imported(file);
    if (back.model.kind !== 'logreg-firth') throw new Error('not firth');
    expect(back.model.fit.profile).toEqual(profile);
    expect(back.model.fit.logLik).toBe(model.fit.logLik);
  });
});

describe('a version-1 model file (before rare-level pooling and the patient key)', () => {
  it('opens as version 2 with nothing pooled and no key, and scores as before', async () => {
    const { file, fitted } = await fileFor(await tableOf(clinicCsv()), clinicSetup('logreg'));
    const v1 = structuredClone(file) as unknown as { version: number; preprocessing: { columns: Record<string, unknown>[]; patientKey?: unknown }; training: { patients?: unknown } };
    v1.version = 1;
    for (const c of v1.preprocessing.columns) delete c.other;
    delete v1.preprocessing.patientKey;
    delete v1.training.patients;
    const back = parseModelFile(v1);
    if (!back.ok) throw new Error(back.error.detail);
    expect(back.value.fitted.transforms).toEqual(fitted.transforms.map((t) => (t.kind === 'categorical' ? { ...t, other: false } : t)));
    expect(back.value.fitted.setup.patientKey).toBeNull();
  });
});

describe('a tampered model file is refused with a specific message', () => {
  const cases: [string, string, Edit[], string | RegExp][] = [
    ['logreg', 'a missing field', [edit(['model', 'intercept'], DELETE)], '“model.intercept” is missing'],
    ['logreg', 'a missing section', [edit(['preprocessing'], DELETE)], '“preprocessing” is missing'],
    ['logreg', 'a number written as text', [edit(['preprocessing', 'scaler', 'mean', 0], '0.5')], '“preprocessing.scaler.mean[0]” should be a number but is the text “0.5”'],
    ['logreg', 'a null coefficient', [edit(['model', 'coef', 2], null)], '“model.coef[2]” is empty (null) where a number is required'],
    ['svm', 'a null Platt parameter', [edit(['model', 'platt', 'A'], null)], '“model.platt.A” is empty (null)'],
    ['logreg', 'a NaN coefficient (in memory)', [edit(['model', 'coef', 0], NaN)], '“model.coef[0]” is NaN, not a finite number'],
    ['logreg', 'a coefficient too few', [edit(['model', 'coef'], [1, 2, 3])], '“model.coef” has 3 values for 8 features'],
    ['logreg', 'a feature too few', [(f) => ((f.preprocessing as { features: unknown[] }).features.length = 7)], 'the feature list has 7 entries, but the columns define 8 features'],
    ['gd', 'a scaler too short', [(f) => ((f.preprocessing as { scaler: { std: unknown[] } }).scaler.std.length = 7)], '“preprocessing.scaler.std” has 7 values for 8 features'],
    ['logreg', 'a renamed feature', [edit(['preprocessing', 'features', 1, 'name'], 'sex=F')], '“preprocessing.features[1]” is “sex=F”, but the columns define “sex=M” there'],
    ['logreg', 'a zero standard deviation', [edit(['preprocessing', 'scaler', 'std', 0], 0)], '“preprocessing.scaler.std[0]” is the number 0, but must be at least 0 (exclusive)'],
    ['logreg', 'a newer version', [edit(['version'], 3)], 'the model file has version 3, written by a newer version of the app'],
    ['logreg', 'an unknown version', [edit(['version'], 'beta')], 'unknown model file version "beta"'],
    ['logreg', 'another format', [edit(['format'], 'sklearn-pickle')], '(“format” is "sklearn-pickle", expected “clinical-ml-workbench/model”)'],
    ['logreg', 'no format', [edit(['format'], DELETE)], 'the field “format” is missing'],
    ['logreg', 'an extra huge array (say, patient rows)', [edit(['patients'], new Array(100_000).fill([1, 2, 3]))], 'the file holds unexpected field “patients”'],
    ['logreg', 'an extra field inside', [edit(['model', 'note'], 'x')], '“model” holds unexpected field “note”'],
    ['logreg', 'a level that is not text', [edit(['preprocessing', 'columns', 2, 'levels', 0], 3)], '“preprocessing.columns[2].levels[0]” should be a text but is the number 3'],
    ['logreg', 'a fill value that is no level', [edit(['preprocessing', 'columns', 2, 'fill'], 'V')], '“preprocessing.columns[2]” (the column “stage”): its fill value “V” is not one of its levels'],
    ['logreg', 'an unknown model kind', [edit(['model', 'kind'], 'xgboost')], '“model.kind” is the text “xgboost”, which is not one of the known kinds'],
    ['logreg', 'a threshold above 1', [edit(['threshold'], 1.5)], '“threshold” is the number 1.5, but must be at most 1'],
    ['mlp', 'layers that do not chain', [edit(['model', 'layers', 1, 'inputs'], 5)], '“model.layers[1]” expects 5 inputs but layer 0 gives 16'],
    ['mlp', 'a weight matrix of the wrong size', [edit(['model', 'layers', 0, 'weights'], [0.1, 0.2])], '“model.layers[0].weights” has 2 values for 8 × 16'],
    ['mlp', 'no layers', [edit(['model', 'layers'], [])], '“model.layers” is an empty list'],
    ['logreg', 'settings of another model', [edit(['model', 'kind'], 'gd')], 'the model is “gd”, but its training settings are for “logreg”'],
    ['logreg-firth', 'a profile bound too few', [edit(['model', 'profile', 'low'], [0.1, 0.2])], '“model.profile.low” has 2 values for 8 features'],
    ['logreg-firth', 'profile bounds the wrong way round', [edit(['model', 'profile', 'low', 1], 9), edit(['model', 'profile', 'high', 1], -9)], '“model.profile” has a lower bound above the upper one for feature 1'],
    ['logreg-firth', 'no profile and no reason', [edit(['model', 'profile'], null)], '“model.profileSkipped” must say why exactly when “model.profile” is empty (null)'],
    ['logreg-firth', 'a separation problem (Firth has none)', [edit(['model', 'problems'], [{ kind: 'separation', complete: true, features: [0] }])], /“model\.problems\[0\]\.kind”/],
    ['logreg', 'many problems at once', [edit(['model', 'coef', 0], null), edit(['model', 'coef', 1], null), edit(['model', 'coef', 2], null), edit(['model', 'coef', 3], null)], '(and 1 more problem)'],
  ];
  it.each(cases)('%s: %s', async (kind, _what, edits, message) => {
    const { file } = await fileFor(await tableOf(clinicCsv()), clinicSetup(kind as ModelKind));
    const copy = structuredClone(file) as unknown as Record<string, unknown>;
    for (const e of edits) e(copy);
    expectRefused(copy, message);
  });

  it('refuses text that is not JSON, and JSON that is not an object', () => {
    const r = parseModelFileText('{"format": "clinical-ml-workbench/model", ');
    expect(r.ok ? null : r.error.detail).toMatch(/^the file is not valid JSON/);
    for (const v of [null, [], 'model', 42]) expectRefused(v, 'the file does not hold a model');
  });
});
