import { test, expect } from '../support';
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { longestFrameGap, longFrames, longTasks, startFrameMeter, startLongTaskObserver } from './meters';

/**
 * Writes a synthetic cohort (cohortCsv) into the test's output folder and hands it to the app's file picker by
 * path, as a user choosing the file would. Made in the page instead, its row strings would be garbage on the
 * main thread, collected in long pauses while the app is being measured. Frames, long tasks and progress are
 * recorded from just before the file is handed over.
 */
async function chooseSyntheticCohort(page: Page, rows: number, name: string): Promise<void> {
  const path = test.info().outputPath(name);
  writeFileSync(path, cohortCsv(rows));
  await startFrameMeter(page);
  await startLongTaskObserver(page);
  await page.evaluate(() => {
    const w = window as unknown as { __progress: string[]; __progressObserver?: MutationObserver };
    w.__progress = [];
    w.__progressObserver ??= new MutationObserver(() => {
      const p = document.querySelector('[data-testid=progress]');
      if (p) w.__progress.push(p.getAttribute('aria-valuenow') ?? '');
    });
    w.__progressObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.locator('[data-testid="file-input"]').setInputFiles(path);
}

/** rows of 20 lab values (1% missing), sex and a yes/no outcome from a known logistic model, so training has work to do. */
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

test('the page keeps repainting while 100,000 rows load and train, and the progress bar moves', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await chooseSyntheticCohort(page, 100_000, 'cohort-100k.csv');
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
  await chooseSyntheticCohort(page, 400_000, 'cohort-400k.csv');
  await expect(app.byTestId('progress')).toBeVisible();
  await app.byTestId('cancel-button').click();
  await expect(app.byTestId('status')).toContainText('Cancelled');
  await expect(app.byTestId('progress')).toHaveCount(0);
  // the previously loaded file is still the one loaded
  await app.expectLoaded(768, 9);
  await app.train();
});

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
    await chooseSyntheticCohort(page, 200_000, `cohort-200k-${attempt}.csv`);
    await waitUntil('loaded', `cohort-200k-${attempt}`);
    await page.click('[data-testid="train-button"]');
    await waitUntil('trained', '');
    await page.waitForTimeout(500);
    const tasks = await longTasks(page);
    attempts.push(tasks);
    if (tasks.some((d) => d > 50)) console.log(`attempt ${attempt + 1}, what ran: ${JSON.stringify(await longFrames(page))}`);
    await expect(app.byTestId('predict-form')).toBeVisible(); // the journey really ended in results
    if (tasks.every((d) => d <= 50)) break;
  }
  console.log(`long tasks per attempt (ms): ${JSON.stringify(attempts)}`);
  expect(attempts[attempts.length - 1].filter((d) => d > 50), 'main-thread tasks over 50 ms').toEqual([]);
});

test('training the SVM and the network on 100,000 rows keeps the page repainting and reports progress', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await chooseSyntheticCohort(page, 100_000, 'cohort-100k.csv');
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

test('while the bootstrap runs, no main-thread task takes longer than 50 ms, the bar moves, and Cancel stops it', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await chooseSyntheticCohort(page, 20_000, 'cohort-20k.csv');
  await app.expectLoaded(20_000, 22);
  await app.train();
  await page.waitForTimeout(500);
  const attempts: number[][] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    await startLongTaskObserver(page);
    await startFrameMeter(page);
    await page.evaluate(() => ((window as unknown as { __progress: string[] }).__progress = []));
    await app.byTestId('bootstrap-input').fill('40');
    await page.click('[data-testid="validate-button"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="validation-table"] tr[data-metric="auc"]') !== null && document.querySelector('[data-testid="progress"]') === null, undefined, { polling: 200, timeout: 120_000 });
    await page.waitForTimeout(300);
    const tasks = await longTasks(page);
    const frames = await longestFrameGap(page);
    expect(frames.progress.length, 'distinct progress values during the bootstrap').toBeGreaterThanOrEqual(2);
    attempts.push(tasks);
    if (tasks.some((d) => d > 50)) console.log(`bootstrap attempt ${attempt + 1}, what ran: ${JSON.stringify(await longFrames(page))}`);
    if (tasks.every((d) => d <= 50)) break;
  }
  console.log(`bootstrap: long tasks per attempt (ms): ${JSON.stringify(attempts)}`);
  expect(attempts[attempts.length - 1].filter((d) => d > 50), 'main-thread tasks over 50 ms').toEqual([]);

  // a long bootstrap can be stopped; the model and its earlier validation stay
  await app.byTestId('bootstrap-input').fill('2000');
  await app.byTestId('validate-button').click();
  await expect(app.byTestId('progress')).toBeVisible();
  await app.byTestId('cancel-button').click();
  await expect(app.byTestId('progress')).toHaveCount(0);
  await expect(app.byTestId('status')).toContainText(/cancel|取消/i);
  await expect(app.byTestId('validation-table').locator('tr[data-metric="auc"]')).toBeVisible();
});
