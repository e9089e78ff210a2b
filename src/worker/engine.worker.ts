/// <reference lib="webworker" />
/**
 * The worker entry: holds the session's data (the loaded table) and exposes the engine API with
 * Comlink. Thin by design: the work is in src/core; this file turns it into small summaries,
 * catches what was not expected, and owns cancellation.
 */
import * as Comlink from 'comlink';
import type { DatasetSummary, EngineApi, ProgressListener, Stage } from './api';
import { RunControl } from './run-control';
import { summarize } from './summarize';
import { readTable } from '../core/ingest/read-table';
import { blobSource } from '../core/ingest/byte-source';
import { train, type TrainReport, type TrainedRun } from '../core/train/train';
import { compareModels } from '../core/train/compare';
import { atThreshold } from '../core/train/evaluate';
import type { Table } from '../core/table/column';
import type { TrainSetup } from '../core/prep/setup';
import { Cancelled } from '../core/util/run-context';
import { fail, ok, type AppError, type Result } from '../core/errors';
import { patientIndex } from '../core/patients/patient-key';
import { scoreTable, type BatchScores } from '../core/score/score-table';
import { sklearnScript } from '../core/export/codegen-sklearn';
import { pysparkScript } from '../core/export/codegen-pyspark';
import { batchCsv, batchPreview, exportModel, importModel, modelInfo, patient, type ActiveModel } from './model-use';
import { deidentifiedCsv } from './privacy';
import { forgetEverything, openSession, saveSession, savedSessionInfo, type SessionSource } from './session-store';
import { addDerivedAge } from './derived-age';

interface Session {
  table: Table;
  summary: DatasetSummary;
  /** How the file was read: to rebuild the profile (derived columns, a reopened session). */
  source: SessionSource;
  /**
   * The last run's test-set threshold table (threshold questions use it). Only that: the run's design
   * matrices (the size of the table again) are left to the garbage collector as soon as training ends,
   * so that a second training does not hold two preparations at once.
   */
  run?: { testTable: TrainedRun['testTable'] };
  /** Columns the user marked as not identifiers. */
  notIdentifiers: Set<string>;
}

/** The summary again (after the key, a derived column or an identifier mark changed). */
function resummarize(s: Session, patientKey: string | null): DatasetSummary {
  return summarize({ table: s.table, ...s.source }, s.source.fileName, s.source.fileBytes, patientKey, s.notIdentifiers);
}

let session: Session | null = null;

/** The session's patient key goes into every setup: the engine owns it (the UI shows and changes it through setPatientKey). */
function withSessionKey(s: Session, setup: TrainSetup): TrainSetup {
  return { ...setup, patientKey: s.summary.patientKey };
}

/** A feature the data step flags as an identifier (a name, a record number…): its values would end up in the model file. */
function identifierFeature(summary: DatasetSummary, setup: TrainSetup): AppError | null {
  for (const name of setup.features) {
    const c = summary.columns.find((x) => x.name === name);
    if (c?.phi && name !== setup.outcome) return { code: 'identifier-feature', column: name, value: c.phi.kind };
  }
  return null;
}
/** The model the "use the model" step works with: the last trained here, or one imported from a file. */
let active: ActiveModel | null = null;
let importedText: string | null = null;
/** The last batch-scored file. */
let batch: { table: Table; scores: BatchScores } | null = null;
let running: RunControl | null = null;

