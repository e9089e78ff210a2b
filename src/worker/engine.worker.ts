/// <reference lib="webworker" />
/**
 * The worker entry: the engine (engine.ts) exposed with Comlink, and nothing else. The progress
 * listeners the UI passes are Comlink proxies: each is released when its call ends.
 */
import * as Comlink from 'comlink';
import { createEngine } from './engine';
import { indexedDbStorage } from './session-store';
import type { EngineApi } from './api';

const engine = createEngine({ storage: indexedDbStorage(), appVersion: __APP_VERSION__, onBug: (e) => console.error(e) });

const release = (args: unknown[]) => {
  for (const a of args) (a as { [Comlink.releaseProxy]?: () => void } | null)?.[Comlink.releaseProxy]?.();
};

const exposed = Object.fromEntries(
  Object.entries(engine).map(([name, method]: [string, (...args: unknown[]) => unknown]) => [
    name,
    (...args: unknown[]) => {
      const answer = method(...args);
      if (answer instanceof Promise) void answer.finally(() => release(args));
      return answer;
    },
  ]),
) as unknown as EngineApi;

Comlink.expose(exposed);
