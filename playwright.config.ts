import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's Chromium (or $CHROMIUM): Playwright's own browser downloads are not possible here. */
const executablePath = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

const PORT = Number(process.env.E2E_PORT ?? 4319);
/** The app is served under a subpath, as on a hospital intranet, for every test. */
export const BASE_PATH = '/tools/app/';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    viewport: { width: 1360, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        // no background look-ups of Google hosts: the only host this browser may reach is localhost
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
        '--disable-gpu',
        '--disable-quic',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /\/e2e\/perf\// },
    // timing-sensitive journeys run alone, after the rest, so another test's CPU use does not count against them
    { name: 'perf', use: { browserName: 'chromium' }, testMatch: /\/e2e\/perf\/[^/]*\.spec\.ts$/, dependencies: ['chromium'], fullyParallel: false, workers: 1 },
  ],
  webServer: {
    command: `node scripts/serve.mjs --dir dist --port ${PORT} --base ${BASE_PATH}`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
  },
});
