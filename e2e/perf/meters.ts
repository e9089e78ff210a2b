/**
 * Main-thread meters for a Playwright page, shared by the perf e2e tests and the benchmark's browser run
 * (bench/browser.ts): animation-frame times (a frozen main thread shows as a gap) and long tasks (over 50 ms,
 * as the browser reports them).
 */
import type { Page } from '@playwright/test';

/** Records the time of every animation frame from now on: a frozen main thread shows as a gap. */
export async function startFrameMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The longest gap between animation frames since measuring started, in ms. */
export async function longestFrameGap(page: Page): Promise<{ gap: number; frames: number; progress: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __progress?: string[]; __stop: boolean };
    w.__stop = true;
    let gap = 0;
    for (let i = 1; i < w.__frames.length; i++) gap = Math.max(gap, w.__frames[i] - w.__frames[i - 1]);
    return { gap, frames: w.__frames.length, progress: [...new Set(w.__progress ?? [])] };
  });
}

/** Starts recording long tasks (main-thread tasks over 50 ms, as the browser reports them), and what ran in them. */
export async function startLongTaskObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longFrames: string[]; __longTaskObserver?: PerformanceObserver; __longFrameObserver?: PerformanceObserver };
    w.__longTasks = [];
    w.__longFrames = [];
    // one observer per page (a second would report every task twice)
    w.__longTaskObserver ??= new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(Math.round(e.duration))));
    w.__longTaskObserver.observe({ type: 'longtask' });
    // the attribution a long task lacks: the scripts of each frame over 50 ms (Long Animation Frames, Chromium)
    type Script = { invoker: string; sourceFunctionName: string; duration: number };
    w.__longFrameObserver ??= new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        const f = e as unknown as { duration: number; blockingDuration: number; scripts?: Script[] };
        if (f.blockingDuration <= 0) return;
        const scripts = (f.scripts ?? []).map((s) => `${s.invoker}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''} ${Math.round(s.duration)} ms`);
        w.__longFrames.push(`${Math.round(f.duration)} ms frame: ${scripts.join(', ') || 'no script (style, layout, paint)'}`);
      }),
    );
    try {
      w.__longFrameObserver.observe({ type: 'long-animation-frame' });
    } catch {
      // a browser without Long Animation Frames: durations only
    }
  });
}

/** Durations (ms) of the long tasks since startLongTaskObserver. */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** What ran in the frames that blocked the page since startLongTaskObserver, for a failure message. */
export async function longFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __longFrames?: string[] }).__longFrames ?? []);
}
