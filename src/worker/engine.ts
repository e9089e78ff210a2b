/**
 * The engine: the session's data and models, and every operation the UI may ask for, in plain
 * TypeScript. `createEngine()` holds the state; engine.worker.ts only exposes it with Comlink, and
 * the Node tests drive the same object through a user's whole journey (one interface, two runners).
 *
 * Every method goes through one guard and answers a `Result`: an expected failure is a typed error,
 * an unexpected exception becomes `internal` (or `out-of-memory`), and cancellation `cancelled`;
 * nothing is thrown across the worker boundary, where Comlink would lose the error's code.
 *
 * The engine owns the facts the screens show: the loaded dataset and its patient key, the model in
 * use and its decision threshold. An operation that changes them answers with their new state, so
 * the UI shows what the engine says instead of deciding it again.
 */
import { cleanDescription, isEmptyDescription } from '../core/report/description';
import type {
  DatasetState, DatasetSummary, DeidOutcome, DeidRequest, EngineApi, ExternalOutcome, ModelInfo, PatientAnswer, ProgressListener, RestoredSession, SavedSessionInfo, Stage, TrainOutcome,
} from './api';
import { RunControl } from './run-control';
import { timingMark, timingMeasure } from '../core/util/timing';
import { summarize } from './summarize';
import { readTable } from '../core/ingest/read-table';
import { blobSource, type ByteSource } from '../core/ingest/byte-source';
import { train, type TrainedRun } from '../core/train/train';
import { compareModels } from '../core/train/compare';
import { atThreshold } from '../core/train/evaluate';
import type { Table } from '../core/table/column';
import type { TrainSetup } from '../core/prep/setup';
import type { ComparisonRow, ThresholdResult } from '../core/train/report';
import type { PatientValue } from '../core/score/patient';
import { Cancelled } from '../core/util/run-context';
import { fail, ok, type AppError, type Result } from '../core/errors';
import { scoreTable } from '../core/score/score-table';
import { sklearnScript } from '../core/export/codegen-sklearn';
import { pysparkScript } from '../core/export/codegen-pyspark';
import { patientIndex } from '../core/patients/patient-key';
import { batchCsv, batchPreview, exportModel, importModel, modelInfo, patient, patientOptions, scoredBatch, type ActiveModel, type ExternalSummary, type ScoredBatch } from './model-use';
import { bootstrapValidation, type BootstrapResult } from '../core/validation/bootstrap';
import { composeRecalibration, evaluateExternal, fitRecalibration, recalibrated, type Recalibration, type RecalibrationMethod } from '../core/validation/external';
import { subgroupPerformance, type SubgroupRow } from '../core/validation/subgroups';
import { riskTable } from '../core/train/evaluate';
import { prepare } from '../core/prep/prepare';
import { modelDefinition } from '../core/models/registry';
import { cellText, isMissing } from '../core/table/column';
import { deidentifiedCsv } from './privacy';
import { openSession, saveSession, savedSessionInfo, type SessionSource, type SessionStorage } from './session-store';
import { addDerivedAge } from './derived-age';
import { treatmentColumns } from '../core/treatment/columns';
import { compareTreatmentOptions, type TreatmentComparison } from '../core/treatment/cohort';

export interface EngineDeps {
  /** Where an opt-in saved session lives (IndexedDB in the worker; memoryStorage() in tests). */
  storage: SessionStorage;
  appVersion: string;
  /** The clock for model files' creation time (tests fix it). */
  now?: () => Date;
  /** Where an unexpected exception is reported (the worker's console). */
  onBug?: (e: unknown) => void;
}

/** The loaded data: everything that goes when another file (or a saved session) replaces it. */
interface Session {
  table: Table;
  summary: DatasetSummary;
  /** How the file was read: to rebuild the profile (derived columns, a reopened session). */
  source: SessionSource;
  /** Columns the user marked as not identifiers. */
  notIdentifiers: Set<string>;
  /**
   * The last run's test rows: their table rows, outcomes and scores (subgroups, decision curves), and
   * the threshold table of the risks of the model in use (threshold questions). Only that: the run's
   * design matrices (the size of the table again) are left to the garbage collector as soon as training
   * ends, so that a second training does not hold two preparations at once.
   */
  run?: { testTable: TrainedRun['testTable']; test: { rows: Int32Array; y: Uint8Array; risk: Float64Array; rank: Float64Array } };
}

