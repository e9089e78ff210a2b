import { test, expect } from './support';

test('when the engine dies, the page says so and the file loads again without a page reload', async ({ app, page }) => {
  await page.goto('./#e2e-diagnostics');
  await app.uploadFile('cohort.csv', 'age,sex,y\n50,F,yes\n60,M,no\n55,F,no\n70,M,yes\n65,F,yes\n45,M,no\n52,F,no\n68,M,yes\n59,F,no\n61,M,yes\n');
  await app.expectLoaded(10, 3);
  await page.evaluate(() => (window as unknown as { __cmlwCrashEngine: () => void }).__cmlwCrashEngine());
  await app.expectError('worker-crashed');
  await expect(app.byTestId('dataset-summary')).toHaveCount(0);
  await app.byTestId('reload-file').click();
  await app.expectLoaded(10, 3);
  await app.train();
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
});
