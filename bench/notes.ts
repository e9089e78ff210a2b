/**
 * The note-column case of the benchmark (`npm run bench -- --only=notes --notes-sizes=100000,1000000`):
 * a cohort of n patients with 6 numeric columns, a sex column and a chief-complaint note (English and
 * Chinese phrases, 2–4 per note), its outcome depending on the numbers and on a few phrases. For each
 * size, in its own process (a clean RSS high-water mark):
 * - prepare with the note (split, the vocabulary of the 200 most frequent terms written for 5 rows or more,
 *   TF-IDF, SD scaling) against prepare without it: time, the sparse part's bytes against the same
 *   columns dense, peak RSS;
 * - logreg, logreg-mle, svm and mlp (2 epochs) fitted on the design with the note's 200 sparse terms, and on
 *   the design without them: fit time, test AUC, peak RSS;
 * - the same TF-IDF and L2 logistic regression in scikit-learn (the exported script's `note_terms`
 *   analyzer, `TfidfVectorizer(vocabulary=ours)`, `StandardScaler(with_mean=False)`, `LogisticRegression()`),
 *   timed in Python on the same rows, with the largest difference of the TF-IDF matrices and coefficients.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MT19937 } from '../src/core/random/mt19937';
import type { Table, CodedColumn } from '../src/core/table/column';
import { prepare, type PreparedData } from '../src/core/prep/prepare';
import { DEFAULT_MODELS, type ModelKind, type PrepSetup } from '../src/core/prep/setup';
import { modelDefinition } from '../src/core/models/registry';
import { rocAuc } from '../src/core/metrics/roc';
import { noteTermsPython } from '../src/core/text/python';
import { densify } from '../src/core/linalg/matrix';
import { collect, MemoryMeter } from './memory';

const RISKY = ['chest pain', 'shortness of breath', 'troponin elevated', '胸痛', '呼吸困难', '胸闷气短', 'syncope', '意识模糊'];
const COMMON = [
  'cough', 'mild fever', 'headache', 'nausea', 'no vomiting', 'fatigue', 'dizziness', 'back pain', 'sore throat', 'runny nose',
  'abdominal pain', 'diarrhea', 'rash', 'joint pain', 'poor appetite', 'insomnia', 'palpitations', 'blurred vision', 'no fever', 'denies chest pain',
  '咳嗽', '发热', '头痛', '乏力', '腹泻', '恶心', '头晕', '腹痛', '咽痛', '皮疹', '失眠', '心悸', '食欲差', '关节痛', '腰痛', '流涕',
  'follow up', 'routine check', 'medication refill', 'wound care', 'ankle sprain', 'knee swelling', 'ear pain', 'eye redness',
];
const DURATIONS = ['1天', '2天', '3天', '1周', '2 days', '3 days', 'for a week', '半月', '1月', 'since yesterday'];

/** The cohort as a table (built directly: this case times the note's path, not the CSV reader), and as CSV for Python. */
export function notesCohort(n: number, seed: number): { table: Table; csv: string } {
  const rng = new MT19937(seed);
  const r = () => rng.random();
  const labs = Array.from({ length: 6 }, () => new Float64Array(n));
  const sex = new Float64Array(n);
  const y = new Float64Array(n);
  const notes: string[] = new Array(n);
  const lines: string[] = ['lab1,lab2,lab3,lab4,lab5,lab6,sex,complaint,outcome'];
  for (let i = 0; i < n; i++) {
    let lp = -1.4;
    for (let j = 0; j < 6; j++) {
      const v = (r() + r() + r() - 1.5) * 2;
      labs[j][i] = Math.round(v * 1000) / 1000;
      lp += (j % 2 ? -0.6 : 0.7) * v;
    }
    sex[i] = r() < 0.5 ? 1 : 0;
    lp += 0.2 * sex[i];
    const parts = [COMMON[Math.floor(r() * COMMON.length)]];
    const risky = r() < 0.25;
    if (risky) {
      parts.push(RISKY[Math.floor(r() * RISKY.length)]);
      lp += 2.5;
    }
    if (r() < 0.6) parts.push(COMMON[Math.floor(r() * COMMON.length)]);
    parts.push(DURATIONS[Math.floor(r() * DURATIONS.length)]);
    notes[i] = parts.join(', ');
    y[i] = r() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
    lines.push(`${labs.map((l) => l[i]).join(',')},${sex[i]},"${notes[i]}",${y[i]}`);
  }
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let k = index.get(notes[i]);
    if (k === undefined) index.set(notes[i], (k = levels.push(notes[i]) - 1));
    codes[i] = k;
  }
  const complaint: CodedColumn = { storage: 'coded', name: 'complaint', type: 'text', codes, levels };
  const outcome: CodedColumn = { storage: 'coded', name: 'outcome', type: 'binary', codes: Int32Array.from(y), levels: ['0', '1'] };
  const table: Table = {
    rowCount: n,
    columns: [
      ...labs.map((values, j) => ({ storage: 'numeric' as const, name: `lab${j + 1}`, type: 'numeric' as const, values })),
      { storage: 'numeric', name: 'sex', type: 'binary', values: sex },
      complaint,
      outcome,
    ],
  };
  return { table, csv: lines.join('\n') + '\n' };
}