/** A second file the model in use was validated on, kept for recalibrating to it. */
interface ExternalData {
  fileName: string;
  rowsRead: number;
  withoutOutcome: number;
  notScored: number;
  y: Uint8Array;
  /** The model's risks before any recalibration. */
  risk: Float64Array;
  /** The recalibration in use when the file was loaded: the external one composes with it. */
  base: Recalibration | null;
  method: RecalibrationMethod;
}

/** The engine's API over plain state, with the guard around every method (see the file comment). */
export function createEngine(deps: EngineDeps): EngineApi {
  const now = deps.now ?? (() => new Date());
  let session: Session | null = null;
  /** The model the "use the model" step works with: the last trained here, or one imported from a file. */
  let active: ActiveModel | null = null;
  /** The last batch-scored file. */
  let batch: ScoredBatch | null = null;
  /** The last external validation file. */
  let external: ExternalData | null = null;
  let running: RunControl | null = null;

  /** Turns what was not expected into a typed error: the one place an exception stops. */
  const caught = (e: unknown): Result<never> => {
    if (e instanceof Cancelled) return fail({ code: 'cancelled' });
    // a typed array the browser could not allocate: the file is too large for this computer's memory
    if (e instanceof RangeError && /allocation failed|invalid array length|out of memory/i.test(e.message)) return fail({ code: 'out-of-memory', detail: e.message });
    deps.onBug?.(e);
    return fail({ code: 'internal', detail: e instanceof Error ? e.message : String(e) });
  };

  /** A quick question: no progress, no cancel, but the same guard. */
  async function guard<T>(task: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await task();
    } catch (e) {
      return caught(e);
    }
  }

  /** A long task: its own cancel flag and throttled progress; a new task supersedes the one running. */
  async function run<T>(onProgress: ProgressListener, stage: Stage, task: (ctx: RunControl) => Promise<Result<T>>): Promise<Result<T>> {
    if (running) running.cancelled = true;
    const ctx = new RunControl(typeof onProgress === 'function' ? onProgress : () => undefined, stage);
    running = ctx;
    timingMark(`run:${stage}`);
    try {
      return await task(ctx);
    } catch (e) {
      return caught(e);
    } finally {
      if (running === ctx) running = null;
      timingMark(`end:${stage}`);
    }
  }

  const text = (v: unknown): v is string => typeof v === 'string';
  const bad = (what: string): Result<never> => fail({ code: 'bad-parameter', value: what });

  /** The dataset and the model in use, as the screens show them. */
  const datasetState = (s: Session): DatasetState => ({ dataset: s.summary, model: active ? modelInfo(active) : null });

  /** A new dataset replaces the old one: a model trained on the old one goes with it (an imported one stays). */
  const replaceSession = (next: Session) => {
    session = next;
    batch = null;
    if (active?.source === 'trained') dropActive();
  };

  /** The model in use changes: what was measured of the old one goes. */
  const dropActive = () => {
    active = null;
    external = null;
  };

  /** The model in use gets a recalibration: the threshold table of the test rows follows it. */
  const setRecalibration = (m: ActiveModel, r: Recalibration | null) => {
    m.recalibration = r;
    if (m.source === 'trained' && session?.run) {
      const t = session.run.test;
      session.run.testTable = riskTable({ y: t.y, risk: recalibrated(t.risk, r), rank: t.rank });
    }
  };

  /** The external file's figures for the model in use. */
  const externalOutcome = (x: ExternalData, m: ActiveModel): ExternalOutcome => ({
    fileName: x.fileName,
    rowsRead: x.rowsRead,
    withoutOutcome: x.withoutOutcome,
    notScored: x.notScored,
    evaluation: evaluateExternal(x.y, recalibrated(x.risk, m.recalibration)),
    method: x.method,
  });

  const summarizeExternal = (o: ExternalOutcome): ExternalSummary => {
    const e = o.evaluation;
    return {
      fileName: o.fileName, rows: e.rows, events: e.events, auc: e.auc.value, aucLow: e.auc.low, aucHigh: e.auc.high, brier: e.brier, oe: e.oe,
      calibrationIntercept: e.calibrationIntercept.value, calibrationSlope: e.calibrationSlope.value,
    };
  };

  const resummarize = (s: Session, patientKey: string | null): DatasetSummary =>
    summarize({ table: s.table, ...s.source }, s.source.fileName, s.source.fileBytes, patientKey, s.notIdentifiers);


  /** A feature the data step flags as an identifier (a name, a record number…): its values would end up in the model file. */
  const identifierFeature = (summary: DatasetSummary, setup: TrainSetup): AppError | null => {
    for (const name of setup.features) {
      const c = summary.columns.find((x) => x.name === name);
      // a note column is read as terms written for at least 5 patients (prep/pipeline.ts): no name or number in it reaches the model
      if (c?.phi && c.phi.kind === 'free-text' && c.type === 'text') continue;
      if (c?.phi && name !== setup.outcome) return { code: 'identifier-feature', column: name, value: c.phi.kind };
    }
    return null;
  };

  /**
   * A setup as the engine trains it: checked, with the session's patient key (the engine owns it), and
   * refused when a feature is flagged as an identifier.
   */
  const setupFor = (s: Session, requested: unknown): Result<TrainSetup> => {
    const invalid = checkSetup(requested);
    if (invalid) return fail(invalid);
    const setup = { ...(requested as TrainSetup), patientKey: s.summary.patientKey };
    const refused = identifierFeature(s.summary, setup);
    return refused ? fail(refused) : ok(setup);
  };

  const checkSetup = (setup: unknown): AppError | null => {
    const s = setup as TrainSetup | null;
    if (!s || typeof s !== 'object' || !text(s.outcome) || !text(s.positiveClass) || !Array.isArray(s.features) || !s.features.every(text)) {
      return { code: 'bad-parameter', value: 'setup' };
    }
    if (!s.model || typeof s.model !== 'object' || !s.split || typeof s.split !== 'object') return { code: 'bad-parameter', value: 'setup' };
    return null;
  };

  const api: EngineApi = {
    load(file, fileName, onProgress) {
      return run(onProgress, 'read', async (ctx) => {
        if (!(file instanceof Blob) || !text(fileName)) return bad('file');
        // the time spent waiting for the file's bytes, for the benchmark's journey (a user-timing measure)
        const bytes = blobSource(file);
        let waited = 0;
        const timed: ByteSource = {
          size: bytes.size,
          read: async (from, to) => {
            const t = performance.now();
            try {
              return await bytes.read(from, to);
            } finally {
              waited += performance.now() - t;
            }
          },
        };
        const loaded = await readTable(timed, ctx);
        timingMeasure('file-read', waited);
        if (!loaded.ok) return loaded;
        const { table, ...how } = loaded.value;
        const source: SessionSource = { ...how, fileName, fileBytes: file.size };
        timingMark('summarize');
        replaceSession({ table, summary: summarize(loaded.value, fileName, file.size), source, notIdentifiers: new Set() });
        return ok(datasetState(session as Session));
      });
    },

    setPatientKey(column) {
      return guard(() => {
        if (!session) return fail({ code: 'no-data-loaded' });
        if (column !== null && !text(column)) return bad('column');
        if (column !== null && !session.table.columns.some((c) => c.name === column)) return fail({ code: 'unknown-column', column });
        session.summary = resummarize(session, column);
        // a model trained with the old split goes with it
        if (active?.source === 'trained') dropActive();
        session.run = undefined;
        return ok(datasetState(session));
      });
    },

    setNotIdentifier(column, notIdentifier) {
      return guard(() => {
        if (!session) return fail({ code: 'no-data-loaded' });
        if (!text(column) || typeof notIdentifier !== 'boolean') return bad('column');
        if (!session.table.columns.some((c) => c.name === column)) return fail({ code: 'unknown-column', column });
        if (notIdentifier) session.notIdentifiers.add(column);
        else session.notIdentifiers.delete(column);
        session.summary = resummarize(session, session.summary.patientKey);
        return ok(datasetState(session));
      });
    },

    deriveAge(column) {
      return guard(() => {
        if (!session) return fail({ code: 'no-data-loaded' });
        if (!text(column)) return bad('column');
        const derived = addDerivedAge(session.table, session.source, column);
        if (!derived.ok) return derived;
        session.table = derived.value.table;
        session.source = derived.value.source;
        session.summary = resummarize(session, session.summary.patientKey);
        return ok(datasetState(session));
      });
    },

    train(requested, onProgress) {
      return run<TrainOutcome>(onProgress, 'prepare', async (ctx) => {
        if (!session) return fail({ code: 'no-data-loaded' });
        const checked = setupFor(session, requested);
        if (!checked.ok) return checked;
        const setup = checked.value;
        const result = await train(session.table, setup, { ctx, onEpoch: ctx.addLoss });
        if (!result.ok) return result;
        const { run: trained, report } = result.value;
        const test = trained.test;
        session.run = { testTable: trained.testTable, test: { rows: trained.prepared.testRows, y: test.y, risk: test.risk, rank: test.rank } };
        // the author's description of the study stays with the next model trained on it
        const description = active?.description ?? null;
        dropActive();
        active = {
          source: 'trained',
          fitted: trained.prepared.fitted,
          model: trained.model,
          threshold: 0.5,
          negativeLabel: report.negativeClasses.length === 1 ? report.negativeClasses[0] : `not ${report.positiveClass}`,
          report,
          setup,
          recalibration: null,
          validation: { bootstrap: null, external: null },
          description,
          treatments: treatmentColumns(trained.prepared.fitted, session.table, trained.prepared.trainRows),
        };
        batch = null;
        return ok({ report, model: modelInfo(active) });
      });
    },

    setThreshold(threshold) {
      return guard(() => {
        if (!session?.run) return fail({ code: 'no-data-loaded' });
        if (!(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) return bad(`threshold = ${String(threshold)}`);
        const metrics: ThresholdResult = atThreshold(session.run.testTable, threshold);
        // the trained model decides at the threshold the results show
        if (active?.source === 'trained') active.threshold = threshold;
        return ok({ metrics, model: active ? modelInfo(active) : null });
      });
    },

    compare(requested, onProgress) {
      return run<ComparisonRow[]>(onProgress, 'compare', async (ctx) => {
        if (!session) return fail({ code: 'no-data-loaded' });
        const setup = setupFor(session, requested);
        if (!setup.ok) return setup;
        return compareModels(session.table, setup.value, ctx, (kind) => (ctx.model = kind));
      });
    },

    activeModel() {
      return guard(() => ok(active ? modelInfo(active) : null));
    },

    patient(values, whatIf) {
      return guard<PatientAnswer>(() => {
        if (!active) return fail({ code: 'no-model' });
        if (!Array.isArray(values) || !Array.isArray(whatIf) || !whatIf.every((k) => Number.isInteger(k))) return bad('patient');
        return patient(active, values as PatientValue[], whatIf);
      });
    },

    scoreFile(file, fileName, onProgress) {
      return run(onProgress, 'read', async (ctx) => {
        if (!active) return fail({ code: 'no-model' });
        if (!(file instanceof Blob) || !text(fileName)) return bad('file');
        const model = active;
        const loaded = await readTable(blobSource(file), ctx);
        if (!loaded.ok) return loaded;
        const scores = await scoreTable(loaded.value.table, model.fitted, model.model, model.threshold, ctx, model.recalibration);
        if (!scores.ok) return scores;
        batch = scoredBatch(loaded.value.table, scores.value);
        return ok(batchPreview(batch, model, fileName));
      });
    },

    batchCsv() {
      return guard(() => (batch && active ? ok(batchCsv(batch, active)) : fail({ code: 'no-model' })));
    },

    exportModel() {
      return guard(async () => {
        if (!active) return fail({ code: 'no-model' });
        const file = await exportModel(active, active.threshold, deps.appVersion, now().toISOString());
        if (file.ok) active.fingerprint = file.value.sha256;
        return file;
      });
    },

    importModel(file) {
      return guard(async () => {
        if (!(file instanceof Blob)) return bad('file');
        const imported = await importModel(new Uint8Array(await file.arrayBuffer()));
        if (!imported.ok) return imported;
        dropActive();
        active = imported.value;
        batch = null;
        return ok(modelInfo(active));
      });
    },

    code(kind) {
      return guard(() => {
        if (kind !== 'sklearn' && kind !== 'pyspark') return bad(`code = ${String(kind)}`);
        if (!active || active.source !== 'trained' || !active.setup || !active.report || !session) return fail({ code: 'no-model' });
        const s = session.summary;
        const r = active.report;
        const input = {
          fileName: s.fileName,
          encoding: s.encoding,
          delimiter: s.delimiter,
          decimalComma: s.decimalComma,
          setup: active.setup,
          fitted: active.fitted,
          patientKeyNumeric: session.table.columns.find((c) => c.name === active?.setup?.patientKey)?.storage === 'numeric',
          appVersion: deps.appVersion,
          recalibration: active.recalibration,
          results: { testAccuracy: r.test.atThreshold.accuracy, auc: r.test.auc, coefficients: r.coefficients?.map((c) => c.coef), intercept: r.intercept },
        };
        return ok(kind === 'sklearn' ? sklearnScript(input) : pysparkScript(input));
      });
    },

    deidentify(request: DeidRequest, onProgress) {
      return run<DeidOutcome>(onProgress, 'deidentify', async (ctx) => {
        if (!session) return fail({ code: 'no-data-loaded' });
        if (!request || typeof request !== 'object' || !Array.isArray(request.actions) || !Array.isArray(request.quasiIdentifiers)) return bad('request');
        const key = session.summary.patientKey;
        const keyColumn = key === null ? undefined : session.table.columns.find((c) => c.name === key);
        return deidentifiedCsv(session.table, request, ctx, keyColumn ? patientIndex(keyColumn) : null);
      });
    },

    savedSession() {
      return guard<SavedSessionInfo | null>(async () => ok(await savedSessionInfo(deps.storage)));
    },

    saveSession(passphrase, setup, onProgress) {
      return run(onProgress, 'encrypt', async () => {
        if (!session) return fail({ code: 'no-data-loaded' });
        if (!text(passphrase)) return bad('passphrase');
        return saveSession(deps.storage, {
          table: session.table,
          source: session.source,
          setup,
          modelFile: active?.source === 'imported' && active.file ? active.file.text : null,
          patientKey: session.summary.patientKey,
          notIdentifiers: [...session.notIdentifiers],
        }, passphrase);
      });
    },

    openSession(passphrase, onProgress) {
      return run<RestoredSession>(onProgress, 'decrypt', async () => {
        if (!text(passphrase)) return bad('passphrase');
        const opened = await openSession(deps.storage, passphrase);
        if (!opened.ok) return opened;
        const { table, source, setup, modelFile } = opened.value;
        const restored: Session = { table, source, notIdentifiers: new Set(opened.value.notIdentifiers ?? []), summary: null as unknown as DatasetSummary };
        restored.summary = resummarize(restored, opened.value.patientKey === undefined ? (setup?.patientKey ?? null) : opened.value.patientKey);
        replaceSession(restored);
        active = null;
        if (modelFile) {
          const imported = await importModel(new TextEncoder().encode(modelFile));
          if (imported.ok) active = imported.value;
        }
        return ok({ ...datasetState(restored), setup });
      });
    },

    describeModel(description) {
      return guard<ModelInfo>(() => {
        if (!active) return fail({ code: 'no-model' });
        if (!description || typeof description !== 'object') return bad('description');
        const clean = cleanDescription(description);
        active.description = isEmptyDescription(clean) ? null : clean;
        return ok(modelInfo(active));
      });
    },

    forgetEverything() {
      return guard<true>(async () => {
        const done = await deps.storage.clear();
        return done === 'deleted' ? ok(true) : fail({ code: 'forget-blocked' });
      });
    },

    validateBootstrap(replicates, onProgress) {
      return run<BootstrapResult>(onProgress, 'validate', async (ctx) => {
        if (!session || !active || active.source !== 'trained' || !active.setup) return fail({ code: 'no-model' });
        const model = active;
        const result = await bootstrapValidation(session.table, model.setup as TrainSetup, model.model, replicates, ctx);
        if (result.ok) model.validation.bootstrap = result.value;
        return result;
      });
    },

    applyShrinkage() {
      return guard(async () => {
        const b = active?.validation.bootstrap;
        if (!session || !active || active.source !== 'trained' || !active.setup || !b) return fail({ code: 'no-model' });
        if (!(b.shrinkage > 0 && Number.isFinite(b.shrinkage))) return fail({ code: 'bad-parameter', value: `shrinkage = ${b.shrinkage}` });
        // the intercept re-estimated on the training rows, with the shrunk log-odds as offset
        const prepared = prepare(session.table, active.setup);
        if (!prepared.ok) return prepared;
        const d = prepared.value;
        const risk = modelDefinition(active.model.kind).score(active.model, d.trainX).risk;
        const shrunk = recalibrated(risk, { intercept: 0, slope: b.shrinkage });
        const a = fitRecalibration(d.trainY, shrunk, 'intercept');
        if (!a) return fail({ code: 'bad-parameter', value: 'shrinkage' });
        setRecalibration(active, { intercept: a.intercept, slope: b.shrinkage, method: 'shrinkage', rows: d.trainY.length });
        external = null;
        active.validation.external = null;
        return ok(modelInfo(active));
      });
    },

    validateExternal(file, fileName, onProgress) {
      return run<ExternalOutcome>(onProgress, 'read', async (ctx) => {
        if (!active) return fail({ code: 'no-model' });
        if (!(file instanceof Blob) || !text(fileName)) return bad('file');
        const model = active;
        const loaded = await readTable(blobSource(file), ctx);
        if (!loaded.ok) return loaded;
        const table = loaded.value.table;
        const outcome = table.columns.find((c) => c.name === model.fitted.setup.outcome);
        if (!outcome) return fail({ code: 'missing-columns', column: model.fitted.setup.outcome, count: 1, detail: JSON.stringify(model.fitted.setup.outcome) });
        const scores = await scoreTable(table, model.fitted, model.model, model.threshold, ctx);
        if (!scores.ok) return scores;
        const keep: number[] = [];
        let withoutOutcome = 0;
        let notScored = 0;
        for (let i = 0; i < table.rowCount; i++) {
          if (isMissing(outcome, i)) withoutOutcome++;
          else if (!Number.isFinite(scores.value.risk[i])) notScored++;
          else keep.push(i);
        }
        const y = Uint8Array.from(keep, (i) => (cellText(outcome, i) === model.fitted.setup.positiveClass ? 1 : 0));
        const events = y.reduce((s, v) => s + v, 0);
        if (events === 0 || events === y.length) return fail({ code: 'outcome-one-class', column: outcome.name, count: y.length });
        external = {
          fileName, rowsRead: table.rowCount, withoutOutcome, notScored, y,
          risk: Float64Array.from(keep, (i) => scores.value.risk[i]), base: model.recalibration, method: 'none',
        };
        const outcomeSummary = externalOutcome(external, model);
        model.validation.external = summarizeExternal(outcomeSummary);
        return ok(outcomeSummary);
      });
    },

    recalibrate(method) {
      return guard(() => {
        if (!active || !external) return fail({ code: 'no-model' });
        if (method !== 'none' && method !== 'intercept' && method !== 'logistic') return bad(`recalibration = ${String(method)}`);
        const x = external;
        const update = fitRecalibration(x.y, recalibrated(x.risk, x.base), method);
        if (method !== 'none' && !update) return fail({ code: 'bad-parameter', value: `recalibration = ${method}` });
        setRecalibration(active, update ? composeRecalibration(x.base, update) : x.base);
        x.method = method;
        const outcome = externalOutcome(x, active);
        active.validation.external = summarizeExternal(outcome);
        return ok({ external: outcome, model: modelInfo(active) });
      });
    },

    subgroups(column) {
      return guard<SubgroupRow[]>(() => {
        if (!session?.run || !active || active.source !== 'trained') return fail({ code: 'no-model' });
        if (!text(column)) return bad('column');
        const col = session.table.columns.find((c) => c.name === column);
        if (!col) return fail({ code: 'unknown-column', column });
        const t = session.run.test;
        const key = session.summary.patientKey;
        const keyColumn = key === null ? undefined : session.table.columns.find((c) => c.name === key);
        const rows = subgroupPerformance(col, t.rows, t.y, recalibrated(t.risk, active.recalibration), t.rank, keyColumn ? patientIndex(keyColumn) : null);
        return rows ? ok(rows) : fail({ code: 'bad-parameter', column, value: 'too many levels' });
      });
    },

    patientTreatment(values, column) {
      return guard(() => {
        if (!active) return fail({ code: 'no-model' });
        if (!Array.isArray(values) || !text(column)) return bad('patient');
        return patientOptions(active, values as PatientValue[], column);
      });
    },

    compareTreatments(column, replicates, onProgress) {
      return run<TreatmentComparison>(onProgress, 'treatment', async (ctx) => {
        // the cohort is the test rows of the trained model in use
        if (!session?.run || !active || active.source !== 'trained' || !active.setup) return fail({ code: 'no-model' });
        if (!text(column)) return bad('column');
        const treatment = active.treatments.find((t) => t.column === column);
        if (!treatment) return fail({ code: 'bad-parameter', column, value: 'treatment' });
        const m = active;
        return compareTreatmentOptions({ table: session.table, setup: m.setup as TrainSetup, fitted: m.fitted, model: m.model, recalibration: m.recalibration, treatment }, replicates, ctx);
      });
    },

    crashForTest() {
      setTimeout(() => {
        throw new Error('simulated crash (test)');
      });
    },

    cancel() {
      if (running) running.cancelled = true;
    },
  };
  return api;
}
