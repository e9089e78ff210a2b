import { readFileSync } from 'node:fs';
import { test, expect, overlappingChartText } from './support';
import type { Page } from '@playwright/test';

/** Elements whose text is wider than their box (clipped or spilling), as "tag.class: text". */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, label, th, legend, .metric-label, .metric-value, h1, h2, h3, option, .chip, .type, .phi')) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto') out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
    }
    return out;
  });
}

test('in Chinese, a Chinese-headed GBK file goes through the flow and nothing overflows', async ({ app, page }) => {
  await app.open();
  await app.byTestId('language-select').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(await overflowing(page)).toEqual([]);
  await app.screenshot('zh-01-empty');
  await app.dropFile('门诊导出.csv', readFileSync('e2e/fixtures/gbk-semicolon.csv'));
  await app.expectLoaded(60, 5);
  await expect(app.byTestId('profile-table').locator('tr[data-column="性别"]')).toHaveAttribute('data-type', 'binary');
  expect(await overflowing(page)).toEqual([]);
  await app.screenshot('zh-02-loaded');
  await app.train();
  await page.waitForTimeout(400);
  // numbers are formatted for the chosen locale, data attributes stay machine-readable
  expect(Number(await app.byTestId('metric-accuracy').getAttribute('data-value'))).toBeGreaterThan(0.5);
  await expect(app.byTestId('metric-accuracy')).toContainText('%');
  expect(await overflowing(page)).toEqual([]);
  expect(await overlappingChartText(page)).toEqual([]);
  await app.screenshot('zh-03-trained');
  await app.uploadFile('空.csv', Buffer.alloc(0));
  await app.expectError('empty-file');
  await expect(app.byTestId('error-message')).not.toContainText('The file is empty');
  await app.screenshot('zh-04-error', false);
});
