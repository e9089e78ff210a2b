import { test, expect, overlappingChartText } from './support';

/** A cohort with lab values in mg/dL (ORs per unit near 1), a 0/1 column and a two-level category. */
function labCohort(n = 600): string {
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const normal = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const lines = ['age,glucose_mgdl,cholesterol_mgdl,smoker,sex,event'];
  for (let i = 0; i < n; i++) {
    const age = Math.round(55 + 12 * normal());
    const glucose = Math.round(110 + 35 * normal());
    const chol = Math.round(210 + 40 * normal());
    const smoker = rand() < 0.3 ? 1 : 0;
    const sex = rand() < 0.5 ? 'F' : 'M';
    const z = -9 + 0.05 * age + 0.012 * glucose + 0.01 * chol + 0.6 * smoker + (sex === 'M' ? 0.4 : 0);
    lines.push([age, glucose, chol, smoker, sex, rand() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no'].join(','));
  }
  return lines.join('\n');
}

test('an MLE model on lab values in mg/dL shows odds ratios that differ from 1, per the increment the user sets, and a forest plot', async ({ app }) => {
  await app.open();
  await app.uploadFile('labs.csv', labCohort());
  await app.byTestId('model-select').selectOption('logreg-mle');
  await app.train();
  const table = app.byTestId('odds-ratio-table');
  const chol = table.locator('tr[data-feature="cholesterol_mgdl"]');
  const perUnit = Number(await chol.getAttribute('data-or'));
  expect(perUnit).toBeGreaterThan(1);
  expect(perUnit).toBeLessThan(1.1);
  // shown with digits enough to differ from 1 (e.g. 1.0094), and equal to the value to its last digit
  const shown = (await chol.getByTestId('or-value').textContent()) ?? '';
  expect(Number(shown)).not.toBe(1);
  expect(shown.replace(/^1\.0*/, '').length).toBeGreaterThanOrEqual(2);
  expect(Math.abs(Number(shown) - perUnit)).toBeLessThan(10 ** -(shown.split('.')[1].length) / 2 + 1e-12);
  // per 10 mg/dL: the OR to the 10th power, interval too
  await chol.getByTestId('or-increment-input').fill('10');
  await expect.poll(async () => Number(await chol.getByTestId('or-value').getAttribute('data-value'))).toBeCloseTo(perUnit ** 10, 10);
  await expect(app.byTestId('chart-forest').locator('[data-feature="cholesterol_mgdl"] text').last()).toContainText(`${Number(perUnit ** 10).toFixed(3).slice(0, 3)}`);
  // the 0/1 column and the category compare levels: no increment, no "per SD"
  const smoker = table.locator('tr[data-feature="smoker"]');
  await expect(smoker).toHaveAttribute('data-kind', 'binary');
  await expect(smoker.getByTestId('or-increment-input')).toHaveCount(0);
  await expect(smoker).toContainText('1 vs 0');
  const sex = table.locator('tr[data-feature="sex=M"]');
  await expect(sex).toHaveAttribute('data-kind', 'level');
  await expect(sex).toContainText('M vs F');
  await expect(sex).not.toContainText('SD');
  // "per SD" says how large the SD is
  await expect(table.locator('tr[data-feature="age"]')).toContainText(/per SD \(SD = \d/);
  await expect(table.getByTestId('or-increment-input')).toHaveCount(3);
  await expect(app.byTestId('chart-forest').locator('svg')).toBeVisible();
  expect(await overlappingChartText(app.page)).toEqual([]);
  await app.byTestId('odds-ratio-table').scrollIntoViewIfNeeded();
  await app.screenshot('10-odds-ratios');
});

test('under quasi-complete separation the MLE table keeps the unaffected predictors and marks the separated one', async ({ app }) => {
  await app.open();
  const lines = ['age,ward,event'];
  for (let i = 0; i < 300; i++) {
    const age = 40 + ((i * 37) % 40);
    const ward = i % 10 === 0 ? 'ICU' : i % 2 === 0 ? 'A' : 'B';
    // every ICU patient had the event; elsewhere the risk rises with age
    const event = ward === 'ICU' || (i * 7919) % 100 < age - 30;
    lines.push(`${age},${ward},${event ? 'yes' : 'no'}`);
  }
  await app.uploadFile('separated.csv', lines.join('\n'));
  await app.byTestId('model-select').selectOption('logreg-mle');
  await app.train();
  await expect(app.page.locator('[data-testid=warning][data-kind=separation]')).toBeVisible();
  const table = app.byTestId('odds-ratio-table');
  await expect(table.locator('tr[data-feature="ward=ICU"]')).toHaveAttribute('data-separated', 'true');
  await expect(table.locator('tr[data-feature="ward=ICU"]')).toContainText('no finite estimate');
  const age = Number(await table.locator('tr[data-feature="age"] [data-testid=or-value]').getAttribute('data-value'));
  expect(age).toBeGreaterThan(1);
  await expect(app.byTestId('chart-forest').locator('[data-feature="ward=ICU"]')).toContainText('separation');

  // one click trains Firth's model on the same setup: every predictor gets a finite OR and a profile interval
  await app.byTestId('firth-offer').click();
  await expect(app.byTestId('odds-ratio-table').locator('tr[data-feature="ward=ICU"]')).not.toHaveAttribute('data-separated', 'true');
  await expect(app.byTestId('model-select')).toHaveValue('logreg-firth');
  const icu = app.byTestId('odds-ratio-table').locator('tr[data-feature="ward=ICU"]');
  const or = Number(await icu.getByTestId('or-value').getAttribute('data-value'));
  expect(or).toBeGreaterThan(1);
  expect(Number.isFinite(or)).toBe(true);
  await expect(icu).toHaveAttribute('data-interval', 'profile');
  expect(Number(await icu.getAttribute('data-ci-low'))).toBeLessThan(or);
  expect(Number(await icu.getAttribute('data-ci-high'))).toBeGreaterThan(or);
  await expect(app.page.locator('[data-testid=warning][data-kind=separation]')).toHaveCount(0);
  await expect(app.byTestId('chart-forest').locator('[data-feature="ward=ICU"] rect')).toHaveCount(1);
  expect(await overlappingChartText(app.page)).toEqual([]);
  await app.byTestId('odds-ratio-table').scrollIntoViewIfNeeded();
  await app.screenshot('11-firth');
});
