import { afterFrames, browserClock, type FrameClock } from '../after-frames';

/**
 * Charts drawn one at a time, a frame apart. A chart's commit is one task (Recharts registers its parts in its
 * store from layout effects, and that store re-renders the chart synchronously): 30–50 ms of CPU for a chart on
 * a 2-core machine. When several charts learn their width in the same frame (the results screen's ResizeObservers
 * report together), React batched their transitions into one commit: one task of 60–80 ms for three charts. Here
 * each chart's width is applied after the previous chart is on screen and a frame has been painted.
 */
export class ChartQueue {
  private readonly waiting: Entry[] = [];
  /** The chart being drawn, and the function that ends its turn. */
  private current: { entry: Entry; finish: () => void } | null = null;
  private cancelNext: (() => void) | null = null;

  /** `timeoutMs`: a chart that has not said it is done by then (a transition React dropped) lets the next one go. */
  constructor(
    private readonly clock: FrameClock = browserClock,
    private readonly timeoutMs = 1000,
  ) {}

  /**
   * Calls `draw(done)` once no other chart is being drawn (now, if none is and none waits); `done` is to be called
   * when the chart is on screen. Returns a function that withdraws the request (or ends the drawing, if it started).
   */
  enqueue(draw: (done: () => void) => void): () => void {
    const entry: Entry = { draw };
    this.waiting.push(entry);
    this.pump();
    return () => {
      const k = this.waiting.indexOf(entry);
      if (k >= 0) this.waiting.splice(k, 1);
      else if (this.current?.entry === entry) this.current.finish();
    };
  }

  private pump(): void {
    if (this.current || this.cancelNext) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.clock.clearTimeout(timer);
      this.current = null;
      // the next chart a painted frame later
      this.cancelNext = afterFrames(1, () => {
        this.cancelNext = null;
        this.pump();
      }, this.clock);
    };
    const timer = this.clock.setTimeout(finish, this.timeoutMs);
    this.current = { entry, finish };
    entry.draw(finish);
  }
}

interface Entry {
  draw: (done: () => void) => void;
}

/** The queue of the page's measured charts. */
export const chartQueue = new ChartQueue();
