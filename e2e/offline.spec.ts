import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from './support';

test('after one visit the app loads and works with the network cut', async ({ app, page, context }) => {
  await app.open();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // the service worker has precached the app and the samples
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await app.loadSample('wdbc');
  await app.train();
  expect(await app.metric('metric-accuracy')).toBeGreaterThan(0.9);
  await context.setOffline(false);
});

/** A second server on a copy of the build, so the test can publish a "new version" without touching dist/. */
function serveCopy(port: number): { dir: string; server: ChildProcess } {
  const dir = mkdtempSync(join(tmpdir(), 'cmlw-update-'));
  cpSync('dist', dir, { recursive: true });
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dir, '--port', String(port), '--base', '/app/'], { stdio: 'ignore' });
  return { dir, server };
}

test('a new version waits for the user: the update banner, never a silent swap', async ({ browser }) => {
  const port = 4391;
  const { dir, server } = serveCopy(port);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const url = `http://127.0.0.1:${port}/app/`;
    await expect.poll(async () => (await fetch(url).catch(() => null))?.status ?? 0, { timeout: 10_000 }).toBe(200);
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    // publish a new version: any change to the service worker script makes the browser install it
    writeFileSync(join(dir, 'sw.js'), `${readFileSync(join(dir, 'sw.js'), 'utf8')}\n// new version\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByTestId('update-banner')).toBeVisible();
    // the page was not reloaded behind the user's back
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  } finally {
    await context.close();
    server.kill();
  }
});
