/**
 * The exported scripts on a file with a note column (主诉: Chinese and English, a patient key, a name and a
 * record number planted in a few patients' notes): the scikit-learn script, run with /usr/bin/python3,
 * finds the app's terms again, its TF-IDF matrix is the app's (1e-12), its coefficients and AUC the
 * app's, its --bootstrap, --external and --treatment the app's; it refuses to go on when the terms it
 * finds are not the app's; neither script holds the planted name; the PySpark script compiles.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesSource } from '../ingest/byte-source';
import { readTable } from '../ingest/read-table';
import { DEFAULT_MODELS, MODEL_KINDS, type ModelSpec, type TrainSetup } from '../prep/setup';
import { unscaledDesign } from '../prep/pipeline';
import { train } from '../train/train';
import { sklearnScript, type CodegenInput } from './codegen-sklearn';
import { pysparkScript } from './codegen-pyspark';
import { noContext } from '../util/run-context';
import { bootstrapValidation } from '../validation/bootstrap';
import { evaluateExternal } from '../validation/external';
import { scoreTable } from '../score/score-table';
import { cellText, isMissing, type Table } from '../table/column';
import { treatmentColumns } from '../treatment/columns';
import { compareTreatmentOptions } from '../treatment/cohort';
import type { TextTransform } from '../text/tfidf';
import { MRN, NAME, notesCsv } from '../__fixtures__/text/notes-cohort';

const PYTHON = process.env.CODEGEN_PYTHON ?? '/usr/bin/python3';
const hasPython = spawnSync(PYTHON, ['-c', 'pass'], { stdio: 'ignore' }).status === 0;
const hasSklearn = spawnSync(PYTHON, ['-c', 'import sklearn, pandas, scipy'], { stdio: 'ignore' }).status === 0;
if (!hasSklearn) console.warn(`codegen-text.test.ts: SKIPPED: ${PYTHON} cannot import sklearn, pandas and scipy`);

const dir = mkdtempSync(join(tmpdir(), 'codegen-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const measured: string[] = [];
afterAll(() => {
  if (measured.length > 0) console.log(`sklearn export vs app, note column (|Δ| max):\n${measured.join('\n')}`);
});

const notesSetup = (model: ModelSpec, more: Partial<TrainSetup> = {}): TrainSetup => ({
  outcome: 'outcome', positiveClass: 'yes', features: ['age', 'sex', 'ward', 'statin', 'crp', '主诉'], missing: 'median',
  split: { kind: 'random', testFraction: 0.25, seed: 42 }, patientKey: 'patient_id', model, seed: 42, cvFolds: 0, ...more,
});

async function tableOf(bytes: Uint8Array) {
  const loaded = await readTable(bytesSource(bytes));
  if (!loaded.ok) throw new Error(loaded.error.code);
  return loaded.value;
}

/** The app's run on the file, and the codegen input it would export. */
async function appRun(bytes: Uint8Array, setup: TrainSetup) {
  const { table, encoding, dialect } = await tableOf(bytes);
  const result = await train(table, setup);
  if (!result.ok) throw new Error(result.error.code);
  const { report, run } = result.value;
  const input: CodegenInput = {
    fileName: 'notes.csv', encoding, delimiter: dialect.delimiter, decimalComma: dialect.decimalComma, setup,
    fitted: run.prepared.fitted, appVersion: '0.1.0-test', patientKeyNumeric: false,
    results: { testAccuracy: report.test.atThreshold.accuracy, auc: report.test.auc, coefficients: report.coefficients?.map((c) => c.coef), intercept: report.intercept },
  };
  return { table, input, report, run };
}

let count = 0;
function write(name: string, text: string | Uint8Array): string {
  const path = join(dir, `${count++}-${name}`);
  writeFileSync(path, text);
  return path;
}

interface ScriptOut {
  accuracy: number;
  auc: number;
  coefficients: Record<string, number | null>;
  intercept: number | null;
  n_train: number;
  n_test: number;
}

/** One TF-IDF matrix the script made in its checked fit (the main run's): the rows' positions and CSR arrays. */
interface Recorded { column: string; index: number[]; indptr: number[]; indices: number[]; data: number[] }

/**
 * Runs the script (with its command-line options) as a module with fit_note_terms spied on: prints its
 * JSON line, then a second: the TF-IDF matrices (unscaled) its checked fit gave, and the number of terms
 * of every fit (the main run's, checked, and a bootstrap replicate's, not checked).
 */
