import { test, expect } from '../support';
import { longestFrameGap, longFrames, longTasks, startFrameMeter, startLongTaskObserver } from './meters';
import { columnCount, writeShape, type CohortShape } from './cohorts';

/**
 * No stutter on any shape of file: from choosing the file to the results on screen (every deferred part of the
 * results mounted), no main-thread task over 50 ms. Each shape stresses a different part of the page:
 * - numeric: many rows, few design columns (the parse's progress, the charts);
 * - categorical: 8 categorical columns of 3–10 levels and 10 numeric ones, 52 design columns, at 10⁵ and 2·10⁵ rows
 *   (per-level tables: the coefficients, the odds ratios, the feature weights);
 * - wide: 200 columns (the profile table, 200 feature checkboxes, 199 coefficients).
 * Missing values are filled with the mean, so all rows are used (the default drops incomplete rows).
 */
const CATEGORICAL_LEVELS = [3, 4, 5, 6, 7, 8, 9, 10];
const SHAPES: CohortShape[] = [
  { name: 'numeric', rows: 200_000, numeric: 20, levels: [], missing: 0.01 },
  { name: 'categorical-100k', rows: 100_000, numeric: 10, levels: CATEGORICAL_LEVELS, missing: 0.01 },
  { name: 'categorical-200k', rows: 200_000, numeric: 10, levels: CATEGORICAL_LEVELS, missing: 0.01 },
  { name: 'wide', rows: 20_000, numeric: 196, levels: [3, 4, 5], missing: 0.01 },
];

for (const shape of SHAPES) {
  const cols = columnCount(shape);
  test(`${shape.name}: ${shape.rows.toLocaleString('en-US')} rows × ${cols} columns, from the file to the results no main-thread task takes longer than 50 ms`, async ({ app, page }) => {
    test.setTimeout(240_000);
    await app.open();
    // warm up: the first chart the page ever draws also compiles Recharts' code
    await app.loadSample('pima');
    await app.train();
    await page.waitForTimeout(500);
    // While measuring, the test waits with a cheap DOM check every 200 ms instead of Playwright's retrying
    // expect(): a failed expect() poll builds an aria snapshot of the whole page on the main thread, a task of
    // 30–100 ms that the long-task observer would count against the app.
    const waitUntil = (check: 'loaded' | 'trained', rows: number, fileName: string) =>
      page.waitForFunction(
        ([check, rows, fileName]) => {
          const el = (id: string) => document.querySelector(`[data-testid="${id}"]`);
          if (el('error-message')) return true;
          if (check === 'loaded') return el('dataset-summary')?.getAttribute('data-rows') === String(rows) && (el('dataset-summary')?.textContent ?? '').includes(fileName);
          // the results on screen: the status, the patient form and every deferred part mounted
          return /finished|完成/.test(el('status')?.textContent ?? '') && el('predict-form') !== null && document.querySelector('.chart-placeholder') === null;
        },
        [check, rows, fileName] as const,
        { polling: 200, timeout: 120_000 },
      );
    // Task durations are wall-clock: another process on a 2-core machine stretches them (the longest of the app's
    // own tasks, a Recharts chart's commit, takes 30-45 ms of CPU; with another core's worth of load it takes
    // 60-90 ms of wall-clock). The journey runs up to three times and one clean run passes; the app's own work is
    // the same each time.
    const attempts: { tasks: number[]; frames: string[]; gap: number; loadSeconds: number; trainSeconds: number }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      // a second attempt loads a copy under another name, so that the check sees the new file's profile
      const fileName = `${shape.name}-${attempt + 1}.csv`;
      const file = test.info().outputPath(fileName);
      writeShape(file, shape);
      await startFrameMeter(page);
      await startLongTaskObserver(page);
      const t0 = Date.now();
      await app.byTestId('file-input').setInputFiles(file);
      await waitUntil('loaded', shape.rows, fileName);
      expect(await app.byTestId('error-message').count(), 'an error instead of the profile').toBe(0);
      const t1 = Date.now();
      expect(await app.byTestId('dataset-summary').getAttribute('data-cols')).toBe(String(cols));
      await app.byTestId('missing-select').selectOption('mean');
      const t2 = Date.now();
      await app.byTestId('train-button').click();
      await waitUntil('trained', shape.rows, fileName);
      expect(await app.byTestId('error-message').count(), 'an error instead of the results').toBe(0);
      const t3 = Date.now();
      await page.waitForTimeout(500);
      const tasks = await longTasks(page);
      const frames = tasks.some((d) => d > 50) ? await longFrames(page) : [];
      const gap = Math.round((await longestFrameGap(page)).gap);
      attempts.push({ tasks, frames, gap, loadSeconds: (t1 - t0) / 1000, trainSeconds: (t3 - t2) / 1000 });
      if (frames.length > 0) console.log(`${shape.name}, attempt ${attempt + 1}, what ran: ${JSON.stringify(frames)}`);
      await expect(app.byTestId('predict-form')).toBeVisible(); // the journey really ended in results
      expect(await app.byTestId('split-summary').getAttribute('data-train-rows')).toBe(String(shape.rows - Math.ceil(shape.rows * 0.2)));
      if (tasks.every((d) => d <= 50)) break;
    }
    const worst = (a: (typeof attempts)[number]) => Math.max(0, ...a.tasks);
    console.log(
      `${shape.name} (${shape.rows} × ${cols}): ` +
        attempts.map((a, k) => `attempt ${k + 1}: profile ${a.loadSeconds.toFixed(1)} s, results ${a.trainSeconds.toFixed(1)} s, long tasks ${JSON.stringify(a.tasks)} (worst ${worst(a)} ms), longest frame gap ${a.gap} ms`).join('; '),
    );
    const last = attempts[attempts.length - 1];
    expect(last.tasks.filter((d) => d > 50), `main-thread tasks over 50 ms; what ran: ${JSON.stringify(last.frames)}`).toEqual([]);
  });
}
