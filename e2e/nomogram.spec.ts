import { readFileSync } from 'node:fs';
import { test, expect, overlappingChartText, type Workbench } from './support';
import type { Page } from '@playwright/test';

/** Pages of a PDF that Chromium wrote: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** Clicks "Print nomogram" with window.print replaced by a counter (a headless browser has no print dialog). */
async function printNomogram(app: Workbench, page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => void w.__printed++;
  });
  await app.byTestId('nomogram-print-button').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  await expect(page.locator('html')).toHaveAttribute('data-print', 'nomogram');
}

test('a logistic model has a readable nomogram and points table, and they print alone on one A4 page', async ({ app, page }) => {
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('model-select').selectOption('logreg-mle');
  await app.train();
  const nomogram = app.byTestId('nomogram');
  await expect(nomogram).toBeVisible();
  // the Pima sample's 8 predictors: one line each, one table block each
  await expect(nomogram.locator('svg')).toHaveAttribute('data-axes', '8');
  await expect(app.byTestId('points-table').locator('table[data-predictor]')).toHaveCount(8);
  await expect(app.byTestId('points-table').locator('table[data-predictor="glucose"] tbody tr').first()).toBeVisible();
  // 100 points for one predictor: some row of the table is near it
  const points = await app.byTestId('points-table').locator('table[data-predictor] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-points'))));
  expect(Math.max(...points)).toBeGreaterThan(90);
  expect(Math.max(...points)).toBeLessThanOrEqual(100);
  await nomogram.scrollIntoViewIfNeeded();
  expect(await overlappingChartText(page)).toEqual([]);
  await app.screenshot('nomogram-results');
  await app.byTestId('nomogram').screenshot({ path: 'e2e/screenshots/nomogram-chart.png' });

  await printNomogram(app, page);
  await page.emulateMedia({ media: 'print' });
  // only the sheet: the app is hidden, the sheet's own nomogram and table are shown
  await expect(page.locator('#root')).toBeHidden();
  await expect(app.byTestId('nomogram-print')).toBeVisible();
  await expect(app.byTestId('points-table-print')).toBeVisible();
  expect(await overlappingChartText(page)).toEqual([]);
  await app.screenshot('nomogram-print');
  const pdf = await page.pdf({ format: 'A4', path: 'e2e/screenshots/nomogram-print.pdf' });
  expect(pdfPages(pdf)).toBe(1);
});

test('a model with 30 predictors still prints its nomogram on one page, its long names readable', async ({ app, page }) => {
  await app.open();
  await app.loadSample('wdbc');
  await app.train();
  const nomogram = app.byTestId('nomogram');
  await expect(nomogram).toBeVisible();
  await expect(nomogram.locator('svg')).toHaveAttribute('data-axes', '30');
  await nomogram.scrollIntoViewIfNeeded();
  expect(await overlappingChartText(page)).toEqual([]);
  await app.byTestId('nomogram').screenshot({ path: 'e2e/screenshots/nomogram-wdbc.png' });

  await printNomogram(app, page);
  await page.emulateMedia({ media: 'print' });
  expect(await overlappingChartText(page)).toEqual([]);
  await app.screenshot('nomogram-print-wdbc');
  expect(pdfPages(await page.pdf({ format: 'A4', path: 'e2e/screenshots/nomogram-print-wdbc.pdf' }))).toBe(1);
});

test('a category gets a line with a point per level (birthwt, the data of the rms reference)', async ({ app, page }) => {
  // the birth-weight data without bwt, which the outcome is made from
  const csv = readFileSync('src/core/__fixtures__/nomogram/birthwt.csv', 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(',').slice(0, -1).join(','))
    .join('\n');
  await app.open();
  await app.uploadFile('birthwt.csv', csv);
  await app.expectLoaded(189, 9);
  await app.byTestId('target-select').selectOption('low');
  await app.byTestId('positive-class-select').selectOption('1');
  // ui was the suggested outcome, so it starts unticked
  await page.locator('[data-testid=feature-toggle][data-feature="ui"]').check();
  await app.byTestId('model-select').selectOption('logreg-mle');
  await app.train();
  const nomogram = app.byTestId('nomogram');
  await expect(nomogram).toBeVisible();
  await expect(nomogram.locator('svg')).toHaveAttribute('data-axes', '8');
  for (const level of ['black', 'other', 'white']) await expect(nomogram.locator('svg text', { hasText: level })).toHaveCount(1);
  const race = app.byTestId('points-table').locator('table[data-predictor="race"] tbody tr');
  await expect(race).toHaveCount(3);
  // the reference level's points are not 0 unless it has the lowest contribution: some level has 0
  expect(Math.min(...(await race.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-points'))))))).toBe(0);
  await nomogram.scrollIntoViewIfNeeded();
  expect(await overlappingChartText(page)).toEqual([]);
  await nomogram.screenshot({ path: 'e2e/screenshots/nomogram-birthwt.png' });
});