const SPY = String.raw`
import ast, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
recorded, fits = [], []
fit = script.fit_note_terms

def spy(column, notes, groups, check=True):
    tfidf = fit(column, notes, groups, check)
    fits.append({"column": column, "check": check, "terms": tfidf(notes.iloc[:1]).shape[1]})

    def recording(values):
        X = tfidf(values).tocsr()
        if check:
            recorded.append({"column": column, "index": [int(i) for i in values.index], "indptr": X.indptr.tolist(),
                             "indices": X.indices.tolist(), "data": X.data.tolist()})
        return X
    return recording

script.fit_note_terms = spy
# the script's own "if __name__ == '__main__':" block, with its command line
guard = ast.parse(open(sys.argv[1], encoding="utf-8").read()).body[-1]
sys.argv = sys.argv[1:]
exec(compile(ast.Module(body=guard.body, type_ignores=[]), "main", "exec"), vars(script))
print(json.dumps({"recorded": recorded, "fits": fits}))
`;

interface Fit { column: string; check: boolean; terms: number }

function runScript(script: string, csv: string, options: string[] = []): { out: ScriptOut & Record<string, unknown>; recorded: Recorded[]; fits: Fit[] } {
  const path = write('script.py', script);
  const run = spawnSync(PYTHON, ['-c', SPY, path, csv, ...options], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`the script failed:\n${run.stderr}`);
  // neither the script's warnings (levels unlike the app's) nor scikit-learn's (ConvergenceWarning)
  expect(run.stderr).not.toMatch(/warning/i);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  const spied = JSON.parse(lines[1]) as { recorded: Recorded[]; fits: Fit[] };
  return { out: JSON.parse(lines[0]) as ScriptOut & Record<string, unknown>, ...spied };
}

/**
 * The largest |Δ| between the script's TF-IDF rows and the app's unscaled term columns of the same rows;
 * `rowOf`: the table row of each position the script gives a used row (its rows in file order).
 */
function matrixDifference(table: Table, input: CodegenInput, recorded: Recorded[], rowOf: Int32Array): { difference: number; entries: number } {
  const texts = input.fitted.transforms.filter((t): t is TextTransform => t.kind === 'text');
  let difference = 0;
  let entries = 0;
  for (const r of recorded) {
    const offset = texts.slice(0, texts.findIndex((t) => t.column === r.column)).reduce((s, t) => s + t.terms.length, 0);
    const width = texts.find((t) => t.column === r.column)?.terms.length ?? NaN;
    const app = unscaledDesign(table, input.fitted, Int32Array.from(r.index, (i) => rowOf[i])).sparse;
    if (!app) throw new Error('no sparse columns');
    r.index.forEach((_, k) => {
      const mine = new Map<number, number>();
      for (let e = app.rowStart[k]; e < app.rowStart[k + 1]; e++) {
        const j = app.colIndex[e] - offset;
        if (j >= 0 && j < width) mine.set(j, app.values[e]);
      }
      const theirs = new Map<number, number>();
      for (let e = r.indptr[k]; e < r.indptr[k + 1]; e++) if (r.data[e] !== 0) theirs.set(r.indices[e], r.data[e]);
      expect([...theirs.keys()].sort((a, b) => a - b), `row ${rowOf[r.index[k]]}`).toEqual([...mine.keys()].sort((a, b) => a - b));
      for (const [j, v] of mine) difference = Math.max(difference, Math.abs(v - (theirs.get(j) as number)));
      entries += mine.size;
    });
  }
  return { difference, entries };
}

