/**
 * `npm run bench`: the issue "a million rows". Generates seeded cohorts of 10⁴, 10⁵ and 10⁶ rows, then
 * for each size runs, one after the other (never concurrently: 2 cores), each in a fresh process:
 *   1. our pipeline (ours.ts): readTable → summarize → prepare → train() per model;
 *   2. the same in pandas + scikit-learn (sklearn_bench.py) on the same file;
 *   3. JavaScript as commonly written (baselines.ts): PapaParse row objects, ml-logistic-regression;
 *   4. on the largest size, the built app in Chromium (browser.ts): long tasks from the file to the results.
 * Prints a table per size (ours / theirs) and writes bench/out/results.json.
 *
 * Options: --sizes=10000,100000 --seed=N --budget=SECONDS (per model) --models=logreg,mlp
 *          --mlp-epochs=5 --gd-epochs=200 --skip=sklearn,papa,mllr,browser
 *          --mllr-full-max-rows=10000 (above: --mllr-steps, projected) --papa-max-rows=1000000
 *          --repeat=N (ours and scikit-learn N times each; every time keeps its minimum)
 *          --quiet-wait=SECONDS (before each measurement, wait up to this long for other processes to go idle)
 *          --only=sizes|bootstrap|journey (run only these cases; default all) --skip=bootstrap,journey
 * The journey case (journey.py, journey_glm.R, browser.ts), for each of --sizes: the app in Chromium from the file to the
 * profile and from "Train model" to the results, split into phases; the seed's Python script end to end on the same
 * file, part by part; our pipeline in Node (read, profile, prepare, logreg and logreg-mle, peak memory); statsmodels'
 * Logit and R's glm with their standard errors on the same training matrix. Reports the journey ratio and the goals.
 *          --journey-sizes=100000,1000000 (default: --sizes)
 * The bootstrap case (bootstrap.ts, sklearn_bootstrap.py): bootstrapValidation of logreg with 200 replicates on a cohort
 * whose training part (80%) has 100,000 rows, against the same loop in numpy + pandas + scikit-learn with the same draws:
 *          --bootstrap-rows=100000 (training rows) --bootstrap-replicates=200 --bootstrap-missing=mean|median
 *          --bootstrap-models=default,exact (scikit-learn's fits: LogisticRegression(), and the exported script's newton-cg)
 *          --bootstrap-exact-replicates=20 (replicates of the exported newton-cg fit, compared with ours over as many;
 *          0: all; on some replicates it runs on for thousands of iterations)
 *          --bootstrap-cancel-after=SECONDS (a second run of ours cancelled then, to time the cancel; 0: none)
 *          --bootstrap-part-replicates=10 (that many replicates of our loop with its parts timed, a diagnostic; 0: none)
 * The machine is shared (other engineers run tests): each measurement records how much CPU other processes
 * used meanwhile (from /proc/stat), and the report shows it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCohort, type CohortFile } from './generate';
import { DEFAULT_MODELS, MODEL_KINDS } from '../src/core/models/registry';
import { runOurs } from './ours';
import { ML_LR_DEFAULT_STEPS, runMlLr, runPapa } from './baselines';
import { comparisons, coefficientRows, sizeReport, type SizeResults } from './report';
import { runBrowser } from './browser';
import { runBootstrapOurs } from './bootstrap';
import { notesReport, runNotesSize, type NotesResult } from './notes';
import { bootstrapReport } from './report';
import { journeyReport } from './report';
import type { BootstrapCaseResult, BootstrapOursResult, BootstrapSklearnResult, GlmResult, JourneyCaseResult, JourneyScriptResult, MlLrResult, OursResult, PapaResult, SklearnResult } from './types';
import type { MissingStrategy } from '../src/core/prep/setup';

const HERE = dirname(fileURLToPath(import.meta.url)); // bench/out/dist
const ROOT = resolve(HERE, '../../..');
const OUT = join(ROOT, 'bench', 'out');
const PYTHON = '/usr/bin/python3';
/** Every registered model (src/core/models/registry). */
const ALL_MODELS: string[] = [...MODEL_KINDS];

type Args = Map<string, string>;

