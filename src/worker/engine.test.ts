/**
 * The engine in Node, through a user's whole journey, with the same object the worker exposes (the e2e
 * suite drives it through the real worker). And its boundary: no method throws, whatever it is given.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createEngine } from './engine';
import { memoryStorage } from './session-store';
import type { EngineApi, ProgressListener } from './api';
import type { TrainSetup } from '../core/prep/setup';
import type { Result } from '../core/errors';
import { longitudinalCohort } from '../core/__fixtures__/patients/longitudinal';

const quiet: ProgressListener = () => undefined;
const csvBlob = (text: string) => new Blob([text], { type: 'text/csv' });
const wdbc = readFileSync(new URL('../../public/samples/wdbc.csv', import.meta.url), 'utf8');

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail ?? r.error.column ?? ''}`);
  return r.value;
}

const engine = (storage = memoryStorage()) => createEngine({ storage, appVersion: 'test', now: () => new Date('2026-01-02T03:04:05Z') });

function wdbcSetup(features: string[]): TrainSetup {
  return {
    outcome: 'diagnosis',
    positiveClass: 'malignant',
    features,
    missing: 'drop',
    split: { kind: 'random', testFraction: 0.2, seed: 42 },
    model: { kind: 'logreg', C: 1 },
    seed: 42,
    cvFolds: 0,
  };
}

describe('createEngine: a whole journey in Node', () => {
  it('load → train → threshold → patient → model file out and in → batch → script → forget', async () => {
    const e = engine();
    const loaded = value(await e.load(csvBlob(wdbc), 'wdbc.csv', quiet));
    expect(loaded.dataset.rows).toBe(569);
    expect(loaded.dataset.patientKey).toBeNull();
    expect(loaded.model).toBeNull();
    const setup = wdbcSetup(loaded.dataset.suggestion.features);

    const trained = value(await e.train(setup, quiet));
    expect(trained.report.test.auc).toBeGreaterThan(0.95);
    expect(trained.report.counts).toMatchObject({ train: 455, test: 114, trainPatients: 455, testPatients: 114, sharedPatients: 0 });
    expect(trained.model.threshold).toBe(0.5);

    // the engine holds the threshold: the model's decisions follow it
    const moved = value(await e.setThreshold(0.3));
    expect(moved.metrics.threshold).toBe(0.3);
    expect(moved.model?.threshold).toBe(0.3);
    const fields = trained.model.fields;
    const answer = value(await e.patient(fields.map((f) => (f.kind === 'numeric' ? f.median : f.kind === 'text' ? null : f.mode)), []));
    expect(answer.threshold).toBe(0.3);
    expect(answer.event).toBe(answer.prediction.risk >= 0.3);

    // the model file carries the threshold and its fingerprint is the SHA-256 of its bytes
    const file = value(await e.exportModel());
    expect(JSON.parse(file.text).threshold).toBe(0.3);
    const { createHash } = await import('node:crypto');
    expect(file.sha256).toBe(createHash('sha256').update(file.text, 'utf8').digest('hex'));

    // opened again (elsewhere): same fingerprint, same risks
    const other = engine();
    const imported = value(await other.importModel(new Blob([file.text])));
    expect(imported.fingerprint).toBe(file.sha256);
    expect(imported.threshold).toBe(0.3);
    const again = value(await other.patient(fields.map((f) => (f.kind === 'numeric' ? f.median : f.kind === 'text' ? null : f.mode)), []));
    expect(again.prediction.risk).toBe(answer.prediction.risk);
    // an edited coefficient: another fingerprint
    const edited = file.text.replace(/"intercept": (-?[\d.]+)/, (_, v: string) => `"intercept": ${Number(v) + 0.001}`);
    expect(value(await other.importModel(new Blob([edited]))).fingerprint).not.toBe(file.sha256);

    const batch = value(await e.scoreFile(csvBlob(wdbc), 'new.csv', quiet));
    expect(batch.scored).toBe(569);
    expect(batch.header[0]).toBe('source_row');
    const csv = await value(await e.batchCsv()).text();
    expect(csv.split('\n')[1].startsWith('1,')).toBe(true);

    expect(value(await e.code('sklearn'))).toContain('LogisticRegression');
    expect(value(await e.forgetEverything())).toBe(true);
  });

  it('a file with several rows per patient: the key is found, can be changed, and the split keeps patients apart', async () => {
    const e = engine();
    const cohort = longitudinalCohort('en', 150);
    const loaded = value(await e.load(csvBlob(cohort.csv), 'visits.csv', quiet));
    expect(loaded.dataset.patientKey).toBe('pt_id');
    expect(loaded.dataset.patients).toBe(150);
    const setup: TrainSetup = { ...wdbcSetup(loaded.dataset.suggestion.features), outcome: 'diabetic_nephropathy', positiveClass: 'yes' };
    const trained = value(await e.train(setup, quiet));
    expect(trained.report.patientKey).toBe('pt_id');
    expect(trained.report.counts.sharedPatients).toBe(0);
    expect(trained.report.counts.trainPatients + trained.report.counts.testPatients).toBe(150);
    // a flagged column is refused as a feature, until the user says it is not an identifier
    const refused = await e.train({ ...setup, features: [...setup.features, 'Patient'] }, quiet);
    expect(refused).toMatchObject({ ok: false, error: { code: 'identifier-feature', column: 'Patient', value: 'name' } });
    // clearing the key: rows again; the trained model goes with the old split
    const cleared = value(await e.setPatientKey(null));
    expect(cleared.dataset.patients).toBe(cohort.rows);
    expect(cleared.model).toBeNull();
    const byRows = value(await e.train(setup, quiet));
    expect(byRows.report.patientKey).toBeNull();
    // scoring a visits file: its patients are counted, its identifiers stay out of the download
    const scored = value(await e.scoreFile(csvBlob(cohort.csv), 'more-visits.csv', quiet));
    expect(scored.patients).toEqual({ key: 'pt_id', count: 150 });
    expect(scored.droppedColumns).toEqual(['Patient', 'pt_id', 'Contact phone', 'DOB', 'visit_date']);
    const out = await value(await e.batchCsv()).text();
    for (const secret of cohort.secrets) expect(out).not.toContain(secret);
    const marked = value(await e.setNotIdentifier('visit_no', true));
    expect(marked.dataset.columns.find((c) => c.name === 'visit_no')?.phi).toBeUndefined();
  });

  it('saves and reopens an encrypted session with its patient key; forget says so when another tab blocks it', async () => {
    const storage = memoryStorage();
    const e = engine(storage);
    const cohort = longitudinalCohort('zh', 40);
    value(await e.load(csvBlob(cohort.csv), 'zh.csv', quiet));
    value(await e.setNotIdentifier('就诊日期', true));
    expect(value(await e.savedSession())).toBeNull();
    value(await e.saveSession('correct horse battery', null, quiet));
    expect(value(await e.savedSession())?.bytes).toBeGreaterThan(1000);
    const other = engine(storage);
    expect(await other.openSession('wrong one', quiet)).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    const restored = value(await other.openSession('correct horse battery', quiet));
    expect(restored.dataset.patientKey).toBe('pt_id');
    expect(restored.dataset.columns.find((c) => c.name === '就诊日期')?.notIdentifier).toBe(true);
    storage.blocked = true;
    expect(await e.forgetEverything()).toMatchObject({ ok: false, error: { code: 'forget-blocked' } });
    storage.blocked = false;
    expect(value(await e.forgetEverything())).toBe(true);
    expect(value(await e.savedSession())).toBeNull();
  });

  it('cancel stops a running task, which answers "cancelled"', async () => {
    const e = engine();
    const big = `x,y\n${Array.from({ length: 200_000 }, (_, i) => `${i % 97},${i % 2}`).join('\n')}\n`;
    const pending = e.load(csvBlob(big), 'big.csv', quiet);
    e.cancel();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('createEngine: nothing throws across the boundary', () => {
  const garbage: unknown[] = [undefined, null, 42, 'x', {}, [], NaN, { features: 'all' }, () => 0];
  /** Every method with bad arguments: each answers a Result with a typed error, never a thrown exception. */
  const calls: [string, (e: EngineApi, bad: unknown) => Promise<Result<unknown>>][] = [
    ['load', (e, b) => e.load(b as Blob, b as string, quiet)],
    ['setPatientKey', (e, b) => e.setPatientKey(b as string)],
    ['setNotIdentifier', (e, b) => e.setNotIdentifier(b as string, b as boolean)],
    ['deriveAge', (e, b) => e.deriveAge(b as string)],
    ['train', (e, b) => e.train(b as TrainSetup, quiet)],
    ['setThreshold', (e, b) => e.setThreshold(b as number)],
    ['compare', (e, b) => e.compare(b as TrainSetup, quiet)],
    ['patient', (e, b) => e.patient(b as never, b as never)],
    ['scoreFile', (e, b) => e.scoreFile(b as Blob, b as string, quiet)],
    ['batchCsv', (e) => e.batchCsv()],
    ['exportModel', (e) => e.exportModel()],
    ['importModel', (e, b) => e.importModel(b as Blob)],
    ['code', (e, b) => e.code(b as 'sklearn')],
    ['deidentify', (e, b) => e.deidentify(b as never, quiet)],
    ['validateBootstrap', (e, b) => e.validateBootstrap(b as number, quiet)],
    ['applyShrinkage', (e) => e.applyShrinkage()],
    ['validateExternal', (e, b) => e.validateExternal(b as Blob, b as string, quiet)],
    ['recalibrate', (e, b) => e.recalibrate(b as 'none')],
    ['subgroups', (e, b) => e.subgroups(b as string)],
    ['patientTreatment', (e, b) => e.patientTreatment(b as never, b as string)],
    ['compareTreatments', (e, b) => e.compareTreatments(b as string, b as number, quiet)],
    ['describeModel', (e, b) => e.describeModel(b as never)],
    ['saveSession', (e, b) => e.saveSession(b as string, null, quiet)],
    ['openSession', (e, b) => e.openSession(b as string, quiet)],
  ];

  it('covers every method of the API', () => {
    const methods = Object.keys(engine()).filter((m) => !['crashForTest', 'cancel', 'activeModel', 'savedSession', 'forgetEverything'].includes(m));
    expect(calls.map(([name]) => name).sort()).toEqual(methods.sort());
  });

  it.each(calls)('%s: a typed error for bad arguments, before and after data are loaded', async (_, call) => {
    for (const loadedFirst of [false, true]) {
      const e = engine();
      if (loadedFirst) {
        value(await e.load(csvBlob(wdbc), 'wdbc.csv', quiet));
        value(await e.train(wdbcSetup(['mean radius', 'mean texture']), quiet));
      }
      for (const bad of garbage) {
        let result: Result<unknown> | undefined;
        await expect((async () => (result = await call(e, bad)))()).resolves.toBeDefined();
        if (result && !result.ok) expect(result.error.code, JSON.stringify(result.error)).not.toBe('internal');
      }
    }
  });

  it('a bad model file is a typed error, with the problem in words', async () => {
    const e = engine();
    expect(await e.importModel(new Blob(['{"format": "x"}']))).toMatchObject({ ok: false, error: { code: 'bad-model-file' } });
    expect(await e.importModel(new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x81])]))).toMatchObject({ ok: false, error: { code: 'bad-model-file' } });
  });
});

