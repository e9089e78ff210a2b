import { test, expect } from '../support';
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';

/**
 * Builds a synthetic cohort inside the page (so no 10+ MB crosses the test protocol) and drops it
 * on the page as a user would. Rows follow a known logistic model so training has work to do.
 */
async function dropSyntheticCohort(page: Page, rows: number, name: string): Promise<void> {
  await page.evaluate(
    ({ rows, name }) => {
      let seed = 12345;
      const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
      const cols = 20;
      const header = [...Array.from({ length: cols }, (_, j) => `lab${j + 1}`), 'sex', 'outcome'].join(',');
      const parts: string[] = [header];
      for (let i = 0; i < rows; i++) {
        let z = -0.5;
        const cells: string[] = [];
        for (let j = 0; j < cols; j++) {
          const x = rand() * 4 - 2;
          if (j < 5) z += x * (j % 2 ? 0.6 : -0.4);
          cells.push(rand() < 0.01 ? '' : x.toFixed(4));
        }
        cells.push(rand() < 0.5 ? 'F' : 'M');
        cells.push(rand() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no');
        parts.push(cells.join(','));
      }
      const file = new File([parts.join('\n')], name, { type: 'text/csv' });
      const dt = new DataTransfer();
      dt.items.add(file);
      (window as unknown as { __cohort: DataTransfer }).__cohort = dt;
    },
    { rows, name },
  );
  // start measuring frames, long tasks and progress only now: building the file above is the test's work, not the app's
  await startFrameMeter(page);
  await startLongTaskObserver(page);
  await page.evaluate(() => {
    const w = window as unknown as { __progress: string[] };
    w.__progress = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid=progress]');
      if (p) w.__progress.push(p.getAttribute('aria-valuenow') ?? '');
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    const dt = (window as unknown as { __cohort: DataTransfer }).__cohort;
    const main = document.querySelector('main') as HTMLElement;
    main.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    main.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

/** The same cohort as dropSyntheticCohort's, made in Node: the same generator, row for row. */
function cohortCsv(rows: number): string {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const cols = 20;
  const parts: string[] = [[...Array.from({ length: cols }, (_, j) => `lab${j + 1}`), 'sex', 'outcome'].join(',')];
  for (let i = 0; i < rows; i++) {
    let z = -0.5;
    const cells: string[] = [];
    for (let j = 0; j < cols; j++) {
      const x = rand() * 4 - 2;
      if (j < 5) z += x * (j % 2 ? 0.6 : -0.4);
      cells.push(rand() < 0.01 ? '' : x.toFixed(4));
    }
    cells.push(rand() < 0.5 ? 'F' : 'M');
    cells.push(rand() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no');
    parts.push(cells.join(','));
  }
  return parts.join('\n');
}

/** Records the time of every animation frame from now on: a frozen main thread shows as a gap. */
async function startFrameMeter(page: Page): Promise<void> {
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
async function longestFrameGap(page: Page): Promise<{ gap: number; frames: number; progress: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __progress?: string[]; __stop: boolean };
    w.__stop = true;
    let gap = 0;
    for (let i = 1; i < w.__frames.length; i++) gap = Math.max(gap, w.__frames[i] - w.__frames[i - 1]);
    return { gap, frames: w.__frames.length, progress: [...new Set(w.__progress ?? [])] };
  });
}

test('the page keeps repainting while 100,000 rows load and train, and the progress bar moves', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await dropSyntheticCohort(page, 100_000, 'cohort-100k.csv');
  await app.expectLoaded(100_000, 22);
  const loading = await longestFrameGap(page);
  expect(loading.frames).toBeGreaterThan(5);
  expect(loading.gap, 'longest main-thread pause while loading (ms)').toBeLessThan(250);
  expect(loading.progress.length, 'distinct progress values while loading').toBeGreaterThanOrEqual(2);

  await startFrameMeter(page);
  await app.train();
  const training = await longestFrameGap(page);
  expect(training.gap, 'longest main-thread pause while training (ms)').toBeLessThan(250);
  expect(await app.metric('metric-accuracy')).toBeGreaterThan(0.55);
});

test('Cancel stops a long load, keeps the app usable and changes nothing', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.loadSample('pima');
  await dropSyntheticCohort(page, 400_000, 'cohort-400k.csv');
  await expect(app.byTestId('progress')).toBeVisible();
  await app.byTestId('cancel-button').click();
  await expect(app.byTestId('status')).toContainText('Cancelled');
  await expect(app.byTestId('progress')).toHaveCount(0);
  // the previously loaded file is still the one loaded
  await app.expectLoaded(768, 9);
  await app.train();
});

