/** Tables for stdout (Markdown) from the results of one size. */
import type { BootstrapCaseResult, BootstrapFigures, BootstrapOursResult, BrowserResult, JourneyCaseResult, MlLrResult, OursResult, PapaResult, SklearnLr, SklearnResult } from './types';

export interface SizeResults {
  rows: number;
  file: string;
  bytes: number;
  ours?: OursResult;
  oursError?: string;
  sklearn?: SklearnResult;
  sklearnError?: string;
  papa?: PapaResult;
  mllr?: MlLrResult;
  browser?: BrowserResult;
  /** Per child run: wall seconds, CPU seconds other processes used meanwhile, and their load (cores) just before. */
  disturbance?: Record<string, { wallSeconds: number; foreignCpuSeconds: number; loadBefore: number }[]>;
}

export interface Comparison {
  what: string;
  ours: number | null;
  theirs: number | null;
  theirsLabel: string;
  ratio: number | null;
  note?: string;
}

export const MB = 1e6;

export function fmtSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '–';
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;
  if (s < 100) return `${s.toFixed(2)} s`;
  return `${s.toFixed(0)} s`;
}

export function fmtRatio(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '–';
  if (r < 0.01) return `${r.toExponential(1)}×`;
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`;
}

export function fmtBytes(b: number | null | undefined): string {
  if (b === null || b === undefined || !Number.isFinite(b)) return '–';
  return b >= 10e9 ? `${(b / 1e9).toFixed(1)} GB` : `${(b / MB).toFixed(0)} MB`;
}

export function fmtSci(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return v === 0 ? '0' : v.toExponential(1);
}

/** max |a − b| over the coefficients named in a, and the intercepts; NaN if a name is missing in b. */
export function maxCoefDiff(aCoef: Record<string, number>, aIntercept: number, bCoef: Record<string, number>, bIntercept: number): number {
  let m = Math.abs(aIntercept - bIntercept);
  for (const [name, v] of Object.entries(aCoef)) {
    const w = bCoef[name];
    if (w === undefined) return NaN;
    m = Math.max(m, Math.abs(v - w));
  }
  return m;
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined || !(b > 0) ? null : a / b;

const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

export function comparisons(r: SizeResults): Comparison[] {
  const o = r.ours;
  const s = r.sklearn;
  const model = (kind: string) => o?.models.find((m) => m.kind === kind && m.ok);
  const out: Comparison[] = [];
  const add = (what: string, ours: number | null | undefined, theirs: number | null | undefined, theirsLabel: string, note?: string) =>
    out.push({ what, ours: ours ?? null, theirs: theirs ?? null, theirsLabel, ratio: ratio(ours, theirs), ...(note ? { note } : {}) });

  add('read CSV → typed columns', o?.parse.seconds, s?.read_csv.seconds, 'pd.read_csv', o ? `scan ${fmtSeconds(o.parse.scanSeconds)} + typing ${fmtSeconds(o.parse.inferSeconds)}` : undefined);
  add('read + profile (what the user waits for)', o ? o.parse.seconds + o.profile.seconds : null, s?.read_csv.seconds, 'pd.read_csv', o ? `profile ${fmtSeconds(o.profile.seconds)}` : undefined);
  add('preprocess: split, mean-impute, one-hot, scale', o?.prepare.seconds, s?.preprocess.seconds, 'split + ColumnTransformer + StandardScaler');
  const lrNote = (l: SklearnLr | undefined) =>
    o && l ? `iterations ${o.lrFit.iterations} vs ${l.iterations}; ${o.lrFit.evaluations} passes over X${o.lrFit.sampleRows ? ` after a ${o.lrFit.sampleRows}-row warm start` : ''}` : undefined;
  add('LR fit, C = 1 (fitLogisticL2)', o?.lrFit.seconds, s?.logreg_default.seconds, 'LogisticRegression() (tol 1e-4)', lrNote(s?.logreg_default));
  add('LR fit without the sample warm start (plain L-BFGS)', o?.lrFit.plain.seconds, s?.logreg_default.seconds, 'LogisticRegression() (tol 1e-4)',
    o ? `${o.lrFit.plain.iterations} iterations, ${o.lrFit.plain.evaluations} passes over X (diagnostic: train() uses the warm start)` : undefined);
  add('LR fit, C = 1, sklearn on 1 BLAS thread', o?.lrFit.seconds, s?.logreg_default_1thread?.seconds, 'LogisticRegression(), threadpool_limits(1)', lrNote(s?.logreg_default_1thread));
  add('LR fit, C = 1, tight', o?.lrFit.seconds, s?.logreg_tight.seconds, 'LogisticRegression(tol=1e-10)', lrNote(s?.logreg_tight));
  add('LR fit, C = 1, exact', o?.lrFit.seconds, s?.logreg_exact.seconds, "LogisticRegression(solver='newton-cg', tol=1e-10)", lrNote(s?.logreg_exact));
  const lr = model('logreg');
  add('logreg: train() = fit + evaluate', lr?.seconds, s ? s.logreg_default.seconds + s.logreg_default.evaluate_seconds : null, 'fit + predict_proba + AUC',
    lr ? `evaluate ${fmtSeconds(lr.evaluateSeconds)} (ROC, PR, calibration, CI) vs ${fmtSeconds(s?.logreg_default.evaluate_seconds)}` : undefined);
  const mle = model('logreg-mle');
  add('logreg-mle (unpenalized, with SEs): train()', mle?.seconds, s ? s.logreg_none.seconds + s.logreg_none.evaluate_seconds : null, "LogisticRegression(penalty=None) fit + AUC");
  const svm = model('svm');
  const svmFailed = o?.models.find((m) => m.kind === 'svm' && !m.ok);
  add('svm (linear, C = 1, exact): train()', svm?.seconds, s?.svc ? s.svc.seconds + s.svc.evaluate_seconds : null, s?.svc ? "SVC(kernel='linear') fit + AUC" : 'SVC skipped (quadratic)',
    svmFailed ? `ours failed: ${svmFailed.error}` : svm && s?.svc ? `support vectors: sklearn ${s.svc.n_support}` : undefined);
  const gd = model('gd');
  add('gd (full batch): train()', gd?.seconds, null, 'no counterpart',
    gd?.epochSeconds ? `${gd.epochSeconds.length} epochs, ${fmtSeconds(mean(gd.epochSeconds))}/epoch; fit includes the exact LR for the loss-curve floor` : undefined);
  const mlp = model('mlp');
  const epochs = mlp?.epochSeconds;
  add('mlp [16]: seconds per epoch', epochs ? mean(epochs) : null, s?.mlp.seconds_per_epoch, 'MLPClassifier((16,)) per epoch',
    epochs && s ? `${epochs.length} vs ${s.mlp.epochs} epochs, 10% validation each side; ours: ${epochs.map((e) => fmtSeconds(e)).join(', ')}` : undefined);
  add('mlp [16]: train()', mlp?.seconds, s ? s.mlp.seconds : null, 'MLPClassifier fit');
  // a registered model without a counterpart above still gets its row
  for (const m of o?.models ?? []) {
    if (!['logreg', 'logreg-mle', 'svm', 'gd', 'mlp'].includes(m.kind) && m.ok) add(`${m.kind}: train()`, m.seconds, null, 'no counterpart');
  }
  return out;
}

export interface CoefRow {
  what: string;
  diff: number;
}

export function coefficientRows(r: SizeResults): CoefRow[] {
  const o = r.ours;
  const s = r.sklearn;
  const rows: CoefRow[] = [];
  if (!o || !s) return rows;
  const ours = o.lrFit;
  const exact = s.logreg_exact;
  const vsExact = (c: Record<string, number>, b: number) => maxCoefDiff(c, b, exact.coefficients, exact.intercept);
  rows.push({ what: 'ours (logreg, fitLogisticL2) vs the optimum (newton-cg, tol 1e-10)', diff: vsExact(ours.coefficients, ours.intercept) });
  rows.push({ what: 'LogisticRegression() default (lbfgs, tol 1e-4) vs the optimum', diff: vsExact(s.logreg_default.coefficients, s.logreg_default.intercept) });
  rows.push({ what: 'LogisticRegression(tol=1e-10) (lbfgs) vs the optimum', diff: vsExact(s.logreg_tight.coefficients, s.logreg_tight.intercept) });
  rows.push({ what: 'ours (logreg) vs LogisticRegression() default', diff: maxCoefDiff(ours.coefficients, ours.intercept, s.logreg_default.coefficients, s.logreg_default.intercept) });
  rows.push({ what: 'ours (logreg) vs LogisticRegression(tol=1e-10) (lbfgs)', diff: maxCoefDiff(ours.coefficients, ours.intercept, s.logreg_tight.coefficients, s.logreg_tight.intercept) });
  const mle = o.models.find((m) => m.kind === 'logreg-mle' && m.ok);
  if (mle?.coefficients && mle.intercept !== undefined) {
    rows.push({ what: 'ours (logreg-mle) vs LogisticRegression(penalty=None) default tol', diff: maxCoefDiff(mle.coefficients, mle.intercept, s.logreg_none.coefficients, s.logreg_none.intercept) });
  }
  const svm = o.models.find((m) => m.kind === 'svm' && m.ok);
  if (svm?.coefficients && svm.intercept !== undefined && s.svc) {
    rows.push({ what: "ours (svm) vs SVC(kernel='linear')", diff: maxCoefDiff(svm.coefficients, svm.intercept, s.svc.coefficients, s.svc.intercept) });
  }
  return rows;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function sizeReport(r: SizeResults): string {
  const parts: string[] = [];
  parts.push(`### ${r.rows.toLocaleString('en-US')} rows (${fmtBytes(r.bytes)} of CSV)`);
  if (r.oursError) parts.push(`Our pipeline failed: ${r.oursError}`);
  if (r.sklearnError) parts.push(`The scikit-learn script failed: ${r.sklearnError}`);
  parts.push(
    table(
      ['task', 'ours', 'pandas / scikit-learn', 'ours / theirs', 'notes'],
      comparisons(r).map((c) => [c.what, fmtSeconds(c.ours), c.theirs === null ? c.theirsLabel : `${fmtSeconds(c.theirs)} (${c.theirsLabel})`, fmtRatio(c.ratio), c.note ?? '']),
    ),
  );
  const b = r.browser;
  if (b) {
    parts.push(
      b.ok
        ? `The app in Chromium ${b.chromium}: profile on screen ${fmtSeconds(b.loadSeconds)} after the file was chosen, results ${fmtSeconds(b.trainSeconds)} after "Train model" ` +
            `(outcome ${b.outcome}, test AUC ${b.testAuc?.toFixed(4)}). Main-thread tasks over 50 ms from the file to the results: ` +
            `${b.longTasks && b.longTasks.length > 0 ? b.longTasks.map((d) => `${d} ms`).join(', ') : 'none'}; longest gap between frames ${b.longestFrameGapMs} ms.`
        : `The app in Chromium: not measured (${b.error}).`,
    );
  }
  if (r.disturbance) {
    const d = Object.entries(r.disturbance).map(([what, runs]) =>
      `${what} ${runs.map((x) => `${x.foreignCpuSeconds.toFixed(1)} CPU-s in ${x.wallSeconds.toFixed(0)} s`).join(', ')}`);
    parts.push(`Other processes on the machine during the measurements: ${d.join('; ')}.`);
  }
  if (r.ours && r.sklearn) {
    const sameRows = r.ours.prepare.trainRowSum === r.sklearn.preprocess.train_row_sum && r.ours.prepare.trainRows === r.sklearn.preprocess.train_rows;
    const sameFeatures = r.ours.prepare.features.join(',') === r.sklearn.preprocess.features.join(',');
    parts.push(`Same split as scikit-learn (count and index sum of the training rows): ${sameRows ? 'yes' : 'NO'}; same design columns in the same order: ${sameFeatures ? 'yes' : 'NO'}.`);
  }
  const coef = coefficientRows(r);
  if (coef.length > 0) parts.push(table(['coefficients (standardized scale, intercept included)', 'max |Δ|'], coef.map((c) => [c.what, fmtSci(c.diff)])));
  const o = r.ours;
  if (o) {
    // each amount over the issue's measure (8 B × cells) and over the numeric feature columns alone (stricter)
    const row = (what: string, bytes: number): string[] => [what, fmtBytes(bytes), fmtRatio(bytes / o.cellBytes), fmtRatio(bytes / o.numericBytes)];
    const mem: string[][] = [
      row('8 B × cells (rows × all columns)', o.cellBytes),
      row('numeric data: rows × numeric columns × 8 B', o.numericBytes),
      row('design matrices (train + test, all design columns)', o.designBytes),
      row('node at start (before reading)', o.baselineRss),
      row('peak RSS: read', o.parse.memory.peakRss),
      row('peak RSS: profile', o.profile.memory.peakRss),
      row('peak RSS: prepare', o.prepare.memory.peakRss),
      ...o.models.map((m) => row(`peak RSS: ${m.kind}`, m.memory.peakRss)),
      row('peak RSS, whole run (ours)', o.peakRss),
      row('peak RSS minus start RSS (ours)', o.peakRss - o.baselineRss),
    ];
    if (r.sklearn) {
      mem.push(row('peak RSS: pd.read_csv', r.sklearn.read_csv.peak_rss));
      mem.push(row('peak RSS, whole run (python)', r.sklearn.peak_rss));
    }
    parts.push(table(['memory', 'bytes', '÷ 8 B × cells', '÷ numeric columns'], mem));
  }
  const js: string[][] = [];
  if (r.papa) {
    const p = r.papa;
    if (p.ok && o) {
      const total = (p.readSeconds ?? 0) + (p.parseSeconds ?? 0);
      js.push([
        'PapaParse row objects (readFileSync + Papa.parse header, dynamicTyping)',
        `${fmtSeconds(total)} (read ${fmtSeconds(p.readSeconds)} + parse ${fmtSeconds(p.parseSeconds)}), peak RSS ${fmtBytes(p.memory?.peakRss)}`,
        `ours ${fmtSeconds(o.parse.seconds)}, peak RSS ${fmtBytes(o.parse.memory.peakRss)}`,
        `time ${fmtRatio(o.parse.seconds / total)}, memory ${fmtRatio(o.parse.memory.peakRss / (p.memory?.peakRss ?? NaN))}`,
      ]);
    } else js.push(['PapaParse row objects', `failed: ${p.error ?? '?'}`, '', '']);
  }
  if (r.mllr) {
    const m = r.mllr;
    if (m.ok && o && m.coefficients && m.intercept !== undefined) {
      const mle = o.models.find((x) => x.kind === 'logreg-mle' && x.ok);
      const dMle = mle?.coefficients && mle.intercept !== undefined ? maxCoefDiff(mle.coefficients, mle.intercept, m.coefficients, m.intercept) : NaN;
      const dLr = maxCoefDiff(o.lrFit.coefficients, o.lrFit.intercept, m.coefficients, m.intercept);
      const projected = m.steps < m.defaultSteps;
      js.push([
        `ml-logistic-regression defaults (${m.defaultSteps} steps × 2 classifiers, lr 5e-4)`,
        projected
          ? `${fmtSeconds(m.projectedSeconds)} projected from ${m.steps} steps in ${fmtSeconds(m.seconds)}; |Δcoef| after ${m.steps} steps: ${fmtSci(dMle)} vs our unpenalized optimum`
          : `${fmtSeconds(m.seconds)}; |Δcoef| ${fmtSci(dMle)} vs our unpenalized optimum (logreg-mle), ${fmtSci(dLr)} vs our C = 1 optimum; mean log-loss ${m.meanLogLoss?.toFixed(6)}`,
        `ours fitLogisticL2 ${fmtSeconds(o.lrFit.seconds)}`,
        `time ${fmtRatio(o.lrFit.seconds / (m.projectedSeconds ?? NaN))}`,
      ]);
    } else js.push(['ml-logistic-regression', `failed: ${m.error ?? '?'}`, '', '']);
  }
  if (js.length > 0) parts.push(table(['JavaScript baseline', 'theirs', 'ours', 'ours / theirs'], js));
  return parts.join('\n\n');
}

