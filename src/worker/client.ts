/**
 * The UI's handle on the engine worker: starts it, wraps it with Comlink, and starts a fresh one
 * if it dies (out of memory, a bug), so the user can reload their file without reloading the page.
 */
import * as Comlink from 'comlink';
import type { EngineApi, ProgressListener } from './api';
import type { Result } from '../core/errors';
import EngineWorker from './engine.worker.ts?worker';

export interface Engine {
  call<T>(task: (api: Comlink.Remote<EngineApi>, progress: ProgressListener) => Promise<Result<T>>, onProgress: ProgressListener): Promise<Result<T>>;
  cancel(): void;
  dispose(): void;
}

export function createEngine(): Engine {
  let worker: Worker | null = null;
  let api: Comlink.Remote<EngineApi> | null = null;
  let crashed: ((reason: string) => void) | null = null;

  const start = (): Comlink.Remote<EngineApi> => {
    if (api) return api;
    const w = new EngineWorker();
    w.addEventListener('error', (e) => {
      e.preventDefault();
      crashed?.(e.message || 'the worker stopped');
      stop();
    });
    worker = w;
    api = Comlink.wrap<EngineApi>(w);
    return api;
  };
  const stop = () => {
    worker?.terminate();
    worker = null;
    api = null;
  };

  return {
    async call(task, onProgress) {
      const remote = start();
      const died = new Promise<Result<never>>((resolve) => {
        crashed = (detail) => resolve({ ok: false, error: { code: 'worker-crashed', detail } });
      });
      try {
        return await Promise.race([task(remote, Comlink.proxy(onProgress)), died]);
      } finally {
        crashed = null;
      }
    },
    cancel() {
      void api?.cancel();
    },
    dispose: stop,
  };
}