const setupFor = (withNote: boolean): PrepSetup => ({
  outcome: 'outcome', positiveClass: '1', missing: 'mean', split: { kind: 'random', testFraction: 0.2, seed: 42 },
  features: ['lab1', 'lab2', 'lab3', 'lab4', 'lab5', 'lab6', 'sex', ...(withNote ? ['complaint'] : [])],
});

export interface NotesPhase { seconds: number; peakRssMb: number }
export interface NotesModelRow { kind: ModelKind; withNote: NotesPhase & { auc: number }; without: NotesPhase & { auc: number } }
export interface NotesResult {
  rows: number;
  distinctNotes: number;
  prepare: { withNote: NotesPhase; without: NotesPhase };
  terms: number;
  nnz: number;
  sparseMb: number;
  denseMb: number;
  models: NotesModelRow[];
  python?: { tfidfSeconds: number; fitSeconds: number; matrixDiff: number; auc: number; error?: string };
}

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; phase: NotesPhase }> {
  collect();
  const meter = new MemoryMeter();
  meter.start();
  const t0 = performance.now();
  const value = await f();
  const seconds = (performance.now() - t0) / 1000;
  return { value, phase: { seconds, peakRssMb: meter.stop().peakRss / 2 ** 20 } };
}

function mustPrepare(table: Table, withNote: boolean): PreparedData {
  const p = prepare(table, setupFor(withNote));
  if (!p.ok) throw new Error(`prepare failed: ${p.error.code}`);
  return p.value;
}

const KINDS: ModelKind[] = ['logreg', 'logreg-mle', 'svm', 'mlp'];

/** One size, in this process. */
export async function runNotesSize(n: number, seed: number, outDir: string, python: string | null): Promise<NotesResult> {
  const { table, csv } = notesCohort(n, seed);
  const without = await timed(() => mustPrepare(table, false));
  const dense = without.value;
  const withNote = await timed(() => mustPrepare(table, true));
  const d = withNote.value;
  const s = d.trainX.sparse;
  if (!s) throw new Error('no sparse part');
  const nnz = s.rowStart[d.trainX.rows];
  const models: NotesModelRow[] = [];
  for (const kind of KINDS) {
    const definition = modelDefinition(kind) as ReturnType<typeof modelDefinition>;
    const spec = kind === 'mlp' ? { ...DEFAULT_MODELS.mlp, epochs: 2 } : DEFAULT_MODELS[kind];
    const run = async (data: PreparedData) => {
      const fit = await definition.fit(spec as never, data.trainX, data.trainY, { seed: 1, featureNames: data.fitted.features.map((f) => f.name) });
      const { rank } = definition.score(fit.model as never, data.testX);
      return rocAuc(data.testY, rank);
    };
    const a = await timed(() => run(d));
    const b = await timed(() => run(dense));
    models.push({ kind, withNote: { ...a.phase, auc: a.value }, without: { ...b.phase, auc: b.value } });
  }
  const result: NotesResult = {
    rows: n,
    distinctNotes: (table.columns[7] as CodedColumn).levels.length,
    prepare: { withNote: withNote.phase, without: without.phase },
    terms: s.cols,
    nnz,
    sparseMb: (nnz * 12 + (d.trainX.rows + 1) * 4) / 2 ** 20,
    denseMb: (d.trainX.rows * s.cols * 8) / 2 ** 20,
    models,
  };
  if (python) result.python = runPython(python, csv, d, n, outDir);
  return result;
}

