import { test, expect, overlappingChartText } from './support';

test('a sample dataset goes from one click to accuracy, charts and coefficients', async ({ app, page }) => {
  await app.open();
  await app.screenshot('01-empty');
  await app.loadSample('wdbc');
  await app.expectLoaded(569, 31);
  await expect(app.byTestId('profile-table').locator('tbody tr')).toHaveCount(31);
  await expect(app.byTestId('profile-table').locator('tr[data-column="diagnosis"]')).toHaveAttribute('data-type', 'binary');
  await expect(app.byTestId('profile-table').locator('tr[data-column="mean radius"]')).toHaveAttribute('data-type', 'numeric');
  await expect(app.byTestId('target-select')).toHaveValue('diagnosis');
  await expect(app.byTestId('positive-class-select')).toHaveValue('malignant');
  await expect(app.byTestId('train-button')).toBeVisible();
  await app.screenshot('02-loaded');

  await app.train();
  await app.expectWdbcResults();
  const coefs = await app.coefficients();
  expect(coefs.size).toBe(31);
  expect(coefs.has('(intercept)')).toBe(true);
  // every chart on screen drawn whole: a chart's first drawing comes in two halves (its frame, then its data)
  await expect(page.locator('.chart-box[aria-busy="true"]:visible')).toHaveCount(0);
  await expect(app.byTestId('chart-roc').locator('.recharts-line-curve')).toHaveCount(1);
  await expect(app.byTestId('chart-pr').locator('.recharts-line-curve')).toHaveCount(1);
  await expect(app.byTestId('chart-calibration').locator('.recharts-scatter-symbol')).toHaveCount(10);
  await expect(app.byTestId('chart-feature-weights').locator('.recharts-bar-rectangle')).toHaveCount(20); // the 20 largest of 30
  await page.waitForTimeout(100);
  // every chart's labels readable: no axis title over a tick label, no tick labels on top of each other
  expect(await overlappingChartText(page)).toEqual([]);
  await app.screenshot('03-trained');
  await page.evaluate(() => window.scrollTo(0, 0));
  await app.screenshot('readme', false);
});
