import { readFileSync } from 'node:fs';
import { test, expect, overlappingChartText, type Workbench } from './support';
import type { Download, Page } from '@playwright/test';

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readDownload(download) };
}

async function readDownload(d: Download): Promise<string> {
  const path = await d.path();
  return readFileSync(path as string, 'utf8');
}

async function risk(app: Workbench): Promise<number> {
  const el = app.byTestId('predicted-risk');
  await expect(el).toBeVisible();
  return Number(await el.getAttribute('data-value'));
}

/** Sets a form input and waits until the risk shown has been recomputed. */
async function setInput(app: Workbench, feature: string, value: string): Promise<number> {
  const before = await app.byTestId('predicted-risk').getAttribute('data-value');
  await app.page.locator(`[data-testid=predict-input][data-feature="${feature}"]`).fill(value);
  await expect(app.byTestId('predicted-risk')).not.toHaveAttribute('data-value', before ?? '');
  return risk(app);
}

test('one patient: risk, reasons, extrapolation and what-if', async ({ app, page }) => {
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('missing-select').selectOption('median');
  await app.train();
  await expect(app.byTestId('predict-form')).toBeVisible();
  await expect(page.locator('[data-testid=predict-input]')).toHaveCount(8);
  const reference = await risk(app);
  expect(reference).toBeGreaterThan(0);
  expect(reference).toBeLessThan(1);
  // the form starts at the reference patient: no bars, and a sentence that says why
  await expect(app.byTestId('contributions-none')).toBeVisible();
  await expect(app.byTestId('chart-contributions').locator('svg')).toHaveCount(0);
  const high = await setInput(app, 'glucose', '190');
  expect(high).toBeGreaterThan(reference);
  await expect(app.byTestId('chart-contributions').locator('svg').first()).toBeVisible();
  await expect(app.byTestId('contributions-none')).toHaveCount(0);
  await expect(page.locator('[data-testid=extrapolation-warning]')).toHaveCount(0);
  await setInput(app, 'glucose', '400');
  await expect(page.locator('[data-testid=extrapolation-warning][data-feature="glucose"]')).toBeVisible();
  await setInput(app, 'glucose', '120');
  await page.locator('[data-testid=modifiable-toggle][data-feature="mass"]').check();
  await expect(app.byTestId('chart-what-if').locator('svg').first()).toBeVisible();
  // the what-if's own note (the treatment panel has its caveat too)
  await expect(page.locator('.what-if').getByRole('note')).toContainText('not the effect');
  expect(await overlappingChartText(page)).toEqual([]);
  await app.screenshot('07-patient');
});

test('a model file travels without the data and scores exactly as the original', async ({ app, page }) => {
  await app.open();
  await app.loadSample('wdbc');
  await app.byTestId('model-select').selectOption('mlp');
  await app.byTestId('epochs-input').fill('40');
  await app.train();
  const inputs = { 'mean radius': '15.5', 'worst texture': '31.2', 'worst concavity': '0.41' };
  for (const [f, v] of Object.entries(inputs)) await setInput(app, f, v);
  const original = await risk(app);
  const file = await saved(page, () => app.byTestId('model-download').click());
  expect(file.name).toMatch(/\.json$/);
  const model = JSON.parse(file.text) as Record<string, unknown>;
  expect(model.format).toBe('clinical-ml-workbench/model');
  // no patient row: no value of the file's free columns, only summaries
  expect(file.text).not.toContain('842302');

  await page.reload();
  await app.byTestId('model-file-input').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect(app.byTestId('predict-form')).toBeVisible();
  for (const [f, v] of Object.entries(inputs)) await setInput(app, f, v);
  expect(Math.abs((await risk(app)) - original)).toBeLessThanOrEqual(1e-12);
});

test('a tampered model file is refused with a message that says what is wrong', async ({ app }) => {
  await app.open();
  const bad = JSON.stringify({ format: 'clinical-ml-workbench/model', version: 1, model: { kind: 'logreg', coef: [null] } });
  await app.byTestId('model-file-input').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await app.expectError('bad-model-file');
  await expect(app.byTestId('error-message')).toContainText('missing');
  await app.byTestId('model-file-input').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
  await app.expectError('bad-model-file');
});