describe('createEngine: validation', () => {
  const pima = readFileSync(new URL('../../public/samples/pima_diabetes.csv', import.meta.url), 'utf8');
  const setup = (): TrainSetup => ({
    outcome: 'diabetes', positiveClass: 'pos', features: ['pregnant', 'glucose', 'pressure', 'mass', 'pedigree', 'age'], missing: 'mean',
    split: { kind: 'random', testFraction: 0.2, seed: 42 }, model: { kind: 'logreg', C: 1 }, seed: 42, cvFolds: 0,
  });

  it('bootstrap, shrinkage, an external file and its recalibration: the model in use follows, its file records it', async () => {
    const e = engine();
    value(await e.load(csvBlob(pima), 'pima.csv', quiet));
    const trained = value(await e.train(setup(), quiet));
    const patientValues = trained.model.fields.map((f) => (f.kind === 'numeric' ? f.median : f.kind === 'text' ? null : f.mode));
    const before = value(await e.patient(patientValues, [])).prediction.risk;

    const boot = value(await e.validateBootstrap(20, quiet));
    expect(boot.rows.map((r) => r.metric)).toEqual(['auc', 'brier', 'calibration-slope', 'calibration-intercept']);
    expect(boot.shrinkage).toBeGreaterThan(0.7);
    expect(boot.shrinkage).toBeLessThan(1.1);
    const shrunk = value(await e.applyShrinkage());
    expect(shrunk.recalibration).toMatchObject({ method: 'shrinkage', slope: boot.shrinkage });
    const afterShrink = value(await e.patient(patientValues, [])).prediction.risk;
    expect(afterShrink).not.toBe(before);

    // an external file: the other hospital's patients (here: pima with its outcome made rarer by dropping events)
    const lines = pima.trim().split('\n');
    const other = [lines[0], ...lines.slice(1).filter((l, i) => !l.endsWith('"pos"') || i % 3 === 0)].join('\n');
    const ext = value(await e.validateExternal(csvBlob(other), 'other.csv', quiet));
    expect(ext.method).toBe('none');
    expect(ext.evaluation.oe).toBeLessThan(1); // fewer events than the model expects
    expect(ext.evaluation.calibrationIntercept.value).toBeLessThan(0);
    const recal = value(await e.recalibrate('intercept'));
    expect(recal.external.method).toBe('intercept');
    expect(recal.external.evaluation.calibrationIntercept.value).toBeCloseTo(0, 8);
    expect(recal.external.evaluation.auc.value).toBeCloseTo(ext.evaluation.auc.value, 12);
    const afterRecal = value(await e.patient(patientValues, [])).prediction.risk;
    expect(afterRecal).toBeLessThan(afterShrink);
    // the model file carries the recalibration (composed with the shrinkage) and the validation figures
    const file = JSON.parse(value(await e.exportModel()).text);
    expect(file.recalibration.method).toBe('intercept');
    expect(file.recalibration.slope).toBeCloseTo(boot.shrinkage, 12);
    expect(file.training.validation.bootstrap.replicates).toBe(20);
    expect(file.training.validation.external.fileName).toBe('other.csv');
    // opened elsewhere, it scores as the recalibrated model
    const elsewhere = engine();
    value(await elsewhere.importModel(new Blob([JSON.stringify(file)])));
    expect(value(await elsewhere.patient(patientValues, [])).prediction.risk).toBeCloseTo(afterRecal, 12);
    // back to none: the model before the external update (the shrinkage stays)
    value(await e.recalibrate('none'));
    expect(value(await e.patient(patientValues, [])).prediction.risk).toBeCloseTo(afterShrink, 12);
  }, 60_000);

  it('subgroups of the test rows, and the decision curve in the report', async () => {
    const e = engine();
    value(await e.load(csvBlob(pima), 'pima.csv', quiet));
    const trained = value(await e.train(setup(), quiet));
    expect(trained.report.test.decisionCurve).toHaveLength(99);
    const groups = value(await e.subgroups('pregnant'));
    expect(groups.reduce((s, g) => s + g.rows, 0)).toBe(trained.report.counts.test);
    expect(await e.subgroups('nope')).toMatchObject({ ok: false, error: { code: 'unknown-column' } });
  });

  it('an external file without the outcome says which column is missing', async () => {
    const e = engine();
    value(await e.load(csvBlob(pima), 'pima.csv', quiet));
    value(await e.train(setup(), quiet));
    const noOutcome = pima.split('\n').map((l) => l.split(',').slice(0, 8).join(',')).join('\n');
    expect(await e.validateExternal(csvBlob(noOutcome), 'x.csv', quiet)).toMatchObject({ ok: false, error: { code: 'missing-columns', column: 'diabetes' } });
  });
});

