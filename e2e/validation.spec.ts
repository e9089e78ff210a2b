/**
 * Validation a statistician would sign, end to end: the bootstrap's optimism correction and its
 * shrinkage, the decision curve, subgroups, and a second file as external data, recalibrated to, after
 * which the model in use (the patient form, the model file) is the recalibrated one.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Workbench } from './support';

const PIMA = readFileSync('public/samples/pima_diabetes.csv', 'utf8');

/** Another hospital's patients: the same columns in another order, an extra column, and fewer events. */
function otherHospital(): string {
  const lines = PIMA.trim().split('\n');
  const header = lines[0].split(',');
  const order = [8, 7, 0, 1, 2, 3, 4, 5, 6];
  const rows = lines.slice(1).filter((l, i) => !l.endsWith('"pos"') || i % 3 === 0);
  return [[...order.map((k) => header[k]), 'site'].join(','), ...rows.map((l) => [...order.map((k) => l.split(',')[k]), 'B'].join(','))].join('\n');
}

async function risk(app: Workbench): Promise<number> {
  await expect(app.byTestId('predicted-risk')).toBeVisible();
  return Number(await app.byTestId('predicted-risk').getAttribute('data-value'));
}

test('bootstrap, decision curve, subgroups, and an external file with recalibration', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('missing-select').selectOption('mean');
  await app.train();

  // internal validation: apparent, optimism, corrected for the four measures
  await app.byTestId('bootstrap-input').fill('50');
  await app.byTestId('validate-button').click();
  const table = app.byTestId('validation-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  for (const metric of ['auc', 'brier', 'calibration-slope', 'calibration-intercept']) {
    const row = table.locator(`tr[data-metric="${metric}"]`);
    const apparent = Number(await row.getAttribute('data-apparent'));
    const optimism = Number(await row.getAttribute('data-optimism'));
    const corrected = Number(await row.getAttribute('data-corrected'));
    expect(corrected, metric).toBeCloseTo(apparent - optimism, 12);
  }
  const auc = table.locator('tr[data-metric="auc"]');
  expect(Number(await auc.getAttribute('data-corrected'))).toBeLessThan(Number(await auc.getAttribute('data-apparent')));

  // the decision curve on the test rows: a row per 5%, the model's net benefit and treat-all's
  await expect(app.byTestId('chart-decision-curve').locator('svg').first()).toBeVisible();
  const dca = app.byTestId('dca-table');
  await expect(dca.locator('tbody tr')).toHaveCount(19);
  await expect(dca.locator('tr').nth(1)).toHaveAttribute('data-threshold', '0.05');
  const at10 = dca.locator('tr[data-threshold="0.10"]');
  expect(Number(await at10.getAttribute('data-net-benefit'))).toBeGreaterThan(Number(await at10.getAttribute('data-treat-all')) - 0.05);

  // subgroups by a column that is not a feature's reading: every test row in one level
  await app.byTestId('subgroup-select').selectOption('pregnant');
  const groups = app.byTestId('subgroup-table').locator('tbody tr');
  await expect(groups.first()).toBeVisible();
  const rows = await groups.evaluateAll((trs) => trs.reduce((s, tr) => s + Number(tr.getAttribute('data-rows')), 0));
  expect(rows).toBe(Number(await app.byTestId('split-summary').getAttribute('data-test-rows')));
  await app.screenshot('09-validation');

  // the patient's risk before any recalibration
  const before = await risk(app);

  // external data: fewer events than the model expects
  await app.byTestId('external-file-input').setInputFiles({ name: 'hospital-b.csv', mimeType: 'text/csv', buffer: Buffer.from(otherHospital()) });
  const metrics = app.byTestId('external-metrics');
  await expect(metrics).toBeVisible();
  expect(Number(await metrics.getAttribute('data-oe'))).toBeLessThan(1);
  expect(Number(await metrics.getAttribute('data-calibration-intercept'))).toBeLessThan(0);
  const externalAuc = Number(await metrics.getAttribute('data-auc'));
  expect(Number(await metrics.getAttribute('data-auc-ci-low'))).toBeLessThan(externalAuc);
  await expect(app.byTestId('chart-external-calibration').locator('svg').first()).toBeVisible();

  // recalibrate to their baseline risk: calibration-in-the-large goes to 0, the ranking stays
  await app.byTestId('recalibrate-select').selectOption('intercept');
  await expect.poll(async () => Math.abs(Number(await metrics.getAttribute('data-calibration-intercept')))).toBeLessThan(1e-6);
  expect(Number(await metrics.getAttribute('data-auc'))).toBeCloseTo(externalAuc, 12);
  await app.screenshot('10-external');

  // the model in use is the recalibrated one: the same patient has a lower risk, the model file says so
  await expect.poll(() => risk(app)).toBeLessThan(before);
  const [download] = await Promise.all([page.waitForEvent('download'), app.byTestId('model-download').click()]);
  const file = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as { recalibration: { method: string; rows: number }; training: { validation: { bootstrap: { replicates: number }; external: { fileName: string } } } };
  expect(file.recalibration.method).toBe('intercept');
  expect(file.recalibration.rows).toBe(Number(await metrics.getAttribute('data-rows')));
  expect(file.training.validation.bootstrap.replicates).toBe(50);
  expect(file.training.validation.external.fileName).toBe('hospital-b.csv');
});
