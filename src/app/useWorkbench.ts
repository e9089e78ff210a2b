import { useCallback, useEffect, useRef, useState } from 'react';
import { createEngine, type Engine } from '../worker/client';
import type { DatasetSummary, Progress } from '../worker/api';
import type { AppError, Result } from '../core/errors';
import type { TrainSetup } from '../core/prep/setup';
import type { TrainReport } from '../core/train/train';

export type Task = 'load' | 'train';

export interface WorkbenchState {
  dataset: DatasetSummary | null;
  report: TrainReport | null;
  /** The setup the report was trained with. */
  trainedSetup: TrainSetup | null;
  busy: { task: Task; progress: Progress | null } | null;
  error: { task: Task; error: AppError; fileName?: string } | null;
  /** A short status line for screen readers and sighted users alike ("Loaded…", "Cancelled"). */
  status: string | null;
  /** Bumps on each successful load, so setup state can reset for a new file. */
  datasetVersion: number;
}

const initial: WorkbenchState = {
  dataset: null,
  report: null,
  trainedSetup: null,
  busy: null,
  error: null,
  status: null,
  datasetVersion: 0,
};

/** The UI's state and actions; every computation is a call to the engine worker. */
export function useWorkbench() {
  const engineRef = useRef<Engine | null>(null);
  const [state, setState] = useState<WorkbenchState>(initial);

  useEffect(() => {
    const engine = createEngine();
    engineRef.current = engine;
    return () => engine.dispose();
  }, []);

  const runTask = useCallback(
    async <T,>(task: Task, call: (engine: Engine, onProgress: (p: Progress) => void) => Promise<Result<T>>, fileName?: string): Promise<Result<T> | null> => {
      const engine = engineRef.current;
      if (!engine) return null;
      setState((s) => ({ ...s, busy: { task, progress: null }, error: null, status: null }));
      const onProgress = (progress: Progress) => setState((s) => (s.busy ? { ...s, busy: { task, progress } } : s));
      const result = await call(engine, onProgress);
      if (!result.ok) {
        const { code } = result.error;
        setState((s) => ({
          ...s,
          busy: null,
          error: code === 'cancelled' ? null : { task, error: result.error, fileName },
          status: code === 'cancelled' ? 'cancelled' : 'failed',
          // a crashed worker took the loaded table with it: the user must load the file again
          ...(code === 'worker-crashed' ? { dataset: null, report: null, trainedSetup: null } : {}),
        }));
      }
      return result;
    },
    [],
  );

  const load = useCallback(
    async (file: Blob, fileName: string) => {
      const result = await runTask('load', (engine, onProgress) => engine.call((api, progress) => api.load(file, fileName, progress), onProgress), fileName);
      if (result?.ok) {
        const dataset = result.value;
        setState((s) => ({ ...s, busy: null, dataset, report: null, trainedSetup: null, status: 'loaded', datasetVersion: s.datasetVersion + 1 }));
      }
    },
    [runTask],
  );

  const train = useCallback(
    async (setup: TrainSetup) => {
      const result = await runTask('train', (engine, onProgress) => engine.call((api, progress) => api.train(setup, progress), onProgress));
      if (result?.ok) setState((s) => ({ ...s, busy: null, report: result.value, trainedSetup: setup, status: 'trained' }));
    },
    [runTask],
  );

  const cancel = useCallback(() => engineRef.current?.cancel(), []);
  const showError = useCallback((task: Task, error: AppError) => setState((s) => ({ ...s, error: { task, error }, status: 'failed' })), []);
  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null })), []);

  return { state, load, train, cancel, showError, dismissError };
}