describe('createEngine: treatment options compared', () => {
  const birthwt = readFileSync(new URL('../core/__fixtures__/nomogram/birthwt.csv', import.meta.url), 'utf8');
  const setup = (): TrainSetup => ({
    outcome: 'low', positiveClass: '1', features: ['age', 'lwt', 'race', 'smoke', 'ptl', 'ht', 'ui', 'ftv'], missing: 'drop',
    split: { kind: 'random', testFraction: 0.3, seed: 42 }, model: { kind: 'logreg', C: 1 }, seed: 42, cvFolds: 0,
  });

  it('lists the treatment columns, answers for one patient and for the cohort; a model opened from a file has only its categories', async () => {
    const e = engine();
    value(await e.load(csvBlob(birthwt), 'birthwt.csv', quiet));
    const trained = value(await e.train(setup(), quiet));
    expect(trained.model.treatments.map((t) => t.column)).toEqual(['race', 'smoke', 'ht', 'ui']);
    const values = trained.model.fields.map((f) => (f.kind === 'numeric' ? f.median : f.kind === 'text' ? null : f.mode));
    const one = value(await e.patientTreatment(values, 'smoke'));
    expect(one.risks).toHaveLength(2);
    expect(one.actual).toBe(0); // the median mother does not smoke
    expect(one.risks[0]).toBe(value(await e.patient(values, [])).prediction.risk);
    expect(await e.patientTreatment(values, 'age')).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });

    const seen: number[] = [];
    const cohort = value(await e.compareTreatments('smoke', 30, (p) => seen.push(p.fraction)));
    expect(cohort.options.map((o) => o.level)).toEqual(['0', '1']);
    expect(cohort.testRows).toBe(trained.report.counts.test);
    expect(cohort.bootstrap).toMatchObject({ requested: 30, unit: 'rows', seed: 42 });
    expect(seen.length).toBeGreaterThan(0);
    expect(await e.compareTreatments('age', 10, quiet)).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });
    expect(await e.compareTreatments('smoke', 1e6, quiet)).toMatchObject({ ok: false, error: { code: 'bad-parameter' } });
    // a shrinkage: the patient's options follow the model in use
    value(await e.validateBootstrap(10, quiet));
    const shrunk = value(await e.applyShrinkage());
    const after = value(await e.patientTreatment(values, 'smoke'));
    expect(after.risks[0]).toBe(value(await e.patient(values, [])).prediction.risk);
    expect(after.risks[0]).not.toBe(one.risks[0]);
    expect(shrunk.treatments).toEqual(trained.model.treatments);
    // cancelled mid-way
    const pending = e.compareTreatments('race', 2000, quiet);
    e.cancel();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });

    const other = engine();
    const opened = value(await other.importModel(new Blob([value(await e.exportModel()).text])));
    expect(opened.treatments.map((t) => t.column)).toEqual(['race']);
    expect(value(await other.patientTreatment(values, 'race')).risks).toHaveLength(3);
    expect(await other.compareTreatments('race', 10, quiet)).toMatchObject({ ok: false, error: { code: 'no-model' } });
  }, 60_000);
});