function parseArgs(argv: string[]): Args {
  const args = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (m) args.set(m[1], m[2] ?? 'true');
  }
  return args;
}

const num = (args: Args, key: string, fallback: number): number => (args.has(key) ? Number(args.get(key)) : fallback);
const list = (args: Args, key: string, fallback: string[]): string[] => (args.has(key) ? (args.get(key) as string).split(',').filter((s) => s !== '') : fallback);
const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};

/** CPU ticks (USER_HZ) of the whole machine, busy and total, from /proc/stat; null where there is none. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - f[3] - f[4], total };
  } catch {
    return null;
  }
}

/** CPU ticks used by this process and by its waited-for children (/proc/self/stat utime, stime, cutime, cstime). */
function familyTicks(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return f[11] + f[12] + f[13] + f[14];
  } catch {
    return 0;
  }
}

const TICK = 100; // USER_HZ on Linux

/** Waits (up to maxSeconds) until other processes use less than 0.15 of a core, so the benchmark runs alone. */
async function waitQuiet(maxSeconds: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const a = machineTicks();
    const own0 = familyTicks();
    await new Promise((r) => setTimeout(r, 2000));
    const b = machineTicks();
    if (!a || !b) return 0;
    const cores = (b.busy - a.busy - (familyTicks() - own0)) / TICK / 2;
    if (cores < 0.15 || performance.now() - start > maxSeconds * 1000) {
      if (cores >= 0.15) log(`  note: other processes still use ${cores.toFixed(2)} cores; measuring anyway`);
      return cores;
    }
    log(`  waiting for a quiet machine (other processes use ${cores.toFixed(2)} cores)…`);
  }
}

/** Seconds of CPU that processes other than the benchmark used while `run` ran: how disturbed the measurement was. */
interface Disturbance {
  wallSeconds: number;
  foreignCpuSeconds: number;
  loadBefore: number;
  /** The 1-minute load average just before the measurement. */
  loadAverage: number;
}

async function measured<T>(maxQuiet: number, run: () => T | Promise<T>): Promise<{ value: T; disturbance: Disturbance }> {
  const loadBefore = await waitQuiet(maxQuiet);
  const loadAverage = loadavg()[0];
  const a = machineTicks();
  const own0 = familyTicks();
  const t0 = performance.now();
  const value = await run();
  const wallSeconds = (performance.now() - t0) / 1000;
  const b = machineTicks();
  const foreign = a && b ? Math.max(0, b.busy - a.busy - (familyTicks() - own0)) / TICK : NaN;
  return { value, disturbance: { wallSeconds, foreignCpuSeconds: foreign, loadBefore, loadAverage } };
}

type Json = number | string | boolean | null | undefined | Json[] | { [k: string]: Json };

/** Merges repeated runs: every number (or number array) under a key containing "seconds" keeps its minimum. */
function minMerge<T>(a: T, b: T): T {
  const merge = (x: Json, y: Json, timed: boolean): Json => {
    if (typeof x === 'number' && typeof y === 'number') return timed ? Math.min(x, y) : x;
    if (Array.isArray(x) && Array.isArray(y)) return x.map((v, k) => (k < y.length ? merge(v, y[k], timed) : v));
    if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(x)) out[k] = k in y ? merge(v, y[k], timed || /seconds/i.test(k)) : v;
      return out;
    }
    return x;
  };
  return merge(a as Json, b as Json, false) as T;
}

