/**
 * How long-running core code reports progress and honours cancellation without knowing
 * about workers: it calls `ctx.checkpoint(fraction)` between units of work. The worker's
 * implementation yields to the event loop now and then (so a cancel message can arrive),
 * throttles progress reports, and throws `Cancelled` once the user asked to stop.
 */
export interface RunContext {
  /** `fraction` in 0..1 of the current stage; may throw `Cancelled`. */
  checkpoint(fraction: number, stage?: string): Promise<void>;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** A context that never yields or cancels: for tests, the benchmark and synchronous callers. */
export const noContext: RunContext = {
  checkpoint: () => Promise.resolve(),
};