/** Runs one task with its own cancel flag; turns cancellation and unexpected exceptions into results. */
async function run<T>(onProgress: ProgressListener, stage: Stage, task: (ctx: RunControl) => Promise<Result<T>>): Promise<Result<T>> {
  if (running) running.cancelled = true; // a new task supersedes the old one
  const ctx = new RunControl(onProgress, stage);
  running = ctx;
  try {
    return await task(ctx);
  } catch (e) {
    if (e instanceof Cancelled) return fail({ code: 'cancelled' });
    // a typed array the browser could not allocate: the file is too large for this computer's memory
    if (e instanceof RangeError && /allocation failed|invalid array length|out of memory/i.test(e.message)) return fail({ code: 'out-of-memory', detail: e.message });
    console.error(e);
    return fail({ code: 'internal', detail: e instanceof Error ? e.message : String(e) });
  } finally {
    if (running === ctx) running = null;
    (onProgress as unknown as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
  }
}

const api: EngineApi = {
  load(file: Blob, fileName: string, onProgress: ProgressListener) {
    return run(onProgress, 'read', async (ctx) => {
      const loaded = await readTable(blobSource(file), ctx);
      if (!loaded.ok) return loaded;
      const { table, ...how } = loaded.value;
      const source: SessionSource = { ...how, fileName, fileBytes: file.size };
      session = { table, summary: summarize(loaded.value, fileName, file.size), source, notIdentifiers: new Set() };
      const summary = session.summary;
      if (active?.source === 'trained') active = null; // a model trained on the previous file goes with it
      return ok(summary);
    });
  },

  train(requested: TrainSetup, onProgress: ProgressListener) {
    return run<TrainReport>(onProgress, 'prepare', async (ctx) => {
      if (!session) return fail({ code: 'no-data-loaded' });
      const setup = withSessionKey(session, requested);
      const refused = identifierFeature(session.summary, setup);
      if (refused) return fail(refused);
      const result = await train(session.table, setup, { ctx, onEpoch: ctx.addLoss });
      if (!result.ok) return result;
      const { run: trained, report } = result.value;
      session.run = { testTable: trained.testTable };
      active = {
        source: 'trained',
        fitted: trained.prepared.fitted,
        model: trained.model,
        threshold: 0.5,
        negativeLabel: report.negativeClasses.length === 1 ? report.negativeClasses[0] : `not ${report.positiveClass}`,
        report,
        setup,
      };
      importedText = null;
      return ok(report);
    });
  },

  async threshold(threshold: number) {
    if (!session?.run) return fail({ code: 'no-data-loaded' });
    if (!(threshold >= 0 && threshold <= 1)) return fail({ code: 'bad-parameter', value: String(threshold) });
    return ok(atThreshold(session.run.testTable, threshold));
  },

  compare(requested: TrainSetup, onProgress: ProgressListener) {
    return run(onProgress, 'compare', async (ctx) => {
      if (!session) return fail({ code: 'no-data-loaded' });
      const setup = withSessionKey(session, requested);
      const refused = identifierFeature(session.summary, setup);
      if (refused) return fail(refused);
      return compareModels(session.table, setup, ctx, (kind) => (ctx.model = kind));
    });
  },

  async activeModel() {
    return active ? modelInfo(active) : null;
  },

  async patient(values, whatIf) {
    if (!active) return fail({ code: 'no-model' });
    return patient(active, values, whatIf);
  },

  scoreFile(file, fileName, threshold, onProgress) {
    return run(onProgress, 'read', async (ctx) => {
      if (!active) return fail({ code: 'no-model' });
      const loaded = await readTable(blobSource(file), ctx);
      if (!loaded.ok) return loaded;
      const scores = await scoreTable(loaded.value.table, active.fitted, active.model, threshold, ctx);
      if (!scores.ok) return scores;
      batch = { table: loaded.value.table, scores: scores.value };
      return ok(batchPreview(loaded.value.table, scores.value, active, fileName));
    });
  },

  async batchCsv() {
    if (!batch || !active) return fail({ code: 'no-model' });
    return ok(batchCsv(batch.table, batch.scores, active));
  },

  async exportModel(threshold) {
    if (!active) return fail({ code: 'no-model' });
    return exportModel(active, threshold, importedText);
  },

  async importModel(text) {
    const imported = importModel(text);
    if (!imported.ok) return imported;
    active = imported.value;
    importedText = text;
    batch = null;
    return ok(modelInfo(active));
  },

  async code(kind) {
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
      appVersion: __APP_VERSION__,
      results: { testAccuracy: r.test.atThreshold.accuracy, auc: r.test.auc, coefficients: r.coefficients?.map((c) => c.coef), intercept: r.intercept },
    };
    return ok(kind === 'sklearn' ? sklearnScript(input) : pysparkScript(input));
  },

  async deriveAge(column) {
    if (!session) return fail({ code: 'no-data-loaded' });
    const derived = addDerivedAge(session.table, session.source, column);
    if (!derived.ok) return derived;
    session.table = derived.value.table;
    session.source = derived.value.source;
    session.summary = resummarize(session, session.summary.patientKey);
    return ok(session.summary);
  },

  async setPatientKey(column) {
    if (!session) return fail({ code: 'no-data-loaded' });
    if (column !== null && !session.table.columns.some((c) => c.name === column)) return fail({ code: 'unknown-column', column });
    session.summary = resummarize(session, column);
    // a model trained with the old split goes with it
    if (active?.source === 'trained') active = null;
    session.run = undefined;
    return ok(session.summary);
  },

  async setNotIdentifier(column, notIdentifier) {
    if (!session) return fail({ code: 'no-data-loaded' });
    if (!session.table.columns.some((c) => c.name === column)) return fail({ code: 'unknown-column', column });
    if (notIdentifier) session.notIdentifiers.add(column);
    else session.notIdentifiers.delete(column);
    session.summary = resummarize(session, session.summary.patientKey);
    return ok(session.summary);
  },

  deidentify(request, onProgress) {
    return run(onProgress, 'deidentify', async (ctx) => {
      if (!session) return fail({ code: 'no-data-loaded' });
      const key = session.summary.patientKey;
      const keyColumn = key === null ? undefined : session.table.columns.find((c) => c.name === key);
      return deidentifiedCsv(session.table, request, ctx, keyColumn ? patientIndex(keyColumn) : null);
    });
  },

  savedSession: () => savedSessionInfo(),

  saveSession(passphrase, setup, onProgress) {
    return run(onProgress, 'encrypt', async () => {
      if (!session) return fail({ code: 'no-data-loaded' });
      return saveSession({ table: session.table, source: session.source, setup, modelFile: active?.source === 'imported' ? importedText : null }, passphrase);
    });
  },

  openSession(passphrase, onProgress) {
    return run(onProgress, 'decrypt', async () => {
      const opened = await openSession(passphrase);
      if (!opened.ok) return opened;
      const { table, source, setup, modelFile } = opened.value;
      session = { table, source, summary: summarize({ table, ...source }, source.fileName, source.fileBytes), notIdentifiers: new Set() };
      active = null;
      importedText = null;
      batch = null;
      if (modelFile) {
        const imported = importModel(modelFile);
        if (imported.ok) {
          active = imported.value;
          importedText = modelFile;
        }
      }
      return ok({ dataset: session.summary, setup, model: active ? modelInfo(active) : null });
    });
  },

  async forgetEverything() {
    await forgetEverything();
    return ok(null);
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

Comlink.expose(api);