test('batch scoring keeps extra columns, neutralizes formulas and keeps numbers as numbers', async ({ app, page }) => {
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('missing-select').selectOption('mean');
  await app.train();
  const header = 'patient_note,pregnant,glucose,pressure,triceps,insulin,mass,pedigree,age';
  const rows = [
    '=HYPERLINK("http://evil"),1,100,70,20,,30.1,0.5,40',
    '+cmd|\' /C calc\'!A0,2,150,80,,100,35,0.3,50',
    '@SUM(A1),0,,60,25,90,28,0.2,25',
    '-2+3,3,120,72,30,110,32.5,0.6,33',
    'plain,-1,95,-5,18,80,22,0.1,61',
  ];
  await app.byTestId('batch-file-input').setInputFiles({ name: 'new-patients.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
  await expect(app.byTestId('batch-summary')).toHaveAttribute('data-rows', '5');
  const out = await saved(page, () => app.byTestId('batch-download').click());
  const numbered = out.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  // each row starts with its number in the file (identifier columns, were there any, would be left out)
  expect(numbered.slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2', '3', '4', '5']);
  const lines = numbered.map((l) => l.slice(l.indexOf(',') + 1));
  expect(numbered[0]).toBe(`source_row,${header},predicted_risk,predicted_class,scoring_notes`);
  expect(lines[1].startsWith(`"'=HYPERLINK(""http://evil"")"`)).toBe(true);
  expect(lines[2].startsWith(`"'+cmd|' /C calc'!A0"`) || lines[2].startsWith(`'+cmd|' /C calc'!A0`)).toBe(true);
  expect(lines[3].startsWith(`'@SUM(A1)`)).toBe(true);
  expect(lines[4].startsWith(`'-2+3`)).toBe(true);
  // numbers stay numbers, including negative ones
  expect(lines[5].split(',').slice(0, 4)).toEqual(['plain', '-1', '95', '-5']);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const r = Number(cells[cells.length - 3]);
    expect(r).toBeGreaterThan(0);
    expect(r).toBeLessThan(1);
  }
  expect(out.text).toContain('missing filled as in training');
});

test('a batch file without the model columns names them', async ({ app }) => {
  await app.open();
  await app.loadSample('pima');
  await app.train();
  await app.byTestId('batch-file-input').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('age,sex\n40,F\n') });
  await app.expectError('missing-columns');
  await expect(app.byTestId('error-message')).toContainText('glucose');
});

test('the report and the code export download, and the report prints', async ({ app, page }) => {
  await app.open();
  await app.loadSample('pima');
  await app.byTestId('model-select').selectOption('logreg-mle');
  await app.train();
  const report = await saved(page, () => app.byTestId('report-download').click());
  expect(report.name).toMatch(/\.html$/);
  expect(report.text).toContain('<!doctype html>');
  expect(report.text).toContain('Prediction model report');
  expect(report.text).toContain('Odds ratios');
  expect(report.text).not.toContain('<script');
  expect(report.text).toContain('<svg');
  // the screen's charts, with their axis titles and the calibration intervals (no second drawing)
  expect(report.text).toContain('data-testid="chart-roc"');
  expect(report.text).toContain('data-testid="chart-calibration"');
  expect(report.text).toContain('recharts-errorBar');
  expect(report.text).toContain('Sensitivity');
  await app.screenshotHtml('report', report.text);
  await page.evaluate(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => void w.__printed++;
  });
  await app.byTestId('report-print').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  const sklearn = await saved(page, () => app.byTestId('code-download-sklearn').click());
  expect(sklearn.name).toMatch(/\.py$/);
  expect(sklearn.text).toContain('from sklearn');
  const pyspark = await saved(page, () => app.byTestId('code-download-pyspark').click());
  expect(pyspark.text).toContain('pyspark');
});
