/**
 * The UI's handle on the engine worker: starts it, wraps it with Comlink, and starts a fresh one
 * if it dies (out of memory, a bug), so the user can reload their file without reloading the page.
 */
import * as Comlink from 'comlink';
import type { EngineApi, ProgressListener } from './api';
import type { Result } from '../core/errors';
// Inlined and started from a blob: URL, a worker inherits the page's Content-Security-Policy, the <meta>
// one included: it is under the same no-egress policy whether or not the server sends headers (a worker
// loaded from its own URL gets only the policy of the headers its file was served with).
import EngineWorker from './engine.worker.ts?worker&inline';

export interface Engine {
  call<T>(task: (api: Comlink.Remote<EngineApi>, progress: ProgressListener) => Promise<Result<T>>, onProgress: ProgressListener): Promise<Result<T>>;
  cancel(): void;
  dispose(): void;
  /** Told when the worker dies, even between calls (its data died with it); a fresh one starts on the next call. */
  onCrash(listener: (detail: string) => void): void;
  /** For the end-to-end test of crash recovery: makes the worker die as a bug would. */
  crashForTest(): void;
}

/** How long a new worker may take to answer its first message before the engine counts as unavailable. */
const STARTUP_TIMEOUT_MS = 10_000;
/** A property the engine API does not have: reading it is a round trip that only needs a running worker. */
const STARTUP_PROBE = '__startupProbe';

const unavailableListeners = new Set<(detail: string) => void>();
let unavailable: string | null = null;

/**
 * Calls `listener` when the engine worker cannot start: the browser refuses to create it, its script
 * fails to load, or it does not answer within a few seconds (for example a policy that blocks workers
 * from blob: URLs when the single-file build is opened from disk). Called at once if that has already
 * happened. Returns a function that removes the listener.
 */
export function onEngineUnavailable(listener: (detail: string) => void): () => void {
  unavailableListeners.add(listener);
  if (unavailable !== null) listener(unavailable);
  return () => {
    unavailableListeners.delete(listener);
  };
}

function reportUnavailable(detail: string): void {
  unavailable = detail;
  for (const listener of [...unavailableListeners]) listener(detail);
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function connectEngine(): Engine {
  let worker: Worker | null = null;
  let api: Comlink.Remote<EngineApi> | null = null;
  /** The calls in flight: each resolves with 'worker-crashed' if the worker dies under it. */
  const pending = new Set<(detail: string) => void>();
  const crashListeners = new Set<(detail: string) => void>();

  const start = (): Comlink.Remote<EngineApi> => {
    if (api) return api;
    let w: Worker;
    try {
      w = new EngineWorker();
    } catch (e) {
      reportUnavailable(`the browser refused to start the engine (${describe(e)})`);
      throw e;
    }
    w.addEventListener('error', (e) => {
      e.preventDefault();
      const detail = e.message || 'the worker stopped';
      stop();
      for (const resolve of pending) resolve(detail);
      pending.clear();
      for (const listener of crashListeners) listener(detail);
    });
    worker = w;
    api = Comlink.wrap<EngineApi>(w);
    watchStartup(w, api);
    return api;
  };
  /** Reports the engine unavailable if this worker fails before its first answer, or gives none in time. */
  const watchStartup = (w: Worker, remote: Comlink.Remote<EngineApi>) => {
    let answered = false;
    const timer = setTimeout(() => {
      if (answered || worker !== w) return;
      const detail = `the engine did not start within ${STARTUP_TIMEOUT_MS / 1000} s`;
      stop();
      for (const resolve of pending) resolve(detail);
      pending.clear();
      reportUnavailable(detail);
    }, STARTUP_TIMEOUT_MS);
    const done = () => {
      answered = true;
      clearTimeout(timer);
      unavailable = null;
    };
    // any answer, even an error, proves that the worker runs
    Promise.resolve((remote as unknown as Record<string, unknown>)[STARTUP_PROBE]).then(done, done);
    w.addEventListener('error', (e) => {
      if (answered) return;
      clearTimeout(timer);
      reportUnavailable(`the engine could not be loaded (${e.message || 'the browser gave no reason'})`);
    });
  };
  const stop = () => {
    worker?.terminate();
    worker = null;
    api = null;
  };

  return {
    async call(task, onProgress) {
      let remote: Comlink.Remote<EngineApi>;
      try {
        remote = start();
      } catch (e) {
        return { ok: false, error: { code: 'worker-crashed', detail: describe(e) } };
      }
      let settle: ((detail: string) => void) | null = null;
      const died = new Promise<Result<never>>((resolve) => {
        settle = (detail) => resolve({ ok: false, error: { code: 'worker-crashed', detail } });
        pending.add(settle);
      });
      try {
        return await Promise.race([task(remote, Comlink.proxy(onProgress)), died]);
      } finally {
        if (settle) pending.delete(settle);
      }
    },
    cancel() {
      void api?.cancel();
    },
    dispose: stop,
    onCrash(listener) {
      crashListeners.add(listener);
    },
    crashForTest() {
      void start().crashForTest();
    },
  };
}
