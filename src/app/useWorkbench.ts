import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { createEngine, onEngineUnavailable, type Engine } from '../worker/client';
import type { BatchPreview, DatasetSummary, DeidOutcome, DeidRequest, ModelInfo, PatientAnswer, Progress, SavedSessionInfo } from '../worker/api';
import type { PatientValue } from '../core/score/patient';
import type { AppError, Result } from '../core/errors';
import type { TrainSetup } from '../core/prep/setup';
import type { ComparisonRow, LossPoint, ThresholdResult, TrainReport } from '../core/train/report';

export type Task = 'load' | 'train' | 'compare' | 'score' | 'deidentify' | 'save' | 'open';

export interface WorkbenchState {
  dataset: DatasetSummary | null;
  report: TrainReport | null;
  /** The setup the report was trained with. */
  trainedSetup: TrainSetup | null;
  /** The report's test metrics at the threshold the user chose (0.5 until moved). */
  current: ThresholdResult | null;
  comparison: ComparisonRow[] | null;
  /** The model the "use the model" step works with (trained here or imported). */
  model: ModelInfo | null;
  batch: BatchPreview | null;
  /** What this app keeps on the device: the encrypted session, if the user saved one. */
  saved: SavedSessionInfo | null;
  /** A setup restored from a saved session, for the setup form to start from. */
  restoredSetup: TrainSetup | null;
  deid: Omit<DeidOutcome, 'blob'> | null;
  busy: { task: Task; progress: Progress | null; loss: LossPoint[] } | null;
  error: { task: Task; error: AppError; fileName?: string } | null;
  /** A short status line for screen readers and sighted users alike ("Loaded…", "Cancelled"). */
  status: 'loaded' | 'trained' | 'compared' | 'scored' | 'imported' | 'saved' | 'opened' | 'forgotten' | 'deidentified' | 'cancelled' | 'failed' | null;
  /** Bumps on each successful load, so setup state can reset for a new file. */
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
  busy: null,
  error: null,
  status: null,
  datasetVersion: 0,
};

/** What belongs to the loaded dataset: results, comparison, batch scores, de-identification report. */
const DATASET_RESULTS_CLEARED = { report: null, trainedSetup: null, current: null, comparison: null, batch: null, deid: null } as const;

/** The state after a new dataset arrives (a loaded file, a reopened session): what belonged to the old one goes. */
function withDataset(s: WorkbenchState, dataset: DatasetSummary, model: ModelInfo | null, restoredSetup: TrainSetup | null, status: 'loaded' | 'opened' | null): WorkbenchState {
  return { ...s, ...DATASET_RESULTS_CLEARED, busy: null, dataset, model, restoredSetup, status, datasetVersion: s.datasetVersion + 1 };
}