/** Starts recording long tasks (main-thread tasks over 50 ms, as the browser reports them). */
async function startLongTaskObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTasks = [];
    // one observer per page (a second would report every task twice)
    w.__longTaskObserver ??= new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(Math.round(e.duration))));
    w.__longTaskObserver.observe({ type: 'longtask' });
  });
}

test('from drop to results on 200,000 rows, no main-thread task takes longer than 50 ms', async ({ app, page }) => {
  test.setTimeout(240_000);
  await app.open();
  // warm up: the first chart the page ever draws also compiles Recharts' code
  await app.loadSample('pima');
  await app.train();
  await page.waitForTimeout(500);
  // Task durations are wall-clock: another process on a 2-core machine can stretch one. As the benchmark
  // does, the journey runs up to twice and the better run counts; the app's own work is the same both times.
  const attempts: number[][] = [];
  // While measuring, the test waits with a cheap selector check every 200 ms (waitUntil) instead of Playwright's
  // retrying expect(): a failed expect() poll builds an aria snapshot of the whole page on the main thread, a
  // task of 30–100 ms that the long-task observer would count against the app.
  const waitUntil = (check: string, arg: string) =>
    page.waitForFunction(
      ([check, arg]) => {
        const el = (id: string) => document.querySelector(`[data-testid="${id}"]`);
        if (check === 'loaded') return el('dataset-summary')?.getAttribute('data-rows') === '200000' && (el('dataset-summary')?.textContent ?? '').includes(arg);
        if (check === 'trained') return /finished|完成/.test(el('status')?.textContent ?? '') && el('predict-form') !== null;
        return false;
      },
      [check, arg] as const,
      { polling: 200, timeout: 60_000 },
    );
  for (let attempt = 0; attempt < 2; attempt++) {
    // the file is written here and handed to the file picker by path: made in the page, its 200,000 row
    // strings would be garbage on the main thread, collected (in long pauses) while the app is measured
    const path = test.info().outputPath(`cohort-200k-${attempt}.csv`);
    writeFileSync(path, cohortCsv(200_000));
    await startLongTaskObserver(page);
    await app.byTestId('file-input').setInputFiles(path);
    await waitUntil('loaded', `cohort-200k-${attempt}`);
    await page.click('[data-testid="train-button"]');
    await waitUntil('trained', '');
    await page.waitForTimeout(500);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    attempts.push(longTasks);
    await expect(app.byTestId('predict-form')).toBeVisible(); // the journey really ended in results
    if (longTasks.every((d) => d <= 50)) break;
  }
  console.log(`long tasks per attempt (ms): ${JSON.stringify(attempts)}`);
  expect(attempts[attempts.length - 1].filter((d) => d > 50), 'main-thread tasks over 50 ms').toEqual([]);
});

test('training the SVM and the network on 100,000 rows keeps the page repainting and reports progress', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await dropSyntheticCohort(page, 100_000, 'cohort-100k.csv');
  await app.expectLoaded(100_000, 22);
  for (const [model, fill] of [
    ['svm', {}],
    ['mlp', { 'epochs-input': '5' }],
  ] as const) {
    await app.byTestId('model-select').selectOption(model);
    for (const [id, value] of Object.entries(fill)) await app.byTestId(id).fill(value);
    await startFrameMeter(page);
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
    });
    await app.byTestId('train-button').click();
    await expect(app.byTestId('progress')).toBeVisible();
    await expect(app.byTestId('metric-auc')).toBeVisible({ timeout: 120_000 });
    await expect(app.byTestId('progress')).toHaveCount(0);
    const measured = await longestFrameGap(page);
    expect(measured.gap, `${model}: longest main-thread pause while training (ms)`).toBeLessThan(250);
    expect(measured.progress.length, `${model}: distinct progress values`).toBeGreaterThanOrEqual(2);
  }
});