/** max |a − b| over the metrics and figures (apparent, optimism, corrected, optimismSd) both have. */
export function maxFigureDiff(a: BootstrapFigures, b: BootstrapFigures, keys: ('apparent' | 'optimism' | 'corrected' | 'optimismSd')[] = ['apparent', 'optimism', 'corrected', 'optimismSd']): number {
  let m = 0;
  for (const [metric, fa] of Object.entries(a)) {
    const fb = b[metric];
    if (!fb) return NaN;
    for (const k of keys) {
      const x = fa[k];
      const y = fb[k];
      if (x === undefined || y === undefined) continue;
      m = Math.max(m, Math.abs(x - y));
    }
  }
  return m;
}

/** Our figures over `replicates` replicates: the timed run's, or the shorter check run's. */
function oursOver(o: BootstrapOursResult, replicates: number): BootstrapFigures | undefined {
  if (o.replicates === replicates) return o.metrics;
  return o.check?.replicates === replicates ? o.check.metrics : undefined;
}

/** The bootstrap case: times, ratios, the parts of scikit-learn's loop, and how far the figures are apart. */
export function bootstrapReport(r: BootstrapCaseResult): string {
  const parts: string[] = [];
  const o = r.ours;
  const s = r.sklearn;
  parts.push(`### Bootstrap validation: ${o ? o.replicates : '?'} replicates of logreg (C = 1) on ${o ? o.trainRows.toLocaleString('en-US') : '?'} training rows` +
    ` (${r.rows.toLocaleString('en-US')} rows, ${fmtBytes(r.bytes)} of CSV, ${o ? `${o.features.length} design columns, ${o.missing} imputation` : ''})`);
  if (r.oursError) parts.push(`Ours failed: ${r.oursError}`);
  if (r.sklearnError) parts.push(`The scikit-learn loop failed: ${r.sklearnError}`);
  const rows: string[][] = [];
  if (o) rows.push(['ours: bootstrapValidation (worker RunControl)', fmtSeconds(o.seconds), fmtSeconds(o.seconds / o.replicates), '1', '']);
  for (const run of s?.runs ?? []) {
    const mine = o ? oursOver(o, run.replicates) : undefined;
    const diff = mine ? maxFigureDiff(mine, run.metrics) : NaN;
    const most = run.maxIterations !== undefined ? ` (most ${run.maxIterations}; ${run.slowFits ?? 0} fits over 100)` : '';
    const note = `${run.replicates} replicates; ${run.meanIterations.toFixed(1)} solver iterations per replicate${most}; figures max |Δ| from ours over the same replicates ${fmtSci(diff)}`;
    rows.push([`scikit-learn, ${run.description}`, fmtSeconds(run.seconds), fmtSeconds(run.seconds / run.replicates), o ? fmtRatio(o.seconds / o.replicates / (run.seconds / run.replicates)) : '–', note]);
  }
  parts.push(table(['what', 'time', 'per replicate', 'ours / theirs (per replicate)', 'notes'], rows));
  if (o && s) {
    const sameRows = s.train_rows === o.trainRows && s.train_row_sum === o.trainRowSum;
    const sameFeatures = s.features.join(',') === o.features.join(',');
    parts.push(`Same training rows as scikit-learn (count and index sum): ${sameRows ? 'yes' : 'NO'}; same design columns: ${sameFeatures ? 'yes' : 'NO'}. ` +
      `Python ${s.versions.python}, numpy ${s.versions.numpy}, pandas ${s.versions.pandas}, scikit-learn ${s.versions.sklearn}${s.versions.blas_threads ? `, BLAS ${s.versions.blas_threads}` : ''}.`);
  }
  if (s && s.runs.length > 0) {
    const names = Object.keys(s.runs[0].partSeconds);
    parts.push(table(['scikit-learn loop, seconds summed over the replicates', ...s.runs.map((x) => x.model)], names.map((n) => [n, ...s.runs.map((x) => fmtSeconds(x.partSeconds[n]))])));
  }
  if (o && s && s.runs.length > 0) {
    const metrics = Object.keys(o.metrics);
    const figureRows: string[][] = [];
    for (const m of metrics) {
      const mine = o.metrics[m];
      figureRows.push([m, `ours, ${o.replicates} replicates`, mine.apparent.toFixed(6), mine.optimism.toFixed(6), mine.corrected.toFixed(6), (mine.optimismSd ?? NaN).toFixed(6)]);
      for (const run of s.runs) {
        const t = run.metrics[m];
        const same = oursOver(o, run.replicates)?.[m];
        if (!t || !same) continue;
        figureRows.push(['', `${run.model}, ${run.replicates}: |Δ| from ours`, fmtSci(Math.abs(t.apparent - same.apparent)), fmtSci(Math.abs(t.optimism - same.optimism)), fmtSci(Math.abs(t.corrected - same.corrected)), fmtSci(Math.abs((t.optimismSd ?? NaN) - (same.optimismSd ?? NaN)))]);
      }
    }
    parts.push(table(['metric', 'whose', 'apparent', 'optimism', 'corrected', 'optimism SD'], figureRows));
    for (const run of s.runs) {
      const mine = oursOver(o, run.replicates);
      const d = mine ? maxFigureDiff(mine, run.metrics) : NaN;
      const same = run.model === 'exact';
      parts.push(`${run.model}: the figures ${d <= 1e-6 ? 'agree' : 'differ'} with ours over the same ${run.replicates} replicates to ${fmtSci(d)} (max over the metrics of apparent, optimism, corrected and its SD)` +
        (same ? ' — the same model (both at the penalized optimum), so they should agree to ~1e-6.' : ' — not the same model: lbfgs at tol 1e-4 stops ~1e-5 from the optimum ours reaches, so the figures differ by about that much.'));
    }
  }
  if (o?.partSeconds && o.partReplicates) {
    const k = o.partReplicates;
    parts.push(`Our loop's parts, timed one by one over its first ${k} replicates (bench/bootstrap.ts), per replicate: ` +
      Object.entries(o.partSeconds).map(([name, v]) => `${name} ${fmtSeconds(v / k)}`).join(', ') + '.');
  }
  if (o) {
    parts.push(`Progress: ${o.progress.checkpoints} checkpoints, ${o.progress.reports} progress reports, longest computation between two checkpoints ${o.progress.longestGapMs.toFixed(0)} ms` +
      (o.cancel ? `; a second run cancelled after ${o.cancel.afterSeconds} s was ${o.cancel.outcome} ${o.cancel.stoppedAfterMs.toFixed(0)} ms later.` : '.') +
      ` Peak RSS during the bootstrap ${fmtBytes(o.memory.peakRss)}.`);
  }
  if (r.disturbance) {
    const d = Object.entries(r.disturbance).map(([what, runs]) =>
      `${what} ${runs.map((x) => `load average ${x.loadAverage?.toFixed(2) ?? '?'} before, ${x.foreignCpuSeconds.toFixed(1)} CPU-s of other processes in ${x.wallSeconds.toFixed(0)} s`).join('; ')}`);
    parts.push(`Machine during the measurements: ${d.join('; ')}.`);
  }
  return parts.join('\n\n');
}