/** The UI's state and actions; every computation is a call to the engine worker. */
export function useWorkbench() {
  const engineRef = useRef<Engine | null>(null);
  const thresholdRequest = useRef(0);
  /** The last file loaded, kept on this side so it can be loaded again into a fresh worker after a crash. */
  const lastFile = useRef<{ file: Blob; name: string } | null>(null);
  const [state, setState] = useState<WorkbenchState>(initial);

  useEffect(() => {
    const engine = createEngine();
    engineRef.current = engine;
    // the worker died between calls (its table with it): say so, and offer to load the file again
    engine.onCrash((detail) =>
      setState((s) => ({
        ...s,
        ...DATASET_RESULTS_CLEARED,
        busy: null,
        dataset: null,
        model: null,
        error: { task: 'load', error: { code: 'worker-crashed', detail }, fileName: lastFile.current?.name },
        status: 'failed',
      })),
    );
    // the browser would not run the worker (e.g. a policy against workers from a file:// page): say so
    const unsubscribe = onEngineUnavailable((detail) => setState((s) => ({ ...s, busy: null, error: { task: 'load', error: { code: 'engine-unavailable', detail } }, status: 'failed' })));
    if (location.hash.includes('e2e-diagnostics')) (window as unknown as { __cmlwCrashEngine?: () => void }).__cmlwCrashEngine = () => engine.crashForTest();
    // what is stored on this device (nothing, unless a session was saved): read, never written, at start
    void engine.call((api) => api.savedSession().then((saved): Result<SavedSessionInfo | null> => ({ ok: true, value: saved })), () => undefined).then((r) => {
      if (r.ok) setState((s) => ({ ...s, saved: r.value }));
    });
    return () => {
      unsubscribe();
      engine.dispose();
    };
  }, []);

  const runTask = useCallback(
    async <T,>(task: Task, call: (engine: Engine, onProgress: (p: Progress) => void) => Promise<Result<T>>, fileName?: string): Promise<Result<T> | null> => {
      const engine = engineRef.current;
      if (!engine) return null;
      setState((s) => ({ ...s, busy: { task, progress: null, loss: [] }, error: null, status: null }));
      const onProgress = (progress: Progress) =>
        setState((s) => (s.busy ? { ...s, busy: { task, progress, loss: progress.loss ? [...s.busy.loss, ...progress.loss] : s.busy.loss } } : s));
      const result = await call(engine, onProgress);
      if (!result.ok) {
        const { code } = result.error;
        setState((s) => ({
          ...s,
          busy: null,
          error: code === 'cancelled' ? null : { task, error: result.error, fileName },
          status: code === 'cancelled' ? 'cancelled' : 'failed',
          // a crashed worker took the loaded table with it: the user must load the file again
          ...(code === 'worker-crashed' ? { dataset: null, report: null, trainedSetup: null, current: null, comparison: null, model: null, batch: null } : {}),
        }));
      }
      return result;
    },
    [],
  );

  const load = useCallback(
    async (file: Blob, fileName: string) => {
      lastFile.current = { file, name: fileName };
      const result = await runTask('load', (engine, onProgress) => engine.call((api, progress) => api.load(file, fileName, progress), onProgress), fileName);
      if (result?.ok) {
        const dataset = result.value;
        // a transition: React renders the new screens in slices, so the page keeps responding
        // an imported model stays usable with a new file; a model trained on the old file goes
        startTransition(() => setState((s) => withDataset(s, dataset, s.model?.source === 'imported' ? s.model : null, null, 'loaded')));
      }
    },
    [runTask],
  );

  const train = useCallback(
    async (setup: TrainSetup) => {
      const result = await runTask('train', (engine, onProgress) => engine.call((api, progress) => api.train(setup, progress), onProgress));
      if (result?.ok) {
        thresholdRequest.current++;
        const model = await engineRef.current?.call((api) => api.activeModel().then((m): Result<ModelInfo | null> => ({ ok: true, value: m })), () => undefined);
        startTransition(() =>
          setState((s) => ({
            ...s,
            busy: null,
            report: result.value,
            trainedSetup: setup,
            current: result.value.test.atThreshold,
            model: model?.ok ? model.value : null,
            batch: null,
            status: 'trained',
          })),
        );
      }
    },
    [runTask],
  );

  const compare = useCallback(
    async (setup: TrainSetup) => {
      const result = await runTask('compare', (engine, onProgress) => engine.call((api, progress) => api.compare(setup, progress), onProgress));
      if (result?.ok) startTransition(() => setState((s) => ({ ...s, busy: null, comparison: result.value, status: 'compared' })));
    },
    [runTask],
  );

  /** Moves the decision threshold: the worker recounts the test rows in O(log n); stale answers are dropped. */
  const setThreshold = useCallback(async (threshold: number) => {
    const engine = engineRef.current;
    if (!engine) return;
    const request = ++thresholdRequest.current;
    const result = await engine.call((api) => api.threshold(threshold), () => undefined);
    // a transition: redrawing the ROC and PR points may take a few frames; the slider stays responsive
    if (result.ok && request === thresholdRequest.current) startTransition(() => setState((s) => ({ ...s, current: result.value })));
  }, []);

  /** One patient's risk and what-if curves (the panel keeps its own state; nothing is stored). */
  const queryPatient = useCallback(async (values: PatientValue[], whatIf: number[]): Promise<Result<PatientAnswer>> => {
    const engine = engineRef.current;
    if (!engine) return { ok: false, error: { code: 'no-model' } };
    return engine.call((api) => api.patient(values, whatIf), () => undefined);
  }, []);

  const scoreFile = useCallback(
    async (file: File, threshold: number) => {
      const result = await runTask('score', (engine, onProgress) => engine.call((api, progress) => api.scoreFile(file, file.name, threshold, progress), onProgress), file.name);
      if (result?.ok) startTransition(() => setState((s) => ({ ...s, busy: null, batch: result.value, status: 'scored' })));
    },
    [runTask],
  );

  /** Asks the worker for something to download (CSV, model file, script); errors go to the alert. */
  const fetchExport = useCallback(async <T,>(task: Task, call: (api: Parameters<Parameters<Engine['call']>[0]>[0]) => Promise<Result<T>>): Promise<T | null> => {
    const engine = engineRef.current;
    if (!engine) return null;
    const result = await engine.call(call, () => undefined);
    if (result.ok) return result.value;
    setState((s) => ({ ...s, error: { task, error: result.error }, status: 'failed' }));
    return null;
  }, []);

  const importModel = useCallback(async (file: File) => {
    const text = await file.text();
    const result = await engineRef.current?.call((api) => api.importModel(text), () => undefined);
    if (!result) return;
    if (result.ok) setState((s) => ({ ...s, model: result.value, batch: null, error: null, status: 'imported' }));
    else setState((s) => ({ ...s, error: { task: 'load', error: result.error, fileName: file.name }, status: 'failed' }));
  }, []);

  /**
   * The patient key or an identifier mark changed: the engine recomputed the summary (and dropped a
   * model trained on the old split); the setup and de-identification forms start again from it.
   */
  const changeDataset = useCallback(async (call: (api: Parameters<Parameters<Engine['call']>[0]>[0]) => Promise<Result<DatasetSummary>>) => {
    const result = await engineRef.current?.call(call, () => undefined);
    if (!result) return;
    if (result.ok) {
      const dataset = result.value;
      startTransition(() => setState((s) => withDataset(s, dataset, s.model?.source === 'imported' ? s.model : null, null, null)));
    } else setState((s) => ({ ...s, error: { task: 'load', error: result.error }, status: 'failed' }));
  }, []);
  const setPatientKey = useCallback((column: string | null) => changeDataset((api) => api.setPatientKey(column)), [changeDataset]);
  const setNotIdentifier = useCallback((column: string, flag: boolean) => changeDataset((api) => api.setNotIdentifier(column, flag)), [changeDataset]);

  const deriveAge = useCallback(async (column: string) => {
    const result = await engineRef.current?.call((api) => api.deriveAge(column), () => undefined);
    if (!result) return;
    if (result.ok) setState((s) => ({ ...s, dataset: result.value }));
    else setState((s) => ({ ...s, error: { task: 'load', error: result.error }, status: 'failed' }));
  }, []);

  /** De-identifies the loaded file in the worker; returns the CSV to download. */
  const deidentify = useCallback(
    async (request: DeidRequest): Promise<Blob | null> => {
      const result = await runTask('deidentify', (engine, onProgress) => engine.call((api, progress) => api.deidentify(request, progress), onProgress));
      if (!result?.ok) return null;
      const { blob, ...report } = result.value;
      setState((s) => ({ ...s, busy: null, deid: report, status: 'deidentified' }));
      return blob;
    },
    [runTask],
  );

  const saveSession = useCallback(
    async (passphrase: string, setup: TrainSetup | null) => {
      const result = await runTask('save', (engine, onProgress) => engine.call((api, progress) => api.saveSession(passphrase, setup, progress), onProgress));
      if (result?.ok) setState((s) => ({ ...s, busy: null, saved: result.value, status: 'saved' }));
    },
    [runTask],
  );

  const openSession = useCallback(
    async (passphrase: string) => {
      const result = await runTask('open', (engine, onProgress) => engine.call((api, progress) => api.openSession(passphrase, progress), onProgress));
      if (!result?.ok) return;
      const { dataset, setup, model } = result.value;
      startTransition(() => setState((s) => withDataset(s, dataset, model, setup, 'opened')));
    },
    [runTask],
  );

  const forgetEverything = useCallback(async () => {
    const result = await engineRef.current?.call((api) => api.forgetEverything(), () => undefined);
    if (result?.ok) setState((s) => ({ ...s, saved: null, status: 'forgotten' }));
  }, []);

  /** After a crash: the last file into a fresh worker, without reloading the page. */
  const reloadLastFile = useCallback(() => {
    const last = lastFile.current;
    if (last) void load(last.file, last.name);
  }, [load]);

  const cancel = useCallback(() => engineRef.current?.cancel(), []);
  const showError = useCallback((task: Task, error: AppError) => setState((s) => ({ ...s, error: { task, error }, status: 'failed' })), []);
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
    importModel,
    deriveAge,
    setPatientKey,
    setNotIdentifier,
    deidentify,
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