describe("the author's description and the model's equation", () => {
  it('travel with the model file, as text, and the equation follows a recalibration', async () => {
    const e = engine();
    value(await e.load(csvBlob(wdbc), 'wdbc.csv', quiet));
    const trained = value(await e.train(wdbcSetup(['mean radius', 'mean texture']), quiet));
    expect(trained.model.description).toBeNull();
    expect(trained.model.equation?.terms.map((t) => t.feature)).toEqual(['mean radius', 'mean texture']);
    const text = { population: 'Women referred for a breast mass <script>', source: 'UCI', dates: '1989–1991', setting: 'one centre', eligibility: 'FNA done', intendedUse: 'teaching', intendedUsers: 'students' };
    const info = value(await e.describeModel({ ...text, extra: 'ignored' } as never));
    expect(info.description).toEqual(text);
    const file = value(await e.exportModel());
    expect(JSON.parse(file.text).description).toEqual(text);
    const other = engine();
    const opened = value(await other.importModel(new Blob([file.text])));
    expect(opened.description).toEqual(text);
    // cleared fields: no description in the file
    value(await e.describeModel({ population: ' ', source: '', dates: '', setting: '', eligibility: '', intendedUse: '', intendedUsers: '' }));
    expect(JSON.parse(value(await e.exportModel()).text).description).toBeNull();
    // the equation of the model in use: a shrinkage scales every term
    const before = trained.model.equation;
    value(await e.validateBootstrap(20, quiet));
    const shrunk = value(await e.applyShrinkage());
    const slope = shrunk.recalibration?.slope ?? NaN;
    expect(slope).toBeGreaterThan(0);
    shrunk.equation?.terms.forEach((t, j) => expect(t.coef).toBeCloseTo(slope * (before?.terms[j].coef ?? NaN), 10));
  });
});
