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
import { fail, ok, type Result } from '../core/errors';

interface Session {
  table: Table;
  summary: DatasetSummary;
  /** The last trained model with its preparation and test scores (threshold questions use it). */
  run?: TrainedRun;
}

let session: Session | null = null;
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
      const summary = summarize(loaded.value, fileName, file.size);
      session = { table: loaded.value.table, summary };
      return ok(summary);
    });
  },

  train(setup: TrainSetup, onProgress: ProgressListener) {
    return run<TrainReport>(onProgress, 'prepare', async (ctx) => {
      if (!session) return fail({ code: 'no-data-loaded' });
      const result = await train(session.table, setup, { ctx, onEpoch: ctx.addLoss });
      if (!result.ok) return result;
      session.run = result.value.run;
      return ok(result.value.report);
    });
  },

  async threshold(threshold: number) {
    if (!session?.run) return fail({ code: 'no-data-loaded' });
    if (!(threshold >= 0 && threshold <= 1)) return fail({ code: 'bad-parameter', value: String(threshold) });
    return ok(atThreshold(session.run.testTable, threshold));
  },

  compare(setup: TrainSetup, onProgress: ProgressListener) {
    return run(onProgress, 'compare', async (ctx) => {
      if (!session) return fail({ code: 'no-data-loaded' });
      return compareModels(session.table, setup, ctx, (kind) => (ctx.model = kind));
    });
  },

  cancel() {
    if (running) running.cancelled = true;
  },
};

Comlink.expose(api);