/** scikit-learn on the same rows and vocabulary: TF-IDF and LogisticRegression() timed, matrices and coefficients compared. */
function runPython(python: string, csv: string, d: PreparedData, n: number, outDir: string): NotesResult['python'] {
  mkdirSync(outDir, { recursive: true });
  const csvPath = join(outDir, `notes-${n}.csv`);
  writeFileSync(csvPath, csv);
  const text = d.fitted.transforms.find((t) => t.kind === 'text');
  if (!text || text.kind !== 'text') throw new Error('no note column');
  // our unscaled TF-IDF of the first 2,000 training rows, for the matrix check
  const check = Math.min(2000, d.trainRows.length);
  const ours = densify({ ...d.trainX, rows: d.trainX.rows });
  const first = d.trainX.cols - text.terms.length;
  const sample: number[][] = [];
  for (let i = 0; i < check; i++) sample.push(text.terms.map((_, j) => ours.data[(first + j) * d.trainX.rows + i] * d.fitted.scaler.std[first + j]));
  const spec = {
    csv: csvPath, train: Array.from(d.trainRows), test: Array.from(d.testRows), terms: text.terms, idf: text.idf, sample,
  };
  const specPath = join(outDir, `notes-${n}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const script = join(outDir, `notes-${n}.py`);
  writeFileSync(script, [...noteTermsPython(), '', PYTHON_CASE].join('\n'));
  const res = spawnSync(python, [script, specPath], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 3600_000 });
  if (res.status !== 0) return { tfidfSeconds: NaN, fitSeconds: NaN, matrixDiff: NaN, auc: NaN, error: (res.stderr || res.error?.message || '').slice(-2000) };
  const out = JSON.parse(res.stdout.trim().split('\n').pop() as string) as { tfidf: number; fit: number; matrixDiff: number; auc: number };
  return { tfidfSeconds: out.tfidf, fitSeconds: out.fit, matrixDiff: out.matrixDiff, auc: out.auc };
}

const PYTHON_CASE = String.raw`
import json, sys, time
import numpy as np, pandas as pd, scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

spec = json.load(open(sys.argv[1]))
frame = pd.read_csv(spec["csv"], keep_default_na=False, dtype={"complaint": str})
train, test = np.array(spec["train"]), np.array(spec["test"])
y = frame["outcome"].to_numpy(int)
numbers = ["lab1", "lab2", "lab3", "lab4", "lab5", "lab6", "sex"]
t0 = time.perf_counter()
tfidf = TfidfVectorizer(analyzer=note_terms, vocabulary=spec["terms"], smooth_idf=True, norm="l2", dtype=np.float64)
T_train = tfidf.fit_transform(frame["complaint"].iloc[train])
T_test = tfidf.transform(frame["complaint"].iloc[test])
t_tfidf = time.perf_counter() - t0
diff = float(np.max(np.abs(T_train[: len(spec["sample"])].toarray() - np.array(spec["sample"]))))
diff = max(diff, float(np.max(np.abs(tfidf.idf_ - np.array(spec["idf"])))))
t0 = time.perf_counter()
dense = StandardScaler().fit(frame[numbers].iloc[train].to_numpy(float))
terms = StandardScaler(with_mean=False).fit(T_train)
Z_train = sp.hstack([sp.csr_matrix(dense.transform(frame[numbers].iloc[train].to_numpy(float))), terms.transform(T_train)]).tocsr()
Z_test = sp.hstack([sp.csr_matrix(dense.transform(frame[numbers].iloc[test].to_numpy(float))), terms.transform(T_test)]).tocsr()
model = LogisticRegression().fit(Z_train, y[train])
t_fit = time.perf_counter() - t0
auc = roc_auc_score(y[test], model.decision_function(Z_test))
print(json.dumps({"tfidf": t_tfidf, "fit": t_fit, "matrixDiff": diff, "coef": model.coef_.ravel().tolist(), "auc": auc}))
`;

/** A markdown table of the results. */
export function notesReport(results: NotesResult[]): string {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const out: string[] = [];
  for (const r of results) {
    out.push(`### ${r.rows.toLocaleString('en')} rows (${r.distinctNotes.toLocaleString('en')} distinct notes), ${r.terms} terms`);
    out.push('');
    out.push(`Sparse terms: ${r.nnz.toLocaleString('en')} non-zeros in the training design, ${f(r.sparseMb, 1)} MB (dense: ${f(r.denseMb, 1)} MB).`);
    out.push('');
    out.push('| step | with the note | without | peak RSS with / without |');
    out.push('|---|---|---|---|');
    out.push(`| prepare (split, impute, scale${'; vocabulary, TF-IDF'}) | ${f(r.prepare.withNote.seconds)} s | ${f(r.prepare.without.seconds)} s | ${f(r.prepare.withNote.peakRssMb, 0)} / ${f(r.prepare.without.peakRssMb, 0)} MB |`);
    for (const m of r.models) {
      out.push(`| ${m.kind} fit + test scores | ${f(m.withNote.seconds)} s, AUC ${f(m.withNote.auc, 4)} | ${f(m.without.seconds)} s, AUC ${f(m.without.auc, 4)} | ${f(m.withNote.peakRssMb, 0)} / ${f(m.without.peakRssMb, 0)} MB |`);
    }
    if (r.python) {
      const p = r.python;
      out.push('');
      out.push(p.error
        ? `scikit-learn: failed (${p.error.split('\n').slice(-3).join(' ')})`
        : `scikit-learn, same rows and vocabulary: TfidfVectorizer fit + transform ${f(p.tfidfSeconds)} s, scaling + LogisticRegression() ${f(p.fitSeconds)} s, AUC ${f(p.auc, 4)}; TF-IDF and idf differ from ours by at most ${p.matrixDiff.toExponential(1)}.`);
    }
    out.push('');
  }
  return out.join('\n');
}