/** The app's run and the script's on the notes file: the matrices, coefficients and AUC compared and recorded. */
async function expectParity(label: string, bytes: Uint8Array, setup: TrainSetup, tolerance: number) {
  const { table, input, report, run } = await appRun(bytes, setup);
  const script = sklearnScript(input);
  const { out, recorded } = runScript(script, write('notes.csv', bytes));
  expect([out.n_train, out.n_test]).toEqual([report.counts.train, report.counts.test]);
  // the script's positions among the used rows, as table rows
  const { trainRows, testRows } = run.prepared;
  const rowOf = Int32Array.from([...trainRows, ...testRows]).sort();
  // the checked fit transformed the training rows (for the scaler, then as inputs), then the test rows
  expect(recorded.map((r) => r.index.length)).toEqual([report.counts.train, report.counts.train, report.counts.test]);
  expect(recorded[0].index.map((i) => rowOf[i])).toEqual(Array.from(trainRows));
  expect(recorded[2].index.map((i) => rowOf[i])).toEqual(Array.from(testRows));
  const { difference, entries } = matrixDifference(table, input, recorded, rowOf);
  expect(entries).toBeGreaterThan(report.counts.train);
  let dCoef = 0;
  if (report.coefficients) {
    expect(Object.keys(out.coefficients)).toEqual(report.features.map((f) => f.name));
    for (const c of report.coefficients) {
      // an input the app left out (constant, collinear: NaN) must be left out by the script (null)
      const theirs = out.coefficients[c.feature];
      if (Number.isNaN(c.coef) || theirs === null) expect([c.feature, theirs]).toEqual([c.feature, Number.isNaN(c.coef) ? null : c.coef]);
      else dCoef = Math.max(dCoef, Math.abs(theirs - c.coef));
    }
    dCoef = Math.max(dCoef, Math.abs((out.intercept ?? NaN) - (report.intercept as number)));
  }
  const dAuc = Math.abs(out.auc - report.test.auc);
  const terms = report.features.filter((f) => f.name.startsWith('主诉:')).length;
  measured.push(`  ${label.padEnd(40)} ${terms} terms  TF-IDF ${difference.toExponential(1)} (${entries} entries)  coef ${report.coefficients ? dCoef.toExponential(1) : '—'}  AUC ${dAuc.toExponential(1)}  accuracy ${out.accuracy === report.test.atThreshold.accuracy ? 'equal' : 'differs'}`);
  expect(difference).toBeLessThanOrEqual(1e-12);
  expect(dCoef).toBeLessThanOrEqual(tolerance);
  expect(dAuc).toBeLessThanOrEqual(1e-6);
  expect(out.accuracy).toBe(report.test.atThreshold.accuracy);
  return { script, input, report };
}

/** The planted name and record number, and every piece of them a term could be: nowhere in a script. */
function expectNoPlanted(script: string): void {
  for (const leak of [NAME, NAME.slice(0, 2), NAME.slice(1), MRN, MRN.toLowerCase()]) expect(script).not.toContain(leak);
}

const BYTES = new TextEncoder().encode(notesCsv(420, 2025));

