import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Workbench } from './support';
import type { Page } from '@playwright/test';

/** axe-core on the whole page: no serious or critical violation (WCAG 2.0/2.1/2.2 A and AA rules). */
async function expectAccessible(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, `axe violations on ${screen}`).toEqual([]);
}

async function everyStep(app: Workbench, page: Page, lang: string) {
  await expectAccessible(page, `${lang} empty`);
  await app.loadSample('pima');
  // the data and de-identification panels mount a few frames after the summary
  await expect(app.byTestId('deid-button')).toBeVisible();
  await expectAccessible(page, `${lang} loaded`);
  await app.byTestId('cv-select').selectOption('5');
  await app.train();
  await expect(app.byTestId('predict-form')).toBeVisible(); // the last panel to mount
  await expect(app.byTestId('chart-feature-weights').locator('svg').first()).toBeVisible();
  await expectAccessible(page, `${lang} trained`);
  await page.locator('[data-testid=modifiable-toggle]').first().check();
  await expectAccessible(page, `${lang} what-if`);
  await app.byTestId('compare-button').click();
  await expect(app.byTestId('comparison-table')).toBeVisible();
  await page.waitForTimeout(300);
  await expectAccessible(page, `${lang} compared`);
  await app.uploadFile('bad.csv', Buffer.alloc(0));
  await app.expectError('empty-file');
  await expectAccessible(page, `${lang} error`);
}

test('every step of the flow passes axe-core in English', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await everyStep(app, page, 'en');
});

test('every step of the flow passes axe-core in Chinese', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.byTestId('language-select').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await everyStep(app, page, 'zh-CN');
});

test('the whole flow works by keyboard alone, with a visible focus', async ({ app, page }) => {
  test.setTimeout(90_000);
  await app.open();
  /** Presses Tab until the element with this test id has the focus (at most `limit` times). */
  const tabTo = async (testId: string, limit = 120) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
    }
    throw new Error(`Tab never reached ${testId}`);
  };
  const focusVisible = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const label = el.closest('label');
    const outline = (s: CSSStyleDeclaration) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return outline(style) || (label ? outline(getComputedStyle(label)) : false) || style.boxShadow !== 'none';
  });
  await tabTo('sample-pima');
  expect(await focusVisible()).toBe(true);
  await page.keyboard.press('Enter');
  await app.expectLoaded(768, 9);
  await tabTo('missing-select');
  await page.keyboard.press('ArrowDown'); // fill with the training mean
  await tabTo('train-button');
  expect(await focusVisible()).toBe(true);
  await page.keyboard.press('Enter');
  await expect(app.byTestId('metric-accuracy')).toBeVisible();
  await expect(page.locator('#step-results')).toBeFocused();
  await tabTo('threshold-input');
  await page.keyboard.press('ArrowRight');
  await expect(app.byTestId('confusion-matrix').locator('caption')).toContainText('0.51');
  await tabTo('predict-input');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await expect(app.byTestId('predicted-risk')).toBeVisible();
  // the file picker is reachable too (the drop zone's button equivalent)
  await page.keyboard.press('Shift+Tab');
  await page.evaluate(() => window.scrollTo(0, 0));
  await tabTo('file-input', 200);
  expect(await focusVisible()).toBe(true);
});
