import type { ModelDescription } from '../core/report/description';
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { connectEngine, onEngineUnavailable, type Engine } from '../worker/client';
import type { BatchPreview, DatasetState, DatasetSummary, DeidOutcome, DeidRequest, EngineApi, ModelInfo, PatientAnswer, Progress, SavedSessionInfo } from '../worker/api';
import type { PatientValue } from '../core/score/patient';
import type { AppError, Result } from '../core/errors';
import type { TrainSetup } from '../core/prep/setup';
import type { ComparisonRow, LossPoint, ThresholdResult, TrainReport } from '../core/train/report';
import type { Remote } from 'comlink';
import type { ExternalOutcome } from '../worker/api';
import type { BootstrapResult } from '../core/validation/bootstrap';
import type { RecalibrationMethod } from '../core/validation/external';
import type { SubgroupRow } from '../core/validation/subgroups';
import type { PatientTreatment, TreatmentComparison } from '../worker/api';
import type { Retirer } from '../components/retire';
import { timingMark } from '../core/util/timing';

export type Task = 'load' | 'train' | 'compare' | 'score' | 'validate' | 'external' | 'treatment' | 'deidentify' | 'save' | 'open' | 'forget' | 'export';

/** What was found when validating the model in use: it goes with the model. */
export interface ValidationState {
  bootstrap: BootstrapResult | null;
  external: ExternalOutcome | null;
  subgroups: { column: string; rows: SubgroupRow[] } | null;
  /** Treatment options compared in the cohort, and the two options the difference is shown for. */
  treatment: TreatmentState | null;
}

export interface TreatmentState {
  result: TreatmentComparison;
  /** The option compared with (the engine's default: the most common), and the option compared (indices into the options). */
  reference: number;
  compared: number;
}

const NO_VALIDATION: ValidationState = { bootstrap: null, external: null, subgroups: null, treatment: null };

/** The option shown against the reference to start with: the other option with the lowest standardized risk. */
export function defaultCompared(result: TreatmentComparison, reference: number): number {
  let best = -1;
  result.options.forEach((o, k) => {
    if (k !== reference && (best < 0 || o.value < result.options[best].value)) best = k;
  });
  return best;
}

export interface WorkbenchState {
  dataset: DatasetSummary | null;
  report: TrainReport | null;
  /** The setup the report was trained with. */
  trainedSetup: TrainSetup | null;
  /** The report's test metrics at the threshold the engine holds (0.5 until moved). */
  current: ThresholdResult | null;
  comparison: ComparisonRow[] | null;
  /** The model the "use the model" step works with (trained here or imported), as the engine describes it. */
  model: ModelInfo | null;
  batch: BatchPreview | null;
  /** What this app keeps on the device: the encrypted session, if the user saved one. */
  saved: SavedSessionInfo | null;
  /** A setup restored from a saved session, for the setup form to start from. */
  restoredSetup: TrainSetup | null;
  deid: Omit<DeidOutcome, 'blob'> | null;
  validation: ValidationState;
  busy: { task: Task; progress: Progress | null; loss: LossPoint[] } | null;
  error: { task: Task; error: AppError; fileName?: string } | null;
  /** A short status line for screen readers and sighted users alike ("Loaded…", "Cancelled"). */
  status: 'loaded' | 'trained' | 'compared' | 'scored' | 'imported' | 'saved' | 'opened' | 'forgotten' | 'deidentified' | 'cancelled' | 'failed' | null;
  /** Bumps whenever the engine's dataset changes (a file, a session, the patient key), so forms start again from it. */
  datasetVersion: number;
}

const initial: WorkbenchState = {
  dataset: null,
  report: null,
  trainedSetup: null,
  current: null,
  comparison: null,
  model: null,
  batch: null,
  saved: null,
  restoredSetup: null,
  deid: null,
  validation: NO_VALIDATION,
  busy: null,
  error: null,
  status: null,
  datasetVersion: 0,
};

