import type { FrameClock } from './after-frames';

/**
 * For tests: frames of 16 ms and timers driven by hand, like a browser's. Frame and timer handles come from
 * separate counters that both start at 1, as in Chromium, so that mixing them up shows. `paint()` runs the frame
 * callbacks waiting, then the timers due by the new time.
 */
export function fakeClock() {
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; cb: () => void }>();
  let nextFrame = 1;
  let nextTimer = 1;
  let now = 0;
  const clock: FrameClock = {
    requestAnimationFrame: (cb) => (frames.set(nextFrame, cb), nextFrame++),
    cancelAnimationFrame: (h) => void frames.delete(h),
    setTimeout: (cb, ms) => (timers.set(nextTimer, { at: now + ms, cb }), nextTimer++),
    clearTimeout: (h) => void timers.delete(h),
  };
  const paint = () => {
    now += 16;
    const due = [...frames.values()];
    frames.clear();
    due.forEach((cb) => cb());
    for (const [h, t] of [...timers]) {
      if (t.at > now) continue;
      timers.delete(h);
      t.cb();
    }
  };
  return { clock, frames, timers, paint };
}