describe.skipIf(!hasSklearn)('the scikit-learn export repeats a run with a note column', () => {
  it('the file: a note column the app reads as notes, the planted name in it', async () => {
    const { table } = await tableOf(BYTES);
    expect(table.columns.find((c) => c.name === '主诉')?.type).toBe('text');
    const text = new TextDecoder().decode(BYTES);
    expect(text.split(NAME).length - 1).toBeGreaterThan(2);
    expect(text).toContain(MRN);
  });

  it('logreg: the same terms, TF-IDF (1e-12), coefficients (1e-5) and AUC; no planted name', async () => {
    const { script, report } = await expectParity('logreg', BYTES, notesSetup(DEFAULT_MODELS.logreg), 1e-5);
    expect(report.features.filter((f) => f.name.startsWith('主诉:')).length).toBeGreaterThan(30);
    expect(report.features.map((f) => f.name)).toEqual(expect.arrayContaining(['主诉:ct', '主诉:胸痛', '主诉:chest pain']));
    expectNoPlanted(script);
    expect(script).toContain('TfidfVectorizer(analyzer=note_terms, vocabulary=vocabulary, smooth_idf=True, norm="l2",');
    expect(script).toContain('StandardScaler(with_mean=False)');
    expect(script).toContain('sparse.hstack(blocks, format="csr")');
    expect(script).toContain('def note_terms(text):');
    expect(script).toMatch(/Notes: {4}"主诉" \(\d+ terms\): TF-IDF/);
    expect(script).toContain('at least 5 patients');
  }, 120_000);

  it('logreg, without the patient key, sublinear tf, 40 terms at most, rows with a missing value left out', async () => {
    const setup = notesSetup({ kind: 'logreg', C: 0.5 }, { patientKey: null, missing: 'drop', text: { maxTerms: 40, sublinearTf: true } });
    const { script, report } = await expectParity('logreg, by row, sublinear, 40 terms, drop', BYTES, setup, 1e-5);
    expect(report.counts.train + report.counts.test).toBeLessThan((await tableOf(BYTES)).table.rowCount); // rows without an age
    expect(report.features.filter((f) => f.name.startsWith('主诉:'))).toHaveLength(40);
    expect(script).toContain('SUBLINEAR_TF = True');
    expect(script).toContain('keep &= features[DENSE].notna().all(axis=1)');
    expectNoPlanted(script);
  }, 120_000);

  it('logreg-mle: the same coefficients (1e-5) and AUC', async () => {
    await expectParity('logreg-mle', BYTES, notesSetup(DEFAULT_MODELS['logreg-mle'], { text: { maxTerms: 30, sublinearTf: false } }), 1e-5);
  }, 120_000);

  it.each(MODEL_KINDS.filter((k) => k !== 'logreg' && k !== 'logreg-mle'))('%s: the same TF-IDF, coefficients (1e-4) and AUC', async (kind) => {
    await expectParity(kind, BYTES, notesSetup(DEFAULT_MODELS[kind], { text: { maxTerms: 60, sublinearTf: false } }), 1e-4);
  }, 120_000);

  it('refuses to go on when the terms it finds in the training rows are not the app\'s', async () => {
    const { input } = await appRun(BYTES, notesSetup(DEFAULT_MODELS.logreg));
    const texts = input.fitted.transforms.map((t) => (t.kind === 'text' ? { ...t, terms: t.terms.slice(1), idf: t.idf.slice(1) } : t));
    const script = sklearnScript({ ...input, fitted: { ...input.fitted, transforms: texts } });
    const run = spawnSync(PYTHON, [write('script.py', script), write('notes.csv', BYTES)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: the terms of the note column \'主诉\' found in these training rows differ from the app\'s (1 not among the app\'s, 0 of the app\'s not found)');
    const idf = input.fitted.transforms.map((t) => (t.kind === 'text' ? { ...t, idf: t.idf.map((v, j) => (j === 3 ? v + 1e-9 : v)) } : t));
    const other = spawnSync(PYTHON, [write('script.py', sklearnScript({ ...input, fitted: { ...input.fitted, transforms: idf } })), write('notes.csv', BYTES)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain('error: the idf weights of the note column \'主诉\' differ from the app\'s');
  }, 120_000);
});

describe.skipIf(!hasSklearn)('the scikit-learn export validates a run with a note column as the app', () => {
  it('--bootstrap refits the terms per replicate as the app, --external scores another file\'s notes', async () => {
    const setup = notesSetup(DEFAULT_MODELS.logreg);
    const { table, input, run } = await appRun(BYTES, setup);
    const replicates = 8;
    const boot = await bootstrapValidation(table, setup, run.model, replicates, noContext);
    if (!boot.ok) throw new Error(boot.error.code);
    expect(boot.value.unit).toBe('patients');
    const otherBytes = new TextEncoder().encode(notesCsv(200, 77));
    const other = (await tableOf(otherBytes)).table;
    const scores = await scoreTable(other, run.prepared.fitted, run.model, 0.5, noContext);
    if (!scores.ok) throw new Error(scores.error.code);
    const outcome = other.columns.find((c) => c.name === 'outcome');
    if (!outcome) throw new Error('outcome');
    const keep = [...Array(other.rowCount).keys()].filter((i) => !isMissing(outcome, i) && Number.isFinite(scores.value.risk[i]));
    expect(keep).toHaveLength(other.rowCount); // an empty note is no gap
    const app = evaluateExternal(Uint8Array.from(keep, (i) => (cellText(outcome, i) === 'yes' ? 1 : 0)), Float64Array.from(keep, (i) => scores.value.risk[i]));
    const { out, fits } = runScript(sklearnScript(input), write('notes.csv', BYTES), ['--bootstrap', String(replicates), '--external', write('other.csv', otherBytes)]);
    // the main fit and the bootstrap's apparent one are checked; each replicate chose its own terms, not always the app's number
    const terms = input.fitted.transforms.find((t): t is TextTransform => t.kind === 'text')?.terms.length;
    expect(fits.filter((f) => f.check).map((f) => f.terms)).toEqual([terms, terms]);
    const refits = fits.filter((f) => !f.check).map((f) => f.terms);
    expect(refits).toHaveLength(replicates);
    expect(refits.some((n) => n !== terms)).toBe(true);
    const py = out as unknown as ScriptOut & { bootstrap: Record<string, { apparent: number; optimism: number; corrected: number }>; external: Record<string, number> };
    let worst = 0;
    for (const row of boot.value.rows) for (const k of ['apparent', 'optimism', 'corrected'] as const) worst = Math.max(worst, Math.abs(row[k] - py.bootstrap[row.metric][k]));
    expect(py.external.rows).toBe(app.rows);
    let ext = 0;
    for (const [k, v] of [['auc', app.auc.value], ['brier', app.brier], ['oe', app.oe], ['calibration-slope', app.calibrationSlope.value], ['calibration-intercept', app.calibrationIntercept.value]] as const) {
      ext = Math.max(ext, Math.abs(py.external[k] - v));
    }
    measured.push(`  --bootstrap ${replicates} (patients), --external: bootstrap ${worst.toExponential(1)}  external ${ext.toExponential(1)}`);
    expect(worst).toBeLessThan(1e-6);
    expect(ext).toBeLessThan(1e-6);
  }, 300_000);

  it('--treatment: the standardized risks and bootstrap intervals of a 0/1 feature, the notes refitted per replicate', async () => {
    const setup = notesSetup(DEFAULT_MODELS.logreg);
    const { table, input, run } = await appRun(BYTES, setup);
    const tc = treatmentColumns(run.prepared.fitted, table, run.prepared.trainRows).find((c) => c.column === 'statin');
    if (!tc) throw new Error('statin');
    const replicates = 8;
    const app = await compareTreatmentOptions({ table, setup, fitted: run.prepared.fitted, model: run.model, recalibration: null, treatment: tc }, replicates, noContext);
    if (!app.ok) throw new Error(app.error.code);
    const { out } = runScript(sklearnScript(input), write('notes.csv', BYTES), ['--treatment', 'statin', '--treatment-replicates', String(replicates)]);
    const py = (out as unknown as { treatment: { options: string[]; standardized: Record<string, { value: number; low: number; high: number }> } }).treatment;
    const c = app.value;
    expect(py.options).toEqual(c.options.map((o) => o.level));
    let worst = 0;
    for (const o of c.options) {
      const s = py.standardized[o.level];
      worst = Math.max(worst, Math.abs(s.value - o.value), Math.abs(s.low - o.low), Math.abs(s.high - o.high));
    }
    measured.push(`  --treatment statin, ${replicates} replicates: risks and bounds ${worst.toExponential(1)}`);
    expect(worst).toBeLessThan(1e-6);
  }, 300_000);
});

describe.skipIf(!hasPython)('the PySpark export of a run with a note column', () => {
  const compile = (script: string) => execFileSync(PYTHON, ['-m', 'py_compile', write('spark.py', script)], { stdio: ['ignore', 'pipe', 'pipe'] });

  it.each(MODEL_KINDS)('%s: compiles, and carries the notes\' steps and the app\'s terms', async (kind) => {
    const { input } = await appRun(BYTES, notesSetup(DEFAULT_MODELS[kind]));
    const script = pysparkScript(input);
    compile(script);
    const texts = input.fitted.transforms.filter((t): t is TextTransform => t.kind === 'text');
    expect(texts).toHaveLength(1);
    for (const step of ['def note_terms(text):', 'F.udf(note_terms, T.ArrayType(T.StringType()))', 'vocabularies = fit_vocabularies(train, n_train)',
      'F.countDistinct("unit").alias("patients")', 'patient(F.col("key"))', 'columns.append(F.col(ID[PATIENT_KEY]).alias("key"))',
      'CountVectorizerModel.from_vocabulary(terms, inputCol=ID[c] + "_terms", outputCol=tf)',
      'ElementwiseProduct(scalingVec=Vectors.dense(idf), inputCol=tf', 'Normalizer(p=2.0', 'math.log((n_train + 1) / (df[t] + 1)) + 1',
      'StandardScaler(inputCol="t", outputCol="t_sample", withMean=False, withStd=True)', 'Vectors.dense([rescale] * n_terms)',
      'F.coalesce(category_text(cell), F.lit(""))', 'MULTILINE = True', 'NOTES = {', '"主诉": [', 'NOTE_IDF = {', 'MAX_TERMS = 200', 'SUBLINEAR_TF = False']) {
      expect(script).toContain(step);
    }
    for (const term of texts[0].terms) expect(script).toContain(JSON.stringify(term));
    expect(script).toContain(`"主诉" (${texts[0].terms.length} terms): TF-IDF`);
    expectNoPlanted(script);
  }, 60_000);

  it('without a patient key (rows counted), sublinear tf, split by a column, rows with a missing value left out', async () => {
    const setup = notesSetup(DEFAULT_MODELS.logreg, {
      patientKey: null, missing: 'drop', split: { kind: 'column', column: 'sex', trainValue: 'F' }, text: { maxTerms: 40, sublinearTf: true },
    });
    const { input } = await appRun(BYTES, setup);
    const script = pysparkScript(input);
    compile(script);
    for (const step of ['unit = F.col("row")  # no patient key', 'SUBLINEAR_TF = True', 'SublinearTf(inputCol=tf', 'MAX_TERMS = 40',
      'data.dropna(subset=[ID[c] for c in DENSE])']) {
      expect(script).toContain(step);
    }
    expect(script).not.toContain('def key_value(');
    expectNoPlanted(script);
  }, 60_000);
});
