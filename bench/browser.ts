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
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BrowserResult, JourneyPhases } from './types';
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
    await watchJourney(page, rows, basename(csv));
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
    // every deferred part of the results mounted (the charts, the tables, the patient form)
    await page.waitForFunction(() => (window as unknown as { __journey: JourneyMarks }).__journey.complete !== null, undefined, { polling: 250, timeout: 60_000 });
    await page.waitForTimeout(1500);
    const phases = await journeyPhases(page, log);
    const measured = { longTasks: await longTasks(page), gap: Math.round((await longestFrameGap(page)).gap) };
    const outcome = await byId('target-select').inputValue();
    const auc = await byId('metric-auc').getAttribute('data-value');
    if (measured.longTasks.some((d) => d > 50)) log(`  browser: what ran in the frames that blocked: ${JSON.stringify(await longFrames(page))}`);
    log(`  browser: results after ${((t3 - t2) / 1000).toFixed(1)} s of training (outcome ${outcome}, test AUC ${Number(auc).toFixed(4)}); long tasks ${JSON.stringify(measured.longTasks)}, longest frame gap ${measured.gap} ms`);
    return {
      rows,
      ok: true,
      chromium: browser.version(),
      // from the page's own clock where the journey's marks are there (the file's change event, the click), else the test's
      loadSeconds: phases ? phases.load.total : (t1 - t0) / 1000,
      trainSeconds: phases ? phases.train.total : (t3 - t2) / 1000,
      ...(phases ? { phases } : {}),
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

/** Page-side times (performance.now()) of the journey's moments, set by watchJourney's listeners. */
interface JourneyMarks {
  /** The file input's change event: the page has the file. */
  file: number | null;
  /** The profile of the file on screen (the data step's summary with its row count and name). */
  loaded: number | null;
  /** The click on "Train model". */
  click: number | null;
  /** The results on screen: the status says finished and the test metrics are there. */
  metrics: number | null;
  /** The end of the results page: the patient form is there too (it mounts a dozen frames after the metrics). */
  results: number | null;
  /** Every deferred part of the results mounted (no placeholder left). */
  complete: number | null;
}

/**
 * Listens in the page for the journey's moments: the file chosen, its profile on screen, the click on "Train
 * model", the results on screen and complete. A MutationObserver checks after each DOM change (a few
 * querySelector calls), so the times are those of React's commits, not of a polling interval.
 */
async function watchJourney(page: Page, rows: number, fileName: string): Promise<void> {
  await page.evaluate(
    ([rows, fileName]) => {
      const j: JourneyMarks = { file: null, loaded: null, click: null, metrics: null, results: null, complete: null };
      (window as unknown as { __journey: JourneyMarks }).__journey = j;
      const el = (id: string) => document.querySelector(`[data-testid="${id}"]`);
      document.addEventListener('change', (e) => {
        if (j.file === null && (e.target as Element).matches('[data-testid="file-input"]')) j.file = performance.now();
      }, true);
      document.addEventListener('click', (e) => {
        if (j.loaded !== null && j.click === null && (e.target as Element).closest('[data-testid="train-button"]')) j.click = performance.now();
      }, true);
      const check = () => {
        const now = performance.now();
        if (j.file !== null && j.loaded === null) {
          const s = el('dataset-summary');
          if (s?.getAttribute('data-rows') === String(rows) && (s.textContent ?? '').includes(fileName)) j.loaded = now;
        }
        const finished = j.click !== null && /finished|完成/.test(el('status')?.textContent ?? '');
        if (finished && j.metrics === null && el('metric-auc')) j.metrics = now;
        if (finished && j.results === null && el('predict-form')) j.results = now;
        if (j.results !== null && j.complete === null && !document.querySelector('.chart-placeholder')) {
          j.complete = now;
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    [rows, fileName] as const,
  );
}

/**
 * The journey split into its phases, from the page's marks (watchJourney, and the app's "cmlw:call:…" /
 * "cmlw:result:…" user-timing marks around each engine call) and the engine worker's (a mark where each task and
 * each of its stages starts, "cmlw:file-read": the time the worker waited for the file's bytes). Both clocks are
 * turned into the same absolute time with their performance.timeOrigin. Null if a mark is missing.
 */
async function journeyPhases(page: Page, log: (s: string) => void): Promise<JourneyPhases | null> {
  type Entry = [string, number, number];
  const pageSide = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    journey: (window as unknown as { __journey: JourneyMarks }).__journey,
    entries: performance.getEntries().filter((e) => e.name.startsWith('cmlw:')).map((e): Entry => [e.name, e.startTime, e.duration]),
  }));
  // the engine worker: the one with the app's marks
  let workerSide: { origin: number; entries: Entry[] } | null = null;
  for (const worker of page.workers()) {
    const side = await worker.evaluate(() => ({
      origin: performance.timeOrigin,
      entries: performance.getEntries().filter((e) => e.name.startsWith('cmlw:')).map((e): [string, number, number] => [e.name, e.startTime, e.duration]),
    }));
    if (side.entries.length > 0) workerSide = side;
  }
  if (!workerSide) {
    log('  browser: no worker with the app\'s marks: the journey is not split into phases');
    return null;
  }
  const j = pageSide.journey;
  // absolute times (ms since the epoch, sub-millisecond): the last entry of each name is the measured run's
  const last = (side: { origin: number; entries: Entry[] }, name: string, after = 0): number | null => {
    const hits = side.entries.filter((e) => e[0] === `cmlw:${name}` && side.origin + e[1] >= after);
    return hits.length > 0 ? side.origin + hits[hits.length - 1][1] : null;
  };
  const at = (t: number | null) => (t === null ? null : pageSide.origin + t);
  const file = at(j.file), loaded = at(j.loaded), click = at(j.click), metrics = at(j.metrics), results = at(j.results), complete = at(j.complete);
  if (file === null || loaded === null || click === null || metrics === null || results === null || complete === null) {
    log(`  browser: the page's journey marks are incomplete (${JSON.stringify(j)}): not split into phases`);
    return null;
  }
  const engine = workerSide;
  const w = (name: string, after: number) => last(engine, name, after);
  const p = (name: string, after: number) => last(pageSide, name, after);
  const loadRun = w('run:read', file), parse = w('stage:parse', file), typing = w('stage:profile', file), summarize = w('summarize', file), loadEnd = w('end:read', file), loadResult = p('result:load', file);
  const trainRun = w('run:prepare', click), prepare = w('stage:prepare', click), fit = w('stage:train', click), evaluate = w('stage:evaluate', click), trainEnd = w('end:prepare', click), trainResult = p('result:train', click);
  const marks = [loadRun, parse, typing, summarize, loadEnd, loadResult, trainRun, prepare, fit, evaluate, trainEnd, trainResult];
  if (marks.some((m) => m === null)) {
    const names = ['run:read', 'stage:parse', 'stage:profile', 'summarize', 'end:read', 'result:load', 'run:prepare', 'stage:prepare', 'stage:train', 'stage:evaluate', 'end:prepare', 'result:train'];
    log(`  browser: marks missing: ${names.filter((_, k) => marks[k] === null).join(', ')}: not split into phases`);
    return null;
  }
  const s = (a: number | null, b: number | null) => ((b as number) - (a as number)) / 1000;
  const fileRead = engine.entries.filter((e) => e[0] === 'cmlw:file-read' && engine.origin + e[1] + e[2] >= file);
  return {
    load: {
      total: s(file, loaded),
      toWorker: s(file, loadRun),
      parse: s(loadRun, typing),
      fileRead: fileRead.length > 0 ? fileRead[fileRead.length - 1][2] / 1000 : null,
      typing: s(typing, summarize),
      profile: s(summarize, loadEnd),
      toPage: s(loadEnd, loadResult),
      render: s(loadResult, loaded),
    },
    train: {
      total: s(click, metrics),
      toWorker: s(click, trainRun),
      prepare: s(trainRun, fit),
      fit: s(fit, evaluate),
      evaluate: s(evaluate, trainEnd),
      toPage: s(trainEnd, trainResult),
      render: s(trainResult, metrics),
      patientForm: s(click, results),
      complete: s(click, complete),
    },
  };
}