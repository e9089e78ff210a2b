import { createContext } from 'react';
import { afterFrames, type FrameClock } from './after-frames';

/**
 * Takes the deferred parts of a screen (each `Later`) down one per frame, the last mounted first, before the
 * screen is replaced: a results screen of a dozen charts removed in one commit was a 100–160 ms task (each
 * Recharts chart unregisters its parts from its store as it unmounts), removed one chart per frame it is a
 * few milliseconds per frame.
 *
 * While it is retiring (from `retire()` to `release()`), no `Later` mounts its children; after `release()`
 * each mounts again `order` frames later, with whatever the screen then shows. So a retired screen that is
 * not replaced after all (a cancelled load) comes back as it was, a part per frame.
 */
export class Retirer {
  private readonly parts = new Map<number, () => void>();
  private readonly waiting = new Set<() => void>();
  private seq = 0;
  private depth = 0;
  private cancelStep: (() => void) | null = null;
  private finished: (() => void)[] = [];

  constructor(private readonly clock?: FrameClock) {}

  /** Whether a retire is under way (parts must not mount now). */
  get retiring(): boolean {
    return this.depth > 0;
  }

  /** A mounted part: `unmount` takes it down. Returns the function that unregisters it. */
  register(unmount: () => void): () => void {
    const id = ++this.seq;
    this.parts.set(id, unmount);
    return () => void this.parts.delete(id);
  }

  /** Calls `mount` once no retire is under way (now, if none is). Returns the function that cancels it. */
  whenIdle(mount: () => void): () => void {
    if (this.depth === 0) {
      mount();
      return () => undefined;
    }
    this.waiting.add(mount);
    return () => void this.waiting.delete(mount);
  }

  /**
   * Takes the registered parts down, one per frame from the next, the last registered first (a part inside another mounts
   * after it, so it goes first). Resolves when none is left. Every call must be followed by one `release()`.
   */
  retire(): Promise<void> {
    this.depth++;
    return new Promise((resolve) => {
      this.finished.push(resolve);
      // the first part goes a frame later, not in the task that asked (a click, a file chosen)
      this.cancelStep ??= afterFrames(1, () => this.step(), this.clock);
    });
  }

  private step(): void {
    this.cancelStep = null;
    if (this.depth === 0) {
      this.settle();
      return;
    }
    let last = -1;
    for (const id of this.parts.keys()) last = Math.max(last, id);
    if (last < 0) {
      this.settle();
      return;
    }
    const unmount = this.parts.get(last) as () => void;
    this.parts.delete(last);
    unmount();
    this.cancelStep = afterFrames(1, () => this.step(), this.clock);
  }

  private settle(): void {
    const done = this.finished;
    this.finished = [];
    done.forEach((resolve) => resolve());
  }

  /** Ends a retire: the parts waiting to mount go on (each after its own frames). */
  release(): void {
    if (this.depth === 0) return;
    this.depth--;
    if (this.depth > 0) return;
    this.cancelStep?.();
    this.cancelStep = null;
    this.settle();
    const waiting = [...this.waiting];
    this.waiting.clear();
    waiting.forEach((mount) => mount());
  }
}

/** The retirer of the screen around a `Later`; none: the part is never taken down before its screen goes. */
export const RetireContext = createContext<Retirer | null>(null);
