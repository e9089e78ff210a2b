import { describe, expect, it } from 'vitest';
import { afterFrames } from './after-frames';
import { fakeClock } from './fake-clock';

describe('afterFrames', () => {
  it('calls back after the given number of painted frames, not before', () => {
    for (const n of [1, 2, 3, 5]) {
      const { clock, paint } = fakeClock();
      let done = 0;
      afterFrames(n, () => done++, clock);
      for (let i = 1; i < n; i++) {
        paint();
        expect(done).toBe(0);
      }
      paint();
      expect(done).toBe(1);
      paint();
      expect(done).toBe(1);
    }
  });

  it('calls back at once for zero frames', () => {
    const { clock } = fakeClock();
    let done = 0;
    afterFrames(0, () => done++, clock);
    expect(done).toBe(1);
  });

  it("cancelling at any stage stops it and never cancels another caller's frame callback or timer", () => {
    // cancel after k paints, when the pending handle is a frame (k = 0) or a timer (between a frame and its task)
    for (let k = 0; k < 3; k++) {
      for (const midFrame of [false, true]) {
        const { clock, frames, timers, paint } = fakeClock();
        let done = 0;
        const cancel = afterFrames(3, () => done++, clock);
        // others' callbacks, registered as a chart or a test driver would, with the same small numbers
        const others = { frame: 0, timer: 0 };
        for (let i = 0; i < k; i++) paint();
        if (midFrame) {
          // run the pending frame callback only, so that the next step waits as a timer
          const due = [...frames.entries()];
          frames.clear();
          due.forEach(([, cb]) => cb());
        }
        const otherFrame = clock.requestAnimationFrame(() => others.frame++);
        const otherTimer = clock.setTimeout(() => others.timer++, 0);
        cancel();
        expect(frames.has(otherFrame), `other frame callback survives (k=${k}, mid=${midFrame})`).toBe(true);
        expect(timers.has(otherTimer), `other timer survives (k=${k}, mid=${midFrame})`).toBe(true);
        for (let i = 0; i < 5; i++) paint();
        expect(done).toBe(0);
        expect(others).toEqual({ frame: 1, timer: 1 });
      }
    }
  });
});