/** One goal of the journey issue: ours / theirs against a target ratio. */
export interface JourneyGoal {
  what: string;
  ours: number | null;
  theirs: number | null;
  theirsLabel: string;
  ratio: number | null;
  target: number;
  met: boolean | null;
}

/** The issue's goals, each as ours / theirs from the same run (null where a side is missing). */
export function journeyGoals(r: JourneyCaseResult): JourneyGoal[] {
  const b = r.browser?.ok ? r.browser : undefined;
  const ph = b?.phases;
  const sc = r.script;
  const o = r.ours;
  const goals: JourneyGoal[] = [];
  const add = (what: string, ours: number | null | undefined, theirs: number | null | undefined, theirsLabel: string, target: number) => {
    const q = ratio(ours, theirs);
    goals.push({ what, ours: ours ?? null, theirs: theirs ?? null, theirsLabel, ratio: q, target, met: q === null ? null : q <= target });
  };
  const journey = ph ? ph.load.total + ph.train.total : null;
  add('journey: (file → profile + Train → results in Chromium) / the script, read_csv → AUC', journey, sc?.script, 'the script, read_csv → AUC', 1.0);
  add('journey to the patient form (the end of the results page) / the script, read_csv → AUC', ph ? ph.load.total + ph.train.patientForm : null, sc?.script, 'the script, read_csv → AUC', 1.0);
  add('journey / the script as a process (interpreter start and imports included)', journey, r.scriptProcessSeconds, 'python3 journey.py, spawn to exit', 1.0);
  const skPrep = sc ? (sc.parts.split ?? 0) + (sc.parts.impute_onehot_scale ?? 0) : null;
  add('preprocess (Node prepare) / split + ColumnTransformer + StandardScaler', o?.prepare.seconds, skPrep, 'split + ColumnTransformer + StandardScaler', 0.5);
  add('preprocess in Chromium (the prepare stage) / the same', ph?.train.prepare, skPrep, 'split + ColumnTransformer + StandardScaler', 0.5);
  const nodeReadProfile = o ? o.parse.seconds + o.profile.seconds : null;
  add('read + profile (Node) / read_csv', nodeReadProfile, sc?.parts.read_csv, 'pd.read_csv', 1.1);
  add('file → profile on screen (Chromium) / Node read + profile', ph?.load.total, nodeReadProfile, 'Node read + profile', 1.2);
  add("the worker's read + profile in Chromium (parse, typing, profile) / Node read + profile", ph ? ph.load.parse + ph.load.typing + ph.load.profile : null, nodeReadProfile, 'Node read + profile', 1.2);
  const mle = o?.models.find((m) => m.kind === 'logreg-mle' && m.ok);
  add("logreg-mle fit with standard errors (Node) / statsmodels Logit().fit() + bse", mle?.fitSeconds, sc?.statsmodels?.seconds, 'statsmodels Logit().fit() + bse', 1.0);
  add('logreg-mle fit with standard errors (Node) / R glm(family = binomial) + summary()', mle?.fitSeconds, r.glm?.ok ? r.glm.seconds : null, 'glm + summary', 1.0);
  // the issue's memory goal is "during any model": train() as the worker runs it (the table, the training design,
  // the test rows scored a block at a time); the whole run also has the bench's own prepare phase, which builds the
  // whole test matrix beside the training one to time what scikit-learn's transform does
  const modelPeak = o && o.models.length > 0 ? Math.max(...o.models.map((m) => m.memory.peakRss)) : null;
  add('peak RSS during a model (Node: train() as the worker runs it) / numeric columns (rows × numeric columns × 8 B)', modelPeak, o?.numericBytes, 'rows × numeric columns × 8 B', 2.5);
  add("the same, above the process's RSS before reading (Node's own ~75 MB left out)", modelPeak !== null && o ? modelPeak - o.baselineRss : null, o?.numericBytes, 'rows × numeric columns × 8 B', 2.5);
  add('peak RSS of the whole bench run (its prepare phase builds both whole design matrices) / numeric columns', o?.peakRss, o?.numericBytes, 'rows × numeric columns × 8 B', 2.5);
  return goals;
}

