/** The browser's frame and timer functions, passed in so that tests can drive them. */
export interface FrameClock {
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(handle: number): void;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export const browserClock: FrameClock = {
  requestAnimationFrame: (cb) => requestAnimationFrame(cb),
  cancelAnimationFrame: (h) => cancelAnimationFrame(h),
  setTimeout: (cb, ms) => window.setTimeout(cb, ms),
  clearTimeout: (h) => window.clearTimeout(h),
};

/**
 * Calls `done` after `frames` painted frames, each followed by a task (a frame callback, then a zero
 * timeout), so that each step starts after the browser has painted. Returns a cancel function.
 *
 * Frame and timer handles are kept apart: both are small integers from separate counters, and a timer's
 * number passed to cancelAnimationFrame would cancel whichever frame callback has that number: someone
 * else's (a chart's redraw, a test driver's stability check).
 */
export function afterFrames(frames: number, done: () => void, clock: FrameClock = browserClock): () => void {
  let left = frames;
  let frame = 0;
  let timer = 0;
  const tick = () => {
    timer = 0;
    left--;
    if (left <= 0) done();
    else schedule();
  };
  const schedule = () => {
    frame = clock.requestAnimationFrame(() => {
      frame = 0;
      timer = clock.setTimeout(tick, 0);
    });
  };
  if (left <= 0) done();
  else schedule();
  return () => {
    if (frame) clock.cancelAnimationFrame(frame);
    if (timer) clock.clearTimeout(timer);
    frame = timer = 0;
  };
}
