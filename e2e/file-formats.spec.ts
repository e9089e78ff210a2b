import { readFileSync } from 'node:fs';
import { test, expect } from './support';
import converged from '../src/core/__fixtures__/reference/converged.json' with { type: 'json' };

test('a dropped GBK, semicolon, decimal-comma export with Chinese headers goes through to the charts', async ({ app, page }) => {
  await app.open();
  await app.dropFile('门诊导出.csv', readFileSync('e2e/fixtures/gbk-semicolon.csv'));
  await app.expectLoaded(60, 5);
  await expect(app.byTestId('dataset-summary')).toContainText('GB18030');
  const profile = app.byTestId('profile-table');
  await expect(profile.locator('tr[data-column="编号"]')).toHaveAttribute('data-type', 'identifier');
  await expect(profile.locator('tr[data-column="性别"]')).toHaveAttribute('data-type', 'binary');
  await expect(profile.locator('tr[data-column="血糖"]')).toHaveAttribute('data-type', 'numeric');
  await expect(profile.locator('tr[data-column="血糖"]')).toContainText('max 7.9');
  await expect(app.byTestId('target-select')).toHaveValue('诊断');
  await expect(app.byTestId('positive-class-select')).toHaveValue('糖尿病');
  await expect(page.locator('[data-testid=feature-toggle][data-feature="编号"]')).not.toBeChecked();
  await app.train();
  const coefs = await app.coefficients();
  expect([...coefs.keys()]).toEqual(['(intercept)', '性别=男', '年龄', '血糖']);
  await expect(app.byTestId('chart-feature-weights').locator('svg').first()).toBeVisible();
});

test('mean imputation through the UI reproduces the reference optimum (pima, seed 42)', async ({ app }) => {
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('missing-select').selectOption('mean');
  await app.train();
  const coefs = await app.coefficients();
  const ref = converged.pima_diabetes_mean;
  const names = ['pregnant', 'glucose', 'pressure', 'triceps', 'insulin', 'mass', 'pedigree', 'age'];
  names.forEach((name, j) => expect(Math.abs((coefs.get(name) as number) - ref.coef[j])).toBeLessThanOrEqual(1e-5));
  expect(Math.abs((coefs.get('(intercept)') as number) - ref.intercept)).toBeLessThanOrEqual(1e-5);
  expect(await app.metric('metric-accuracy')).toBe(ref.accuracy);
  expect(await app.metric('metric-train-accuracy')).toBe(ref.train_accuracy);
});

test('a cohort column splits development and validation rows', async ({ app }) => {
  await app.open();
  const lines = ['age,sex,cohort,outcome'];
  for (let i = 0; i < 80; i++) lines.push(`${30 + ((i * 17) % 50)},${i % 2 ? 'M' : 'F'},${i < 60 ? 'development' : 'validation'},${(i * 17) % 50 > 25 ? 'yes' : 'no'}`);
  await app.uploadFile('cohorts.csv', lines.join('\n'));
  await app.byTestId('split-select').selectOption('column');
  await app.byTestId('split-column-select').selectOption('cohort');
  await app.byTestId('split-train-value-select').selectOption('development');
  await expect(app.page.locator('[data-testid=feature-toggle][data-feature="cohort"]')).toBeDisabled();
  await app.train();
  await expect(app.page.getByText('tested on 20 held-out rows')).toBeVisible();
});
