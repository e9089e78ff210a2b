import { Cancelled, type RunContext } from '../core/util/run-context';
import type { ProgressListener, Stage } from './api';
import type { LossPoint } from '../core/train/report';
import { timingMark } from '../core/util/timing';

/** Yield this often so the worker can receive a cancel message while it computes. */
const YIELD_MS = 25;
/** Report progress at most this often: a few updates a second keep the bar moving without flooding the UI. */
const REPORT_MS = 100;

/** A macrotask without setTimeout's 4 ms clamping: a message to ourselves. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** One task's cancellation flag and throttled progress, seen by core code as a RunContext. */
export class RunControl implements RunContext {
  cancelled = false;
  private lastYield = performance.now();
  private lastReport = 0;
  private lastStage: Stage | undefined;
  private pendingLoss: LossPoint[] = [];
  /** Set while comparing models: which one is training. */
  model: string | undefined;

  constructor(
    private readonly onProgress: ProgressListener,
    private readonly defaultStage: Stage,
  ) {}

  /** A loss-curve point, sent with the next progress report (none is dropped by the throttle). */
  addLoss = (point: LossPoint): void => {
    this.pendingLoss.push(point);
  };

  async checkpoint(fraction: number, stage?: string): Promise<void> {
    const now = performance.now();
    const s = (stage as Stage | undefined) ?? this.lastStage ?? this.defaultStage;
    // where each stage starts, for DevTools and the benchmark's journey (bench/browser.ts): a user-timing mark
    if (s !== this.lastStage) timingMark(`stage:${s}`);
    if (s !== this.lastStage || now - this.lastReport >= REPORT_MS) {
      this.lastStage = s;
      this.lastReport = now;
      const loss = this.pendingLoss.length > 0 ? this.pendingLoss : undefined;
      this.pendingLoss = [];
      this.onProgress({ stage: s, fraction: Math.max(0, Math.min(1, fraction)), ...(loss ? { loss } : {}), ...(this.model ? { model: this.model } : {}) });
    }
    if (now - this.lastYield >= YIELD_MS) {
      await yieldToEventLoop();
      this.lastYield = performance.now();
    }
    if (this.cancelled) throw new Cancelled();
  }
}