/** The journey case: ours (Chromium) against the seed's script phase by phase, the ratio, and the goals. */
export function journeyReport(r: JourneyCaseResult, machine?: Record<string, string | number>): string {
  const parts: string[] = [];
  parts.push(`### The journey on ${r.rows.toLocaleString('en-US')} rows (${fmtBytes(r.bytes)} of CSV)`);
  const b = r.browser;
  const ph = b?.ok ? b.phases : undefined;
  const sc = r.script;
  if (b && !b.ok) parts.push(`The app in Chromium: not measured (${b.error}).`);
  if (b?.ok && !ph) parts.push('The app in Chromium ran, but its phases could not be read (a mark is missing).');
  if (r.scriptError) parts.push(`The script failed: ${r.scriptError}`);
  if (r.oursError) parts.push(`Our pipeline in Node failed: ${r.oursError}`);
  const f = fmtSeconds;
  const rows: string[][] = [];
  if (ph || sc) {
    rows.push(['**file → profile on screen**', f(ph?.load.total), `**read_csv** ${f(sc?.parts.read_csv)}`]);
    rows.push(['  the page hands the File (a handle) to the worker', f(ph?.load.toWorker), '']);
    rows.push([`  parse: scan of the bytes${ph?.load.fileRead != null ? ` (of which waiting for the bytes: ${f(ph.load.fileRead)})` : ''}`, f(ph?.load.parse), '']);
    rows.push(['  typing of the columns', f(ph?.load.typing), '']);
    rows.push(['  profile (summarize: column statistics, identifier detection)', f(ph?.load.profile), '– (no counterpart)']);
    rows.push(['  the summary back to the page', f(ph?.load.toPage), '']);
    rows.push(['  render (React: the data step and the setup form)', f(ph?.load.render), '']);
    const skTrain = sc ? ['split', 'impute_onehot_scale', 'fit', 'evaluate'].reduce((a, k) => a + (sc.parts[k] ?? 0), 0) : null;
    rows.push(['**Train → results on screen** (the status and the test metrics)', f(ph?.train.total), `**split → AUC** ${f(skTrain)}`]);
    rows.push(['  the click to the worker', f(ph?.train.toWorker), '']);
    rows.push(['  prepare: split, mean imputation, one-hot, z-scores', f(ph?.train.prepare), sc ? `split ${f(sc.parts.split)} + ColumnTransformer/StandardScaler ${f(sc.parts.impute_onehot_scale)}` : '']);
    rows.push(['  fit (logistic regression, C = 1)', f(ph?.train.fit), sc ? `LogisticRegression().fit ${f(sc.parts.fit)}` : '']);
    rows.push(['  evaluate (scores, ROC, PR, calibration, AUC CI, the model for the page)', f(ph?.train.evaluate), sc ? `accuracy + AUC ${f(sc.parts.evaluate)}` : '']);
    rows.push(['  the report back to the page', f(ph?.train.toPage), '']);
    rows.push(['  render (React: the results step)', f(ph?.train.render), '']);
    rows.push(['  (from the click: the patient form on screen, the end of the results page)', f(ph?.train.patientForm), '']);
    rows.push(['  (from the click: every deferred part of the results mounted)', f(ph?.train.complete), '']);
    const journey = ph ? ph.load.total + ph.train.total : null;
    rows.push(['**the journey**', f(journey), `**the script, read_csv → AUC** ${f(sc?.script)}; as a process ${f(r.scriptProcessSeconds)} (imports ${f(sc?.imports)})`]);
    rows.push(['**journey ratio** (ours / the script)', fmtRatio(ratio(journey, sc?.script)), `against the process: ${fmtRatio(ratio(journey, r.scriptProcessSeconds))}`]);
    parts.push(table(['phase', 'ours: the app in Chromium', "theirs: the seed's script"], rows));
  }
  const goals = journeyGoals(r);
  parts.push(table(['goal', 'ours', 'theirs', 'ours / theirs', 'target', 'met'], goals.map((g) => [
    g.what,
    /RSS/.test(g.what) ? fmtBytes(g.ours) : f(g.ours),
    /RSS/.test(g.what) ? fmtBytes(g.theirs) : `${f(g.theirs)}`,
    fmtRatio(g.ratio),
    `≤ ${g.target.toFixed(1)}×`,
    g.met === null ? '–' : g.met ? 'yes' : '**no**',
  ])));
  const notes: string[] = [];
  if (b?.ok) notes.push(`Chromium ${b.chromium}; main-thread tasks over 50 ms from the file to the results: ${b.longTasks && b.longTasks.length > 0 ? b.longTasks.map((d) => `${d} ms`).join(', ') : 'none'}; longest gap between frames ${b.longestFrameGapMs} ms; test AUC ${b.testAuc?.toFixed(4)}.`);
  if (sc) notes.push(`The script: test AUC ${sc.auc.toFixed(4)}, accuracy ${sc.accuracy.toFixed(4)}, ${sc.design_columns} design columns; ${Object.entries(sc.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  if (sc?.statsmodels) notes.push(`statsmodels Logit: ${sc.statsmodels.iterations} Newton iterations${sc.statsmodels.converged ? '' : ' (not converged)'}.`);
  if (r.glm) notes.push(r.glm.ok ? `R ${r.glm.r} glm: ${r.glm.iterations} IRLS iterations (reading the matrix into a data frame, not timed: ${f(r.glm.read_seconds)}).` : `R's glm failed: ${r.glm.error}`);
  const mle = r.ours?.models.find((m) => m.kind === 'logreg-mle' && m.ok);
  if (mle) notes.push(`Ours logreg-mle: fit ${f(mle.fitSeconds)} (with the covariance and standard errors), train() in all ${f(mle.seconds)}.`);
  if (r.ours) {
    const sameRows = sc ? r.ours.prepare.trainRowSum === sc.train_row_sum && r.ours.prepare.trainRows === sc.train_rows : null;
    if (sameRows !== null) notes.push(`Same training rows as the script (count and index sum): ${sameRows ? 'yes' : 'NO'}.`);
  }
  if (r.disturbance) {
    notes.push(`Machine: ${machine ? `${machine.cpu}, ${machine.cores} cores; ` : ''}${Object.entries(r.disturbance).map(([what, runs]) => `${what}: load average ${runs.map((x) => `${x.loadAverage?.toFixed(2) ?? '?'} before, other processes ${x.foreignCpuSeconds.toFixed(1)} CPU-s in ${x.wallSeconds.toFixed(0)} s${what === 'browser' ? " (Chromium's own processes included)" : ''}`).join('; ')}`).join('; ')}.`);
  }
  parts.push(notes.join(' '));
  return parts.join('\n\n');
}