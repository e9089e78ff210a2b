/**
 * Treatment options compared, end to end, in both languages, on the birth-weight data (smoke as the
 * treatment): one patient's risk under each option with its difference from the patient's own option,
 * the cohort's standardized risks with a bootstrap interval for their difference, the caveat always on
 * screen, the warnings, and the comparison in the downloaded report.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { test, expect, type Workbench } from './support';
import type { Locator } from '@playwright/test';

/** The birth-weight data without bwt, which the outcome is made from. */
const BIRTHWT = readFileSync('src/core/__fixtures__/nomogram/birthwt.csv', 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(',').slice(0, -1).join(','))
  .join('\n');

const CAVEAT = { en: 'confounding by indication', 'zh-CN': '适应证混杂' } as const;

async function numberAttr(l: Locator, name: string): Promise<number> {
  const v = await l.getAttribute(name);
  expect(v, name).not.toBeNull();
  return Number(v);
}

async function trainBirthwt(app: Workbench): Promise<void> {
  await app.uploadFile('birthwt.csv', BIRTHWT);
  await app.expectLoaded(189, 9);
  await app.byTestId('target-select').selectOption('low');
  await app.byTestId('positive-class-select').selectOption('1');
  await app.page.locator('[data-testid=feature-toggle][data-feature="ui"]').check();
  await app.train();
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`${language}: smoke compared for one patient and for the cohort, with its caveat, interval and warnings, and in the report`, async ({ app, page }) => {
    test.setTimeout(120_000);
    await app.open();
    if (language !== 'en') {
      await app.byTestId('language-select').selectOption(language);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
    }
    await trainBirthwt(app);

    // the caveat is there before anything is chosen, naming confounding by indication
    const caveat = app.byTestId('treatment-caveat');
    await expect(caveat).toBeVisible();
    await expect(caveat).toContainText(CAVEAT[language]);
    const select = app.byTestId('treatment-select');
    expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'race', 'smoke', 'ht', 'ui']);

    // choosing smoke: the patient's options at once, the cohort's after the bootstrap (200 refits)
    await select.selectOption('smoke');
    const table = app.byTestId('treatment-table');
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const difference = app.byTestId('treatment-difference');
    await expect(difference).toBeVisible({ timeout: 60_000 });
    expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-level')))).sort()).toEqual(['0', '1']);

    // one patient: the form starts at the reference patient, a non-smoker; the risk under "0" is the patient's risk
    const own = table.locator('tr[data-actual="true"]');
    await expect(own).toHaveAttribute('data-level', '0');
    const patientRisk = await numberAttr(app.byTestId('predicted-risk'), 'data-value');
    expect(await numberAttr(own, 'data-risk')).toBeCloseTo(patientRisk, 12);
    const smoker = table.locator('tr[data-level="1"]');
    const smokerRisk = await numberAttr(smoker, 'data-risk');
    expect(await numberAttr(smoker, 'data-difference')).toBeCloseTo(smokerRisk - patientRisk, 12);
    // ranked from the lowest risk: in these data smoking goes with a higher risk
    expect(smokerRisk).toBeGreaterThan(patientRisk);
    await expect(rows.first()).toHaveAttribute('data-rank', '1');
    await expect(rows.first()).toHaveAttribute('data-level', '0');

    // the cohort: standardized risks, and their difference (1 against the reference 0, the most common) with its interval
    const std0 = await numberAttr(table.locator('tr[data-level="0"]'), 'data-standardized-risk');
    const std1 = await numberAttr(smoker, 'data-standardized-risk');
    await expect(difference).toHaveAttribute('data-option', '1');
    await expect(difference).toHaveAttribute('data-reference', '0');
    const value = await numberAttr(difference, 'data-value');
    expect(value).toBeCloseTo(std1 - std0, 12);
    const low = await numberAttr(difference, 'data-ci-low');
    const high = await numberAttr(difference, 'data-ci-high');
    expect(low).toBeLessThan(value);
    expect(high).toBeGreaterThan(value);
    expect(value).toBeGreaterThan(0);
    await expect(app.byTestId('treatment-method')).toContainText('200');

    // the patient starts smoking: the own option moves, the cohort's figures stay
    await page.locator('[data-testid=predict-input][data-feature="smoke"]').fill('1');
    await expect(table.locator('tr[data-actual="true"]')).toHaveAttribute('data-level', '1');
    await expect(table.locator('tr[data-level="0"]')).toHaveAttribute('data-difference', /^-/);
    expect(await numberAttr(smoker, 'data-standardized-risk')).toBe(std1);
    await app.byTestId('treatment-panel').scrollIntoViewIfNeeded();
    await app.screenshot(`treatment-${language}`);
    await app.byTestId('treatment-panel').screenshot({ path: `e2e/screenshots/treatment-panel-${language}.png` });

    // a categorical treatment: three options, and the warning that one of them has few events
    await select.selectOption('race');
    await expect(rows).toHaveCount(3);
    await expect(table.locator('tr[data-level="black"]')).toHaveAttribute('data-standardized-risk', /\d/, { timeout: 60_000 });
    const warnings = app.byTestId('treatment-warning');
    await expect(warnings.first()).toBeVisible();
    await expect(app.byTestId('treatment-warning').and(page.locator('[data-kind="few-events"][data-level="black"]'))).toBeVisible();
    // the difference shown is the one the user picks
    await app.byTestId('treatment-compared').selectOption({ label: 'black' });
    await app.byTestId('treatment-reference').selectOption({ label: 'white' });
    await expect(difference).toHaveAttribute('data-option', 'black');
    await expect(difference).toHaveAttribute('data-reference', 'white');
    const black = await numberAttr(table.locator('tr[data-level="black"]'), 'data-standardized-risk');
    const white = await numberAttr(table.locator('tr[data-level="white"]'), 'data-standardized-risk');
    expect(await numberAttr(difference, 'data-value')).toBeCloseTo(black - white, 12);
    await app.byTestId('treatment-panel').screenshot({ path: `e2e/screenshots/treatment-panel-race-${language}.png` });
    // the panel passes axe-core (WCAG A and AA): no serious or critical violation
    const axe = await new AxeBuilder({ page }).include('[data-testid=treatment-panel]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // the report carries the comparison, its caveat and the difference chosen
    const report = await app.download(() => app.byTestId('report-download').click());
    expect(report.text).toContain('data-testid="report-treatment"');
    expect(report.text).toContain(CAVEAT[language]);
    const reported = report.text.match(/data-testid="report-treatment-difference" data-value="([^"]+)"/);
    expect(Number(reported?.[1])).toBeCloseTo(black - white, 12);
    await app.screenshotHtml(`treatment-report-${language}`, report.text);

    // none: the comparison goes, the caveat stays
    await select.selectOption('');
    await expect(table).toHaveCount(0);
    await expect(caveat).toBeVisible();
  });
}