/** What belongs to the loaded dataset: results, comparison, batch scores, de-identification report. */
const DATASET_RESULTS_CLEARED = { report: null, trainedSetup: null, current: null, comparison: null, batch: null, deid: null, validation: NO_VALIDATION } as const;

/** The state after the engine's dataset changed: what belonged to the old one goes; the model is whatever the engine kept. */
function withDataset(s: WorkbenchState, next: DatasetState, restoredSetup: TrainSetup | null, status: WorkbenchState['status']): WorkbenchState {
  return { ...s, ...DATASET_RESULTS_CLEARED, busy: null, dataset: next.dataset, model: next.model, restoredSetup, status, datasetVersion: s.datasetVersion + 1 };
}

type Api = Remote<EngineApi>;

/**
 * The UI's state and actions; every computation is a call to the engine worker. `retirer`: the screen's
 * retirer (components/retire.ts), which takes the old results down a part per frame while a new dataset
 * is read, instead of in one long commit when it replaces them.
 */
export function useWorkbench(retirer?: Retirer) {
  const engineRef = useRef<Engine | null>(null);
  const thresholdRequest = useRef(0);
  /** The last file loaded, kept on this side so it can be loaded again into a fresh worker after a crash. */
  const lastFile = useRef<{ file: Blob; name: string } | null>(null);
  const [state, setState] = useState<WorkbenchState>(initial);

  /** The one place an engine error becomes what the page shows (a cancel is a status, not an error). */
  const showFailure = useCallback((task: Task, error: AppError, fileName?: string) => {
    setState((s) => ({
      ...s,
      busy: null,
      error: error.code === 'cancelled' ? null : { task, error, fileName },
      status: error.code === 'cancelled' ? 'cancelled' : 'failed',
      // a crashed worker took the loaded table and the models with it: the user must load the file again
      ...(error.code === 'worker-crashed' ? { ...DATASET_RESULTS_CLEARED, dataset: null, model: null } : {}),
    }));
  }, []);

  useEffect(() => {
    const engine = connectEngine();
    engineRef.current = engine;
    // the worker died between calls (its table with it): say so, and offer to load the file again
    engine.onCrash((detail) => showFailure('load', { code: 'worker-crashed', detail }, lastFile.current?.name));
    // the browser would not run the worker (e.g. a policy against workers from a file:// page): say so
    const unsubscribe = onEngineUnavailable((detail) => showFailure('load', { code: 'engine-unavailable', detail }));
    if (location.hash.includes('e2e-diagnostics')) (window as unknown as { __cmlwCrashEngine?: () => void }).__cmlwCrashEngine = () => engine.crashForTest();
    // what is stored on this device (nothing, unless a session was saved): read, never written, at start
    void engine.call((api) => api.savedSession(), () => undefined).then((r) => {
      if (r.ok) setState((s) => ({ ...s, saved: r.value }));
    });
    return () => {
      unsubscribe();
      engine.dispose();
    };
  }, [showFailure]);

  /** A long task with the progress bar; its failure is shown. Null when there is no engine. */
  const runTask = useCallback(
    async <T,>(task: Task, call: (api: Api, onProgress: (p: Progress) => void) => Promise<Result<T>>, fileName?: string): Promise<T | null> => {
      const engine = engineRef.current;
      if (!engine) return null;
      // a transition: the busy state disables buttons across the page, a render React does in slices
      // (in the click's own task it was one 50–70 ms task with the results and the patient panel on screen)
      startTransition(() => setState((s) => ({ ...s, busy: { task, progress: null, loss: [] }, error: null, status: null })));
      const onProgress = (progress: Progress) =>
        setState((s) => (s.busy ? { ...s, busy: { task, progress, loss: progress.loss ? [...s.busy.loss, ...progress.loss] : s.busy.loss } } : s));
      // user-timing marks: when the page asked the engine, and when its answer came back (DevTools, the benchmark)
      timingMark(`call:${task}`);
      const result = await engine.call(call, onProgress);
      timingMark(`result:${task}`);
      if (result.ok) return result.value;
      showFailure(task, result.error, fileName);
      return null;
    },
    [showFailure],
  );

  /** A quick question (no progress bar); its failure is shown. */
  const ask = useCallback(
    async <T,>(task: Task, call: (api: Api) => Promise<Result<T>>, fileName?: string): Promise<T | null> => {
      const engine = engineRef.current;
      if (!engine) return null;
      const result = await engine.call(call, () => undefined);
      if (result.ok) return result.value;
      showFailure(task, result.error, fileName);
      return null;
    },
    [showFailure],
  );

  /**
   * A call that replaces the dataset: while the engine works, the screen that goes with the old dataset is
   * taken down a part per frame (it comes back if the call fails or is cancelled), then the new one is set.
   */
  const replacingDataset = useCallback(
    async <T extends DatasetState>(call: () => Promise<T | null>, apply: (next: T) => void) => {
      const retired = retirer?.retire();
      try {
        const next = await call();
        if (!next) return;
        await retired;
        apply(next);
      } finally {
        retirer?.release();
      }
    },
    [retirer],
  );

  const load = useCallback(
    async (file: Blob, fileName: string) => {
      lastFile.current = { file, name: fileName };
      await replacingDataset(
        () => runTask('load', (api, progress) => api.load(file, fileName, progress), fileName),
        // a transition: React renders the new screens in slices, so the page keeps responding
        (next) => startTransition(() => setState((s) => withDataset(s, next, null, 'loaded'))),
      );
    },
    [runTask, replacingDataset],
  );

  const train = useCallback(
    async (setup: TrainSetup) => {
      const outcome = await runTask('train', (api, progress) => api.train(setup, progress));
      if (!outcome) return;
      thresholdRequest.current++;
      startTransition(() =>
        setState((s) => ({
          ...s,
          busy: null,
          report: outcome.report,
          trainedSetup: setup,
          current: outcome.report.test.atThreshold,
          model: outcome.model,
          batch: null,
          validation: NO_VALIDATION,
          status: 'trained',
        })),
      );
    },
    [runTask],
  );

  const compare = useCallback(
    async (setup: TrainSetup) => {
      const rows = await runTask('compare', (api, progress) => api.compare(setup, progress));
      if (rows) startTransition(() => setState((s) => ({ ...s, busy: null, comparison: rows, status: 'compared' })));
    },
    [runTask],
  );

  /** Moves the decision threshold: the engine recounts the test rows in O(log n) and holds it; stale answers are dropped. */
  const setThreshold = useCallback(async (threshold: number) => {
    const engine = engineRef.current;
    if (!engine) return;
    const request = ++thresholdRequest.current;
    const result = await engine.call((api) => api.setThreshold(threshold), () => undefined);
    // a transition: redrawing the ROC and PR points may take a few frames; the slider stays responsive
    if (result.ok && request === thresholdRequest.current) {
      const { metrics, model } = result.value;
      startTransition(() => setState((s) => ({ ...s, current: metrics, model })));
    }
  }, []);

  /** One patient's risk and what-if curves (the panel keeps its own state; nothing is stored). */
  const queryPatient = useCallback(async (values: PatientValue[], whatIf: number[]): Promise<Result<PatientAnswer>> => {
    const engine = engineRef.current;
    if (!engine) return { ok: false, error: { code: 'no-model' } };
    return engine.call((api) => api.patient(values, whatIf), () => undefined);
  }, []);

  const scoreFile = useCallback(
    async (file: File) => {
      const preview = await runTask('score', (api, progress) => api.scoreFile(file, file.name, progress), file.name);
      if (preview) startTransition(() => setState((s) => ({ ...s, busy: null, batch: preview, status: 'scored' })));
    },
    [runTask],
  );

  /** Something to download (CSV, script); errors go to the alert. */
  const fetchExport = useCallback(<T,>(call: (api: Api) => Promise<Result<T>>): Promise<T | null> => ask('export', call), [ask]);

  /** The model file to save, with its fingerprint shown from then on. */
  const fetchModelFile = useCallback(async (): Promise<string | null> => {
    const file = await ask('export', (api) => api.exportModel());
    if (!file) return null;
    setState((s) => (s.model ? { ...s, model: { ...s.model, fingerprint: file.sha256 } } : s));
    return file.text;
  }, [ask]);

  const importModel = useCallback(
    async (file: File) => {
      const model = await ask('load', (api) => api.importModel(file), file.name);
      if (model) setState((s) => ({ ...s, model, batch: null, validation: NO_VALIDATION, error: null, status: 'imported' }));
    },
    [ask],
  );

  /** The engine's dataset changed in place (the patient key, an identifier mark, a derived column): forms start again from it. */
  const changeDataset = useCallback(
    (call: (api: Api) => Promise<Result<DatasetState>>) =>
      replacingDataset(
        () => ask('load', call),
        (next) => startTransition(() => setState((s) => withDataset(s, next, null, null))),
      ),
    [ask, replacingDataset],
  );
  const setPatientKey = useCallback((column: string | null) => changeDataset((api) => api.setPatientKey(column)), [changeDataset]);
  const setNotIdentifier = useCallback((column: string, flag: boolean) => changeDataset((api) => api.setNotIdentifier(column, flag)), [changeDataset]);
  const deriveAge = useCallback((column: string) => changeDataset((api) => api.deriveAge(column)), [changeDataset]);

  /** Internal validation by the bootstrap (progress, cancel). */
  const validateBootstrap = useCallback(
    async (replicates: number) => {
      const result = await runTask('validate', (api, progress) => api.validateBootstrap(replicates, progress));
      if (result) startTransition(() => setState((s) => ({ ...s, busy: null, validation: { ...s.validation, bootstrap: result } })));
    },
    [runTask],
  );

  /** Shrinks the model by the bootstrap's factor: the model in use (and what it says of a patient) changes. */
  const applyShrinkage = useCallback(async () => {
    const model = await ask('validate', (api) => api.applyShrinkage());
    // the model in use changed: a treatment comparison made with the old one goes
    if (model) setState((s) => ({ ...s, model, validation: { ...s.validation, external: null, treatment: null } }));
    // the slider's metrics follow the shrunk risks
    if (model) void setThreshold(model.threshold);
  }, [ask, setThreshold]);

  const describeModel = useCallback(
    async (description: ModelDescription) => {
      const model = await ask('export', (api) => api.describeModel(description));
      if (model) setState((s) => ({ ...s, model }));
      return model !== null;
    },
    [ask],
  );

  const validateExternal = useCallback(
    async (file: File) => {
      const result = await runTask('external', (api, progress) => api.validateExternal(file, file.name, progress), file.name);
      if (result) startTransition(() => setState((s) => ({ ...s, busy: null, validation: { ...s.validation, external: result } })));
    },
    [runTask],
  );

  const recalibrate = useCallback(
    async (method: RecalibrationMethod) => {
      const result = await ask('external', (api) => api.recalibrate(method));
      if (!result) return;
      setState((s) => ({ ...s, model: result.model, validation: { ...s.validation, external: result.external, treatment: null } }));
      if (result.model.source === 'trained') void setThreshold(result.model.threshold);
    },
    [ask, setThreshold],
  );

  const subgroups = useCallback(
    async (column: string) => {
      const rows = await ask('validate', (api) => api.subgroups(column));
      if (rows) startTransition(() => setState((s) => ({ ...s, validation: { ...s.validation, subgroups: { column, rows } } })));
    },
    [ask],
  );

  /** Treatment options compared in the cohort (progress, cancel); the difference shown starts at the engine's reference. */
  const compareTreatments = useCallback(
    async (column: string, replicates: number) => {
      const result = await runTask('treatment', (api, progress) => api.compareTreatments(column, replicates, progress));
      if (result) {
        const treatment = { result, reference: result.reference, compared: defaultCompared(result, result.reference) };
        startTransition(() => setState((s) => ({ ...s, busy: null, validation: { ...s.validation, treatment } })));
      }
    },
    [runTask],
  );

  /** The two options whose difference is shown (and reported); null: no treatment comparison any more. */
  const setTreatmentContrast = useCallback((contrast: { reference: number; compared: number } | null) => {
    setState((s) => {
      const current = s.validation.treatment;
      if (!contrast) return current ? { ...s, validation: { ...s.validation, treatment: null } } : s;
      if (!current) return s;
      // an option against itself is no difference: the other option moves
      const compared = contrast.compared === contrast.reference ? defaultCompared(current.result, contrast.reference) : contrast.compared;
      return { ...s, validation: { ...s.validation, treatment: { ...current, reference: contrast.reference, compared } } };
    });
  }, []);

  /** One patient's risk under each option of a treatment (the panel keeps its own state; nothing is stored). */
  const queryTreatment = useCallback(async (values: PatientValue[], column: string): Promise<Result<PatientTreatment>> => {
    const engine = engineRef.current;
    if (!engine) return { ok: false, error: { code: 'no-model' } };
    return engine.call((api) => api.patientTreatment(values, column), () => undefined);
  }, []);

  /** De-identifies the loaded file in the worker; returns the CSV to download. */
  const deidentify = useCallback(
    async (request: DeidRequest): Promise<Blob | null> => {
      const outcome = await runTask('deidentify', (api, progress) => api.deidentify(request, progress));
      if (!outcome) return null;
      const { blob, ...report } = outcome;
      setState((s) => ({ ...s, busy: null, deid: report, status: 'deidentified' }));
      return blob;
    },
    [runTask],
  );

  const saveSession = useCallback(
    async (passphrase: string, setup: TrainSetup | null) => {
      const saved = await runTask('save', (api, progress) => api.saveSession(passphrase, setup, progress));
      if (saved) setState((s) => ({ ...s, busy: null, saved, status: 'saved' }));
    },
    [runTask],
  );

  const openSession = useCallback(
    async (passphrase: string) => {
      await replacingDataset(
        () => runTask('open', (api, progress) => api.openSession(passphrase, progress)),
        (restored) => startTransition(() => setState((s) => withDataset(s, restored, restored.setup, 'opened'))),
      );
    },
    [runTask, replacingDataset],
  );

  /** Deletes what this app stored; says so when another tab blocks the deletion. */
  const forgetEverything = useCallback(async () => {
    const done = await ask('forget', (api) => api.forgetEverything());
    if (done !== null) setState((s) => ({ ...s, saved: null, error: null, status: 'forgotten' }));
  }, [ask]);

  /** After a crash: the last file into a fresh worker, without reloading the page. */
  const reloadLastFile = useCallback(() => {
    const last = lastFile.current;
    if (last) void load(last.file, last.name);
  }, [load]);

  const cancel = useCallback(() => engineRef.current?.cancel(), []);
  const showError = useCallback((task: Task, error: AppError) => showFailure(task, error), [showFailure]);
  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null })), []);

  return {
    state,
    load,
    train,
    compare,
    setThreshold,
    queryPatient,
    scoreFile,
    fetchExport,
    fetchModelFile,
    importModel,
    deriveAge,
    setPatientKey,
    setNotIdentifier,
    deidentify,
    validateBootstrap,
    applyShrinkage,
    describeModel,
    validateExternal,
    recalibrate,
    subgroups,
    compareTreatments,
    setTreatmentContrast,
    queryTreatment,
    saveSession,
    openSession,
    forgetEverything,
    reloadLastFile,
    canReload: () => lastFile.current !== null,
    cancel,
    showError,
    dismissError,
  };
}
