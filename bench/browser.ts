/**
 * The app itself, in Debian's Chromium, on a cohort file: the built dist/ served under a subpath by
 * scripts/serve.mjs, the file handed to the file picker by path, then "Train model" with the defaults
 * (logistic regression, C = 1, stratified 80/20 split) except missing values filled with the mean.
 * Measures the main thread from the file to the results: every task over 50 ms (PerformanceObserver
 * 'longtask'), the longest gap between animation frames, and the wall-clock time to the profile and
 * to the results. Before measuring, a sample is loaded and trained once so that the first charts'
 * code is compiled (a user's second dataset is the common case).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserResult } from './types';
import { longestFrameGap, longFrames, longTasks, startFrameMeter, startLongTaskObserver } from '../e2e/perf/meters';

const BASE = '/tools/app/';
const PORT = 4391;
const CANDIDATES = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

async function waitForServer(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`the static server did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runBrowser(root: string, csv: string, rows: number, log: (s: string) => void): Promise<BrowserResult> {
  const executablePath = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) return { rows, ok: false, error: 'no Chromium (install Debian\'s chromium, or set CHROMIUM)' };
  if (!existsSync(join(root, 'dist', 'index.html'))) return { rows, ok: false, error: 'no dist/ (npm run bench builds it)' };
  // imported here, not at the top: bench.js is also the child that measures our memory, and Playwright
  // loaded at start would add ~55 MB to that child's RSS
  const { chromium } = await import('@playwright/test');
  const server = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--dir', join(root, 'dist'), '--port', String(PORT), '--base', BASE], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${PORT}${BASE}`;
  const browser = await chromium.launch({
    executablePath,
    args: ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1', '--disable-gpu', '--disable-quic'],
  });
  try {
    await waitForServer(url, 30);
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const byId = (id: string) => page.locator(`[data-testid="${id}"]`);
    // waits by a cheap check every 250 ms: Playwright's retrying expect() would build aria snapshots on the main thread
    const until = (check: 'loaded' | 'trained', minutes: number) =>
      page.waitForFunction(
        ([check, rows]) => {
          const el = (id: string) => document.querySelector(`[data-testid="${id}"]`);
          if (el('error-message')) return true;
          if (check === 'loaded') return el('dataset-summary')?.getAttribute('data-rows') === String(rows);
          return /finished|完成/.test(el('status')?.textContent ?? '') && el('predict-form') !== null;
        },
        [check, rows] as const,
        { polling: 250, timeout: minutes * 60_000 },
      );
    await page.goto(url);
    await byId('sample-pima').click();
    await byId('dataset-summary').waitFor();
    await byId('train-button').click();
    await byId('predict-form').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);

    await startFrameMeter(page);
    await startLongTaskObserver(page);
    const t0 = Date.now();
    await byId('file-input').setInputFiles(csv);
    await until('loaded', 10);
    const t1 = Date.now();
    if ((await byId('error-message').count()) > 0) throw new Error(`the app reported: ${await byId('error-message').innerText()}`);
    log(`  browser: profile of ${rows} rows shown after ${((t1 - t0) / 1000).toFixed(1)} s`);
    await page.waitForTimeout(1000);
    // fill missing values with the training mean (as ours.ts and scikit-learn do here): all rows are used,
    // where the default (drop rows with a missing value) would keep the ~21% complete ones
    await byId('missing-select').selectOption('mean');
    const t2 = Date.now();
    await byId('train-button').click();
    await until('trained', 20);
    const t3 = Date.now();
    if ((await byId('error-message').count()) > 0) throw new Error(`the app reported: ${await byId('error-message').innerText()}`);
    await page.waitForTimeout(1500);
    const measured = { longTasks: await longTasks(page), gap: Math.round((await longestFrameGap(page)).gap) };
    const outcome = await byId('target-select').inputValue();
    const auc = await byId('metric-auc').getAttribute('data-value');
    if (measured.longTasks.some((d) => d > 50)) log(`  browser: what ran in the frames that blocked: ${JSON.stringify(await longFrames(page))}`);
    log(`  browser: results after ${((t3 - t2) / 1000).toFixed(1)} s of training (outcome ${outcome}, test AUC ${Number(auc).toFixed(4)}); long tasks ${JSON.stringify(measured.longTasks)}, longest frame gap ${measured.gap} ms`);
    return {
      rows,
      ok: true,
      chromium: browser.version(),
      loadSeconds: (t1 - t0) / 1000,
      trainSeconds: (t3 - t2) / 1000,
      longTasks: measured.longTasks,
      longestFrameGapMs: measured.gap,
      outcome,
      testAuc: Number(auc),
    };
  } catch (e) {
    return { rows, ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    await browser.close();
    server.kill();
    // let Node reap Chromium and the server, so their CPU time counts as ours in the disturbance check
    await new Promise((r) => setTimeout(r, 1000));
  }
}
