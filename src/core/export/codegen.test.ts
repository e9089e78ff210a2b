/**
 * The exported scripts against the app: the scikit-learn script is run with /usr/bin/python3 on the
 * same CSV and must report the app's test accuracy, AUC (1e-6) and coefficients (1e-4); the PySpark
 * script (pyspark is not installed) must compile and carry the same steps, levels and constants.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesSource } from '../ingest/byte-source';
import { readTable } from '../ingest/read-table';
import { loadReference, sampleBytes, type FixtureName } from '../__fixtures__/reference/load';
import { MT19937 } from '../random/mt19937';
import { DEFAULT_MODELS, type ModelSpec, type TrainSetup } from '../prep/setup';
import { train } from '../train/train';
import { sklearnScript, type CodegenInput } from './codegen-sklearn';
import { pysparkScript } from './codegen-pyspark';
import { longitudinalCohort } from '../__fixtures__/patients/longitudinal';
import { notesCsv } from '../__fixtures__/text/notes-cohort';
import { noContext } from '../util/run-context';
import { bootstrapValidation } from '../validation/bootstrap';
import { composeRecalibration, evaluateExternal, fitRecalibration, recalibrated, type Recalibration } from '../validation/external';
import { scoreTable } from '../score/score-table';
import { cellText, isMissing } from '../table/column';
import { treatmentColumns } from '../treatment/columns';
import { compareTreatmentOptions } from '../treatment/cohort';

/** Debian's python3 (scripts/ensure-python-sklearn.mjs installs sklearn and pandas there); CODEGEN_PYTHON overrides. */
const PYTHON = process.env.CODEGEN_PYTHON ?? '/usr/bin/python3';
const hasPython = spawnSync(PYTHON, ['-c', 'pass'], { stdio: 'ignore' }).status === 0;
const hasSklearn = spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { stdio: 'ignore' }).status === 0;
const SKIP_SKLEARN = `SKIPPED: ${PYTHON} cannot import sklearn and pandas (run \`node scripts/ensure-python-sklearn.mjs\` as root, or apt-get install python3-sklearn python3-pandas)`;
if (!hasSklearn) console.warn(`codegen.test.ts: ${SKIP_SKLEARN}`);

