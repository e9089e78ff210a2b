import { test, expect } from './support';

test('the build runs from a subpath of a plain static server', async ({ app, page, request, baseURL }) => {
  const url = new URL(baseURL as string);
  expect(url.pathname).toBe('/tools/app/');
  // nothing is served at the server root: every asset must be found relative to the subpath
  expect((await request.get(new URL('/', url).href)).status()).toBe(404);
  await app.open();
  const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(new URL(s).pathname.startsWith('/tools/app/')).toBe(true);
  await app.loadSample('pima');
  await app.train();
  await expect(app.byTestId('chart-feature-weights').locator('svg').first()).toBeVisible();
});

test('the server answers 400 to a malformed URL, and goes on serving', async ({ request, baseURL }) => {
  const bad = await request.get(`${baseURL}%E0%A4%A`);
  expect(bad.status()).toBe(400);
  expect((await request.get(baseURL as string)).status()).toBe(200);
});
