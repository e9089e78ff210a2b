import { test, expect } from './support';

const SECTIONS = ['report-flow', 'report-characteristics', 'report-equation', 'report-tripod', 'chart-forest', 'report-nomogram'];

for (const language of ['en', 'zh-CN'] as const) {
  test(`the downloaded report holds every TRIPOD+AI section (${language})`, async ({ app, page }) => {
    test.setTimeout(90_000);
    await app.open();
    if (language === 'zh-CN') await app.byTestId('language-select').selectOption('zh-CN');
    await app.loadSample('pima');
    await app.byTestId('model-select').selectOption('logreg-mle');
    await app.train();
    await app.byTestId('odds-ratio-table').locator('tr[data-feature="age"] [data-testid=or-increment-input]').fill('10');
    await app.byTestId('bootstrap-input').fill('20');
    await app.byTestId('validate-button').click();
    await expect(app.byTestId('validation-table')).toBeVisible();
    // the author's description, with markup that must stay text
    await app.byTestId('describe-model').locator('summary').click();
    await app.byTestId('describe-population').fill('Pima women aged 21+ <b>near Phoenix</b>');
    await app.byTestId('describe-source').fill('NIDDK cohort (UCI repository)');
    await app.byTestId('describe-save').click();
    await expect(app.byTestId('describe-model').getByRole('status')).toBeVisible();

    const report = await app.download(() => app.byTestId('report-download').click());
    for (const id of SECTIONS) expect(report.text, id).toContain(`data-testid="${id}"`);
    expect(report.text).not.toContain('<script');
    expect(report.text).not.toContain('<b>near');
    expect(report.text).toContain('&lt;b&gt;near Phoenix&lt;/b&gt;');
    // the appendix lists every item, 1 to 27, and says which ones the author completes
    const items = [...report.text.matchAll(/data-item="(\d+)[a-z]?"/g)].map((m) => Number(m[1]));
    expect(new Set(items)).toEqual(new Set(Array.from({ length: 27 }, (_, k) => k + 1)));
    expect(report.text).toMatch(/data-author="true"/);
    // the bootstrap's figures and the increment the user set
    expect(report.text).toContain(language === 'en' ? 'Bootstrap optimism correction' : '自助法乐观度校正');
    expect(report.text).toContain(language === 'en' ? 'per 10 units' : '每 10 个单位');
    // the equation carries the intercept and a coefficient per design column
    const terms = [...report.text.matchAll(/data-term="([^"]+)" data-coef="([^"]+)"/g)];
    expect(terms.map((m) => m[1])).toEqual(['(intercept)', 'pregnant', 'glucose', 'pressure', 'triceps', 'insulin', 'mass', 'pedigree', 'age']);
    for (const m of terms) expect(Number.isFinite(Number(m[2]))).toBe(true);
    // the decision curve's key is styled by the report's own stylesheet: three key lines, each drawn (a width and a
    // visible top border), not the three labels run together
    const view = await page.context().newPage();
    await view.setContent(report.text);
    const keys = await view.locator('.legend .swatch.line').evaluateAll((els) =>
      els.map((el) => ({ width: el.getBoundingClientRect().width, border: getComputedStyle(el).borderTopWidth, style: getComputedStyle(el).borderTopStyle })),
    );
    expect(keys).toEqual([
      { width: 20, border: '2px', style: 'solid' },
      { width: 20, border: '2px', style: 'dashed' },
      { width: 20, border: '2px', style: 'solid' },
    ]);
    await view.close();
    await app.screenshotHtml(`report-${language}`, report.text);
    await page.setViewportSize({ width: 1000, height: 800 });
  });
}
