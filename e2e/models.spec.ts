import { test, expect, overlappingChartText, type Workbench } from './support';
import { MODEL_DEFINITIONS, MODEL_KINDS, type ModelKind } from '../src/core/models/registry';

async function trainModel(app: Workbench, model: string, fill: Record<string, string> = {}) {
  await app.byTestId('model-select').selectOption(model);
  for (const [id, value] of Object.entries(fill)) await app.byTestId(id).fill(value);
  await app.train();
}

async function expectMetricsInRange(app: Workbench) {
  for (const id of ['metric-auc', 'metric-balanced-accuracy', 'metric-sensitivity', 'metric-specificity', 'metric-ppv', 'metric-npv', 'metric-f1', 'metric-brier']) {
    const v = await app.metric(id);
    expect(v, id).toBeGreaterThanOrEqual(0);
    expect(v, id).toBeLessThanOrEqual(1);
  }
  expect(await app.metric('metric-auc-ci-low')).toBeLessThanOrEqual(await app.metric('metric-auc'));
  expect(await app.metric('metric-auc-ci-high')).toBeGreaterThanOrEqual(await app.metric('metric-auc'));
  for (const chart of ['chart-roc', 'chart-pr', 'chart-calibration']) await expect(app.byTestId(chart).locator('svg').first()).toBeVisible();
}

/** What a model shows beyond the metrics every model has (models not listed: the metrics only). */
const EXTRA_CHECKS: Partial<Record<ModelKind, (app: Workbench) => Promise<void>>> = {
  logreg: async (app) => expect(await app.metric('metric-auc')).toBeGreaterThan(0.8),
  'logreg-mle': async (app) => {
    const glucose = app.byTestId('odds-ratio-table').locator('tr[data-feature="glucose"]');
    const or = Number(await glucose.getAttribute('data-or'));
    expect(or).toBeGreaterThan(1);
    expect(Number(await glucose.getAttribute('data-ci-low'))).toBeLessThan(or);
    expect(Number(await glucose.getAttribute('data-ci-high'))).toBeGreaterThan(or);
    expect(Number(await glucose.getAttribute('data-p'))).toBeLessThan(0.001);
  },
};

test('every registered model trains on a sample and reports discrimination and calibration', async ({ app }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.loadSample('pima');
  // the registry (src/core/models/registry) lists the models: a new one is trained here without a change to this test
  for (const d of MODEL_DEFINITIONS) {
    await trainModel(app, d.kind, d.fields.includes('epochs') ? { 'epochs-input': d.traits.stopsEarly ? '60' : '100' } : {});
    await expectMetricsInRange(app);
    await EXTRA_CHECKS[d.kind]?.(app);
    if (d.traits.iterative) {
      await expect(app.byTestId('chart-loss').locator('svg').first()).toBeVisible();
      expect(await overlappingChartText(app.page)).toEqual([]);
    }
    if (d.traits.linear) await expect(app.byTestId('chart-feature-weights').locator('svg').first()).toBeVisible();
  }
  await app.screenshot('05-mlp');
});

test('moving the threshold updates the confusion matrix and metrics without retraining', async ({ app }) => {
  await app.open();
  await app.loadSample('wdbc');
  await app.train();
  const matrix = app.byTestId('confusion-matrix');
  const at = async () => ({
    tp: Number(await matrix.getAttribute('data-tp')),
    fp: Number(await matrix.getAttribute('data-fp')),
    tn: Number(await matrix.getAttribute('data-tn')),
    fn: Number(await matrix.getAttribute('data-fn')),
  });
  const before = await at();
  expect(before.tp + before.fp + before.tn + before.fn).toBe(114);
  const sensitivityBefore = await app.metric('metric-sensitivity');
  await app.byTestId('threshold-input').fill('0.05');
  await expect(matrix).not.toHaveAttribute('data-tp', String(before.tp));
  const low = await at();
  expect(low.tp).toBeGreaterThanOrEqual(before.tp);
  expect(low.fp).toBeGreaterThanOrEqual(before.fp);
  expect(low.tp + low.fp + low.tn + low.fn).toBe(114);
  expect(await app.metric('metric-sensitivity')).toBeGreaterThanOrEqual(sensitivityBefore);
  expect(await app.metric('metric-sensitivity')).toBeCloseTo(low.tp / (low.tp + low.fn), 12);
  await app.byTestId('threshold-input').fill('0.95');
  await expect(matrix).not.toHaveAttribute('data-tp', String(low.tp));
  const high = await at();
  expect(high.tp).toBeLessThanOrEqual(before.tp);
  expect(await app.metric('metric-specificity')).toBeCloseTo(high.tn / (high.tn + high.fp), 12);
  await expect(matrix.locator('caption')).toContainText('0.95');
});

test('cross-validation and the model comparison run on the same split', async ({ app }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('cv-select').selectOption('5');
  await app.train();
  const cv = app.byTestId('metric-cv-auc');
  const mean = Number(await cv.getAttribute('data-value'));
  const sd = Number(await cv.getAttribute('data-sd'));
  expect(mean).toBeGreaterThan(0.7);
  expect(mean).toBeLessThanOrEqual(1);
  expect(sd).toBeGreaterThan(0);
  expect(sd).toBeLessThan(0.2);

  await app.byTestId('compare-button').click();
  const table = app.byTestId('comparison-table');
  await expect(table.locator('tbody tr')).toHaveCount(MODEL_KINDS.length);
  for (const model of MODEL_KINDS) {
    const row = table.locator(`tr[data-model="${model}"]`);
    for (const attr of ['data-auc', 'data-accuracy', 'data-brier']) {
      const v = Number(await row.getAttribute(attr));
      expect(v, `${model} ${attr}`).toBeGreaterThan(0);
      expect(v, `${model} ${attr}`).toBeLessThan(1);
    }
  }
  await expect(app.byTestId('chart-comparison').locator('svg').first()).toBeVisible();
  expect(await overlappingChartText(app.page)).toEqual([]);
  // every model's name is shown whole (on two lines if need be): a cut name carries a tooltip <title>
  await expect(app.byTestId('chart-comparison').locator('svg text title')).toHaveCount(0);
  await app.screenshot('06-comparison');
});

test('a separable dataset gives a separation warning, not absurd odds ratios', async ({ app }) => {
  await app.open();
  const lines = ['marker,age,y'];
  for (let i = 0; i < 60; i++) lines.push(`${(i * 7) % 60},${40 + ((i * 13) % 30)},${(i * 7) % 60 >= 30 ? 'yes' : 'no'}`);
  await app.uploadFile('separable.csv', lines.join('\n'));
  await app.byTestId('model-select').selectOption('logreg-mle');
  await app.train();
  await expect(app.page.locator('[data-testid=warning][data-kind=separation]')).toBeVisible();
  await expect(app.byTestId('odds-ratio-table')).toHaveCount(0);
});

test('a too-large learning rate is reported as divergence, not a crash', async ({ app }) => {
  await app.open();
  await app.loadSample('wdbc');
  await trainModel(app, 'gd', { 'learning-rate-input': '100', 'epochs-input': '50' });
  await expect(app.page.locator('[data-testid=warning][data-kind=divergence]')).toBeVisible();
  await expect(app.byTestId('chart-loss').locator('svg').first()).toBeVisible();
});