/** Runs this script again in a fresh node process with the same flags; the child writes JSON to a file. */
function child<T>(mode: string, extra: string[], timeoutSeconds: number): { value?: T; error?: string } {
  const json = join(OUT, `child-${mode}-${process.pid}.json`);
  rmSync(json, { force: true });
  const res = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--child=${mode}`, `--json=${json}`, ...extra], {
    stdio: ['ignore', 'inherit', 'pipe'],
    maxBuffer: 64 << 20,
    timeout: timeoutSeconds * 1000,
  });
  const stderr = res.stderr ? res.stderr.toString() : '';
  if (stderr) process.stderr.write(stderr);
  if (existsSync(json)) {
    const value = JSON.parse(readFileSync(json, 'utf8')) as T;
    rmSync(json, { force: true });
    return { value };
  }
  const tail = stderr.trim().split('\n').filter((l) => /error|memory|killed|abort/i.test(l)).slice(-2).join(' / ');
  const why = res.error ? res.error.message : res.signal ? `killed by ${res.signal}` : `exit code ${res.status}`;
  return { error: `${why}${tail ? `: ${tail.slice(0, 300)}` : ''}` };
}

async function childMain(args: Args): Promise<void> {
  const mode = args.get('child') as string;
  const csv = args.get('csv') as string;
  const rows = num(args, 'rows', 0);
  const json = args.get('json') as string;
  let value: OursResult | PapaResult | MlLrResult | BootstrapOursResult | NotesResult;
  if (mode === 'notes') value = await runNotesSize(rows, num(args, 'seed', 20261203), OUT, args.get('python') === 'none' ? null : PYTHON);
  else if (mode === 'bootstrap') {
    value = await runBootstrapOurs(csv, {
      replicates: num(args, 'bootstrap-replicates', 200),
      missing: (args.get('bootstrap-missing') ?? 'mean') as MissingStrategy,
      scriptPath: args.get('script') as string,
      cancelAfter: num(args, 'bootstrap-cancel-after', 2),
      partReplicates: num(args, 'bootstrap-part-replicates', 10),
      checkReplicates: num(args, 'bootstrap-check-replicates', 0),
      log,
    });
  } else if (mode === 'ours') {
    value = await runOurs(csv, rows, num(args, 'bytes', 0), {
      budgetSeconds: num(args, 'budget', 600),
      mlpEpochs: num(args, 'mlp-epochs', 5),
      gdEpochs: num(args, 'gd-epochs', 200),
      models: list(args, 'models', ALL_MODELS),
      log,
    });
  } else if (mode === 'papa') value = runPapa(csv, rows);
  else if (mode === 'mllr') value = await runMlLr(csv, rows, num(args, 'steps', ML_LR_DEFAULT_STEPS));
  else throw new Error(`unknown child mode ${mode}`);
  writeFileSync(json, JSON.stringify(value));
}

function sklearn(csv: string, mlpEpochs: number, svmMaxRows: number, mlpLearningRate: number): { value?: SklearnResult; error?: string } {
  const json = join(OUT, `sklearn-${process.pid}.json`);
  rmSync(json, { force: true });
  const res = spawnSync(PYTHON, [join(ROOT, 'bench', 'sklearn_bench.py'), '--csv', csv, '--json', json, '--mlp-epochs', String(mlpEpochs), '--mlp-lr', String(mlpLearningRate), '--svm-max-rows', String(svmMaxRows)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (existsSync(json)) {
    const value = JSON.parse(readFileSync(json, 'utf8')) as SklearnResult;
    rmSync(json, { force: true });
    return { value };
  }
  return { error: res.error ? res.error.message : `exit code ${res.status}` };
}

function sklearnBootstrap(script: string, csv: string, replicates: number, exactReplicates: number, models: string[]): { value?: BootstrapSklearnResult; error?: string } {
  const json = join(OUT, `sklearn-bootstrap-${process.pid}.json`);
  rmSync(json, { force: true });
  const res = spawnSync(PYTHON, [join(ROOT, 'bench', 'sklearn_bootstrap.py'), '--script', script, '--csv', csv, '--json', json, '--replicates', String(replicates), '--exact-replicates', String(exactReplicates), '--models', models.join(',')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (existsSync(json)) {
    const value = JSON.parse(readFileSync(json, 'utf8')) as BootstrapSklearnResult;
    rmSync(json, { force: true });
    return { value };
  }
  return { error: res.error ? res.error.message : `exit code ${res.status}` };
}

/** The bootstrap case: ours (a child process) and the same loop in scikit-learn, on a cohort whose training part has `trainRows` rows. */
async function bootstrapCase(args: Args, seed: number, skip: Set<string>, repeat: number, quietWait: number): Promise<BootstrapCaseResult> {
  const trainRows = num(args, 'bootstrap-rows', 100_000);
  const replicates = num(args, 'bootstrap-replicates', 200);
  const missing = args.get('bootstrap-missing') ?? 'mean';
  const models = list(args, 'bootstrap-models', ['default', 'exact']);
  const asked = num(args, 'bootstrap-exact-replicates', 20);
  const exactReplicates = asked > 0 && asked < replicates && models.includes('exact') ? asked : replicates;
  // the split keeps 80% for training (scikit-learn's test size is ceil(0.2·n))
  const rows = Math.round(trainRows / 0.8);
  log(`\n== bootstrap: ${replicates} replicates of logreg on ${trainRows} training rows (${rows} rows, ${missing} imputation) ==`);
  const cohort = ensureCohort(OUT, rows, seed);
  log(cohort.reused ? `cohort: reusing ${cohort.path}` : `cohort: wrote ${cohort.path} (${(cohort.bytes / 1e6).toFixed(1)} MB) in ${cohort.seconds.toFixed(1)} s`);
  const r: BootstrapCaseResult = { cohort: cohort.path, bytes: cohort.bytes, rows };
  const disturbance: NonNullable<BootstrapCaseResult['disturbance']> = {};
  r.disturbance = disturbance;
  const note = (what: string, d: Disturbance) => {
    (disturbance[what] ??= []).push(d);
    log(`  load average before: ${d.loadAverage.toFixed(2)}${d.foreignCpuSeconds > 0.05 * d.wallSeconds ? `; other processes used ${d.foreignCpuSeconds.toFixed(1)} CPU-s during these ${d.wallSeconds.toFixed(1)} s` : ''}`);
  };
  const script = join(OUT, `bootstrap-export-${rows}-s${seed}.py`);
  for (let k = 0; k < repeat; k++) {
    log(`ours${repeat > 1 ? ` (run ${k + 1} of ${repeat})` : ''}:`);
    const ours = await measured(quietWait, () =>
      child<BootstrapOursResult>('bootstrap', [`--csv=${cohort.path}`, `--script=${script}`, `--bootstrap-replicates=${replicates}`, `--bootstrap-missing=${missing}`, `--bootstrap-cancel-after=${k === 0 ? num(args, 'bootstrap-cancel-after', 2) : 0}`, `--bootstrap-part-replicates=${k === 0 ? num(args, 'bootstrap-part-replicates', 10) : 0}`, `--bootstrap-check-replicates=${exactReplicates}`], 6 * 3600),
    );
    note('ours', ours.disturbance);
    if (ours.value.value) r.ours = r.ours ? { ...minMerge(r.ours, ours.value.value), cancel: r.ours.cancel } : ours.value.value;
    else {
      r.oursError = ours.value.error;
      break;
    }
    if (!skip.has('sklearn') && models.length > 0) {
      log(`numpy + pandas + scikit-learn${repeat > 1 ? ` (run ${k + 1} of ${repeat})` : ''}:`);
      const sk = await measured(quietWait, () => sklearnBootstrap(script, cohort.path, replicates, exactReplicates, models));
      note('sklearn', sk.disturbance);
      if (sk.value.value) r.sklearn = r.sklearn ? minMerge(r.sklearn, sk.value.value) : sk.value.value;
      else r.sklearnError = sk.value.error;
    }
  }
  return r;
}

/**
 * journey.py in its own process, timed from spawn to exit. --part=seed: the seed's script alone (the process's time is
 * the script's); --part=models: statsmodels' Logit, and the training matrix for R's glm.
 */
function journeyScript(csv: string, part: 'seed' | 'models', glmMatrix: string | null): { value?: JourneyScriptResult; processSeconds: number; error?: string } {
  const json = join(OUT, `journey-${process.pid}.json`);
  rmSync(json, { force: true });
  const t0 = performance.now();
  const res = spawnSync(PYTHON, [join(ROOT, 'bench', 'journey.py'), '--csv', csv, '--json', json, `--part=${part}`, ...(glmMatrix ? ['--glm-out', glmMatrix] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  const processSeconds = (performance.now() - t0) / 1000;
  if (existsSync(json)) {
    const value = JSON.parse(readFileSync(json, 'utf8')) as JourneyScriptResult;
    rmSync(json, { force: true });
    return { value, processSeconds };
  }
  return { processSeconds, error: res.error ? res.error.message : `exit code ${res.status}` };
}

/** R's glm on the matrix journey.py wrote (the matrix is deleted afterwards). */
function journeyGlm(matrix: string, rows: number, columns: number): GlmResult {
  const json = join(OUT, `glm-${process.pid}.json`);
  rmSync(json, { force: true });
  const res = spawnSync('Rscript', [join(ROOT, 'bench', 'journey_glm.R'), matrix, String(rows), String(columns), json], { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(matrix, { force: true });
  if (existsSync(json)) {
    const value = JSON.parse(readFileSync(json, 'utf8')) as GlmResult;
    rmSync(json, { force: true });
    return value;
  }
  return { ok: false, error: res.error ? res.error.message : `exit code ${res.status}` };
}

/**
 * The journey case on one size: the app in Chromium (file → profile, Train → results, by phase), our pipeline in Node
 * (logreg and logreg-mle), the seed's script, statsmodels and R's glm. One after the other, each waiting for a quiet machine.
 */
async function journeyCase(rows: number, seed: number, skip: Set<string>, quietWait: number, budget: number): Promise<JourneyCaseResult> {
  log(`\n== journey: ${rows} rows ==`);
  const cohort = ensureCohort(OUT, rows, seed);
  log(cohort.reused ? `cohort: reusing ${cohort.path}` : `cohort: wrote ${cohort.path} (${(cohort.bytes / 1e6).toFixed(1)} MB) in ${cohort.seconds.toFixed(1)} s`);
  const r: JourneyCaseResult = { rows, file: cohort.path, bytes: cohort.bytes };
  const disturbance: NonNullable<JourneyCaseResult['disturbance']> = {};
  r.disturbance = disturbance;
  const note = (what: string, d: Disturbance) => {
    (disturbance[what] ??= []).push(d);
    log(`  load average before: ${d.loadAverage.toFixed(2)}${d.foreignCpuSeconds > 0.05 * d.wallSeconds ? `; other processes used ${d.foreignCpuSeconds.toFixed(1)} CPU-s during these ${d.wallSeconds.toFixed(1)} s` : ''}`);
  };
  if (!skip.has('browser')) {
    log('the app in Chromium (file → profile, Train → results):');
    const b = await measured(quietWait, () => runBrowser(ROOT, cohort.path, rows, log));
    note('browser', b.disturbance);
    r.browser = b.value;
    if (!b.value.ok) log(`  browser: FAILED (${b.value.error})`);
  }
  log('ours in Node (read, profile, prepare, logreg, logreg-mle):');
  const ours = await measured(quietWait, () =>
    child<OursResult>('ours', [`--csv=${cohort.path}`, `--rows=${rows}`, `--bytes=${cohort.bytes}`, `--budget=${budget}`, '--models=logreg,logreg-mle'], 6 * 3600),
  );
  note('ours', ours.disturbance);
  if (ours.value.value) r.ours = ours.value.value;
  else r.oursError = ours.value.error;
  if (!skip.has('sklearn')) {
    log("the seed's Python script, end to end:");
    const sc = await measured(quietWait, () => journeyScript(cohort.path, 'seed', null));
    note('script', sc.disturbance);
    r.script = sc.value.value;
    r.scriptProcessSeconds = sc.value.processSeconds;
    if (sc.value.error) r.scriptError = sc.value.error;
    if (r.script) log(`  script ${r.script.script.toFixed(2)} s (process ${sc.value.processSeconds.toFixed(2)} s)`);
    log("statsmodels' Logit().fit() with its standard errors (on the same preparation, not timed):");
    const matrix = skip.has('glm') ? null : join(OUT, `glm-matrix-${process.pid}.f64`);
    const sm = await measured(quietWait, () => journeyScript(cohort.path, 'models', matrix));
    note('statsmodels', sm.disturbance);
    if (r.script && sm.value.value?.statsmodels) r.script.statsmodels = sm.value.value.statsmodels;
    if (sm.value.value?.versions.statsmodels && r.script) r.script.versions.statsmodels = sm.value.value.versions.statsmodels;
    if (r.script?.statsmodels) log(`  statsmodels Logit ${r.script.statsmodels.seconds.toFixed(2)} s`);
    const m = sm.value.value?.glm_matrix;
    if (m) {
      log("R's glm(family = binomial) with summary():");
      const g = await measured(quietWait, () => journeyGlm(m.path, m.rows, m.columns));
      note('glm', g.disturbance);
      r.glm = g.value;
      if (g.value.ok) log(`  glm ${g.value.seconds?.toFixed(2)} s, ${g.value.iterations} iterations`);
    }
  }
  return r;
}

function machine(): Record<string, string | number> {
  let cpu = cpus()[0]?.model ?? '?';
  try {
    const m = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1];
  } catch {
    // not Linux: os.cpus() has the model
  }
  return { cpu, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, flags: process.execArgv.join(' '), date: new Date().toISOString() };
}

async function main(args: Args): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const sizes = list(args, 'sizes', ['10000', '100000', '1000000']).map(Number);
  const seed = num(args, 'seed', 20261125);
  const budget = num(args, 'budget', 600);
  const mlpEpochs = num(args, 'mlp-epochs', 5);
  const gdEpochs = num(args, 'gd-epochs', 200);
  const models = list(args, 'models', ALL_MODELS);
  const skip = new Set(list(args, 'skip', []));
  const mllrFullMax = num(args, 'mllr-full-max-rows', 10_000);
  const mllrSteps = num(args, 'mllr-steps', 200);
  const mllrMaxRows = num(args, 'mllr-max-rows', 100_000);
  const papaMin = num(args, 'papa-min-rows', 100_000);
  const papaMax = num(args, 'papa-max-rows', 1_000_000);
  const svmMaxRows = num(args, 'svm-max-rows', 10_000);
  const repeat = Math.max(1, num(args, 'repeat', 1));
  const quietWait = num(args, 'quiet-wait', 300);
  const only = new Set(list(args, 'only', []));
  if (only.has('notes')) {
    // the note-column case (notes.ts): each size in its own process, and its report alone
    const results: NotesResult[] = [];
    for (const rows of list(args, 'notes-sizes', ['100000', '1000000']).map(Number)) {
      log(`\n== notes: ${rows} rows with a 200-term note column ==`);
      const r = child<NotesResult>('notes', [`--rows=${rows}`, ...(args.get('python') ? [`--python=${args.get('python')}`] : [])], 6 * 3600);
      if (r.value) results.push(r.value);
      else log(`  notes at ${rows}: FAILED (${r.error})`);
    }
    writeFileSync(join(OUT, 'notes.json'), JSON.stringify({ machine: machine(), load: loadavg(), results }, null, 2));
    process.stdout.write(`\n${notesReport(results)}\n`);
    return;
  }
  const runSizes = only.size === 0 || only.has('sizes');
  const runBootstrap = (only.size === 0 || only.has('bootstrap')) && !skip.has('bootstrap');
  const runJourney = (only.size === 0 || only.has('journey')) && !skip.has('journey');
  const journeySizes = list(args, 'journey-sizes', sizes.map(String)).map(Number);
  const info = machine();
  log(`machine: ${JSON.stringify(info)}`);
  if (!(globalThis as { gc?: unknown }).gc) log('note: run node with --expose-gc to collect garbage between phases');

  const results: SizeResults[] = [];
  const cohorts: CohortFile[] = [];
  let bootstrap: BootstrapCaseResult | undefined;
  const journeys: JourneyCaseResult[] = [];
  const save = () =>
    writeFileSync(
      join(OUT, 'results.json'),
      JSON.stringify({ machine: info, settings: { sizes: runSizes ? sizes : [], seed, budget, mlpEpochs, gdEpochs, models, skip: [...skip], only: [...only], mllrFullMax, mllrSteps, svmMaxRows, repeat, quietWait }, cohorts, sizes: results.map((r) => ({ ...r, comparisons: comparisons(r), coefficients: coefficientRows(r) })), bootstrap, journeys }, null, 2),
    );
  for (const rows of runSizes ? sizes : []) {
    log(`\n== ${rows} rows ==`);
    const cohort = ensureCohort(OUT, rows, seed);
    cohorts.push(cohort);
    log(cohort.reused ? `cohort: reusing ${cohort.path}` : `cohort: wrote ${cohort.path} (${(cohort.bytes / 1e6).toFixed(1)} MB) in ${cohort.seconds.toFixed(1)} s`);
    const r: SizeResults = { rows, file: cohort.path, bytes: cohort.bytes };
    results.push(r);
    const common = [`--csv=${cohort.path}`, `--rows=${rows}`, `--bytes=${cohort.bytes}`];

    const disturbance: Record<string, Disturbance[]> = {};
    r.disturbance = disturbance;
    const note = (what: string, d: Disturbance) => {
      (disturbance[what] ??= []).push(d);
      if (d.foreignCpuSeconds > 0.05 * d.wallSeconds) log(`  note: other processes used ${d.foreignCpuSeconds.toFixed(1)} CPU-s during these ${d.wallSeconds.toFixed(1)} s`);
    };

    for (let k = 0; k < repeat; k++) {
      log(`ours${repeat > 1 ? ` (run ${k + 1} of ${repeat})` : ''}:`);
      const ours = await measured(quietWait, () =>
        child<OursResult>('ours', [...common, `--budget=${budget}`, `--mlp-epochs=${mlpEpochs}`, `--gd-epochs=${gdEpochs}`, `--models=${models.join(',')}`], 6 * 3600),
      );
      note('ours', ours.disturbance);
      if (ours.value.value) r.ours = r.ours ? minMerge(r.ours, ours.value.value) : ours.value.value;
      else r.oursError = ours.value.error;
      save();

      if (!skip.has('sklearn')) {
        log(`pandas + scikit-learn${repeat > 1 ? ` (run ${k + 1} of ${repeat})` : ''}:`);
        const sk = await measured(quietWait, () => sklearn(cohort.path, mlpEpochs, svmMaxRows, DEFAULT_MODELS.mlp.learningRate));
        note('sklearn', sk.disturbance);
        if (sk.value.value) r.sklearn = r.sklearn ? minMerge(r.sklearn, sk.value.value) : sk.value.value;
        else r.sklearnError = sk.value.error;
        log(`  done in ${sk.disturbance.wallSeconds.toFixed(1)} s`);
        save();
      }
    }

    if (!skip.has('papa') && rows >= papaMin && rows <= papaMax) {
      log('PapaParse:');
      const papa = await measured(quietWait, () => child<PapaResult>('papa', common, 3600));
      note('papa', papa.disturbance);
      r.papa = papa.value.value ?? { rows, ok: false, error: papa.value.error };
      save();
    }

    if (!skip.has('mllr') && rows <= mllrMaxRows) {
      const steps = rows <= mllrFullMax ? ML_LR_DEFAULT_STEPS : mllrSteps;
      log(`ml-logistic-regression (${steps} steps):`);
      const ml = await measured(quietWait, () => child<MlLrResult>('mllr', [...common, `--steps=${steps}`], 6 * 3600));
      note('mllr', ml.disturbance);
      r.mllr = ml.value.value ?? { rows, ok: false, error: ml.value.error, steps, defaultSteps: ML_LR_DEFAULT_STEPS };
      save();
    }
    if (!skip.has('browser') && rows === Math.max(...sizes)) {
      log('the app in Chromium (file → profile → train → results):');
      const b = await measured(quietWait, () => runBrowser(ROOT, cohort.path, rows, log));
      note('browser', b.disturbance);
      r.browser = b.value;
      if (!b.value.ok) log(`  browser: FAILED (${b.value.error})`);
      save();
    }
    process.stdout.write(`\n${sizeReport(r)}\n`);
  }
  for (const rows of runJourney ? journeySizes : []) {
    const j = await journeyCase(rows, seed, skip, quietWait, budget);
    journeys.push(j);
    save();
    process.stdout.write(`\n${journeyReport(j, info)}\n`);
  }
  if (runBootstrap) {
    bootstrap = await bootstrapCase(args, seed, skip, repeat, quietWait);
    save();
    process.stdout.write(`\n${bootstrapReport(bootstrap)}\n`);
  }
  save();
  log(`\nwrote ${join(OUT, 'results.json')}`);
}

const args = parseArgs(process.argv.slice(2));
(args.has('child') ? childMain(args) : main(args)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