const dir = mkdtempSync(join(tmpdir(), 'codegen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const parity: string[] = [];
afterAll(() => {
  if (parity.length > 0) console.log(`sklearn export vs app (|Δ| max over coefficients and intercept):\n${parity.join('\n')}`);
});

interface ScriptResult {
  accuracy: number;
  auc: number;
  coefficients: Record<string, number | null>;
  intercept: number | null;
  n_train: number;
  n_test: number;
}

/** The app's run on the file's bytes, and the codegen input it would export. */
async function appRun(bytes: Uint8Array, fileName: string, setup: TrainSetup) {
  const loaded = await readTable(bytesSource(bytes));
  if (!loaded.ok) throw new Error(loaded.error.code);
  const { table, encoding, dialect } = loaded.value;
  const result = await train(table, setup);
  if (!result.ok) throw new Error(result.error.code);
  const { report, run } = result.value;
  const input: CodegenInput = {
    fileName, encoding, delimiter: dialect.delimiter, decimalComma: dialect.decimalComma, setup,
    fitted: run.prepared.fitted, appVersion: '0.1.0-test',
    patientKeyNumeric: table.columns.find((c) => c.name === setup.patientKey)?.storage === 'numeric',
    results: { testAccuracy: report.test.atThreshold.accuracy, auc: report.test.auc, coefficients: report.coefficients?.map((c) => c.coef), intercept: report.intercept },
  };
  return { input, report };
}

/** CODEGEN_DUMP=/some/dir keeps every generated script there, named by case, for reading. */
function dump(name: string, script: string): void {
  const to = process.env.CODEGEN_DUMP;
  if (to) writeFileSync(join(to, `${name.replace(/[^\w.-]+/g, '_')}.py`), script);
}

let scriptCount = 0;
function write(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function runScript(script: string, csv: string, options: string[] = []): ScriptResult {
  const path = write(`script${scriptCount++}.py`, script);
  const run = spawnSync(PYTHON, [path, csv, ...options], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (run.status !== 0) throw new Error(`the script failed:\n${run.stderr}`);
  // the script warns when its levels or pooling differ from the app's
  expect(run.stderr).not.toMatch(/warning: /);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as ScriptResult;
}

/** Runs the app and the exported script on one file; checks and records the agreement. */
async function expectParity(label: string, csv: string, bytes: Uint8Array, setup: TrainSetup) {
  const { input, report } = await appRun(bytes, csv.split('/').pop() as string, setup);
  const script = sklearnScript(input);
  dump(`sklearn_${label}`, script);
  dump(`pyspark_${label}`, pysparkScript(input));
  const py = runScript(script, csv);
  expect(py.n_train).toBe(report.counts.train);
  expect(py.n_test).toBe(report.counts.test);
  const names = report.features.map((f) => f.name);
  let dCoef = 0;
  if (report.coefficients) {
    expect(Object.keys(py.coefficients)).toEqual(names);
    report.coefficients.forEach((c) => (dCoef = Math.max(dCoef, Math.abs((py.coefficients[c.feature] ?? NaN) - c.coef))));
    dCoef = Math.max(dCoef, Math.abs((py.intercept ?? NaN) - (report.intercept as number)));
  }
  const dAuc = Math.abs(py.auc - report.test.auc);
  const dAcc = py.accuracy - report.test.atThreshold.accuracy;
  parity.push(`  ${label.padEnd(34)} accuracy ${dAcc === 0 ? 'equal' : `Δ ${dAcc}`}  |Δcoef| ${report.coefficients ? dCoef.toExponential(1) : '—'}  |ΔAUC| ${dAuc.toExponential(1)}`);
  expect(py.accuracy).toBe(report.test.atThreshold.accuracy);
  expect(dCoef).toBeLessThanOrEqual(1e-4);
  expect(dAuc).toBeLessThanOrEqual(1e-6);
  return { py, report };
}

const sampleSetup = (name: FixtureName, model: ModelSpec): TrainSetup => {
  const fx = loadReference(name);
  return {
    outcome: fx.target, positiveClass: fx.positive, features: fx.features, missing: fx.missing,
    split: { kind: 'random', testFraction: 0.2, seed: 42 }, model, seed: 42, cvFolds: 0,
  };
};

const CASES: [FixtureName, ModelSpec][] = [
  ['wdbc', DEFAULT_MODELS.logreg], ['wdbc', DEFAULT_MODELS.svm], ['wdbc', DEFAULT_MODELS.gd],
  ['pima_diabetes_drop', DEFAULT_MODELS.logreg], ['pima_diabetes_drop', DEFAULT_MODELS['logreg-mle']],
  ['pima_diabetes_drop', { kind: 'svm', C: 0.1 }], ['pima_diabetes_drop', DEFAULT_MODELS.gd],
  ['pima_diabetes_mean', { kind: 'logreg', C: 0.05 }], ['pima_diabetes_mean', DEFAULT_MODELS['logreg-mle']],
  ['pima_diabetes_mean', DEFAULT_MODELS.svm], ['pima_diabetes_mean', { kind: 'gd', C: 1, learningRate: 0.1, epochs: 30, batchSize: 64 }],
  ['pima_diabetes_drop', DEFAULT_MODELS['logreg-firth']], ['pima_diabetes_mean', DEFAULT_MODELS['logreg-firth']],
];

/** A small cohort file: semicolon-separated, decimal commas, categories (with numbers written two ways), missing tokens. */
function cohortCsv(): string {
  const rng = new MT19937(2024);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rng.random() * xs.length)];
  const lines = ['age;bmi;sex;stage;site;cohort;outcome'];
  for (let i = 0; i < 260; i++) {
    const age = 30 + Math.floor(rng.random() * 50);
    const bmi = 18 + rng.random() * 20;
    const sex = pick(['F', 'M']);
    const stage = pick(['1', '2', '3', '3a', '01', '2.0']);
    const site = pick(['Zürich', 'Genève', 'Bern']);
    const z = 0.06 * (age - 55) + 0.1 * (bmi - 28) + (sex === 'M' ? 0.7 : 0) + (stage.startsWith('3') ? 1 : 0) - 0.3;
    const event = rng.random() < 1 / (1 + Math.exp(-z));
    const miss = (s: string, token: string) => (rng.random() < 0.06 ? token : s);
    lines.push([miss(` ${age} `, 'NA'), miss(bmi.toFixed(1).replace('.', ','), ''), miss(sex, '?'), miss(stage, '-'), site,
      i % 3 === 0 ? 'B' : 'A', event ? 'yes' : 'no'].join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}

/** UTF-8 with a byte-order mark, Chinese names and levels, a categorical feature with 4 levels. */
function chineseCsv(): Uint8Array {
  const rng = new MT19937(7);
  const lines = ['年龄,血型,性别,收缩压,结局'];
  for (let i = 0; i < 300; i++) {
    const age = 20 + Math.floor(rng.random() * 60);
    const blood = ['A', 'B', 'O', 'AB'][Math.floor(rng.random() * 4)];
    const sex = rng.random() < 0.5 ? '男' : '女';
    const sbp = 100 + rng.random() * 80;
    const z = 0.05 * (age - 50) + 0.03 * (sbp - 140) + (blood === 'AB' ? 0.8 : 0) + (sex === '男' ? 0.4 : 0);
    const dead = rng.random() < 1 / (1 + Math.exp(-z));
    lines.push([age, rng.random() < 0.05 ? 'NULL' : blood, sex, rng.random() < 0.05 ? '-' : sbp.toFixed(0), dead ? '死亡' : '存活'].join(','));
  }
  const text = new TextEncoder().encode(lines.join('\n') + '\n');
  return new Uint8Array([0xef, 0xbb, 0xbf, ...text]);
}

const cohortSetup = (model: ModelSpec): TrainSetup => ({
  outcome: 'outcome', positiveClass: 'yes', features: ['age', 'bmi', 'sex', 'stage', 'site', 'cohort'], missing: 'median',
  split: { kind: 'column', column: 'cohort', trainValue: 'A' }, model, seed: 3, cvFolds: 0,
});
const chineseSetup = (model: ModelSpec): TrainSetup => ({
  outcome: '结局', positiveClass: '死亡', features: ['年龄', '血型', '性别', '收缩压'], missing: 'mode',
  split: { kind: 'random', testFraction: 0.25, seed: 7 }, model, seed: 11, cvFolds: 0,
});

describe.skipIf(!hasSklearn)(`the scikit-learn export repeats the app run${hasSklearn ? '' : ` (${SKIP_SKLEARN})`}`, () => {
  it.each(CASES)('%s, %o', async (name, model) => {
    const setup = sampleSetup(name, model);
    const fx = loadReference(name);
    const csv = write(fx.csv, sampleBytes(fx.csv));
    await expectParity(`${name} ${model.kind}${model.kind === 'gd' && model.batchSize ? ' (mini-batch)' : ''}`, csv, sampleBytes(fx.csv), setup);
  }, 60_000);

  it('splits by a cohort column, with decimal commas, numbers in a text column and median imputation', async () => {
    const text = cohortCsv();
    const bytes = new TextEncoder().encode(text);
    const csv = write('cohort.csv', bytes);
    const { input, report } = await appRun(bytes, 'cohort.csv', cohortSetup(DEFAULT_MODELS.logreg));
    expect(input.delimiter).toBe(';');
    expect(input.decimalComma).toBe(true);
    // "01" and "2.0" are the app's "1" and "2"; site levels sorted by code point
    expect(report.features.map((f) => f.name)).toEqual(['age', 'bmi', 'sex=M', 'stage=2', 'stage=3', 'stage=3a', 'site=Genève', 'site=Zürich']);
    await expectParity('cohort column, logreg', csv, bytes, cohortSetup(DEFAULT_MODELS.logreg));
    await expectParity('cohort column, gd', csv, bytes, cohortSetup(DEFAULT_MODELS.gd));
    await expectParity('cohort column, logreg-firth', csv, bytes, cohortSetup(DEFAULT_MODELS['logreg-firth']));
  }, 60_000);

  it('one-hot encodes a categorical feature with the app\'s names (UTF-8 BOM, Chinese text, mode imputation)', async () => {
    const bytes = chineseCsv();
    const csv = write('chinese.csv', bytes);
    const { report } = await expectParity('categorical (BOM, 中文), svm', csv, bytes, chineseSetup(DEFAULT_MODELS.svm));
    expect(report.features.map((f) => f.name)).toEqual(['年龄', '血型=AB', '血型=B', '血型=O', '性别=男', '收缩压']);
    await expectParity('categorical (BOM, 中文), logreg', csv, bytes, chineseSetup({ kind: 'logreg', C: 0.3 }));
  }, 60_000);

  it.each(['en', 'zh'] as const)('%s visits: splits by patient and pools rare levels counted in patients, as the app', async (language) => {
    const cohort = longitudinalCohort(language, 300);
    const bytes = new TextEncoder().encode(cohort.csv);
    const csv = write(`visits-${language}.csv`, bytes);
    const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
    const [age, sex, sbp, creatinine, hba1c, ward, plan, outcome] = names.slice(6);
    const setup: TrainSetup = {
      outcome, positiveClass: language === 'en' ? 'yes' : '是', features: [age, sex, sbp, creatinine, hba1c, ward, plan], missing: 'drop',
      split: { kind: 'random', testFraction: 0.2, seed: 42 }, patientKey: cohort.key, model: DEFAULT_MODELS.logreg, seed: 42, cvFolds: 0,
    };
    const { report } = await expectParity(`visits (${language}), by patient, logreg`, csv, bytes, setup);
    expect(report.counts.sharedPatients).toBe(0);
    expect(report.features.map((f) => f.name)).toContain(`${plan}=(other)`);
    const { input } = await appRun(bytes, 'visits.csv', setup);
    const script = sklearnScript(input);
    for (const level of cohort.rareLevels) expect(script).not.toContain(level);
    // without the key, the rare plans of patients with 5 visits or more are frequent by rows: the script follows
    await expectParity(`visits (${language}), by row, gd`, csv, bytes, { ...setup, patientKey: null, model: DEFAULT_MODELS.gd });
  }, 60_000);

  it('trains the same network (partial_fit with the app\'s early stopping and random stream)', async () => {
    const fx = loadReference('pima_diabetes_mean');
    const csv = write(fx.csv, sampleBytes(fx.csv));
    const { py } = await expectParity('pima_diabetes_mean mlp', csv, sampleBytes(fx.csv), sampleSetup('pima_diabetes_mean', DEFAULT_MODELS.mlp));
    expect(py.coefficients).toEqual({});
    const bytes = new TextEncoder().encode(cohortCsv());
    const mlp: ModelSpec = { kind: 'mlp', hidden: [8, 4], alpha: 1e-3, learningRate: 0.01, maxEpochs: 60 };
    await expectParity('cohort column, mlp (8, 4)', write('cohort.csv', bytes), bytes, cohortSetup(mlp));
  }, 60_000);
});

describe.skipIf(!hasPython)('the PySpark export', () => {
  const compile = (script: string) => {
    const path = write(`spark${scriptCount++}.py`, script);
    execFileSync(PYTHON, ['-m', 'py_compile', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    return path;
  };

  it.each(['logreg', 'logreg-mle', 'logreg-firth', 'svm', 'gd', 'mlp'] as const)('compiles and carries the pipeline for %s', async (kind) => {
    const { input } = await appRun(sampleBytes('pima_diabetes.csv'), 'pima_diabetes.csv', sampleSetup('pima_diabetes_mean', DEFAULT_MODELS[kind]));
    const script = pysparkScript(input);
    compile(script);
    for (const step of ['zipWithIndex()', 'stratified_split(labels, TEST_FRACTION, SPLIT_SEED)', 'Imputer(strategy="mean"',
      'StandardScaler(inputCol="x", outputCol="z_sample", withMean=True, withStd=True)', 'math.sqrt(n_train / (n_train - 1))',
      'numBins=0', 'TEST_FRACTION = 0.2', 'SPLIT_SEED = 42', 'POSITIVE_CLASS = "pos"', 'INPUT_NAMES = [', '"pregnant", "glucose", "pressure"',
      '# 7. Treatment options compared', 'test.withColumn(ID[c], F.lit(v))', '--treatment COLUMN --treatment-replicates B']) {
      expect(script).toContain(step);
    }
    if (kind === 'logreg') expect(script).toContain('regParam=1.0 / (1.0 * n_train), elasticNetParam=0.0,\n        standardization=False, fitIntercept=True');
    if (kind === 'svm') expect(script).toMatch(/LinearSVC\([\s\S]*regParam=1\.0 \/ \(1\.0 \* n_train\), standardization=False/);
    if (kind === 'gd') expect(script).toContain('treeReduce(np.add)');
    if (kind === 'mlp') expect(script).toContain('layers=[len(INPUT_NAMES), 16, 2]');
    if (kind === 'logreg-firth') expect(script).toContain('coef, intercept = fit_firth_spark(train_z)');
    // with a note column (codegen-text.test.ts checks its steps): the terms' stages, and the same model step
    const notes = new TextEncoder().encode(notesCsv(150, 4));
    const withNotes = pysparkScript((await appRun(notes, 'notes.csv', {
      outcome: 'outcome', positiveClass: 'yes', features: ['age', 'sex', 'crp', '主诉'], missing: 'mean',
      split: { kind: 'random', testFraction: 0.2, seed: 42 }, patientKey: 'patient_id', model: DEFAULT_MODELS[kind], seed: 42, cvFolds: 0,
    })).input);
    compile(withNotes);
    for (const step of ['CountVectorizerModel.from_vocabulary(', 'Normalizer(p=2.0', 'withMean=False, withStd=True', 'NOTES = {']) expect(withNotes).toContain(step);
    const fitLine = script.split('\n').find((l) => /\.fit\(train_z\)|= fit_\w+\(/.test(l));
    expect(fitLine).toBeDefined();
    expect(withNotes).toContain(fitLine);
  }, 30_000);

  it.skipIf(!hasSklearn)('fits Firth\'s model over partitions to the app\'s estimates (its functions run on a stand-in RDD)', async () => {
    // pima with a copy of a column appended (collinear: left out, NaN, as the app)
    const { input, report } = await appRun(sampleBytes('pima_diabetes.csv'), 'pima_diabetes.csv', sampleSetup('pima_diabetes_drop', DEFAULT_MODELS['logreg-firth']));
    const loaded = await readTable(bytesSource(sampleBytes('pima_diabetes.csv')));
    if (!loaded.ok) throw new Error('read');
    const trained = await train(loaded.value.table, sampleSetup('pima_diabetes_drop', DEFAULT_MODELS['logreg-firth']));
    if (!trained.ok) throw new Error(trained.error.code);
    const X = trained.value.run.prepared.trainX;
    const rows = Array.from({ length: X.rows }, (_, i) => [...Array.from({ length: X.cols }, (_, j) => X.data[j * X.rows + i]), X.data[i] * 2 - 1]);
    const labels = Array.from(trained.value.run.prepared.trainY);
    const spark = compile(pysparkScript(input));
    const data = write('firth-rows.json', JSON.stringify({ rows, labels }));
    const check = String.raw`
import ast, functools, json, sys
import numpy as np
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
keep = ("sigmoid", "independent_columns", "firth_iterations", "fit_firth_spark")
nodes = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in keep]
data = json.load(open(sys.argv[2]))

class Vector:  # pyspark.ml.linalg.DenseVector
    def __init__(self, values):
        self.values = np.array(values)
    def toArray(self):
        return self.values

class RDD:  # the few RDD methods the fit uses, over 3 partitions
    def __init__(self, parts):
        self.parts = parts
    def mapPartitions(self, f):
        return RDD([list(f(iter(p))) for p in self.parts])
    def map(self, f):
        return RDD([[f(x) for x in p] for p in self.parts])
    def treeReduce(self, f):
        return functools.reduce(f, [x for p in self.parts for x in p])
    def cache(self):
        return self
    def unpersist(self):
        return self

class Frame:
    def __init__(self, rows):
        self.rows = rows
    def select(self, *columns):
        return self
    @property
    def rdd(self):
        return RDD([self.rows[k::3] for k in range(3)])

scope = {"np": np, "INPUT_NAMES": [None] * len(data["rows"][0])}
exec(compile(ast.Module(body=nodes, type_ignores=[]), "firth", "exec"), scope)
coef, intercept = scope["fit_firth_spark"](Frame([(Vector(r), float(t)) for r, t in zip(data["rows"], data["labels"])]))
print(json.dumps({"coef": [None if np.isnan(c) else c for c in coef], "intercept": intercept}))
`;
    const out = JSON.parse(execFileSync(PYTHON, ['-c', check, spark, data], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { coef: (number | null)[]; intercept: number };
    const app = report.coefficients?.map((c) => c.coef) ?? [];
    expect(out.coef).toHaveLength(app.length + 1);
    expect(out.coef[app.length]).toBeNull();
    for (let j = 0; j < app.length; j++) expect(Math.abs((out.coef[j] ?? NaN) - app[j])).toBeLessThan(1e-9);
    expect(Math.abs(out.intercept - (report.intercept as number))).toBeLessThan(1e-9);
  }, 60_000);

  it('carries the cohort rule, the fitted levels and the median', async () => {
    const bytes = new TextEncoder().encode(cohortCsv());
    const { input } = await appRun(bytes, 'cohort.csv', cohortSetup({ kind: 'gd', C: 2, learningRate: 0.2, epochs: 50, batchSize: 16 }));
    const script = pysparkScript(input);
    compile(script);
    for (const step of ['SPLIT_COLUMN = "cohort"', 'TRAIN_VALUE = "A"', 'data.where(F.col("split_value") == TRAIN_VALUE)',
      '"stage": ["1", "2", "3", "3a"]', '"site": ["Bern", "Genève", "Zürich"]', 'StringIndexerModel.from_labels(', 'dropLast=True',
      'percentile({i}, 0.5)', 'DELIMITER = ";"', 'DECIMAL_COMMA = True', 'rng.shuffle(order)', 'batch_size=min(16, len(y))']) {
      expect(script).toContain(step);
    }
    expect(script).not.toContain('stratified_split');
  }, 30_000);

  it('splits by patient on the driver as the app, and pools the rare levels it pooled', async () => {
    const cohort = longitudinalCohort('zh', 120);
    const bytes = new TextEncoder().encode(cohort.csv);
    const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
    const setup: TrainSetup = {
      outcome: names[13], positiveClass: '是', features: [names[6], names[7], names[9], names[12]], missing: 'mode',
      split: { kind: 'random', testFraction: 0.25, seed: 5 }, patientKey: cohort.key, model: DEFAULT_MODELS.logreg, seed: 5, cvFolds: 0,
    };
    const { input } = await appRun(bytes, 'visits.csv', setup);
    const script = pysparkScript(input);
    compile(script);
    for (const step of ['PATIENT_KEY = "pt_id"', 'PATIENT_KEY_NUMERIC = False', 'patient_test_rows(data)', 'columns.append(F.col(ID[PATIENT_KEY]).alias("key"))',
      `POOLED = ["${names[12]}"]`, 'train, test = pool_rare(train), pool_rare(test)', 'labels = CATEGORICAL[c][1:] + ([OTHER] if c in POOLED else [])']) {
      expect(script).toContain(step);
    }
    for (const level of cohort.rareLevels) expect(script).not.toContain(level);
  }, 30_000);

  it.skipIf(!hasSklearn)('its split by patient equals StratifiedGroupKFold, and orders patients as the app', () => {
    const setup = { ...sampleSetup('pima_diabetes_drop', DEFAULT_MODELS.logreg), patientKey: 'k' };
    const spark = compile(pysparkScript({ ...dummyInput(), setup, patientKeyNumeric: false }));
    const check = String.raw`
import ast, math, re, sys
import numpy as np
from sklearn.model_selection import StratifiedGroupKFold
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
keep = ("js_number_text", "key_value", "patient_numbers", "first_group_fold")
nodes = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in keep]
nodes += [n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id in ("NUMBER_PATTERN", "DECIMAL_COMMA", "PATIENT_KEY_NUMERIC")]
scope = {"np": np, "math": math, "re": re}
exec(compile(ast.Module(body=nodes, type_ignores=[]), "split", "exec"), scope)
rng = np.random.RandomState(1)
for n, patients, k, seed in [(300, 80, 5, 42), (500, 140, 3, 7), (90, 30, 2, 0), (1200, 420, 5, 2024)]:
    groups = rng.randint(0, patients, n)
    y = (rng.random_sample(n) < 0.3).astype(int)
    expected = next(StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(n), y, groups))[1]
    assert np.array_equal(scope["first_group_fold"](y, groups, k, seed), np.sort(expected)), (n, k, seed)
numbers = scope["patient_numbers"](["b", None, "a", "00123", "123", "1.50", None, "b"])
assert list(numbers) == [4, 5, 3, 0, 2, 1, 6, 4], list(numbers)  # "00123" < "1.5" < "123" < "a" < "b" by code point
print("ok")
`;
    const out = execFileSync(PYTHON, ['-c', check, spark], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('ok');
  });

  it.skipIf(!hasSklearn)('its stratified split equals train_test_split', () => {
    const spark = compile(pysparkScript(dummyInput()));
    const check = String.raw`
import ast, sys
import numpy as np
from sklearn.model_selection import train_test_split
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in ("approximate_mode", "stratified_split")]
scope = {"np": np}
exec(compile(ast.Module(body=funcs, type_ignores=[]), "split", "exec"), scope)
rng = np.random.RandomState(0)
for n, frac, seed, p in [(569, 0.2, 42, 0.37), (392, 0.2, 42, 0.33), (768, 0.25, 7, 0.35), (101, 0.3, 1, 0.5), (50, 0.1, 123, 0.1)]:
    y = (rng.random_sample(n) < p).astype(int)
    expected = np.sort(train_test_split(np.arange(n), test_size=frac, random_state=seed, stratify=y)[1])
    assert np.array_equal(scope["stratified_split"](y, frac, seed), expected), (n, frac, seed)
print("ok")
`;
    const out = execFileSync(PYTHON, ['-c', check, spark], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('ok');
  });
});

/** A minimal input for a random split (the split check only needs the script's functions). */
function dummyInput(): CodegenInput {
  const setup = sampleSetup('pima_diabetes_drop', DEFAULT_MODELS.logreg);
  return {
    fileName: 'x.csv', encoding: 'utf-8', delimiter: ',', decimalComma: false, setup, appVersion: 'test',
    fitted: { setup, transforms: [{ kind: 'numeric', column: 'glucose', fill: null, min: 0, max: 1, median: 0 }], features: [{ kind: 'numeric', name: 'glucose', column: 'glucose' }], scaler: { mean: new Float64Array(1), std: new Float64Array(1) } },
    results: { testAccuracy: 0.5, auc: 0.5 },
  };
}

describe.skipIf(!hasSklearn)('the scikit-learn export validates as the app', () => {
  it.each([
    ['pima, by row, logreg', null],
    ['visits, by patient, gd, recalibrated', 'en'],
  ] as const)('%s: --bootstrap repeats the app\'s optimism correction and --external its external figures', async (_, language) => {
    let bytes: Uint8Array;
    let externalBytes: Uint8Array;
    let setup: TrainSetup;
    let name: string;
    if (language === null) {
      const fx = loadReference('pima_diabetes_drop');
      bytes = sampleBytes(fx.csv);
      externalBytes = sampleBytes(loadReference('pima_diabetes_mean').csv);
      setup = sampleSetup('pima_diabetes_drop', DEFAULT_MODELS.logreg);
      name = fx.csv;
    } else {
      const cohort = longitudinalCohort(language, 200);
      bytes = new TextEncoder().encode(cohort.csv);
      externalBytes = new TextEncoder().encode(longitudinalCohort(language, 150, 99).csv);
      const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
      const [age, sex, sbp, creatinine, hba1c, ward, plan, outcome] = names.slice(6);
      setup = {
        outcome, positiveClass: 'yes', features: [age, sex, sbp, creatinine, hba1c, ward, plan], missing: 'median',
        split: { kind: 'random', testFraction: 0.2, seed: 42 }, patientKey: cohort.key, model: DEFAULT_MODELS.gd, seed: 42, cvFolds: 0,
      };
      name = 'visits.csv';
    }
    const { input } = await appRun(bytes, name, setup);
    const loaded = await readTable(bytesSource(bytes));
    const other = await readTable(bytesSource(externalBytes));
    if (!loaded.ok || !other.ok) throw new Error('read');
    const trained = await train(loaded.value.table, setup);
    if (!trained.ok) throw new Error(trained.error.code);
    const { model, prepared } = trained.value.run;
    const boot = await bootstrapValidation(loaded.value.table, setup, model, 12, noContext);
    if (!boot.ok) throw new Error(boot.error.code);
    expect(boot.value.unit).toBe(language === null ? 'rows' : 'patients');

    // the external file, scored as the engine does (rows with the outcome and a risk)
    const ext = other.value.table;
    const scores = await scoreTable(ext, prepared.fitted, model, 0.5, noContext);
    if (!scores.ok) throw new Error(scores.error.code);
    const outcome = ext.columns.find((c) => c.name === setup.outcome);
    if (!outcome) throw new Error('outcome');
    const keep = [...Array(ext.rowCount).keys()].filter((i) => !isMissing(outcome, i) && Number.isFinite(scores.value.risk[i]));
    const y = Uint8Array.from(keep, (i) => (cellText(outcome, i) === setup.positiveClass ? 1 : 0));
    const risk = Float64Array.from(keep, (i) => scores.value.risk[i]);
    // the model in use: a shrinkage, then a logistic recalibration to the external file, as a user may have done
    let recalibration: Recalibration | null = null;
    if (language !== null) {
      const shrink: Recalibration = { intercept: 0.1, slope: 0.8, method: 'shrinkage', rows: 100 };
      const update = fitRecalibration(y, recalibrated(risk, shrink), 'logistic');
      if (!update) throw new Error('recalibration');
      recalibration = composeRecalibration(shrink, update);
    }
    const app = evaluateExternal(y, recalibrated(risk, recalibration));
    const externalCsv = write(`external-${scriptCount}.csv`, externalBytes);
    const script = sklearnScript({ ...input, recalibration });
    dump(`sklearn_validation_${language ?? 'pima'}`, script);
    const py = runScript(script, write(name, bytes), ['--bootstrap', '12', '--external', externalCsv]) as ScriptResult & {
      bootstrap: Record<string, { apparent: number; optimism: number; corrected: number }>;
      external: Record<string, number>;
    };
    expect(Object.keys(py.bootstrap).sort()).toEqual(boot.value.rows.map((r) => r.metric).sort());
    for (const row of boot.value.rows) {
      const want = py.bootstrap[row.metric];
      for (const k of ['apparent', 'optimism', 'corrected'] as const) expect(Math.abs(row[k] - want[k]), `${row.metric} ${k}`).toBeLessThan(1e-6);
    }
    expect(py.external.rows).toBe(app.rows);
    expect(py.external.events).toBe(app.events);
    const pairs: [string, number][] = [
      ['auc', app.auc.value], ['brier', app.brier], ['oe', app.oe],
      ['calibration-slope', app.calibrationSlope.value], ['calibration-intercept', app.calibrationIntercept.value],
    ];
    for (const [k, v] of pairs) expect(Math.abs(py.external[k] - v), k).toBeLessThan(1e-6);
    // recalibrated (logistically) to this very file, the model's calibration there is perfect
    if (recalibration) expect(Math.abs(py.external['calibration-slope'] - 1)).toBeLessThan(1e-6);
  }, 120_000);
});

describe.skipIf(!hasSklearn)('the scikit-learn export compares treatment options as the app', () => {
  interface Interval { value: number; low: number | null; high: number | null }
  interface TreatmentOut {
    column: string; options: string[]; reference: string; n_test: number; replicates: number; failed: number;
    standardized: Record<string, Interval>; difference: Record<string, Interval>;
    training: Record<string, { rows: number; events: number; smd: Record<string, number | null> }>;
  }
  const agreement: string[] = [];
  afterAll(() => {
    if (agreement.length > 0) console.log(`--treatment vs app (|Δ| max over standardized risks, differences and their interval bounds):\n${agreement.join('\n')}`);
  });

  it.each([
    ['birthwt smoke, logreg-mle', 'smoke', null, DEFAULT_MODELS['logreg-mle']],
    ['birthwt race, logreg, recalibrated', 'race', null, DEFAULT_MODELS.logreg],
    ['visits ward, by patient, gd', 'ward', 'en', DEFAULT_MODELS.gd],
  ] as const)('%s: --treatment repeats the standardized risks, differences and bootstrap intervals', async (label, column, language, model) => {
    let bytes: Uint8Array;
    let setup: TrainSetup;
    let name: string;
    if (language === null) {
      bytes = new Uint8Array(readFileSync(new URL('../__fixtures__/nomogram/birthwt.csv', import.meta.url)));
      setup = {
        outcome: 'low', positiveClass: '1', features: ['age', 'lwt', 'race', 'smoke', 'ptl', 'ht', 'ui', 'ftv'], missing: 'drop',
        split: { kind: 'random', testFraction: 0.3, seed: 42 }, model, seed: 42, cvFolds: 0,
      };
      name = 'birthwt.csv';
    } else {
      const cohort = longitudinalCohort(language, 200);
      bytes = new TextEncoder().encode(cohort.csv);
      const names = cohort.csv.slice(0, cohort.csv.indexOf('\n')).split(',');
      const [age, sex, sbp, creatinine, hba1c, ward, plan, outcome] = names.slice(6);
      setup = {
        outcome, positiveClass: 'yes', features: [age, sex, sbp, creatinine, hba1c, ward, plan], missing: 'median',
        split: { kind: 'random', testFraction: 0.2, seed: 42 }, patientKey: cohort.key, model, seed: 42, cvFolds: 0,
      };
      name = 'visits.csv';
    }
    const { input } = await appRun(bytes, name, setup);
    const loaded = await readTable(bytesSource(bytes));
    if (!loaded.ok) throw new Error('read');
    const table = loaded.value.table;
    const trained = await train(table, setup);
    if (!trained.ok) throw new Error(trained.error.code);
    const { model: fittedModel, prepared } = trained.value.run;
    const recalibration: Recalibration | null = label.includes('recalibrated') ? { intercept: -0.2, slope: 0.85, method: 'shrinkage', rows: 100 } : null;
    const tc = treatmentColumns(prepared.fitted, table, prepared.trainRows).find((c) => c.column === column);
    if (!tc) throw new Error(column);
    const replicates = language === null ? 10 : 25;
    const app = await compareTreatmentOptions({ table, setup, fitted: prepared.fitted, model: fittedModel, recalibration, treatment: tc }, replicates, noContext);
    if (!app.ok) throw new Error(app.error.code);
    const script = sklearnScript({ ...input, recalibration });
    dump(`sklearn_treatment_${column}`, script);
    const py = (runScript(script, write(name, bytes), ['--treatment', column, '--treatment-replicates', String(replicates)]) as ScriptResult & { treatment: TreatmentOut }).treatment;
    const c = app.value;
    expect(py.options).toEqual(c.options.map((o) => o.level));
    expect(py.reference).toBe(c.options[c.reference].level);
    expect(py.n_test).toBe(c.testRows);
    expect(py.replicates).toBe(replicates - c.bootstrap.failed);
    let point = 0;
    let bounds = 0;
    c.options.forEach((o, k) => {
      const g = py.training[o.level];
      expect([g.rows, g.events]).toEqual([o.trainRows, o.trainEvents]);
      expect(Object.keys(g.smd)).toEqual(o.smd.map((x) => x.column));
      for (const x of o.smd) expect(Math.abs((g.smd[x.column] ?? NaN) - x.smd), `${o.level} ${x.column}`).toBeLessThan(1e-12);
      const s = py.standardized[o.level];
      point = Math.max(point, Math.abs(s.value - o.value));
      bounds = Math.max(bounds, Math.abs((s.low ?? NaN) - o.low), Math.abs((s.high ?? NaN) - o.high));
      if (k === c.reference) return;
      const d = py.difference[o.level];
      const want = c.differences[k][c.reference];
      point = Math.max(point, Math.abs(d.value - want.value));
      bounds = Math.max(bounds, Math.abs((d.low ?? NaN) - want.low), Math.abs((d.high ?? NaN) - want.high));
    });
    agreement.push(`  ${label.padEnd(36)} estimates ${point.toExponential(1)}  interval bounds ${bounds.toExponential(1)}`);
    expect(point).toBeLessThan(1e-6);
    expect(bounds).toBeLessThan(1e-6);
  }, 120_000);
});
